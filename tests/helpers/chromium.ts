/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser, where window and document exist.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serve, type Served } from './serve.ts';

/** Debian's Chromium, driven by playwright-core: nothing downloads a browser of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** The path a bundle of a build is served below, from the URL its manifest names (`/`, `/partner/`). */
export function mountOf(out: string, bundle: string): string {
  return new URL(JSON.parse(readFileSync(join(out, bundle, 'manifest.json'), 'utf8')).url).pathname;
}

/** A bundle of a build served on localhost at the path of its URL. */
export function serveBundle(out: string, bundle: string): Promise<Served> {
  return serve(join(out, bundle), mountOf(out, bundle));
}

/** The advisory pages of a bundle, as paths below it (`advisories/CTSA-2025-0007/`). */
export function advisoryPaths(out: string, bundle: string): string[] {
  const dir = join(out, bundle, 'advisories');
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'index.html')))
    .map((entry) => `advisories/${entry.name}/`)
    .sort();
}

/** Types a query into pagefind's search box and waits until its results are shown. */
export async function searchFor(page: Page, query: string): Promise<void> {
  await page.locator('pagefind-input input').fill(query);
  await page.waitForFunction(
    (q) => {
      const summary = document.querySelector('pagefind-summary')?.textContent ?? '';
      return summary.includes(q) && !/searching/i.test(summary) && document.querySelectorAll('pagefind-results a').length > 0;
    },
    query,
    { timeout: 20_000 },
  );
}
