import { readContent } from '../build/read.ts';
import { projectAll } from '../core/project/summary.ts';
import { tierView } from '../core/project/view.ts';
import { validateContent, type Content } from '../core/validate/content.ts';
import { formatProblems, type Problem } from '../core/validate/problem.ts';
import { table } from './table.ts';
import { parseAt, parseOptions } from './usage.ts';

/** `tierpress check`: validate the content and show per tier what a build would publish. */
export async function check(args: string[]): Promise<number> {
  const options = parseOptions(args, { content: { type: 'string', default: 'content' }, at: { type: 'string' } });
  const at = parseAt(options.at);
  const { content, problems } = await loadContent(options.content);
  if (!content) {
    console.error(formatProblems(problems));
    console.error(`\n${problems.length} error${problems.length === 1 ? '' : 's'} in ${options.content}; nothing would be published.`);
    return 1;
  }
  console.log(`${options.content}: ${content.advisories.length} advisories, no errors. As of ${at.text}:\n`);
  console.log(summaryTable(content, at.ms));
  return 0;
}

/** Reads and validates a content folder, with every problem of both steps. */
export async function loadContent(dir: string): Promise<{ content?: Content; problems: Problem[] }> {
  const read = await readContent(dir);
  if (!read.files) return { problems: read.problems };
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
