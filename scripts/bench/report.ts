// Turns the bench's measurements into figures: per-stage rows, the four target ratios, and the
// plain-text and Markdown tables that show them.
import { table } from '../../src/cli/table.ts';
import type { Corpus } from './corpus.ts';
import type { ReferenceRun } from './reference-build.ts';
import type { TierpressRun } from './tierpress-build.ts';

/** Everything measured for one corpus size. */
export interface SizeResult {
  corpus: Corpus;
  tierpress: TierpressRun;
  /** The same build again, with the cache the first one filled, after one advisory changed. */
  warm?: TierpressRun;
  reference?: ReferenceRun;
}

type Row = Array<string | number>;

const MIB = 1024 * 1024;
const mb = (bytes: number) => Math.round(bytes / MIB);
const fixed = (value: number, digits: number) => Number(value.toFixed(digits));
const rate = (count: number, seconds: number) => Math.round(count / seconds);

/** The columns of `stageRows`. */
export const STAGE_HEADER = ['stage', 'seconds', 'advisories/s', 'peak MiB', 'process'];

/** One row per stage and process: seconds, throughput and the peak memory of the process doing it. */
export function stageRows({ corpus, tierpress, warm, reference }: SizeResult): Row[] {
  const { report, outside } = tierpress;
  const n = corpus.advisories;
  const main = mb(report.maxRss);
  const rows: Row[] = [
    ['parse + validate', fixed(report.parseSeconds, 2), rate(n, report.parseSeconds), main, 'main (peak of whole run)'],
    ['project all views', fixed(report.projectSeconds, 2), rate(n, report.projectSeconds), main, 'main (peak of whole run)'],
  ];
  // Each view is rendered and indexed in its own process, two at a time; the audit and the
  // sealing of its bundles run afterwards in the main process, on its one thread.
  for (const r of report.renders) rows.push([`render ${r.view}`, fixed(r.renderSeconds, 1), rate(r.advisories, r.renderSeconds), mb(r.maxRss), `render process ${r.view}`]);
  for (const r of report.renders) rows.push([`index ${r.view}`, fixed(r.indexSeconds, 1), rate(r.advisories, r.indexSeconds), mb(r.pagefindPeak), `pagefind of ${r.view}`]);
  for (const r of report.renders) rows.push([`audit ${r.view}`, fixed(r.auditSeconds, 1), rate(r.advisories, r.auditSeconds), main, 'main (peak of whole run)']);
  for (const b of report.bundles) rows.push([`derive + seal ${b.name}`, fixed(b.seconds, 1), rate(b.advisories, b.seconds), main, 'main (peak of whole run)']);
  for (const r of report.renders) rows.push([`view ${r.view}, all of it`, fixed(r.seconds, 1), rate(r.advisories, r.seconds), Math.max(mb(r.maxRss), main), 'render process and main']);
  rows.push(['whole build (report)', fixed(report.seconds, 1), rate(n, report.seconds), main, 'main, self-reported']);
  rows.push(['whole build (outside)', fixed(outside.seconds, 1), rate(n, outside.seconds), mb(outside.maxRss), 'largest process of the tree (GNU time)']);
  if (warm) {
    const { report: again, outside: warmOutside } = warm;
    rows.push(['warm: parse + validate', fixed(again.parseSeconds, 2), rate(n, again.parseSeconds), mb(again.maxRss), `main (${again.parsed.parsed} parsed, ${again.parsed.reused} from the cache)`]);
    rows.push(['warm: project + proof', fixed(again.projectSeconds, 2), rate(n, again.projectSeconds), mb(again.maxRss), 'main']);
    for (const r of again.renders) {
      const scans = `${r.auditScans.scanned} scanned, ${r.auditScans.cached} from the cache`;
      rows.push([`warm: audit ${r.view}`, fixed(r.auditSeconds, 1), rate(r.advisories, r.auditSeconds), mb(again.maxRss), `main (${scans})`]);
    }
    rows.push(['warm rebuild, one advisory changed', fixed(warmOutside.seconds, 1), rate(n, warmOutside.seconds), mb(warmOutside.maxRss), 'largest process of the tree (GNU time)']);
  }
  if (reference) rows.push(['reference Astro build', fixed(reference.seconds, 1), rate(n, reference.seconds), mb(reference.maxRss), 'astro build (GNU time)']);
  return rows;
}

