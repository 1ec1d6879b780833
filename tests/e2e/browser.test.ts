/// <reference lib="dom" />
// Functions passed to page.evaluate and waitForFunction run in the browser, where document exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serve } from '../helpers/serve.ts';
import { CANARIES } from './setup.ts';

const out = inject('out');
let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});
afterAll(async () => browser?.close());

/** The path a bundle is served below, from the URL its manifest names (`/`, `/partner/`). */
const mountOf = (bundle: string) => new URL(JSON.parse(readFileSync(join(out, bundle, 'manifest.json'), 'utf8')).url).pathname;
/** The path of the bundle being browsed; search hits are compared without it. */
let mount = '/';

/** Opens a page of a tier's bundle served on localhost at its own path, failing on any script error; `prepare` runs before it loads. */
async function open(tier: string, path: string, use: (page: Page) => Promise<void>, prepare?: (page: Page) => Promise<void>): Promise<void> {
  mount = mountOf(tier);
  const server = await serve(join(out, tier), mount);
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await prepare?.(page);
    await page.goto(`${server.base}${path.replace(/^\//, '')}`);
    await use(page);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
    await server.close();
  }
}

const search = async (page: Page, query: string) => {
  await page.locator('pagefind-input input').fill(query);
  // The summary names the query and the count once the search has finished; the results follow.
  await page.waitForFunction(
    (q) => {
      const summary = document.querySelector('pagefind-summary')?.textContent ?? '';
      return summary.includes(q) && !/searching/i.test(summary);
    },
    query,
    { timeout: 20_000 },
  );
  const count = Number(/(\d+) result/.exec(await page.locator('pagefind-summary').innerText())?.[1] ?? 0);
  if (count > 0) {
    await page.waitForFunction(([n, m]) => document.querySelectorAll(`pagefind-results a[href^="${m}advisories/"]`).length >= n, [Math.min(count, 3), mount] as const, { timeout: 20_000 });
  }
  return pageHits(page);
};
/** The advisory pages in the results, once each (results also link to sections within a page), as paths inside the bundle. */
const pageHits = async (page: Page) => {
  const hrefs = await page.locator(`pagefind-results a[href^="${mount}advisories/"]`).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return [...new Set(hrefs.map((href) => `/${href.replace(/#.*$/, '').slice(mount.length)}`))];
};

