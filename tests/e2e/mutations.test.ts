import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { encode as encodeCbor } from 'cbor-x';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { auditBundle, type AuditPlan } from '../../src/audit/audit.ts';
import { auditPlan } from '../../src/audit/plan.ts';
import { readContent } from '../../src/pipeline/read.ts';
import { projectAll } from '../../src/core/project/summary.ts';
import { tierView } from '../../src/core/project/view.ts';
import { validateContent, type Content } from '../../src/core/validate/content.ts';
import { pagefindRuntime } from '../../src/index/pagefind.ts';
import { AT, CANARIES } from './setup.ts';

// Each test injects one leak into a copy of the real public bundle and expects the audit to name the file.
const out = inject('out');
let content: Content;
let plan: AuditPlan;
const scratch: string[] = [];
beforeAll(async () => {
  content = validateContent((await readContent(inject('content'))).files!).content!;
  const at = Date.parse(AT);
  plan = auditPlan(content, projectAll(content, tierView(content.site, 'public'), at), await pagefindRuntime(), projectAll(content, tierView(content.site, 'public'), at));
});
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh copy of the public bundle with `mutate` applied, audited. */
async function auditWith(mutate: (dir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'tierpress-audit-'));
  scratch.push(dir);
  cpSync(join(out, 'public'), dir, { recursive: true });
  mutate(dir);
  return auditBundle(dir, plan);
}
const write = (dir: string, path: string, data: string | Uint8Array) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), data);
};
const edit = (dir: string, path: string, change: (text: string) => string) => writeFileSync(join(dir, path), change(readFileSync(join(dir, path), 'utf8')));
const PAGE = 'advisories/CTSA-2025-0007/index.html';
// A sentence of the trusted overlay of CTSA-2025-0007 and of its PoC, both withheld from the public tier.
const OVERLAY_TITLE = 'Widget Gallery LayoutState deserialization RCE in Contoso Server (exploited)';
const POC_LINE = 'Reference request used by the Threat Intelligence Center to validate detections.';

