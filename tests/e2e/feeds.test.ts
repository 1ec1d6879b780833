// The feeds of the example build, read with a real parser (feedsmith) as a feed reader would: public and partner
// bundles, Atom and JSON Feed. Every URL is absolute and below the bundle's own URL; an entry's id is this bundle's
// page of the advisory (a partner's feed never names a public URL, which an advisory not yet released has none of);
// entries come by their last update, newest first; the feed is never older than its newest entry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { feedProblems, readAtom, readJson } from '../helpers/feeds.ts';

const out = inject('out');
const urlOf = (bundle: string): string => JSON.parse(readFileSync(join(out, bundle, 'manifest.json'), 'utf8')).url;

const BUNDLES = ['public', 'partner', 'trusted', 'internal', 'partners/adatum-hosting', 'partners/contoso-av', 'partners/litware-cert', 'partners/wingtip-reseller', 'partners/woodgrove-bank'];

describe('feeds as a reader parses them', () => {
  it('each bundle names the URL it is served at: the first tier at the site URL, the others below it, partners at their tier’s', () => {
    expect(urlOf('public')).toBe('https://security.contoso.example/');
    for (const tier of ['partner', 'trusted', 'internal']) expect(urlOf(tier)).toBe(`https://security.contoso.example/${tier}/`);
    expect(urlOf('partners/contoso-av')).toBe('https://security.contoso.example/trusted/');
    expect(urlOf('partners/woodgrove-bank')).toBe('https://security.contoso.example/');
    // Wingtip's group caps it at the partner tier's view: its bundle is served at that tier's URL.
    expect(urlOf('partners/wingtip-reseller')).toBe('https://security.contoso.example/partner/');
  });

  it.each(BUNDLES)('%s: Atom and JSON Feed with absolute URLs, own ids, ordered by update, dated by the newest', (bundle) => {
    const dir = join(out, bundle);
    const base = urlOf(bundle);
    const atom = readAtom(dir);
    const json = readJson(dir);
    expect(atom.entries.length).toBeGreaterThan(0);
    expect(feedProblems(dir, base, atom)).toEqual([]);
    expect(feedProblems(dir, base, json)).toEqual([]);
    // Both formats list the same entries in the same order, with the same dates.
    expect(json.entries).toEqual(atom.entries);
    expect(atom.updated).toBe(atom.entries[0]!.updated);
  });

  it('a partner feed names an advisory not yet released by its page in the partner bundle, never by a public URL', () => {
    // CTSA-2026-0009 is released 2026-11-29 09:00, after the build: the partner tier has it, the public one does not.
    const publicIds = readAtom(join(out, 'public')).entries.map((entry) => entry.id);
    expect(publicIds.some((id) => id.includes('CTSA-2026-0009'))).toBe(false);
    for (const bundle of ['partner', 'partners/adatum-hosting']) {
      const atom = readAtom(join(out, bundle));
      expect(atom.entries.map((entry) => entry.id)).toContain('https://security.contoso.example/partner/advisories/CTSA-2026-0009/');
      const text = readFileSync(join(out, bundle, 'feed.xml'), 'utf8') + readFileSync(join(out, bundle, 'feed.json'), 'utf8');
      expect(text).not.toMatch(/https:\/\/security\.contoso\.example\/(?!partner\/)/);
    }
  });
});
