/// <reference lib="dom" />
// No page is wider than a phone's screen (390 px): tables and code scroll inside their own box, long
// ids, purls and URLs wrap. Every advisory page of every tier's bundle of the example (the internal
// one has every advisory and every review frame), with each disclosure opened, and every other page type.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { advisoryPaths, launchChromium, serveBundle } from '../helpers/chromium.ts';

const out = inject('out');
const WIDTH = 390;
const OTHER_PAGES = ['', 'advisories/', 'products/', 'search/'];

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe(`pages on a ${WIDTH} px phone`, () => {
  for (const bundle of ['public', 'partner', 'trusted', 'internal']) {
    it(`${bundle}: no page scrolls sideways`, async () => {
      const paths = advisoryPaths(out, bundle);
      expect(paths.length).toBeGreaterThan(20);
      const server = await serveBundle(out, bundle);
      const page = await browser.newPage({ viewport: { width: WIDTH, height: 844 } });
      const wide: string[] = [];
      try {
        for (const path of [...paths, ...OTHER_PAGES]) {
          await page.goto(`${server.base}${path}`);
          // An opened CVSS breakdown must not widen the page either.
          const width = await page.evaluate(() => {
            document.querySelectorAll('details').forEach((details) => (details.open = true));
            return document.documentElement.scrollWidth;
          });
          if (width > WIDTH) wide.push(`${path || '/'}: ${width} px`);
        }
      } finally {
        await page.close();
        await server.close();
      }
      expect(wide).toEqual([]);
    });
  }
});