describe('search in a real browser', () => {
  it('finds a public advisory by a word of its body', async () => {
    await open('public', '/search/', async (page) => {
      // "multipart" occurs in the body of CTSA-2026-0006 (Contoso Mail MIME parsing) only.
      expect(await search(page, 'multipart')).toEqual(['/advisories/CTSA-2026-0006/']);
    });
  });

  it('runs a query typed while the merged year indexes are still loading', async () => {
    // The older years' indexes are held back until the query has been typed and pagefind has started its
    // search: the query then waits for the load, whose own faceted listing must not take its place.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let requested = 0;
    // On the context: pagefind's worker fetches the indexes, which a page's own routes do not see.
    const holdYears = async (page: Page) => {
      await page.context().route(/\/pagefind\/\d{4}\//, async (route) => {
        requested++;
        await held;
        await route.continue();
      });
    };
    await open('public', '/search/', async (page) => {
      await page.locator('pagefind-input input').fill('multipart');
      await page.waitForFunction(() => /searching for multipart/i.test(document.querySelector('pagefind-summary')?.textContent ?? ''), undefined, { timeout: 20_000 });
      // pagefind asks for the merged indexes once the primary's is in, which may be after the search started:
      // either way the load cannot end before they are let through.
      await expect.poll(() => requested, { timeout: 20_000 }).toBeGreaterThan(0);
      release();
      await page.waitForFunction(() => !/searching/i.test(document.querySelector('pagefind-summary')?.textContent ?? 'searching'), undefined, { timeout: 20_000 });
      await expect.poll(() => page.locator('pagefind-summary').innerText(), { timeout: 5_000 }).toMatch(/^1 result for multipart/);
      await page.waitForFunction((m) => document.querySelectorAll(`pagefind-results a[href^="${m}advisories/"]`).length > 0, mount, { timeout: 20_000 });
      expect(await pageHits(page)).toEqual(['/advisories/CTSA-2026-0006/']);
    }, holdYears);
  });

  it('filters by severity', async () => {
    const critical = readdirSync(join(out, 'public', 'advisories'))
      .filter((id) => id.startsWith('CTSA-') && readFileSync(join(out, 'public', 'advisories', id, 'index.html'), 'utf8').includes('data-pagefind-filter="severity[content]" content="Critical"'));
    expect(critical.length).toBeGreaterThan(1);
    await open('public', '/search/', async (page) => {
      // Faceted search first lists every advisory; filter once that listing is in.
      const total = readdirSync(join(out, 'public', 'advisories')).filter((id) => id.startsWith('CTSA-')).length;
      await page.waitForFunction((n) => new RegExp(`^${n} results?`).test(document.querySelector('pagefind-summary')?.textContent?.trim() ?? ''), total, { timeout: 20_000 });
      // Facet values read as the pages write them.
      await page.locator('input[name="severity"][value="Critical"]').check();
      await page.waitForFunction(
        (n) => new RegExp(`^${n} results?`).test(document.querySelector('pagefind-summary')?.textContent?.trim() ?? ''),
        critical.length,
        { timeout: 20_000 },
      );
      await page.waitForFunction((m) => document.querySelectorAll(`pagefind-results a[href^="${m}advisories/"]`).length > 0, mount, { timeout: 20_000 });
      const shown = await pageHits(page);
      for (const href of shown) expect(critical.map((id) => `/advisories/${id}/`)).toContain(href);
    });
  });

  it("lists every year's advisories, whichever year's index holds them, with links below the bundle's path", async () => {
    // One index per year (the newest in pagefind/, the others merged in the browser): the faceted listing, a year's
    // filter and its count span them all, and a merged index's results link below the bundle's path as the primary's do.
    const ids = readdirSync(join(out, 'partner', 'advisories')).filter((id) => id.startsWith('CTSA-'));
    const yearOf = (id: string) => /data-pagefind-filter="year\[content\]" content="(\d{4})"/.exec(readFileSync(join(out, 'partner', 'advisories', id, 'index.html'), 'utf8'))![1]!;
    const years = [...new Set(ids.map(yearOf))].sort();
    expect(years.length).toBeGreaterThan(2);
    const oldest = ids.filter((id) => yearOf(id) === years[0]);
    await open('partner', '/search/', async (page) => {
      expect(mount).toBe('/partner/');
      await page.waitForFunction((n) => new RegExp(`^${n} results?`).test(document.querySelector('pagefind-summary')?.textContent?.trim() ?? ''), ids.length, { timeout: 20_000 });
      const year = page.locator(`input[name="year"][value="${years[0]}"]`);
      if (!(await year.isVisible())) await page.locator('pagefind-filter-pane').getByText('year', { exact: false }).first().click();
      await year.check();
      await page.waitForFunction((n) => new RegExp(`^${n} results?`).test(document.querySelector('pagefind-summary')?.textContent?.trim() ?? ''), oldest.length, { timeout: 20_000 });
      await page.waitForFunction(([n, m]) => document.querySelectorAll(`pagefind-results a[href^="${m}advisories/"]`).length >= n, [Math.min(oldest.length, 3), mount] as const, { timeout: 20_000 });
      const hits = await pageHits(page);
      expect(hits.length).toBeGreaterThan(0);
      for (const href of hits) expect(oldest.map((id) => `/advisories/${id}/`)).toContain(href);
    });
  });

  it('finds nothing in the public tier for a word that occurs only inside a PoC gate, which the trusted tier finds', async () => {
    await open('public', '/search/', async (page) => expect(await search(page, CANARIES.pocWord)).toEqual([]));
    await open('partner', '/search/', async (page) => expect(await search(page, CANARIES.pocWord)).toEqual([]));
    await open('trusted', '/search/', async (page) => expect(await search(page, CANARIES.pocWord)).toEqual(['/advisories/CTSA-2025-0007/']));
  });

  it('shows the CVSS breakdown on an advisory page, its metrics one click away', async () => {
    await open('public', '/advisories/CTSA-2025-0007/', async (page) => {
      expect(await page.getByRole('heading', { name: /CVSS 3\.1: 9\.8/ }).isVisible()).toBe(true);
      const breakdown = page.locator('section.cvss').first();
      expect(await breakdown.locator('tbody tr').first().isVisible()).toBe(false);
      await breakdown.getByText('Metric breakdown').click();
      const rows = await breakdown.locator('tbody tr').allInnerTexts();
      expect(rows[0]).toMatch(/Attack Vector \(AV\)\s+Network \(N\)/);
      expect(rows).toHaveLength(8);
    });
  });

  it('reaches the search box from the keyboard', async () => {
    await open('partner', '/search/', async (page) => {
      let focused = '';
      for (let press = 0; press < 15 && focused !== 'search-input'; press++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => (document.activeElement?.closest('pagefind-input') ? 'search-input' : document.activeElement?.tagName ?? ''));
      }
      expect(focused).toBe('search-input');
    });
  });
});
