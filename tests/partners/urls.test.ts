import { describe, expect, it } from 'vitest';
import { partnerView } from '../../src/core/project/partner-view.ts';
import { bundleBaseUrl } from '../../src/core/schema/site.ts';
import { bundleBase, sitePath, siteUrl } from '../../src/render/urls.ts';
import { files, frontmatter, problemsOf, SITE_YAML, validContent } from '../helpers/content.ts';

const partners = (url: string) => `partners:\n  - id: northwind\n    name: Northwind\n    tier: partner\n    url: ${url}\n  - id: fabrikam\n    name: Fabrikam\n    tier: trusted\n`;
const ADVISORY = `${frontmatter()}Body.\n`;

describe('where bundles are served', () => {
  it('tiers at their url, else the site URL and <site url>/<tier id>/; partners at their own url, else their view’s tier URL', () => {
    const site = SITE_YAML.replace('    lead: 5d\n', '    lead: 5d\n    url: https://trusted.contoso.example/feeds\n');
    const content = validContent(files({ 'advisories/2025/CTSA-2025-0001.md': ADVISORY }, { site, partners: partners('https://portal.northwind.example/contoso') }));
    const tier = (id: string) => content.site.tiers.find((t) => t.id === id)!;
    expect(bundleBaseUrl(content.site, tier('public'))).toBe('https://security.contoso.example/');
    expect(bundleBaseUrl(content.site, tier('partner'))).toBe('https://security.contoso.example/partner/');
    expect(bundleBaseUrl(content.site, tier('trusted'))).toBe('https://trusted.contoso.example/feeds/');
    const [northwind, fabrikam] = content.partners.partners;
    expect(bundleBaseUrl(content.site, partnerView(content.site, content.partners, northwind!).tier, northwind)).toBe('https://portal.northwind.example/contoso/');
    expect(bundleBaseUrl(content.site, partnerView(content.site, content.partners, fabrikam!).tier, fabrikam)).toBe('https://trusted.contoso.example/feeds/');
  });

  it.each([
    ['http://portal.northwind.example/', /https URL/],
    ['https://portal.northwind.example/?tier=partner', /without query, fragment or credentials/],
    ['https://portal.northwind.example/#top', /without query, fragment or credentials/],
    ['https://user:secret@portal.northwind.example/', /without query, fragment or credentials/],
    ['portal.northwind.example/contoso', /absolute/],
  ])('refuses a partner url %s', (url, message) => {
    const problems = problemsOf(ADVISORY, { partners: partners(url) });
    expect(problems.some((problem) => problem.file === 'content/partners.yaml' && message.test(problem.message)), JSON.stringify(problems)).toBe(true);
  });

  it('links below the base path and states absolute URLs below the base URL', () => {
    const base = bundleBase('https://security.contoso.example/partner');
    expect(base).toEqual({ url: 'https://security.contoso.example/partner/', path: '/partner/' });
    expect(sitePath(base, 'advisories/CTSA-2025-0001/')).toBe('/partner/advisories/CTSA-2025-0001/');
    expect(sitePath(base, '/feed.xml')).toBe('/partner/feed.xml');
    expect(sitePath(bundleBase('https://security.contoso.example'), '')).toBe('/');
    expect(siteUrl(base, 'feed.json')).toBe('https://security.contoso.example/partner/feed.json');
  });
});
