// A passage the public advisory lacks carries its label in the bundles above the public tier, so a
// partner knows what must not be forwarded; the public bundle, and a partner bundle of the public tier,
// carry no trace of any label: not its words, not its markup, not its styles, in no byte of any file
// (pagefind's gzip undone).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { templateTexts } from '../../src/audit/vocabulary.ts';
import { PASSAGE_TEXT } from '../../src/render/labels.ts';
import { filesContaining, readBundle } from '../helpers/bundle.ts';
import { ROOT } from '../helpers/cli.ts';
import { CANARIES } from './setup.ts';

const out = inject('out');
const LABEL = PASSAGE_TEXT.beyond('Partner', 'public');

/** The selectors of the labels' stylesheet, as any bundle that styles them writes them. */
const selectors = [...readFileSync(join(ROOT, 'src', 'render', 'passages.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{/g)].map((match) => match[1]!.trim());

/** Every trace of a label: its fixed words (those no other text has: " advisory" is not one), its markup, its styles. */
const TRACES = [...templateTexts(PASSAGE_TEXT).filter((piece) => piece.includes(' and above')), 'gate-label', 'data-gate', 'class="gate', ...selectors];

describe('labels of passages the public advisory lacks', () => {
  it("frame the partner canary's passage in the partner bundle, with the label, its styles and no search entry", () => {
    const partner = readBundle(join(out, 'partner'));
    const page = partner.find((file) => file.path === 'advisories/CTSA-2025-0007/index.html')!.text;
    expect(page).toMatch(new RegExp(`<div class="gate gate-partner"[^>]*><p class="gate-label"[^>]*>${LABEL}</p><p>Partners: ${CANARIES.partner} marks the staging build\\.</p></div>`));
    // The overlay's title, summary, notes and references are labelled too.
    expect(page.split(`>${LABEL}<`).length - 1).toBeGreaterThanOrEqual(5);
    for (const selector of selectors) expect(page, selector).toContain(selector);
    // The scanner below finds every trace where there is one.
    for (const trace of TRACES) expect(filesContaining(partner, trace).length, trace).toBeGreaterThan(0);
    // Search indexes the passage, not its label.
    const index = partner.filter((file) => file.path.startsWith('pagefind/'));
    expect(filesContaining(index, CANARIES.partner).length).toBeGreaterThan(0);
    expect(filesContaining(index, LABEL)).toEqual([]);
  });

  for (const bundle of ['public', 'partners/woodgrove-bank']) {
    it(`leave no trace in any byte of ${bundle}`, () => {
      const files = readBundle(join(out, bundle));
      expect(files.length).toBeGreaterThan(100);
      for (const trace of [...TRACES, LABEL, CANARIES.partner]) expect(filesContaining(files, trace), trace).toEqual([]);
    });
  }
});
