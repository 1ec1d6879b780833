/// <reference lib="dom" />
// The advisory page as a reader under pressure meets it, in the example's real bundles: keywords on the
// page and as a search filter of the real pagefind index, facet values written as the pages write them,
// affected products and the body before the CVSS breakdown (closed), and severity badges that differ in
// hue and in shape.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SEVERITY_LABEL } from '../../src/render/format.ts';
import { advisoryPaths, launchChromium, mountOf, serveBundle } from '../helpers/chromium.ts';

const out = inject('out');
const content = inject('content');

/** Each advisory's keywords as its frontmatter writes them, by id. */
function frontmatterKeywords(): Map<string, string[]> {
  const keywords = new Map<string, string[]>();
  for (const file of readdirSync(join(content, 'advisories'), { recursive: true })) {
    if (!String(file).endsWith('.md')) continue;
    const { data } = matter(readFileSync(join(content, 'advisories', String(file)), 'utf8'));
    keywords.set(data.id as string, (data.keywords as string[] | undefined) ?? []);
  }
  return keywords;
}
const KEYWORDS = frontmatterKeywords();
const html = (bundle: string, path: string) => readFileSync(join(out, bundle, path, 'index.html'), 'utf8');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe('the advisory page', () => {
  it('shows every keyword of the advisory, and each is a search filter of its page', () => {
    const paths = advisoryPaths(out, 'public');
    expect(paths.length).toBeGreaterThan(20);
    let shown = 0;
    for (const path of paths) {
      const id = path.split('/')[1]!;
      const page = html('public', path);
      const keywords = KEYWORDS.get(id)!;
      for (const keyword of keywords) {
        expect(page, `${id}: ${keyword}`).toContain(`<li>${keyword}</li>`);
        expect(page, `${id}: ${keyword}`).toContain(`<meta data-pagefind-filter="keyword[content]" content="${keyword}">`);
        shown++;
      }
      if (keywords.length === 0) expect(page).not.toContain('<dt>Keywords</dt>');
    }
    expect(shown).toBeGreaterThan(50);
  });

  it('puts affected products and the body before the CVSS breakdown, whose metrics are in a closed disclosure', () => {
    const page = html('public', 'advisories/CTSA-2025-0007/');
    const at = (needle: string) => {
      const index = page.indexOf(needle);
      expect(index, needle).toBeGreaterThan(-1);
      return index;
    };
    expect(at('<p class="lead">')).toBeLessThan(at('<h2 id="products">'));
    expect(at('<h2 id="products">')).toBeLessThan(at('<h2 id="impact">'));
    expect(at('<h2 id="mitigation--workarounds">')).toBeLessThan(at('<h2 id="severity">'));
    expect(page.match(/<details> <summary>Metric breakdown<\/summary>/g)).toHaveLength(2);
    expect(page).not.toContain('<details open');
    // Products, two CVSS breakdowns, revisions: the body no longer repeats the product table.
    expect(page.match(/<table>/g)).toHaveLength(4);
  });

  it("is found by a keyword filter of the bundle's real pagefind index, whose facet values read as the pages do", async () => {
    const server = await serveBundle(out, 'public');
    const page = await browser.newPage();
    try {
      await page.goto(`${server.base}search/`);
      // One index per year: the newest in pagefind/, each other year's in pagefind/<year>/, merged as the search page merges them.
      const mount = mountOf(out, 'public');
      const years = readdirSync(join(out, 'public', 'pagefind')).filter((name) => /^\d{4}$/.test(name)).sort().reverse();
      expect(years.length).toBeGreaterThan(1);
      const merged = years.map((year) => ({ bundlePath: `${mount}pagefind/${year}/`, baseUrl: mount }));
      expect(html('public', 'search')).toContain(`{ mergeIndex: ${JSON.stringify(merged)} }`);
      // As a string: Vite would rewrite a dynamic import inside a function for Node, and the browser has none of that.
      const index = (await page.evaluate(`(async () => {
        const pagefind = await import('${mount}pagefind/pagefind.js');
        await pagefind.init();
        for (const { bundlePath, baseUrl } of ${JSON.stringify(merged)}) await pagefind.mergeIndex(bundlePath, { baseUrl });
        const found = await pagefind.search(null, { filters: { keyword: 'widget gallery' } });
        return { filters: await pagefind.filters(), urls: await Promise.all(found.results.map(async (result) => (await result.data()).url)) };
      })()`)) as { filters: Record<string, Record<string, number>>; urls: string[] };
      const visible = new Set(advisoryPaths(out, 'public').map((path) => path.split('/')[1]!));
      const expected = new Map<string, number>();
      for (const [id, keywords] of KEYWORDS) if (visible.has(id)) for (const keyword of keywords) expected.set(keyword, (expected.get(keyword) ?? 0) + 1);
      expect(index.filters.keyword).toEqual(Object.fromEntries(expected));
      expect(index.urls).toEqual(['/advisories/CTSA-2025-0007/']);
      for (const value of Object.keys(index.filters.severity!)) expect(Object.values(SEVERITY_LABEL)).toContain(value);
      expect(index.filters.severity!.Critical).toBeGreaterThan(0);
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('shows severities that differ in hue and in shape, in both colour schemes', async () => {
    const server = await serveBundle(out, 'public');
    const page = await browser.newPage();
    try {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.goto(`${server.base}advisories/`);
        const badges = await page.evaluate(() => {
          const seen = new Map<string, { hue: string; shape: string }>();
          for (const badge of document.querySelectorAll<HTMLElement>('.badge')) {
            const key = [...badge.classList].find((name) => name.startsWith('sev-'))!;
            const style = getComputedStyle(badge);
            const icon = getComputedStyle(badge, '::before');
            seen.set(key, { hue: `${style.color} ${style.backgroundColor}`, shape: `${icon.clipPath} ${icon.borderRadius} ${icon.height} ${icon.backgroundColor === 'rgba(0, 0, 0, 0)'}` });
          }
          return Object.fromEntries(seen);
        });
        const keys = Object.keys(badges);
        expect(keys, colorScheme).toEqual(expect.arrayContaining(['sev-critical', 'sev-high', 'sev-medium', 'sev-low']));
        for (const [a, b] of keys.flatMap((a, i) => keys.slice(i + 1).map((b) => [a, b] as const))) {
          expect(badges[a]!.shape, `${colorScheme}: ${a} and ${b} have the same shape`).not.toBe(badges[b]!.shape);
          // Not rated and none share their grey; every rated pair differs in hue.
          if (![a, b].every((key) => key === 'sev-none' || key === 'sev-unrated')) expect(badges[a]!.hue, `${colorScheme}: ${a} and ${b}`).not.toBe(badges[b]!.hue);
        }
      }
    } finally {
      await page.close();
      await server.close();
    }
  });
});