describe('the audit finds every leak channel', () => {
  it('passes the untouched public bundle', async () => {
    const result = await auditWith(() => {});
    expect(result.findings).toEqual([]);
  });

  it.each<[string, string, (dir: string) => void, RegExp?]>([
    ['a gate left in the page', PAGE, (d) => edit(d, PAGE, (t) => t.replace('</article>', `<p>${POC_LINE}</p></article>`)), /CTSA-2025-0007 \(tiers\.trusted\.notes/],
    ['the content of an inline PoC gate', 'advisories/CTSA-2024-0003/index.html', (d) => edit(d, 'advisories/CTSA-2024-0003/index.html', (t) => t.replace('</article>', `<p>the string ${CANARIES.pocNote}</p></article>`)), /CTSA-2024-0003 \(body: :poc gate for trusted/],
    ['a canary from a PoC gate', PAGE, (d) => edit(d, PAGE, (t) => t.replace('</article>', `<pre>${CANARIES.poc}</pre></article>`)), /body: :::poc gate for trusted/],
    ['an overlay title in a meta tag', PAGE, (d) => edit(d, PAGE, (t) => t.replace('<head>', `<head><meta property="og:title" content="${OVERLAY_TITLE}">`)), /tiers\.trusted overlay/],
    ['text in an image alt', PAGE, (d) => edit(d, PAGE, (t) => t.replace('</article>', `<img src="/x.svg" alt="${POC_LINE}"></article>`))],
    ['text behind HTML entities', PAGE, (d) => edit(d, PAGE, (t) => t.replace('</article>', `<p>${[...POC_LINE].map((c) => `&#${c.charCodeAt(0)};`).join('')}</p></article>`))],
    ['text split by zero-width spaces and upper-cased', PAGE, (d) => edit(d, PAGE, (t) => t.replace('</article>', `<p>${POC_LINE.toUpperCase().split(' ').join(' \u200b')}</p></article>`))],
    ['text split by inline tags', PAGE, (d) => edit(d, PAGE, (t) => t.replace('</article>', `<p>${POC_LINE.replace('Reference', 'Ref<b>er</b>ence')}</p></article>`))],
    ['text in an HTML comment', PAGE, (d) => edit(d, PAGE, (t) => t.replace('</article>', `<!-- ${POC_LINE} --></article>`))],
    ['percent-encoded text in a link', PAGE, (d) => edit(d, PAGE, (t) => t.replace('</article>', `<a href="/x?q=${encodeURIComponent(POC_LINE)}">x</a></article>`))],
    ['base64 text in a data attribute', PAGE, (d) => edit(d, PAGE, (t) => t.replace('</article>', `<div data-x="${Buffer.from(POC_LINE).toString('base64')}"></div></article>`))],
    ['base64 text after a query parameter name', PAGE, (d) => edit(d, PAGE, (t) => t.replace('</article>', `<a href="/x?d=${Buffer.from(POC_LINE).toString('base64')}">x</a></article>`))],
    ['text in an attribute with an unusual name', PAGE, (d) => edit(d, PAGE, (t) => t.replace('</article>', `<div [title]="${POC_LINE}"></div></article>`))],
    ['text as a CBOR byte string in a pagefind index', 'pagefind/index/en_leak.pf_index', (d) => write(d, 'pagefind/index/en_leak.pf_index', gzipSync(Buffer.concat([Buffer.from('pagefind_dcd'), encodeCbor({ words: new Map([['w', Buffer.from(POC_LINE)]]) })])))],
    ['a feed entry', 'feed.xml', (d) => edit(d, 'feed.xml', (t) => t.replace('</feed>', `<entry><title>${OVERLAY_TITLE}</title></entry></feed>`))],
    ['a JSON feed item behind unicode escapes', 'feed.json', (d) => edit(d, 'feed.json', (t) => t.replace('"items": [', `"items": [{"title": "${[...OVERLAY_TITLE].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"},`))],
    ['a pagefind fragment', 'pagefind/fragment/en_leak.pf_fragment', (d) => write(d, 'pagefind/fragment/en_leak.pf_fragment', gzipSync(Buffer.concat([Buffer.from('pagefind_dcd'), Buffer.from(JSON.stringify({ url: '/x/', content: POC_LINE }))])))],
    ["a fragment of an older year's index", 'pagefind/2025/fragment/en_leak.pf_fragment', (d) => write(d, 'pagefind/2025/fragment/en_leak.pf_fragment', gzipSync(Buffer.concat([Buffer.from('pagefind_dcd'), Buffer.from(JSON.stringify({ url: '/advisories/CTSA-2025-0007/', content: POC_LINE }))])))],
    ["the filter index of an older year's index", 'pagefind/2024/filter/en_leak.pf_filter', (d) => write(d, 'pagefind/2024/filter/en_leak.pf_filter', gzipSync(Buffer.concat([Buffer.from('pagefind_dcd'), encodeCbor([['keyword', [[POC_LINE, [0]]]]])])))],
    ['a brotli-compressed file', 'feed.xml.br', (d) => write(d, 'feed.xml.br', brotliCompressSync(Buffer.from(`<feed><title>${OVERLAY_TITLE}</title></feed>`)))],
    ['a dotfile', '.leak', (d) => write(d, '.leak', POC_LINE)],
  ])('%s', async (_name, file, mutate, source) => {
    const result = await auditWith(mutate);
    const hits = result.findings.filter((finding) => finding.file === file && finding.source);
    expect(hits.length, JSON.stringify(result.findings, null, 1)).toBeGreaterThan(0);
    if (source) expect(hits.map((hit) => `${hit.source!.advisory} (${hit.source!.what})`).join('\n')).toMatch(source);
  });

  it.each<[string, string, (dir: string) => void, RegExp]>([
    ['a stray source map', 'index.html.map', (d) => write(d, 'index.html.map', '{"version":3}'), /source map/],
    ['a server chunk', 'chunks/entry.mjs', (d) => write(d, 'chunks/entry.mjs', 'export {}'), /\.mjs/],
    ["Astro's content store", 'data-store.json', (d) => write(d, 'data-store.json', '{}'), /content store/],
    ['a page of an embargoed advisory', 'advisories/CTSA-2026-0011/index.html', (d) => write(d, 'advisories/CTSA-2026-0011/index.html', '<p>x</p>'), /CTSA-2026-0011, which this view may not see/],
    ['a link to an embargoed advisory', 'index.html', (d) => edit(d, 'index.html', (t) => t.replace('</main>', '<a href="/advisories/CTSA-2026-0010/">soon</a></main>')), /a link to CTSA-2026-0010/],
    ['a link below a base path to an embargoed advisory', 'index.html', (d) => edit(d, 'index.html', (t) => t.replace('</main>', '<a href="/partner/advisories/CTSA-2026-0010/">soon</a></main>')), /a link to CTSA-2026-0010/],
    ['an absolute link to an embargoed advisory, no trailing slash', 'products/index.html', (d) => edit(d, 'products/index.html', (t) => t.replace('</main>', '<a href="https://security.contoso.example/partner/advisories/CTSA-2026-0010">soon</a></main>')), /a link to CTSA-2026-0010/],
    ['an asset no visible content refers to', 'assets/2026/ctsa-2026-0003-poc.py', (d) => write(d, 'assets/2026/ctsa-2026-0003-poc.py', 'print(1)'), /asset no content visible/],
    ['a CSAF document of an embargoed advisory', '.well-known/csaf/white/2026/ctsa-2026-0011.json', (d) => write(d, '.well-known/csaf/white/2026/ctsa-2026-0011.json', '{}'), /CSAF document of an advisory this view may not see/],
    ['an OSV record of an embargoed advisory', 'osv/CTSA-2026-0011.json', (d) => write(d, 'osv/CTSA-2026-0011.json', '{}'), /OSV record of CTSA-2026-0011/],
    ['a PoC in an OSV record', 'osv/CTSA-2025-0007.json', (d) => edit(d, 'osv/CTSA-2025-0007.json', (t) => t.replace('"details": "', `"details": "${POC_LINE} `)), /holds text of CTSA-2025-0007/],
    ['a file outside the layout', 'notes/todo.txt', (d) => write(d, 'notes/todo.txt', 'x'), /outside the bundle layout/],
    ["pagefind's runtime in a year's folder, where no page loads it", 'pagefind/2025/pagefind.js', (d) => write(d, 'pagefind/2025/pagefind.js', readFileSync(join(d, 'pagefind', 'pagefind.js'))), /outside the bundle layout/],
    ['an index in a folder that is no year', 'pagefind/extra/pagefind-entry.json', (d) => write(d, 'pagefind/extra/pagefind-entry.json', '{}'), /outside the bundle layout/],
    ['an altered pagefind runtime', 'pagefind/pagefind.js', (d) => edit(d, 'pagefind/pagefind.js', (t) => `${t}\n// leak`), /differs from pagefind's own runtime/],
    ['a symbolic link', 'link.txt', (d) => symlinkSync('/etc/hostname', join(d, 'link.txt')), /outside the bundle layout/],
  ])('%s', async (_name, file, mutate, message) => {
    const result = await auditWith(mutate);
    expect(result.findings.some((finding) => finding.file === file && message.test(finding.message)), JSON.stringify(result.findings, null, 1)).toBe(true);
  });

  it('catches a link to an advisory the partner tier may not see in its bundle, whose links are below /partner/', async () => {
    const partner = auditPlan(content, projectAll(content, tierView(content.site, 'partner'), Date.parse(AT)), plan.runtime, undefined, 'https://security.contoso.example/partner/');
    const dir = mkdtempSync(join(tmpdir(), 'tierpress-audit-'));
    scratch.push(dir);
    cpSync(join(out, 'partner'), dir, { recursive: true });
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('href="/partner/advisories/CTSA-2026-0009/"');
    expect((await auditBundle(dir, partner)).findings).toEqual([]);
    edit(dir, 'index.html', (t) => t.replace('</main>', '<a href="/partner/advisories/CTSA-2026-0011/">soon</a></main>'));
    const result = await auditBundle(dir, partner);
    expect(result.findings.some((finding) => finding.file === 'index.html' && /a link to CTSA-2026-0011/.test(finding.message)), JSON.stringify(result.findings, null, 1)).toBe(true);
  });

  it('does not raise an alarm for words the public tier shares with gated text', async () => {
    // "Contoso Server" and similar phrases occur both inside gates and in public text.
    const result = await auditWith((d) => edit(d, PAGE, (t) => t.replace('</article>', '<p>Contoso Server deserialization flaw request</p></article>')));
    expect(result.findings).toEqual([]);
  });
});

describe('the positive control', () => {
  it('finds the entitled text in the most trusted bundle', async () => {
    const at = Date.parse(AT);
    const internal = auditPlan(content, projectAll(content, tierView(content.site, 'internal'), at), plan.runtime, projectAll(content, tierView(content.site, 'public'), at));
    const result = await auditBundle(join(out, 'internal'), internal);
    expect(result.findings).toEqual([]);
    expect(result.control.expected).toBeGreaterThan(50);
    expect(result.control.found / result.control.expected).toBeGreaterThan(0.8);
  });

  it('finds nothing in a bundle that lacks the entitled text, which the build treats as a broken audit', async () => {
    const at = Date.parse(AT);
    const internal = auditPlan(content, projectAll(content, tierView(content.site, 'internal'), at), plan.runtime, projectAll(content, tierView(content.site, 'public'), at));
    // The public bundle has none of the internal tier's gated text: a blind scanner would look the same.
    const result = await auditBundle(join(out, 'public'), { ...internal, expected: plan.expected });
    expect(result.control.found).toBe(0);
  });
});
