import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { auditBundle, formatFinding } from '../audit/audit.ts';
import { auditPlan } from '../audit/plan.ts';
import { projectAll } from '../core/project/summary.ts';
import { tierView } from '../core/project/view.ts';
import { formatProblems } from '../core/validate/problem.ts';
import { pagefindRuntime } from '../index/pagefind.ts';
import { MANIFEST, type Manifest } from '../seal/manifest.ts';
import { loadContent } from './check.ts';
import { parseAt, parseArguments, UsageError } from './usage.ts';

/**
 * `tierpress audit DIR`: re-audits a built tier bundle against the current
 * content, for the tier and instant its manifest names (or --tier and --at).
 */
export async function auditCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArguments(args, {
    content: { type: 'string', default: 'content' },
    tier: { type: 'string' },
    at: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('audit takes exactly one bundle folder, e.g. npm run audit -- dist/public');
  const dir = positionals[0]!;
  let manifest: Partial<Manifest> = {};
  try {
    manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    if (!values.tier || !values.at) throw new UsageError(`${dir} has no readable ${MANIFEST}; name the bundle's --tier and --at`);
  }
  const tierId = values.tier ?? manifest.tier!;
  const at = parseAt(values.at ?? manifest.at);
  const { content, problems } = await loadContent(values.content);
  if (!content) {
    console.error(formatProblems(problems));
    return 1;
  }
  if (!content.site.tiers.some((tier) => tier.id === tierId)) throw new UsageError(`unknown tier "${tierId}" for ${values.content}`);
  const projection = projectAll(content, tierView(content.site, tierId), at.ms);
  const lowest = projectAll(content, tierView(content.site, content.site.tiers[0]!.id), at.ms);
  const plan = auditPlan(content, projection, await pagefindRuntime(), lowest);
  const result = await auditBundle(dir, plan);
  for (const finding of result.findings) console.log(formatFinding(finding));
  const control = plan.entitled.size > 0 ? `; positive control found ${result.control.found} of ${result.control.expected} entitled passages` : '';
  console.log(`${dir}: tier ${tierId} as of ${at.text}, ${result.files} files, ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}${control}.`);
  if (plan.entitled.size > 0 && result.control.found === 0) {
    console.log('The positive control found nothing this tier is entitled to: the audit cannot be trusted.');
    return 1;
  }
  return result.findings.length > 0 ? 1 : 0;
}
