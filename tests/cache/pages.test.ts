import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { completePages, planPages } from '../../src/cache/pages.ts';
import { CacheStore } from '../../src/cache/store.ts';
import { productIndex, type PageAdvisory, type PageData } from '../../src/render/stage.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tierpress-pages-unit-'));
  dirs.push(dir);
  return dir;
};

const advisory = (id: string, title = id) => ({ id, title, related: [], products: [{ name: 'Contoso Server', affected: ['*'] }] }) as unknown as PageAdvisory;
const view = (advisories: PageAdvisory[]): PageData => ({
  site: { title: 'Contoso Security' } as PageData['site'],
  publisher: { name: 'Contoso' } as PageData['publisher'],
  tier: { id: 'public', name: 'Public', tlp: 'CLEAR' } as PageData['tier'],
  base: { url: 'https://security.contoso.example/', path: '/' },
  tiers: [{ id: 'public', name: 'Public', tlp: 'CLEAR' } as PageData['tier']],
  at: '2026-11-28T12:00:00Z',
  review: false,
  isPublic: true,
  advisories,
  products: productIndex(advisories),
});

/** What Astro does in these tests: writes the pages it was asked for. */
const astro = (site: string, ids: string[], text: (id: string) => string) => {
  for (const id of ids) {
    mkdirSync(join(site, 'advisories', id), { recursive: true });
    writeFileSync(join(site, 'advisories', id, 'index.html'), text(id));
  }
};

describe('advisory pages from the cache', () => {
  it('renders every page the first time, then only the changed one, and puts the cached pages in place', async () => {
    const store = await CacheStore.open(temp(), 'v1', 'pages');
    const stage = temp();
    const first = await planPages(view([advisory('A-1'), advisory('A-2')]), store, join(stage, 'aside'));
    expect(first.render.map((page) => page.id)).toEqual(['A-1', 'A-2']);
    astro(join(stage, 'site1'), ['A-1', 'A-2'], (id) => `<p>${id} first</p>`);
    await completePages(first, join(stage, 'site1'), join(stage, 'aside'), store);

    const second = await planPages(view([advisory('A-1', 'changed'), advisory('A-2')]), store, join(stage, 'aside'));
    expect(second).toMatchObject({ render: [{ id: 'A-1' }], cached: ['A-2'] });
    astro(join(stage, 'site2'), ['A-1'], (id) => `<p>${id} second</p>`);
    await completePages(second, join(stage, 'site2'), join(stage, 'aside'), store);
    expect(readFileSync(join(stage, 'site2', 'advisories', 'A-2', 'index.html'), 'utf8')).toBe('<p>A-2 first</p>');
    expect(readFileSync(join(stage, 'site2', 'advisories', 'A-1', 'index.html'), 'utf8')).toBe('<p>A-1 second</p>');
    expect(existsSync(join(stage, 'aside'))).toBe(false);
  });

  it('fails when Astro left out a page it was asked for, or rendered one taken from the cache', async () => {
    const store = await CacheStore.open(temp(), 'v1', 'pages');
    const stage = temp();
    const data = view([advisory('A-1'), advisory('A-2')]);
    const plan = await planPages(data, store, join(stage, 'aside'));
    astro(join(stage, 'site1'), ['A-1'], () => '<p>x</p>');
    await expect(completePages(plan, join(stage, 'site1'), join(stage, 'aside'), store)).rejects.toThrow("Astro did not render A-2's page");
    astro(join(stage, 'site2'), ['A-1', 'A-2'], () => '<p>x</p>');
    await completePages(plan, join(stage, 'site2'), join(stage, 'aside'), store);
    const again = await planPages(data, store, join(stage, 'aside'));
    expect(again.cached).toEqual(['A-1', 'A-2']);
    astro(join(stage, 'site3'), ['A-2'], () => '<p>y</p>');
    await expect(completePages(again, join(stage, 'site3'), join(stage, 'aside'), store)).rejects.toThrow("Astro rendered A-2's page, which was taken from the cache");
  });

  it('renders every page without a store', async () => {
    const plan = await planPages(view([advisory('A-1')]), undefined, join(temp(), 'aside'));
    expect(plan).toMatchObject({ render: [{ id: 'A-1' }], cached: [] });
  });
});
