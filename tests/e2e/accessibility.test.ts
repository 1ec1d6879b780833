/// <reference lib="dom" />
// axe-core, injected into each page as it is served, reports no violation of any rule it runs by default
// (WCAG 2 A and AA, best practices such as landmarks) on every page type, in both colour schemes and at
// a phone's and a desktop's width, in the public bundle, the partner tier's bundle (TLP banners, passage
// labels) and a public-tier partner bundle (the recipient bar). The search page is checked with results
// and facets shown, which is where pagefind's own components draw.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, searchFor, serveBundle } from '../helpers/chromium.ts';

const out = inject('out');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One page of each type, the advisory pages with and without banners; a product page that exists in the bundle. */
function pagesOf(bundle: string): Record<string, string> {
  const product = readdirSync(join(out, bundle, 'products'), { withFileTypes: true }).find((entry) => entry.isDirectory())!.name;
  return {
    home: '',
    advisories: 'advisories/',
    advisory: 'advisories/CTSA-2025-0007/',
    'withdrawn advisory': 'advisories/CTSA-2024-0006/',
    'interim advisory': 'advisories/CTSA-2026-0008/',
    products: 'products/',
    product: `products/${product}/`,
    search: 'search/',
  };
}

/** axe's violations on the page as it stands, one line per rule and element. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return result.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ')}`));
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe('accessibility (axe-core)', () => {
  for (const bundle of ['public', 'partner', 'partners/woodgrove-bank']) {
    for (const width of [390, 1280]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        it(`${bundle}: no violation on any page type at ${width} px, ${colorScheme}`, async () => {
          const server = await serveBundle(out, bundle);
          const page = await browser.newPage({ viewport: { width, height: 844 } });
          await page.emulateMedia({ colorScheme });
          const found: string[] = [];
          try {
            for (const [type, path] of Object.entries(pagesOf(bundle))) {
              await page.goto(`${server.base}${path}`);
              if (type === 'search') await searchFor(page, 'server');
              found.push(...(await violations(page)).map((line) => `${type} (${path || '/'}): ${line}`));
            }
          } finally {
            await page.close();
            await server.close();
          }
          expect(found).toEqual([]);
        });
      }
    }
  }
});
