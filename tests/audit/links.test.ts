import { describe, expect, it } from 'vitest';
import { checkLinks, type LayoutExpectation } from '../../src/audit/layout.ts';

// The view sees CTSA-2025-0001; CTSA-2025-0002 is an advisory of the content it may not see.
const expected: LayoutExpectation = {
  advisories: new Set(['CTSA-2025-0001']),
  csaf: new Set(),
  assets: new Set(),
  hidden: new Set(['CTSA-2025-0002']),
  hosts: new Set(['security.contoso.example', 'mapp.partner.example:8443']),
};
const found = (html: string) => checkLinks('advisories/CTSA-2025-0001/index.html', html, expected).map((finding) => finding.message);

describe('links to advisory pages', () => {
  it('finds a link to a hidden advisory however it is written', () => {
    for (const href of [
      '/advisories/CTSA-2025-0002/',
      '/partner/advisories/CTSA-2025-0002/index.html',
      'https://security.contoso.example/advisories/CTSA-2025-0002/',
      'https://mapp.partner.example:8443/x/advisories/CTSA-2025-0002',
      '//security.contoso.example/advisories/CTSA-2025-0002/',
      // Another host, but the id is one of ours this view may not see.
      'https://elsewhere.example/advisories/CTSA-2025-0002.html',
    ]) {
      expect(found(`<a href="${href}">x</a>`), href).toEqual(['a link to CTSA-2025-0002, which this view may not see']);
    }
  });

  it('finds a link into our own site to an advisory that is not in the content at all', () => {
    expect(found('<a href="/advisories/CTSA-2025-0099/">x</a>')).toEqual(['a link to CTSA-2025-0099, which this view may not see']);
    expect(found('<a href="https://security.contoso.example/advisories/CTSA-2025-0099/">x</a>')).toHaveLength(1);
  });

  it("takes another site's advisory page for what it is (RUSTSEC-2024-0335 links RustSec's own page)", () => {
    expect(found('<a href="https://rustsec.org/advisories/RUSTSEC-2023-0064.html">RUSTSEC-2023-0064</a>')).toEqual([]);
    expect(found('see https://rustsec.org/advisories/RUSTSEC-2023-0064.html and /advisories/CTSA-2025-0001/')).toEqual([]);
  });

  it('passes links to advisories the view sees', () => {
    expect(found('<a href="/advisories/CTSA-2025-0001/">x</a> <a href="https://security.contoso.example/advisories/CTSA-2025-0001/">y</a>')).toEqual([]);
  });
});
