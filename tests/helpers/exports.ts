import { join } from 'node:path';
import { readContent } from '../../src/pipeline/read.ts';
import { project, type ProjectedAdvisory } from '../../src/core/project/project.ts';
import { tierView } from '../../src/core/project/view.ts';
import { formatInstant } from '../../src/core/schema/fields.ts';
import type { Content } from '../../src/core/validate/content.ts';
import type { ExportContext } from '../../src/export/context.ts';
import { NEUTRAL_MARK } from '../../src/render/markdown-html.ts';
import { advisoryOf, validContent } from './content.ts';
import { ROOT } from './cli.ts';

/** The reference instant of the example content (content/README.md). */
export const AT = '2026-11-28T12:00:00Z';

/** Where a tier's bundle is served in tests: any absolute https URL will do, the integrator decides the real one. */
export const baseUrlOf = (tier: string) => `https://${tier}.bundles.example/`;

/** A content folder read from disk and validated, failing the test with every problem otherwise. */
export async function loadContent(dir: string): Promise<Content> {
  const read = await readContent(dir);
  if (!read.files) throw new Error(read.problems.map((p) => `${p.file}: ${p.message}`).join('\n'));
  return validContent(read.files);
}

/** The example content of `content/`. */
export const exampleContent = () => loadContent(join(ROOT, 'content'));

/** The 80 converted RustSec advisories (tests/fixtures/rustsec). */
export const rustsecContent = () => loadContent(join(ROOT, 'tests', 'fixtures', 'rustsec', 'content'));

/** One tier's projection of every advisory it sees at `at`, with the export context of its bundle. */
export interface TierExport {
  tier: string;
  advisories: ProjectedAdvisory[];
  context: ExportContext;
}

/** The export context of a tier bundle built at `at`, with the neutral mark of tier bundles. */
export function contextOf(content: Content, tierId: string, at = AT): ExportContext {
  const tier = content.site.tiers.find((candidate) => candidate.id === tierId);
  if (!tier) throw new Error(`unknown tier ${tierId}`);
  return { site: content.site, tier, at: formatInstant(Date.parse(at)), baseUrl: baseUrlOf(tier.id), mark: () => NEUTRAL_MARK };
}

/** Projects the content for every tier of its site, as the build does for tier bundles. */
export function projectTiers(content: Content, at = AT): TierExport[] {
  return content.site.tiers.map((tier) => {
    const view = tierView(content.site, tier.id);
    const advisories = content.advisories
      .map((advisory) => project(advisory, view, Date.parse(at)))
      .filter((advisory): advisory is ProjectedAdvisory => advisory !== null);
    return { tier: tier.id, advisories, context: contextOf(content, tier.id, at) };
  });
}

/**
 * One advisory written inline (frontmatter and body), projected for `tierId`
 * at `at`, with its export context: for field-mapping tests.
 */
export function projectedOf(text: string, tierId = 'public', at = AT): { advisory: ProjectedAdvisory; context: ExportContext } {
  const { advisory, content } = advisoryOf(text);
  const projected = project(advisory, tierView(content.site, tierId), Date.parse(at));
  if (!projected) throw new Error(`${tierId} does not see the advisory at ${at}`);
  return { advisory: projected, context: contextOf(content, tierId, at) };
}
