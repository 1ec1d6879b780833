import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pMap from 'p-map';
import type { FingerprintSource, Fingerprints } from '../core/fingerprint/fingerprints.ts';
import type { AuditAllowEntry } from '../core/schema/audit-allow.ts';
import { SENTINEL_PREFIX } from '../bundle/sentinels.ts';
import type { FileHash } from '../bundle/manifest.ts';
import { listFiles } from '../util/files.ts';
import { rethrowCollected } from '../util/pool.ts';
import { decodeFile } from './decode.ts';
import type { Explainer, Window } from './explain.ts';
import { checkLayout, judgeLinks, type LayoutExpectation } from './layout.ts';
import { matchText, scanFile, type FileScan, type ScanMemo, type TextMatch } from './scan.ts';

/** Something in a bundle its view may not have. */
export interface Finding {
  /** Path below the bundle. */
  file: string;
  /** How the text was read out of the file (e.g. `gunzip > pagefind > json strings`). */
  how?: string;
  message: string;
  source?: FingerprintSource;
  /** The matching words, as found. */
  excerpt?: string;
  /** The decoded text around the match, the match in brackets. */
  context?: string;
}

/** What auditing a bundle found, and how the positive control went. */
export interface AuditResult {
  files: number;
  findings: Finding[];
  /** Size and sha256 of every file read, so sealing need not read them again. */
  hashes: Map<string, FileHash>;
  /** Files that hold mark placeholders: in a render, what each bundle fills in. */
  templates: string[];
  /** Sources of entitled content found / expected: 0 found means the scanner is blind. */
  control: { found: number; expected: number };
  /** Matches of restricted fingerprints that visible text explained (not findings). */
  explained: number;
}

/** What a bundle is audited against. */
export interface AuditPlan {
  /** Fingerprints of what the view may not see. */
  restricted: Fingerprints;
  /** Fingerprints of what the view sees and lower tiers do not: these must be found. */
  entitled: Fingerprints;
  expected: LayoutExpectation;
  /** Third-party files every bundle carries unchanged (pagefind's runtime), by path, with their sha256. */
  runtime: ReadonlyMap<string, string>;
  /** Whether what the view may see explains a match: text the pipeline put together from visible strings. */
  explainer: Explainer;
  /** The entries of content/audit-allow.yaml whose phrase was in this view's withheld text. */
  allowed: AuditAllowEntry[];
}

/** A match of a restricted fingerprint in a file, before it is known whether visible text explains it. */
interface Match extends TextMatch {
  file: string;
}

/**
 * Audits every file of a bundle, dotfiles included: its path against the
 * layout, its links, and every text it decodes to against the fingerprints
 * of what the view may not see. A match is a finding unless what the view
 * may see explains it; matches are rare, so they are collected first and
 * explained together at the end. In the same pass, counts the entitled
 * content it finds (the positive control). A `render` (the shared output
 * bundles are made from) may hold mark placeholders; a bundle may not.
 * With `scans`, a file whose path and bytes were scanned before against the
 * same fingerprint tables is not read for text again: its kept scan is
 * judged against this plan as a fresh one would be, so the result is the same.
 */
export async function auditBundle(dir: string, plan: AuditPlan, options: { render?: boolean; scans?: ScanMemo } = {}): Promise<AuditResult> {
  const files = await listFiles(dir);
  const findings: Finding[] = checkLayout(files, plan.expected);
  const matches: Match[] = [];
  const entitledFound = new Set<number>();
  const hashes = new Map<string, FileHash>();
  const templates: string[] = [];
  // Reads overlap (a bundle is tens of thousands of small files); each file is scanned as it arrives.
  const readOne = async (file: string) => {
    const bytes = await readFile(join(dir, file));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    hashes.set(file, { size: bytes.byteLength, sha256 });
    if (bytes.includes(SENTINEL_PREFIX)) templates.push(file);
    checkFile(file, bytes, sha256, plan, options.scans, { findings, matches, entitledFound }, !options.render);
  };
  await pMap(files, readOne, { concurrency: 32, stopOnError: false }).catch(rethrowCollected);
  const leaks = unexplained(matches, plan);
  findings.push(...leaks.findings);
  templates.sort();
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files: files.length, findings, hashes, templates, control: { found: entitledFound.size, expected: plan.entitled.sourceCount }, explained: leaks.explained };
}