/** The columns of `targetRows`. */
export const TARGET_HEADER = ['target', 'measured', 'goal', 'met'];

/** The product owner's four targets, computed on one corpus size (the bench uses its largest). */
export function targetRows({ corpus, tierpress, warm, reference }: SizeResult): Row[] {
  const { report, outside } = tierpress;
  const front = corpus.advisories / (report.parseSeconds + report.projectSeconds);
  const parse = corpus.advisories / report.parseSeconds;
  const rows: Row[] = [
    ['(1) parse + validate, cold, advisories/s', Math.round(parse), '>= 2000', parse >= 2000 ? 'yes' : 'no'],
    ['(1) parse + validate + project all tiers (+ proof), cold, advisories/s', Math.round(front), '>= 2000', front >= 2000 ? 'yes' : 'no'],
  ];
  if (!reference) return rows;
  const largest = report.renders.reduce((a, b) => (b.advisories > a.advisories ? b : a));
  const render = largest.renderSeconds / reference.seconds;
  const whole = outside.seconds / reference.seconds;
  rows.push([`(2) render ${largest.view} / reference build`, fixed(render, 2), '<= 1.25', render <= 1.25 ? 'yes' : 'no']);
  rows.push(['(3) whole build, all tiers + search / reference build', fixed(whole, 2), '<= 3', whole <= 3 ? 'yes' : 'no']);
  if (warm) {
    const again = warm.outside.seconds / reference.seconds;
    rows.push(['(5) warm rebuild after one advisory changed / reference build', fixed(again, 2), '<= 0.5', again <= 0.5 ? 'yes' : 'no']);
  }
  const processes: Array<[string, number]> = [
    ['main', report.maxRss],
    ...report.renders.map((r): [string, number] => [`render ${r.view}`, r.maxRss]),
    ...report.renders.map((r): [string, number] => [`pagefind ${r.view}`, r.pagefindPeak]),
  ];
  for (const [name, bytes] of processes) {
    const ratio = bytes / reference.maxRss;
    rows.push([`(4) peak memory ${name} / reference`, fixed(ratio, 2), '<= 1', ratio <= 1 ? 'yes' : 'no']);
  }
  return rows;
}

/** The figures of every size and the targets of the largest, as plain text for the terminal. */
export function plainReport(results: SizeResult[]): string {
  const parts = results.map((result) => `${heading(result)}\n\n${table(STAGE_HEADER, stageRows(result))}\n\n${crossCheck(result)}`);
  const last = results.at(-1);
  if (last) parts.push(`Targets on ${last.corpus.advisories.toLocaleString('en')} advisories:\n\n${table(TARGET_HEADER, targetRows(last))}`);
  return parts.join('\n\n');
}

/** A Markdown table. */
export function markdownTable(header: string[], rows: Row[]): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (rows.every((row) => typeof row[i] === 'number') ? '---:' : '---'))), ...rows.map(line)].join('\n');
}

/** The size, corpus bytes and whether it was reused. */
export function heading({ corpus }: SizeResult): string {
  const kb = corpus.bytes / corpus.advisories / 1024;
  return `${corpus.advisories.toLocaleString('en')} advisories (${(corpus.bytes / MIB).toFixed(1)} MiB of Markdown, ${kb.toFixed(1)} KiB each${corpus.reused ? ', corpus reused' : ''})`;
}

/**
 * Compares the main process's own peak with GNU time's, which is the largest of the main and
 * render processes: the kernel adds a child's peak to its parent's only when the parent waits
 * for it, and pagefind's service is not waited for (its render process exits first).
 */
export function crossCheck({ tierpress: { report, outside } }: SizeResult): string {
  const largest = Math.max(report.maxRss, ...report.renders.map((r) => r.maxRss));
  const pagefind = Math.max(...report.renders.map((r) => r.pagefindPeak));
  return [
    `Cross-check: main process ${mb(report.maxRss)} MiB self-reported, largest of main and render processes ${mb(largest)} MiB;`,
    `GNU time ${mb(outside.maxRss)} MiB for the whole tree (pagefind's service, up to ${mb(pagefind)} MiB, is not counted there).`,
  ].join(' ');
}
