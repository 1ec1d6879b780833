import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLayout } from '../../src/audit/layout.ts';
import { productSlugs } from '../../src/render/product-slugs.ts';
import { productIndex, type PageAdvisory } from '../../src/render/stage.ts';

const NOTHING = { advisories: new Set<string>(), csaf: new Set<string>(), assets: new Set<string>(), hidden: new Set<string>(), hosts: new Set<string>() };
const pagePaths = (slugs: Iterable<string>) => [...slugs].map((slug) => `products/${slug}/index.html`);
/** Only what the product index reads of an advisory. */
const advisoryWith = (id: string, names: string[]) => ({ id, products: names.map((name) => ({ name, affected: ['*'] })) }) as unknown as PageAdvisory;

describe('product page slugs', () => {
  it('keeps ordinary names readable', () => {
    expect(Object.fromEntries(productSlugs(['Contoso Server', 'Contoso SDK 2.x']))).toEqual({ 'Contoso Server': 'contoso-server', 'Contoso SDK 2.x': 'contoso-sdk-2x' });
  });

  // One slugger gave `+++` the fallback `product`, which `Product` also got: one page was lost.
  it.each([
    [['+++', 'Product']],
    [['A B', 'a-b']],
    [['a b', 'A B', 'a-b', 'a-b-1']],
    [['Café', 'Cafe\u0301']],
  ])('gives every one of %j its own page', (names) => {
    const index = productIndex([advisoryWith('CTSA-2025-0001', names.slice(0, 1)), advisoryWith('CTSA-2025-0002', names.slice(1))]);
    expect(index.map((product) => product.name).sort()).toEqual([...names].sort());
    expect(new Set(index.map((product) => product.slug)).size).toBe(names.length);
    expect(checkLayout(pagePaths(index.map((product) => product.slug)), NOTHING)).toEqual([]);
  });

  it('does not depend on the order the names come in', () => {
    const names = ['+++', 'Product', 'A B', 'a-b', 'a b', 'a-b-1', '!!!', 'product-1'];
    const expected = productSlugs(names);
    for (const order of [[...names].reverse(), [...names].sort(), [names[3]!, names[0]!, ...names]]) {
      expect(new Map([...productSlugs(order)].sort())).toEqual(new Map([...expected].sort()));
    }
  });

  // A 320-character name became a 320-byte folder name, and Astro failed with ENAMETOOLONG.
  it('bounds the slug of a long name, with a hash of the whole name so that long names stay apart', () => {
    const long = `Contoso ${'Enterprise Server '.repeat(18)}`.trim();
    const other = `${long} 2`;
    const unicode = 'Ω'.repeat(320);
    const slugs = productSlugs([long, other, unicode]);
    expect(long.length).toBeGreaterThan(300);
    for (const slug of slugs.values()) expect(encodeURIComponent(slug).length).toBeLessThanOrEqual(100);
    expect(slugs.get(long)).toMatch(/^contoso-enterprise-server-.*-[0-9a-f]{10}$/);
    expect(slugs.get(long)).not.toBe(slugs.get(other));
    expect(checkLayout(pagePaths(slugs.values()), NOTHING)).toEqual([]);
  });

  it('any names: one slug each, distinct, short, a single path segment the audit layout accepts', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 400 }), fc.constantFrom('.', '..', '/', 'a/b', '.hidden', '🔥', ' ')), { maxLength: 20 }), (names) => {
        const slugs = productSlugs(names);
        expect(slugs.size).toBe(names.length);
        expect(new Set(slugs.values()).size).toBe(names.length);
        for (const slug of slugs.values()) {
          expect(slug).not.toBe('');
          expect(slug).not.toMatch(/[/\\]|^\./);
          expect(encodeURIComponent(slug).length).toBeLessThanOrEqual(110);
        }
        expect(checkLayout(pagePaths(slugs.values()), NOTHING)).toEqual([]);
      }),
    );
  });
});
