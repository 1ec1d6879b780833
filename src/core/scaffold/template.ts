import type { Site } from '../schema/site.ts';

/** What a new advisory is made from. */
export interface NewAdvisory {
  id: string;
  site: Site;
  title?: string;
  product?: string;
  /** The instant the author asked for, canonical text: the commented release shows it. */
  at: string;
}

/** A YAML scalar for any text: JSON's double-quoted strings are YAML's too. */
const scalar = (text: string) => JSON.stringify(text);

/**
 * The text of a new draft advisory that passes `check` as written: every
 * required field (with placeholders to replace), every optional one as a
 * comment with an example, and a body with the usual sections, a gate of
 * the site's first class and a `tier{min=…}` gate for its second tier
 * (each left out when the site has none). It is a draft, so only tiers
 * with `lead: always` see it until it gets a release and another status.
 */
export function advisoryTemplate(input: NewAdvisory): string {
  const { site, id, at } = input;
  const [klass, klassTier] = Object.entries(site.classes)[0] ?? [];
  const second = site.tiers[1]?.id;
  const review = site.tiers.filter((tier) => tier.lead === 'always').map((tier) => tier.id);
  const overlay = second ?? site.tiers[0]!.id;
  const frontmatter = [
    '---',
    `id: ${id}`,
    `title: ${scalar(input.title ?? 'TODO: what the flaw is, in which product')}`,
    `summary: ${scalar('TODO: one sentence on who can do what to which product, and under which conditions.')}`,
    'products:',
    `  - name: ${scalar(input.product ?? 'TODO: product name')}`,
    `    affected: ${scalar('TODO: affected versions, e.g. < 2.0 or >= 1.4, < 1.4.7')}`,
    '    # fixed: "2.0"                       # a version or a list of them',
    '    # purl: pkg:generic/vendor/product   # a package URL, for CSAF and OSV',
    "    # vendor: Another Vendor             # only when not the publisher's vendor",
    `status: draft                           # only ${review.length > 0 ? review.join(', ') : 'tiers with lead: always'} see${review.length === 1 ? 's' : ''} a draft; set interim or final with a release to publish`,
    `# release: ${at}            # required once it is not a draft; each tier sees it its lead earlier`,
    '# kind: vulnerability                   # or informational',
    '# severity: high                        # none, low, medium, high or critical; else from the first CVSS vector',
    '# cvss:',
    '#   - vector: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    '#     score: 9.8                        # optional: must equal what the vector scores',
    '# cves: [CVE-YYYY-NNNNN]',
    '# cwes: [CWE-NNN]',
    '# aliases: [ZDI-CAN-NNNNN]',
    '# related: [OTHER-ADVISORY-ID]',
    '# keywords: [first keyword, second keyword]',
    '# credits: [Name of Organisation]',
    '# revisions:                            # oldest first',
    `#   - date: ${at}`,
    '#     summary: Initial release.',
    '# references:',
    '#   - url: TODO an https URL',
    '#     type: fix                         # advisory, article, detection, fix, report or web',
    '# withdrawn:                            # only to withdraw a published advisory',
    `#   at: ${at}`,
    '#   reason: TODO why',
    `# tiers:                                # what a tier sees in addition or instead: ${site.tiers.map((tier) => tier.id).join(', ')}`,
    `#   ${overlay}:`,
    '#     title: TODO a title for this tier and those above',
    '#     summary: TODO a summary for this tier and those above',
    '#     notes: |',
    '#       TODO Markdown notes for this tier and those above; gates work here too.',
    `#     release: ${at}     # this tier sees it from then, instead of its lead before the release`,
    '---',
  ];
  const body = [
    '',
    '## Impact',
    '',
    'TODO: what an attacker can achieve, and what they need for it.',
    '',
    '## Affected configurations',
    '',
    'TODO: the products, versions and settings that are exposed.',
    '',
    '## Mitigation / Workarounds',
    '',
    'TODO: the fixed versions, and what to do until one can update.',
    '',
    '## Details',
    '',
    'TODO: technical details every tier that sees the advisory may read.',
    ...(klass
      ? [
          '',
          `:::${klass}`,
          `Replace this block with content of the class ${klass}: the ${klassTier} tier and those above`,
          `see it, and never a partner that withholds ${klass}. Remove it if there is none.`,
          ':::',
        ]
      : []),
    ...(second
      ? [
          '',
          `:::tier{min=${second}}`,
          `Replace this block with what the ${second} tier and those above may read, such as`,
          'detection guidance or indicators. Remove it if there is none.',
          ':::',
        ]
      : []),
    '',
  ];
  return `${[...frontmatter, ...body].join('\n')}`;
}
