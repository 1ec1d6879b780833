import { describe, expect, it } from 'vitest';
import { validateContent } from '../../../src/core/validate/content.ts';
import { files, frontmatter, SITE_YAML } from '../../helpers/content.ts';

const advisory = { 'advisories/2025/CTSA-2025-0001.md': frontmatter() };
const siteProblems = (site: string) => validateContent(files(advisory, { site })).problems;
const partnerProblems = (partners: string) => validateContent(files(advisory, { partners })).problems;

// Line numbers below count from 1 in SITE_YAML: tiers start on line 7, classes on line 24.
describe('site.yaml errors (docs/format.md#siteyaml)', () => {
  it.each([
    ['a malformed tier id', SITE_YAML.replace('id: partner', 'id: Partner'), 12, /expected a tier id/],
    ['an unknown TLP label', SITE_YAML.replace('tlp: AMBER\n', 'tlp: YELLOW\n'), 14, /expected a TLP 2.0 label/],
    ['TLP getting less strict', SITE_YAML.replace('tlp: AMBER+STRICT', 'tlp: GREEN'), 18, /TLP:GREEN is less strict than TLP:AMBER/],
    ['lead getting shorter', SITE_YAML.replace('lead: 5d', 'lead: 12h'), 19, /shorter than the lead of "partner"/],
    ['a malformed lead', SITE_YAML.replace('lead: 24h', 'lead: 1 day'), 15, /expected a lead such as 0h, 24h, 5d or always/],
    ['a lead after always that is not always', `${SITE_YAML.replace('classes:', '  - id: extra\n    name: Extra\n    tlp: RED\n    lead: 5d\nclasses:')}`, 27, /leads must never get shorter/],
    ['a class naming an unknown tier', SITE_YAML.replace('poc: trusted', 'poc: trusted-partner'), 25, /unknown tier "trusted-partner"/],
    ['a class named tier', SITE_YAML.replace('poc: trusted', 'tier: trusted'), 25, /the key "tier": "tier" is the tier gate and cannot name a class/],
    ['a tier named partners', SITE_YAML.replace('id: trusted', 'id: partners').replace('poc: trusted', 'poc: partners'), 16, /"partners" is where partner bundles are written/],
    ['a duplicate tier id', SITE_YAML.replace('id: trusted', 'id: partner'), 16, /duplicate tier id "partner"/],
    ['an unknown key', `${SITE_YAML}theme: dark\n`, 27, /unknown field "theme"/],
    ['a missing publisher', SITE_YAML.replace(/publisher:\n.*\n.*\n/, ''), 1, /missing required field "publisher"/],
    ['a site URL that is not a URL', SITE_YAML.replace('url: https://security.contoso.example', 'url: security.contoso.example'), 3, /absolute http or https URL/],
    ['a tier URL without TLS', SITE_YAML.replace('    tlp: AMBER\n', '    tlp: AMBER\n    url: http://partners.contoso.example\n'), 15, /expected an https URL/],
    ['a site URL without TLS', SITE_YAML.replace('url: https://security.contoso.example', 'url: http://security.contoso.example'), 3, /expected an https URL/],
  ])('%s', (_name, site, line, message) => {
    const problems = siteProblems(site);
    const match = problems.find((problem) => message.test(problem.message));
    expect(match, JSON.stringify(problems, null, 1)).toBeDefined();
    expect(match).toMatchObject({ file: 'content/site.yaml', line });
  });

  it('stops at site errors instead of reporting every advisory against a broken config', () => {
    const problems = siteProblems(SITE_YAML.replace('tlp: AMBER\n', 'tlp: YELLOW\n'));
    expect(problems.every((problem) => problem.file === 'content/site.yaml')).toBe(true);
  });
});

const PARTNERS = `groups:
  restricted-jurisdiction:
    max_tier: partner
    withhold: [poc]
    max_lead: 0h
partners:
  - id: contoso-av
    name: Contoso Antivirus Ltd.
    tier: trusted
    groups: [restricted-jurisdiction]
`;

describe('partners.yaml errors (docs/format.md#partnersyaml)', () => {
  it('accepts a group and a partner in it', () => {
    expect(partnerProblems(PARTNERS)).toEqual([]);
  });

  it.each([
    ['an unknown tier', PARTNERS.replace('tier: trusted', 'tier: gold'), 9, /expected one of the tiers public, partner, trusted, internal/],
    ['a partner on an always tier', PARTNERS.replace('tier: trusted', 'tier: internal'), 9, /lead is always/],
    ['an unknown group', PARTNERS.replace('groups: [restricted-jurisdiction]', 'groups: [embargoed]'), 10, /unknown group "embargoed"/],
    ['an unknown class', PARTNERS.replace('withhold: [poc]', 'withhold: [exploit]'), 4, /expected one of the classes poc, internal/],
    ['a max_lead of always', PARTNERS.replace('max_lead: 0h', 'max_lead: always'), 5, /max_lead must be a duration/],
    ['a malformed partner id', PARTNERS.replace('id: contoso-av', 'id: Contoso AV'), 7, /expected an id/],
    ['a malformed group name', PARTNERS.replace(/restricted-jurisdiction/g, 'Restricted'), 2, /the key "Restricted": expected an id/],
    ['a duplicate partner id', `${PARTNERS}  - id: contoso-av\n    name: Again\n    tier: partner\n`, 11, /duplicate partner id "contoso-av"/],
    ['a recipient that is not an age key', PARTNERS.replace('    groups:', '    recipient: ssh-ed25519 AAAA\n    groups:'), 10, /age X25519 public key/],
    ['an unknown key', PARTNERS.replace('    groups: [r', '    email: x@y.example\n    groups: [r'), 10, /unknown field "email"/],
  ])('%s', (_name, partners, line, message) => {
    const problems = partnerProblems(partners);
    const match = problems.find((problem) => message.test(problem.message));
    expect(match, JSON.stringify(problems, null, 1)).toBeDefined();
    expect(match).toMatchObject({ file: 'content/partners.yaml', line });
  });
});
