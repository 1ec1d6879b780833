// The search index of a small bundle, one pagefind index per shard, written from the cache when a
// shard's exact inputs were indexed before; pagefind itself runs (a few pages, a second or two).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { CacheStore } from '../../src/cache/store.ts';
import { indexSite, type IndexCache, type ShardPlan } from '../../src/index/shards.ts';
import { searchShards } from '../../src/render/search-shards.ts';
import { listFiles } from '../../src/util/files.ts';
import { treeHash } from '../helpers/bundle.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tierpress-search-unit-'));
  dirs.push(dir);
  return dir;
};

const page = (id: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta data-pagefind-filter="year[content]" content="${id.slice(5, 9)}"></head><body><nav>Navquill</nav><article data-pagefind-body><h1>${id}</h1><p>${text}</p></article></body></html>`;

const ADVISORIES = [
  { id: 'CTSA-2024-0001', year: 2024, text: 'A buffer overflow in the widget parser.' },
  { id: 'CTSA-2025-0001', year: 2025, text: 'Remote code execution in the gallery.' },
  { id: 'CTSA-2025-0002', year: 2025, text: 'Cross-site scripting in the search box.' },
];

/** A bundle of three advisory pages in two years, a home page and a search page without a search body. */
function site(texts: Record<string, string> = {}): string {
  const dir = temp();
  for (const advisory of ADVISORIES) {
    mkdirSync(join(dir, 'advisories', advisory.id), { recursive: true });
    writeFileSync(join(dir, 'advisories', advisory.id, 'index.html'), page(advisory.id, texts[advisory.id] ?? advisory.text));
  }
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="en"><body><p>Homequill</p></body></html>');
  mkdirSync(join(dir, 'search'));
  writeFileSync(join(dir, 'search', 'index.html'), '<!doctype html><html lang="en"><body><p>Searchquill</p></body></html>');
  return dir;
}

const SHARDS = searchShards(ADVISORIES);

/** The text of every file of the bundle's search index, gunzipped (pagefind's runtime included). */
const indexText = async (dir: string) =>
  (await Promise.all((await listFiles(join(dir, 'pagefind'))).map(async (path) => {
    const bytes = readFileSync(join(dir, 'pagefind', path));
    return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  }))).join('\n');

describe('indexSite', () => {
  it("writes the newest year's index with pagefind's runtime in pagefind/ and each other year's in pagefind/<year>/, the same bytes every time", async () => {
    const [a, b] = [site(), site()];
    expect(await indexSite(a, SHARDS)).toEqual({ pages: 3, indexed: ['2025', '2024'], cached: 0 });
    await indexSite(b, SHARDS);
    // pagefind is deterministic for pages added in the same order: indexing the same pages twice gives the same bytes.
    expect(treeHash(join(a, 'pagefind'))).toBe(treeHash(join(b, 'pagefind')));
    const files = await listFiles(join(a, 'pagefind'));
    expect(files).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-component-ui.js', 'wasm.en.pagefind', 'pagefind-entry.json', '2024/pagefind-entry.json']));
    // A year's folder holds its index only: the runtime is loaded once, from pagefind/.
    const year = files.filter((path) => path.startsWith('2024/'));
    expect(year.filter((path) => !/^2024\/(pagefind-entry\.json|pagefind\.en_\w+\.pf_meta|(index|filter|fragment)\/en_\w+\.pf_(index|filter|fragment))$/.test(path))).toEqual([]);
    expect(files.some((path) => path.startsWith('2025/'))).toBe(false);
    const entry = (folder: string) => JSON.parse(readFileSync(join(a, 'pagefind', folder, 'pagefind-entry.json'), 'utf8')) as { languages: { en: { page_count: number } } };
    expect([entry('').languages.en.page_count, entry('2024').languages.en.page_count]).toEqual([2, 1]);
    const text = await indexText(a);
    expect(text).toContain('"url":"/advisories/CTSA-2024-0001/"');
    // Only the search body is indexed, never the page around it nor a page without one.
    expect(text).not.toMatch(/navquill|homequill|searchquill/i);
  });

  it('takes unchanged shards from the cache, re-indexes only the changed one, and writes what a cold run writes', async () => {
    const cache = await CacheStore.open(temp(), 'v1', 'search');
    expect(await indexSite(site(), SHARDS, cache)).toMatchObject({ indexed: ['2025', '2024'], cached: 0 });
    const warm = site();
    expect(await indexSite(warm, SHARDS, cache)).toEqual({ pages: 3, indexed: [], cached: 2 });
    const cold = site();
    await indexSite(cold, SHARDS);
    expect(treeHash(join(warm, 'pagefind'))).toBe(treeHash(join(cold, 'pagefind')));

    const changed = { 'CTSA-2024-0001': 'A buffer overflow in the widget parser, fixed in 2.1.' };
    const edited = site(changed);
    expect(await indexSite(edited, SHARDS, cache)).toEqual({ pages: 3, indexed: ['2024'], cached: 1 });
    const editedCold = site(changed);
    await indexSite(editedCold, SHARDS);
    expect(treeHash(join(edited, 'pagefind'))).toBe(treeHash(join(editedCold, 'pagefind')));
    expect(await indexText(edited)).toContain('fixed in 2.1');
  });

  it('takes a damaged or foreign cache entry for a miss', async () => {
    const foreign: IndexCache = { get: async <T>() => [['../escape', new Uint8Array([1])]] as T, put: async () => {} };
    const garbage: IndexCache = { get: async <T>() => 'not an index' as T, put: async () => {} };
    const cold = site();
    await indexSite(cold, SHARDS);
    for (const cache of [foreign, garbage]) {
      const dir = site();
      expect(await indexSite(dir, SHARDS, cache)).toMatchObject({ indexed: ['2025', '2024'], cached: 0 });
      expect(treeHash(join(dir, 'pagefind'))).toBe(treeHash(join(cold, 'pagefind')));
    }
  });

  it('refuses a shard page without a search body, a page with one that no shard holds, and a shard page the bundle lacks', async () => {
    const plain = site();
    writeFileSync(join(plain, 'advisories', 'CTSA-2024-0001', 'index.html'), '<!doctype html><html lang="en"><body><p>No body here</p></body></html>');
    await expect(indexSite(plain, SHARDS)).rejects.toThrow('search indexing failed: advisories/CTSA-2024-0001/index.html has no data-pagefind-body: pagefind would index the whole page');

    const stray = site();
    writeFileSync(join(stray, 'search', 'index.html'), page('CTSA-2025-0099', 'Indexed by mistake.'));
    await expect(indexSite(stray, SHARDS)).rejects.toThrow('pages with a search body (data-pagefind-body) that no search shard holds: search/index.html');

    const missing: ShardPlan[] = [{ name: '2026', folder: 'pagefind/', pages: ['advisories/CTSA-2026-0001/index.html'] }, ...SHARDS.map((shard) => ({ ...shard, folder: `pagefind/${shard.name}/` }))];
    await expect(indexSite(site(), missing)).rejects.toThrow('search shards name pages the bundle does not have: advisories/CTSA-2026-0001/index.html');

    const twice: ShardPlan[] = [SHARDS[0]!, { ...SHARDS[1]!, pages: [...SHARDS[1]!.pages, SHARDS[0]!.pages[0]!] }];
    await expect(indexSite(site(), twice)).rejects.toThrow('advisories/CTSA-2025-0001/index.html is in search shards 2025 and 2024');
  });
});
