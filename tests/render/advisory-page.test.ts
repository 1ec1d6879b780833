import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advisoryPageKey } from '../../src/cache/pages.ts';
import { advisoryPageInput, chrome, viewLookups } from '../../src/render/advisory-page.ts';
import { productIndex, type PageAdvisory, type PageData } from '../../src/render/stage.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Only what the page input reads of an advisory. */
const advisory = (id: string, products: string[], related: string[] = [], title = id) =>
  ({ id, title, related, products: products.map((name) => ({ name, affected: ['*'] })) }) as unknown as PageAdvisory;

const view = (advisories: PageAdvisory[], at = '2026-11-28T12:00:00Z'): PageData => ({
  site: { title: 'Contoso Security' } as PageData['site'],
  publisher: { name: 'Contoso' } as PageData['publisher'],
  tier: { id: 'public', name: 'Public', tlp: 'CLEAR' } as PageData['tier'],
  base: { url: 'https://security.contoso.example/', path: '/' },
  tiers: [{ id: 'public', name: 'Public', tlp: 'CLEAR' } as PageData['tier']],
  at,
  review: false,
  isPublic: true,
  advisories,
  products: productIndex(advisories),
});

const keyOf = (id: string, data: PageData) => advisoryPageKey(advisoryPageInput(data.advisories.find((a) => a.id === id)!, data, viewLookups(data)));

describe("an advisory page's input", () => {
  const a = advisory('CTSA-2026-0001', ['Contoso Server'], ['CTSA-2026-0002', 'CTSA-2026-0009']);
  const b = advisory('CTSA-2026-0002', ['Contoso SDK']);
  const c = advisory('CTSA-2026-0003', ['Contoso Agent', 'Contoso Server']);

  it('holds the chrome, the advisory, the visibility of the ids it names and the slugs of its products, nothing else', () => {
    const data = view([a, b, c]);
    expect(advisoryPageInput(a, data, viewLookups(data))).toEqual({
      chrome: chrome(data),
      advisory: a,
      visible: { 'CTSA-2026-0002': true, 'CTSA-2026-0009': false },
      slugs: { 'Contoso Server': 'contoso-server' },
    });
    expect(Object.keys(chrome(data)).sort()).toEqual(['base', 'isPublic', 'publisher', 'review', 'site', 'tier', 'tiers']);
  });

  it("keeps its key when another advisory it does not name changes, and changes it when what it shows changes", () => {
    const key = keyOf(a.id, view([a, b, c]));
    expect(keyOf(a.id, view([a, b, { ...c, title: 'changed' }]))).toBe(key);
    // A related advisory leaves the view: the link becomes text.
    expect(keyOf(a.id, view([a, c]))).not.toBe(key);
    // Not the build instant: a build at a new instant (the default is now) finds every unchanged page.
    expect(keyOf(a.id, view([a, b, c], '2026-11-29T12:00:00Z'))).toBe(key);
    expect(keyOf(a.id, view([{ ...a, title: 'changed' }, b, c]))).not.toBe(key);
  });

  it('is not made for a product without a page', () => {
    const data = { ...view([a]), products: [] };
    expect(() => advisoryPageInput(a, data, viewLookups(data))).toThrow(/Contoso Server/);
  });
});

/** The files `file` imports at run time (relative specifiers, not `import type`), resolved. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const code = file.endsWith('.astro') ? (text.split(/^---$/m)[1] ?? '') : text;
  return [...code.matchAll(/^\s*import\s+(?!type\s)(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)].map((match) => match[1]!).filter((specifier) => specifier.startsWith('.')).map((specifier) => resolve(dirname(file), specifier.replace(/\?.*$/, '')));
}

describe('the advisory page reads nothing but its input', () => {
  it('imports no module that reads the staged view, the file system or the environment, through every component it includes', () => {
    const seen = new Set<string>();
    const queue = [join(ROOT, 'src', 'render', 'components', 'AdvisoryPage.astro')];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      if (/\.(astro|ts)$/.test(file)) queue.push(...imports(file));
    }
    const files = [...seen].map((file) => file.slice(ROOT.length + 1)).sort();
    expect(files).toContain('src/render/layouts/Base.astro');
    expect(files).toContain('src/render/components/Passage.astro');
    expect(files).not.toContain('src/render/load.ts');
    for (const file of files.filter((name) => /\.(astro|ts)$/.test(name))) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(text, file).not.toMatch(/process\.env|from ['"]node:(fs|os|process|child_process)|Astro\.(url|site|request|locals|cookies)/);
    }
  });
});
