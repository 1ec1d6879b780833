import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scanTokens, type FingerprintSource, type Fingerprints } from '../core/fingerprint/fingerprints.ts';
import { tokenize } from '../core/fingerprint/tokens.ts';
import { SENTINEL_PREFIX } from '../partners/sentinels.ts';
import type { FileHash } from '../seal/manifest.ts';
import { listFiles } from '../util/files.ts';
import { runPool } from '../util/pool.ts';
import { decodeFile } from './decode.ts';
import { checkLayout, checkLinks, type LayoutExpectation } from './layout.ts';

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
}

/**
 * Audits every file of a bundle, dotfiles included: its path against the
 * layout, its links, and every text it decodes to against the fingerprints
 * of what the view may not see. In the same pass, counts the entitled
 * content it finds (the positive control). A `render` (the shared output
 * bundles are made from) may hold mark placeholders; a bundle may not.
 */
export async function auditBundle(dir: string, plan: AuditPlan, options: { render?: boolean } = {}): Promise<AuditResult> {
  const files = await listFiles(dir);
  const findings: Finding[] = checkLayout(files, plan.expected);
  const entitledFound = new Set<number>();
  const hashes = new Map<string, FileHash>();
  const templates: string[] = [];
  // Reads overlap (a bundle is tens of thousands of small files); each file is scanned as it arrives.
  await runPool(files, 32, async (file) => {
    const bytes = await readFile(join(dir, file));
    hashes.set(file, { size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });
    if (bytes.includes(SENTINEL_PREFIX)) templates.push(file);
    scanFile(file, bytes, plan, findings, entitledFound, !options.render);
  });
  templates.sort();
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files: files.length, findings, hashes, templates, control: { found: entitledFound.size, expected: plan.entitled.sourceCount } };
}

/**
 * Audits what a bundle adds to its audited render: the values put in place
 * of its sentinels (marks, the recipient's name). Every other byte of the
 * bundle is the render's, so a value that holds nothing of the fingerprints
 * leaves the bundle as clean as the render.
 */
export function auditFillValues(bundle: string, values: Iterable<string>, plan: AuditPlan): Finding[] {
  const findings: Finding[] = [];
  for (const value of values) {
    for (const hit of scanTokens(tokenize(value), plan.restricted)) {
      const source = plan.restricted.sources[hit.source]!;
      findings.push({ file: bundle, how: 'a filled-in mark or name', message: `holds text of ${source.advisory} (${source.what}) that this view may not see`, source, excerpt: value });
    }
  }
  return findings;
}

function scanFile(file: string, bytes: Buffer, plan: AuditPlan, findings: Finding[], entitledFound: Set<number>, final: boolean): void {
  // A render holds placeholders for marks by design; a finished bundle never does.
  if (final && bytes.includes(SENTINEL_PREFIX)) findings.push({ file, message: 'still holds a mark placeholder' });
  const runtime = plan.runtime.get(file);
  if (runtime !== undefined) {
    // Known bytes, not made from content: checked whole instead of read for text.
    if (createHash('sha256').update(bytes).digest('hex') !== runtime) findings.push({ file, message: "differs from pagefind's own runtime file of that name" });
    return;
  }
  if (file.endsWith('.html')) findings.push(...checkLinks(file, bytes.toString('utf8'), plan.expected));
  for (const view of decodeFile(file, bytes)) {
    const tokens = tokenize(view.text);
    const seen = new Set<number>();
    for (const hit of scanTokens(tokens, plan.restricted)) {
      if (seen.has(hit.source)) continue;
      seen.add(hit.source);
      const source = plan.restricted.sources[hit.source]!;
      findings.push({
        file,
        how: view.how,
        message: `holds text of ${source.advisory} (${source.what}) that this view may not see`,
        source,
        excerpt: tokens.slice(hit.start, hit.start + hit.length).join(' '),
      });
    }
    for (const hit of scanTokens(tokens, plan.entitled)) entitledFound.add(hit.source);
  }
}

/** One finding as a line a person can act on. */
export function formatFinding(finding: Finding): string {
  const where = finding.source?.line ? ` (${finding.source.file}:${finding.source.line}:${finding.source.column})` : finding.source ? ` (${finding.source.file})` : '';
  const how = finding.how ? ` [${finding.how}]` : '';
  const excerpt = finding.excerpt ? `: "${finding.excerpt}"` : '';
  return `${finding.file}${how}: ${finding.message}${where}${excerpt}`;
}
