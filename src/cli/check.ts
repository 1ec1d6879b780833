import { readContent } from '../pipeline/read.ts';
import { projectAll } from '../core/project/summary.ts';
import { partnerView } from '../core/project/partner-view.ts';
import { tierView } from '../core/project/view.ts';
import { validateContent, type Content, type Validated } from '../core/validate/content.ts';
import { formatProblems, formatWarnings } from '../core/validate/problem.ts';
import { table } from './table.ts';
import { parseAt, parseOptions } from './usage.ts';

/** The options of `check`, as its parser takes them. */
export const CHECK_OPTIONS = { content: { type: 'string', default: 'content' }, at: { type: 'string' } } as const;

/** `tierpress check`: validate the content and show per tier what a build would publish. */
export async function check(args: string[]): Promise<number> {
  const options = parseOptions(args, CHECK_OPTIONS);
  const at = parseAt(options.at);
  const { content, problems, warnings } = await loadContent(options.content);
  // Warnings go first and to standard error, where editors and CI pick up positions; they never fail the check.
  if (warnings.length > 0) console.error(`${formatWarnings(warnings)}\n`);
  if (!content) {
    console.error(formatProblems(problems));
    console.error(`\n${problems.length} error${problems.length === 1 ? '' : 's'} in ${options.content}; nothing would be published.`);
    return 1;
  }
  const warned = warnings.length > 0 ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : '';
  console.log(`${options.content}: ${content.advisories.length} advisories, no errors${warned}. As of ${at.text}:\n`);
  console.log(summaryTable(content, at.ms));
  if (content.partners.partners.length > 0) console.log(`\n${partnerTable(content, at.ms)}`);
  return 0;
}

/** Reads and validates a content folder, with every problem of both steps. */
export async function loadContent(dir: string): Promise<Validated> {
  const read = await readContent(dir);
  if (!read.files) return { problems: read.problems, warnings: [] };
  return validateContent(read.files);
}

function summaryTable(content: Content, at: number): string {
  const rows = content.site.tiers.map((tier) => {
    const projection = projectAll(content, tierView(content.site, tier.id), at);
    const withdrawn = projection.advisories.filter((advisory) => advisory.withdrawn).length;
    const assets = new Set(projection.advisories.flatMap((advisory) => advisory.assets)).size;
    return [tier.id, `TLP:${tier.tlp}`, projection.advisories.length, projection.hidden, withdrawn, projection.gatesRemoved, assets];
  });
  return table(['tier', 'label', 'advisories', 'not yet', 'withdrawn', 'gates removed', 'assets'], rows);
}

/** One line per partner: the view it gets after its groups, and what that view holds as of the instant. */
function partnerTable(content: Content, at: number): string {
  const rows = content.partners.partners.map((partner) => {
    const view = partnerView(content.site, content.partners, partner);
    const projection = projectAll(content, view, at);
    const limits = [view.withhold.length > 0 ? `without ${view.withhold.join(', ')}` : '', view.maxLead !== undefined ? `lead at most ${view.maxLead / 3_600_000}h` : '']
      .filter(Boolean)
      .join('; ');
    return [partner.id, view.tier.id, limits || '-', partner.recipient ? 'age' : 'tar', projection.advisories.length, projection.hidden, projection.gatesRemoved];
  });
  return table(['partner', 'view of', 'limits', 'delivery', 'advisories', 'not yet', 'gates removed'], rows);
}
