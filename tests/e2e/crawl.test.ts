/// <reference lib="dom" />
// Every bundle works at the URL it claims. Each is served alone by a local static server at the path of its URL
// (its manifest's `url`): `public` at `/`, `partner` at `/partner/`, a partner bundle at its tier's path or at its
// own `url`. Chromium crawls every page from the bundle's root, following every link, stylesheet, script, image,
// feed and search result inside the bundle; URLs on the bundle's absolute host are mapped to the local server
// (each host to a port of its own), links to other hosts are not followed. Every URL the bundle's exports state on
// its own host (feeds, CSAF, ROLIE, OSV, security.txt, manifest) must resolve there too. Nothing may 404 and no
// page may log an error. A second, small build gives the partner tier a host of its own and one partner a `url`.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { copyContent, scratchDirs, tierpress } from '../helpers/cli.ts';
import { feedProblems, readAtom, readJson } from '../helpers/feeds.ts';
import { serve } from '../helpers/serve.ts';
import { listFiles } from '../../src/util/files.ts';
import { AT } from './setup.ts';

const out = inject('out');
const { temp, keep } = scratchDirs();

/** URLs the authors wrote into the advisories (references, links): theirs to choose, not the bundle's own. */
function authoredUrls(content: string): Set<string> {
  const urls = new Set<string>();
  for (const file of readdirSync(join(content, 'advisories'), { recursive: true })) {
    if (!String(file).endsWith('.md')) continue;
    for (const match of readFileSync(join(content, 'advisories', String(file)), 'utf8').matchAll(/https?:\/\/[^\s"'<>)\]]+/g)) urls.add(match[0].replace(/[.;:]+$/, ''));
  }
  return urls;
}

/** What crawling one bundle found. */
interface Crawl {
  bundle: string;
  url: string;
  pages: number;
  /** Other URLs fetched inside the bundle: stylesheets, scripts, images, feeds, search files, exports' URLs. */
  resources: number;
  /** URLs of the bundle's exports (feeds, CSAF, OSV, ROLIE, ...) on its own host, each fetched. */
  exportUrls: number;
  /** Search results followed from the search page. */
  searchResults: number;
  external: number;
  notFound: string[];
  consoleErrors: string[];
  outside: string[];
}

const crawls: Crawl[] = [];
let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});
afterAll(async () => {
  await browser?.close();
  if (crawls.length > 0) {
    const rows = crawls.map((c) => `  ${c.bundle.padEnd(32)} ${c.url.padEnd(46)} ${String(c.pages).padStart(5)} ${String(c.resources).padStart(5)} ${String(c.exportUrls).padStart(6)} ${String(c.searchResults).padStart(6)} ${String(c.notFound.length).padStart(4)} ${String(c.consoleErrors.length).padStart(6)}`);
    console.log(`crawl: bundle, url, pages, resources, export URLs, search results followed, 404s, console errors\n${rows.join('\n')}`);
  }
});

const urlOf = (dir: string): string => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).url;
const stripHash = (url: string) => url.replace(/#.*$/, '');
const isPage = (path: string) => path.endsWith('/') || path.endsWith('.html');

/**
 * Serves the bundle in `dir` at the path of its URL and crawls it; `authored`
 * URLs on the bundle's host outside it are the authors' links and not followed.
 */
async function crawl(bundle: string, dir: string, authored: ReadonlySet<string>): Promise<Crawl> {
  const url = urlOf(dir);
  const claimed = new URL(url);
  const server = await serve(dir, claimed.pathname);
  const local = new URL(server.url);
  const result: Crawl = { bundle, url, pages: 0, resources: 0, exportUrls: 0, searchResults: 0, external: 0, notFound: [], consoleErrors: [], outside: [] };
  // The bundle's host is this server: the bundle's absolute URLs are read from it.
  const toLocal = (href: string): string | undefined => {
    const target = new URL(href);
    if (target.origin === local.origin) return stripHash(target.href);
    if (target.origin === claimed.origin) return stripHash(`${local.origin}${target.pathname}${target.search}`);
    return undefined;
  };
  const context: BrowserContext = await browser.newContext();
  await context.route('**/*', async (route) => {
    const requested = route.request().url();
    const mapped = toLocal(requested);
    if (!mapped) {
      result.outside.push(`a request to another host: ${requested}`);
      return route.abort();
    }
    if (new URL(requested).origin === local.origin) return route.continue();
    return route.fulfill({ response: await route.fetch({ url: mapped }) });
  });
  const page: Page = await context.newPage();
  let at = '';
  page.on('console', (message) => {
    if (message.type() === 'error') result.consoleErrors.push(`${at}: ${message.text()}`);
  });
  page.on('pageerror', (error) => result.consoleErrors.push(`${at}: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) result.notFound.push(`${response.status()} ${response.url()} (loaded by ${at})`);
  });
  page.on('requestfailed', (request) => {
    // A request the crawl cut short by going on to the next page (net::ERR_ABORTED) is not a failure of the bundle.
    if (toLocal(request.url()) && !request.failure()?.errorText.includes('ERR_ABORTED')) result.notFound.push(`failed ${request.url()} (${request.failure()?.errorText}, loaded by ${at})`);
  });

  const pages: string[] = [server.base];
  const files: string[] = [];
  const seen = new Set<string>(pages);
  /** Follows one URL found in the bundle: a page is crawled, anything else fetched; other hosts are not followed. */
  const follow = (href: string, from: string) => {
    let target: URL;
    try {
      target = new URL(href);
    } catch {
      result.notFound.push(`not a URL: "${href}" in ${from}`);
      return;
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return;
    const mapped = toLocal(target.href);
    if (!mapped) {
      result.external++;
      return;
    }
    // The authors' own links (a public page named in a reference, a download area on the same host): not the bundle's.
    if (authored.has(target.href) || authored.has(href)) {
      result.external++;
      return;
    }
    if (seen.has(mapped)) return;
    seen.add(mapped);
    if (!new URL(mapped).pathname.startsWith(claimed.pathname)) result.outside.push(`${href} in ${from} is outside the bundle's path ${claimed.pathname}`);
    (isPage(new URL(mapped).pathname) ? pages : files).push(mapped);
  };

  try {
    let nextPage = 0;
    let nextFile = 0;
    while (nextPage < pages.length || nextFile < files.length) {
      for (; nextPage < pages.length; nextPage++) {
        at = pages[nextPage]!;
        const response = await page.goto(at, { waitUntil: 'load' });
        result.pages++;
        if (!response || response.status() !== 200) continue;
        if (new URL(at).pathname === `${claimed.pathname}search/`) {
          // Faceted search lists every page of the index once pagefind has loaded: follow its result URLs.
          await page.waitForFunction(() => document.querySelectorAll('pagefind-results a[href]').length > 0, null, { timeout: 30_000 });
          const results = await page.locator('pagefind-results a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
          result.searchResults = results.length;
          // Leave only once the search has fetched all it wanted: a request cut short by leaving proves nothing.
          await page.waitForLoadState('networkidle');
          for (const href of results) follow(href, `${at} (search result)`);
        }
        const found = await page.evaluate(() => [
          ...[...document.querySelectorAll('a[href], link[href]')].map((e) => (e as HTMLAnchorElement).href),
          ...[...document.querySelectorAll('script[src], img[src], source[src]')].map((e) => (e as HTMLImageElement).src),
        ]);
        for (const href of found) follow(href, at);
      }
      // Everything else the pages named (feeds, assets): fetched; a feed's URLs are followed in turn.
      for (; nextFile < files.length; nextFile++) {
        const target = files[nextFile]!;
        const response = await context.request.get(target);
        result.resources++;
        if (response.status() !== 200) {
          result.notFound.push(`${response.status()} ${target}`);
          continue;
        }
        if (/\/feed\.(xml|json)$/.test(target)) {
          for (const match of (await response.text()).matchAll(/https?:\/\/[^\s"'<>]+/g)) follow(match[0], target);
        }
      }
    }
    // Every URL the exports state on the bundle's host (CSAF, ROLIE, OSV, security.txt, feeds, manifest) resolves there.
    for (const file of await listFiles(dir)) {
      if (!/\.(json|xml|txt|csv)$/.test(file)) continue;
      const text = readFileSync(join(dir, file), 'utf8');
      // URLs in JSON, XML and text, and in the Markdown that OSV and CSAF carry (`![x](url)`, `[url].`): the URL without its punctuation.
      for (const match of new Set([...text.matchAll(/https:\/\/[^\s"'<>\\,()[\]]+/g)].map((m) => m[0].replace(/[.;:]+$/, '')))) {
        const target = new URL(match);
        if (target.origin !== claimed.origin || authored.has(match)) continue;
        if (!match.startsWith(url)) {
          result.outside.push(`${file} states ${match}, outside the bundle's URL ${url}`);
          continue;
        }
        result.exportUrls++;
        const response = await context.request.get(toLocal(match)!);
        if (response.status() !== 200) result.notFound.push(`${response.status()} ${match} (stated in ${file})`);
      }
    }
  } finally {
    await context.close();
    await server.close();
  }
  crawls.push(result);
  return result;
}

/** The crawl's verdict on one bundle, with what it covered. */
function expectClean(result: Crawl, minPages: number) {
  expect(result.notFound, `${result.bundle}: 404s`).toEqual([]);
  expect(result.consoleErrors, `${result.bundle}: console errors`).toEqual([]);
  expect(result.outside, `${result.bundle}: URLs outside the bundle`).toEqual([]);
  expect(result.pages).toBeGreaterThanOrEqual(minPages);
  expect(result.searchResults).toBeGreaterThan(0);
  expect(result.exportUrls).toBeGreaterThan(0);
}

/** The number of HTML pages a bundle has: the crawl must reach each. */
const htmlPages = async (dir: string) => (await listFiles(dir)).filter((file) => file.endsWith('.html')).length;

describe('every bundle of the example build works at the URL it claims', () => {
  const authored = authoredUrls(inject('content'));
  const bundles = [
    ...['public', 'partner', 'trusted', 'internal'],
    ...readdirSync(join(out, 'partners'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => `partners/${entry.name}`),
  ];

  it('serves tiers at the site URL and below it, partners at their tier’s URL', () => {
    expect(urlOf(join(out, 'public'))).toBe('https://security.contoso.example/');
    expect(urlOf(join(out, 'internal'))).toBe('https://security.contoso.example/internal/');
    expect(urlOf(join(out, 'partners', 'contoso-av'))).toBe('https://security.contoso.example/trusted/');
    expect(bundles.length).toBeGreaterThan(10);
  });

  it.each(bundles)('%s: every page, link, asset, feed and search result resolves; no console errors', async (bundle) => {
    const dir = join(out, bundle);
    const result = await crawl(bundle, dir, authored);
    expectClean(result, await htmlPages(dir));
  });
});

describe('the crawl itself', () => {
  it('catches a stylesheet, a link and an asset that ignore the base path (the bug of a bundle served below a path)', async () => {
    const copy = temp('tierpress-crawl-broken-');
    cpSync(join(out, 'partner'), copy, { recursive: true });
    const index = join(copy, 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('href="/partner/styles/', 'href="/styles/').replace('href="/partner/advisories/"', 'href="/advisories/"'));
    const page = join(copy, 'advisories', 'CTSA-2025-0007', 'index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace('src="/partner/assets/', 'src="/assets/'));
    const result = await crawl('control:partner', copy, new Set());
    crawls.pop();
    expect(result.notFound.join('\n')).toMatch(/404 http:\/\/127\.0\.0\.1:\d+\/styles\//);
    expect(result.notFound.join('\n')).toMatch(/404 http:\/\/127\.0\.0\.1:\d+\/assets\/2025\//);
    expect(result.outside.join('\n')).toMatch(/\/advisories\/ in .* is outside the bundle's path \/partner\//);
  });
});

describe('a tier on a host of its own, a partner at a URL of its own', () => {
  let custom: string;
  const content = keep(copyContent(inject('content')));
  beforeAll(() => {
    const site = join(content, 'site.yaml');
    writeFileSync(site, readFileSync(site, 'utf8').replace('  - id: partner\n    name: Partner\n', '  - id: partner\n    name: Partner\n    url: https://partners.contoso.example/\n'));
    const partners = join(content, 'partners.yaml');
    writeFileSync(partners, readFileSync(partners, 'utf8').replace('    name: Northwind Systems Integrators\n', '    name: Northwind Systems Integrators\n    url: https://portal.northwind.example/contoso\n'));
    custom = temp('tierpress-crawl-');
    const result = tierpress(['build', '--content', content, '--out', custom, '--at', AT, '--tier', 'partner', '--partner', 'northwind-integrators']);
    if (result.status !== 0) throw new Error(`the custom-URL build failed:\n${result.stdout}\n${result.stderr}`);
    // Northwind shares the partner tier's view but not its URL: a render of its own.
    expect(result.stdout).toMatch(/2 renders/);
  });

  it('names the URLs in the manifests and every link of the pages', () => {
    expect(urlOf(join(custom, 'partner'))).toBe('https://partners.contoso.example/');
    expect(urlOf(join(custom, 'partners', 'northwind-integrators'))).toBe('https://portal.northwind.example/contoso/');
    const page = readFileSync(join(custom, 'partners', 'northwind-integrators', 'advisories', 'CTSA-2025-0007', 'index.html'), 'utf8');
    expect(page).toContain('href="/contoso/styles/');
    expect(page).toContain('href="/contoso/advisories/"');
    expect(readFileSync(join(custom, 'partner', 'index.html'), 'utf8')).toContain('href="/advisories/"');
    const metadata = JSON.parse(readFileSync(join(custom, 'partners', 'northwind-integrators', '.well-known', 'csaf', 'provider-metadata.json'), 'utf8'));
    expect(metadata.canonical_url).toBe('https://portal.northwind.example/contoso/.well-known/csaf/provider-metadata.json');
  });

  it.each(['partner', 'partners/northwind-integrators'])('%s: the crawl at its own host finds no 404 and no console error', async (bundle) => {
    const dir = join(custom, bundle);
    const result = await crawl(`custom:${bundle}`, dir, authoredUrls(content));
    expectClean(result, await htmlPages(dir));
  });

  it.each(['partner', 'partners/northwind-integrators'])('%s: its feeds, read with a parser, name only its own URLs', (bundle) => {
    const dir = join(custom, bundle);
    for (const feed of [readAtom(dir), readJson(dir)]) expect(feedProblems(dir, urlOf(dir), feed)).toEqual([]);
  });
});
