import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readContent } from '../../src/pipeline/read.ts';
import { validateContent, type Content } from '../../src/core/validate/content.ts';
import { filesContaining, readBundle, type BundleFile } from '../helpers/bundle.ts';
import { gatedLines } from '../helpers/restricted.ts';
import { CANARIES } from './setup.ts';

const out = inject('out');
const TIERS = ['public', 'partner', 'trusted', 'internal'] as const;
type TierId = (typeof TIERS)[number];
const bundles = Object.fromEntries(TIERS.map((tier) => [tier, readBundle(join(out, tier))])) as Record<TierId, BundleFile[]>;
let content: Content;
beforeAll(async () => {
  content = validateContent((await readContent(inject('content'))).files!).content!;
});

// At 2026-11-28T12:00:00Z (content/README.md): 0009 reaches partner, 0010 trusted, 0011 and the draft 0012 only internal.
const HIDDEN: Record<TierId, string[]> = {
  public: ['CTSA-2026-0009', 'CTSA-2026-0010', 'CTSA-2026-0011', 'CTSA-2026-0012'],
  partner: ['CTSA-2026-0010', 'CTSA-2026-0011', 'CTSA-2026-0012'],
  trusted: ['CTSA-2026-0011', 'CTSA-2026-0012'],
  internal: [],
};

