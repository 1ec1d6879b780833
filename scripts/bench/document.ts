// Writes BENCHMARKS.md from one bench run: figures, exact command, machine, source revision and
// date. A section headed "## Analysis", written by hand, is kept from the previous file.
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { PARTNER_HEADING } from './partner-report.ts';
import { crossCheck, heading, markdownTable, STAGE_HEADER, stageRows, TARGET_HEADER, targetRows, type SizeResult } from './report.ts';

/** The machine a run was made on, as BENCHMARKS.md states it. */
export function machine(): string {
  const astro = (createRequire(import.meta.url)('astro/package.json') as { version: string }).version;
  return `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB memory, Node ${process.version}, Astro ${astro}, ${process.platform} ${process.arch}`;
}

/** The commit measured, and whether src/ had uncommitted changes. */
export function revision(root: string): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout.trim();
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  return git('status', '--porcelain', '--', 'src') ? `${commit} with uncommitted changes in src/` : commit;
}

const METHOD = `Each size is a synthetic, deterministic corpus (scripts/bench/advisory.ts, seeded) that passes
\`tierpress check\`: the four tiers of the example site, gates (\`:::poc\` with code, \`:::tier{min=partner}\`,
inline \`:poc[…]\`, \`:::internal\`), partner and trusted overlays on 40 %, CVSS 2.0/3.1/4.0 vectors, twelve
products, headings, lists, tables and code; releases from 2014 to 2026, 0.3 % still embargoed and 0.5 %
drafts at the build instant; no partners.yaml, so only the four tier bundles are built.

Tierpress: \`node scripts/tierpress.ts build\`, cold (fresh staging, caches and output). Stage seconds
and the peaks of the main, render and pagefind processes come from the build's own report
(\`TIERPRESS_REPORT_FILE\`); views render two at a time (one per core), so a view's render seconds
include sharing the machine with another; audit and sealing run in the main process.
Reference: \`bench/reference\`, plain Astro with a \`glob()\` content collection over the same files,
the default Markdown engine, one page per advisory and an index, built cold with \`astro build\`.
Whole-build and reference seconds are wall time around the process; their peaks are GNU time's
maximum resident set, which for a process tree is its largest single process.
Warm rebuild: the same build again with the cache the cold build filled, after a paragraph was
appended to the newest advisory already released at the build instant (so every view shows it).`;

/** Replaces `file` with the figures of `results`, keeping its hand-written analysis. */
export async function writeBenchmarks(file: string, results: SizeResult[], context: { command: string; at: string; source: string }): Promise<void> {
  const previous = await readFile(file, 'utf8').catch(() => '');
  const analysis = previous.indexOf('\n## Analysis');
  const last = results.at(-1)!;
  const text = [
    '# Benchmarks',
    '',
    `Written by \`${context.command}\` on ${new Date().toISOString().slice(0, 10)}, build instant \`--at ${context.at}\`, source ${context.source}.`,
    '',
    `Machine: ${machine()}. The machine is shared and noisy: compare figures as ratios within one run.`,
    '',
    METHOD,
    '',
    `## Targets (${last.corpus.advisories.toLocaleString('en')} advisories)`,
    '',
    markdownTable(TARGET_HEADER, targetRows(last)),
    '',
    ...results.flatMap((result) => [`## ${heading(result)}`, '', markdownTable(STAGE_HEADER, stageRows(result)), '', crossCheck(result), '']),
  ].join('\n');
  // The analysis ends where the partner figures begin: those are written anew after this.
  const partners = previous.indexOf(`\n${PARTNER_HEADING}`, analysis);
  const kept = analysis < 0 ? '' : previous.slice(analysis, partners > analysis ? partners : undefined).replace(/\n+$/, '\n');
  await writeFile(file, `${text}${kept}`);
}