/**
 * Audits what a bundle adds to its audited render: the values put in place
 * of its sentinels (marks, the recipient's name). Every other byte of the
 * bundle is the render's, so a value that holds nothing of the fingerprints
 * leaves the bundle as clean as the render. The recipient's name and id come
 * from partners.yaml, not from content: in its own bundle they are visible
 * text, whatever advisory also names the partner.
 */
export function auditFillValues(bundle: string, values: Iterable<string>, plan: AuditPlan, recipient?: { id: string; name: string }): Finding[] {
  const matches: Match[] = [];
  for (const value of values) {
    // Read as it is and as a page reads it (markup, entities, encodings); one finding per source for all readings.
    const found: TextMatch[] = [];
    for (const view of [{ text: value }, ...decodeFile('fill.html', Buffer.from(value))]) matchText('a filled-in mark or name', view.text, plan.restricted, found);
    matches.push(...found.map((match) => ({ file: bundle, ...match })));
  }
  return unexplained(matches, plan, recipient ? [recipient.name, recipient.id] : []).findings;
}

/** Where the checks of the files of one bundle put what they find. */
interface Collected {
  findings: Finding[];
  matches: Match[];
  entitledFound: Set<number>;
}

/**
 * Checks one file: placeholders and pagefind's runtime from its bytes, and
 * its scan (kept in `scans`, or made now and kept) judged against the plan:
 * its links against the layout, its matches and entitled sources collected.
 */
function checkFile(file: string, bytes: Buffer, sha256: string, plan: AuditPlan, scans: ScanMemo | undefined, into: Collected, final: boolean): void {
  // A render holds placeholders for marks by design; a finished bundle never does.
  if (final && bytes.includes(SENTINEL_PREFIX)) into.findings.push({ file, message: 'still holds a mark placeholder' });
  const runtime = plan.runtime.get(file);
  if (runtime !== undefined) {
    // Known bytes, not made from content: checked whole instead of read for text.
    if (sha256 !== runtime) into.findings.push({ file, message: "differs from pagefind's own runtime file of that name" });
    return;
  }
  let scan: FileScan | undefined = scans?.get(file, sha256);
  if (scan === undefined) {
    scan = scanFile(file, bytes, plan.restricted, plan.entitled);
    scans?.set(file, sha256, scan);
  }
  into.findings.push(...judgeLinks(file, scan.links, plan.expected));
  for (const match of scan.matches) into.matches.push({ file, ...match });
  for (const source of scan.entitled) into.entitledFound.add(source);
}

/**
 * The matches no visible text explains, as findings: one per file, reading
 * and source, the first found. A match on the exact identifier of an
 * advisory the view may not see is never explained. `extra` is text only
 * this bundle may show.
 */
function unexplained(matches: readonly Match[], plan: AuditPlan, extra: readonly string[] = []): { findings: Finding[]; explained: number } {
  const open = matches.filter((match) => !plan.restricted.isPinned(match.hit));
  const windows: Window[] = open.map((match) => ({ tokens: match.tokens, single: match.hit.kind === 'single' }));
  const verdicts = plan.explainer.explain(windows, extra);
  const explained = new Set(open.filter((_match, i) => verdicts[i]));
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const match of matches) {
    if (explained.has(match)) continue;
    const key = `${match.file}\0${match.how}\0${match.hit.source}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const source = plan.restricted.sources[match.hit.source]!;
    findings.push({
      file: match.file,
      how: match.how,
      message: `holds text of ${source.advisory} (${source.what}) that this view may not see`,
      source,
      excerpt: match.tokens.join(' '),
      context: match.context,
    });
  }
  return { findings, explained: explained.size };
}

/** One finding as a line a person can act on. */
export function formatFinding(finding: Finding): string {
  const where = finding.source?.line ? ` (${finding.source.file}:${finding.source.line}:${finding.source.column})` : finding.source ? ` (${finding.source.file})` : '';
  const how = finding.how ? ` [${finding.how}]` : '';
  const excerpt = finding.excerpt ? `: "${finding.excerpt}"` : '';
  return `${finding.file}${how}: ${finding.message}${where}${excerpt}`;
}