describe('the example content built at 2026-11-28T12:00:00Z', () => {
  it.each(TIERS)('%s has a page for exactly the advisories it may see', (tier) => {
    const pages = bundles[tier].map((f) => /^advisories\/([^/]+)\/index\.html$/.exec(f.path)?.[1]).filter(Boolean).sort();
    const expected = content.advisories.map((a) => a.fields.id).filter((id) => !HIDDEN[tier].includes(id)).sort();
    expect(pages).toEqual(expected);
  });

  it.each(['public', 'partner', 'trusted'] as const)('%s carries no trace of advisories it may not see yet', (tier) => {
    for (const id of HIDDEN[tier]) {
      const advisory = content.advisories.find((a) => a.fields.id === id)!;
      for (const text of [id, advisory.fields.title, advisory.fields.summary]) {
        expect(filesContaining(bundles[tier], text), `${tier}: ${text}`).toEqual([]);
      }
    }
  });

  it('puts each canary in exactly the tiers entitled to it, in no byte of any other', () => {
    const entitled: Record<string, TierId[]> = {
      [CANARIES.poc]: ['trusted', 'internal'],
      [CANARIES.pocNote]: ['trusted', 'internal'],
      [CANARIES.partner]: ['partner', 'trusted', 'internal'],
      [CANARIES.internal]: ['internal'],
    };
    for (const [canary, tiers] of Object.entries(entitled)) {
      for (const tier of TIERS) {
        const found = filesContaining(bundles[tier], canary);
        if (tiers.includes(tier)) {
          expect(found, `${tier} should have ${canary}`).toContain('advisories/CTSA-2025-0007/index.html'.replace('2025-0007', canary === CANARIES.pocNote ? '2024-0003' : '2025-0007'));
          // Search indexes the page too: the canary is in a fragment of its year's index (pagefind/ or pagefind/<year>/), after gunzip.
          expect(found.some((path) => /^pagefind\/(\d{4}\/)?fragment\//.test(path)), `${tier} index should have ${canary}`).toBe(true);
        } else {
          expect(found, `${tier} must not have ${canary}`).toEqual([]);
        }
      }
    }
  });

  it('withholds a definition, a footnote and an asset that only gated references use, with their gate', () => {
    const canaries = [CANARIES.pocDefinition, CANARIES.pocFootnote, CANARIES.pocAsset];
    for (const tier of TIERS) {
      const entitled = tier === 'trusted' || tier === 'internal';
      const asset = bundles[tier].some((file) => file.path === 'assets/2025/poc-only-replay.txt');
      expect(asset, `${tier}: the asset only the PoC cites`).toBe(entitled);
      for (const canary of canaries) {
        const found = filesContaining(bundles[tier], canary);
        if (entitled) expect(found.length, `${tier} should have ${canary}`).toBeGreaterThan(0);
        else expect(found, `${tier} must not have ${canary}`).toEqual([]);
      }
    }
  });

  it('keeps every line of PoC text of the example content out of the public and partner bundles', () => {
    const lines = gatedLines(content, (gate) => gate.name === 'poc');
    expect(lines.length).toBeGreaterThan(40);
    for (const tier of ['public', 'partner'] as const) {
      for (const line of lines) expect(filesContaining(bundles[tier], line), `${tier}: ${line}`).toEqual([]);
    }
    // Positive control: the trusted bundle does carry PoC lines of the advisories it sees.
    const trustedHits = lines.filter((line) => filesContaining(bundles.trusted, line).length > 0);
    expect(trustedHits.length).toBeGreaterThan(lines.length / 2);
  });

  it('labels every page of a restricted tier with its TLP at top and bottom, noindex', () => {
    const labels: Record<TierId, string> = { public: 'CLEAR', partner: 'AMBER', trusted: 'AMBER+STRICT', internal: 'RED' };
    for (const tier of TIERS) {
      for (const page of bundles[tier].filter((f) => f.path.endsWith('.html'))) {
        const banners = page.text.match(/<div class="tlp tlp-[^"]+"[^>]*>\s*<span class="label">TLP:([A-Z+]+)<\/span>/g) ?? [];
        if (tier === 'public') {
          expect(banners, page.path).toEqual([]);
          expect(page.text).not.toContain('noindex');
        } else {
          expect(banners.map((b) => /TLP:([A-Z+]+)/.exec(b)![1]), `${tier} ${page.path}`).toEqual([labels[tier], labels[tier]]);
          expect(page.text.indexOf('class="tlp ')).toBeLessThan(page.text.indexOf('<main'));
          expect(page.text.lastIndexOf('class="tlp ')).toBeGreaterThan(page.text.indexOf('</main>'));
          expect(page.text).toContain('<meta name="robots" content="noindex, nofollow, noarchive">');
        }
      }
    }
  });

  it('writes robots.txt: the public tier may be crawled, the others disallow everything below their path', () => {
    expect(readFileSync(join(out, 'public', 'robots.txt'), 'utf8')).toBe('User-agent: *\nAllow: /\n');
    for (const tier of ['partner', 'trusted', 'internal']) {
      expect(readFileSync(join(out, tier, 'robots.txt'), 'utf8')).toBe(`User-agent: *\nDisallow: /${tier}/\n`);
    }
  });

  it('copies an asset only into the tiers whose visible content references it', () => {
    for (const tier of TIERS) expect(existsSync(join(out, tier, 'assets/2025/ctsa-2025-0007-flow.svg')), tier).toBe(true);
    expect(existsSync(join(out, 'public', 'assets/2026/ctsa-2026-0003-poc.py'))).toBe(false);
    expect(existsSync(join(out, 'partner', 'assets/2026/ctsa-2026-0003-poc.py'))).toBe(false);
    expect(existsSync(join(out, 'trusted', 'assets/2026/ctsa-2026-0003-poc.py'))).toBe(true);
  });

  it('ships no JavaScript of its own, no source maps and nothing of Astro or the staging folder', () => {
    for (const tier of TIERS) {
      const stray = bundles[tier].filter((f) => !f.path.startsWith('pagefind/') && /\.(m?js|map|astro|ts)$|data-store\.json|pages\.json|projection\.json/.test(f.path));
      expect(stray.map((f) => f.path), tier).toEqual([]);
      const scripts = bundles[tier].filter((f) => f.path.endsWith('.html') && /<script/.test(f.text)).map((f) => f.path);
      expect(scripts, tier).toEqual(['search/index.html']);
    }
  });

  it('writes Atom and JSON feeds of the visible advisories, most recently updated first', () => {
    for (const tier of TIERS) {
      const visible = content.advisories.length - HIDDEN[tier].length;
      const atom = readFileSync(join(out, tier, 'feed.xml'), 'utf8');
      const json = JSON.parse(readFileSync(join(out, tier, 'feed.json'), 'utf8'));
      expect(atom.match(/<entry>/g)?.length, tier).toBe(Math.min(visible, 50));
      expect(json.items.length, tier).toBe(Math.min(visible, 50));
      const dates = json.items.map((item: { date_modified: string }) => item.date_modified);
      expect(dates).toEqual([...dates].sort().reverse());
      for (const id of HIDDEN[tier]) expect(atom + JSON.stringify(json)).not.toContain(id);
    }
  });

  it('frames gated parts the public advisory lacks with the tier that first receives them, in every tier above public only', () => {
    const page = (tier: TierId) => bundles[tier].find((f) => f.path === 'advisories/CTSA-2025-0007/index.html')!.text;
    const poc = '<div class="gate gate-trusted" data-gate="poc" data-gate-tier="trusted"><p class="gate-label" data-pagefind-ignore="">Trusted partner and above — not in the public advisory</p>';
    expect(page('internal')).toContain(poc);
    expect(page('trusted')).toContain(poc);
    expect(page('partner')).toContain('<p class="gate-label" data-pagefind-ignore="">Partner and above — not in the public advisory</p>');
    expect(page('public')).not.toContain('class="gate');
  });

  it('shows the neutral mark in tier bundles where a PoC has {{mark}}', () => {
    expect(filesContaining(bundles.trusted, 'X-Repro-Marker: tp-unmarked').length).toBeGreaterThan(0);
    for (const tier of TIERS) expect(filesContaining(bundles[tier], '{{mark}}'), tier).toEqual([]);
  });
});
