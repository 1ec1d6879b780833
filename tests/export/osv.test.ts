import { describe, expect, it } from 'vitest';
import { osvAffected } from '../../src/export/osv-affected.ts';
import { osvFiles, osvRecord } from '../../src/export/osv.ts';
import { exampleContent, projectedOf, projectTiers, rustsecContent, type TierExport } from '../helpers/exports.ts';
import { osvProblems } from '../helpers/validators.ts';

const advisory = (lines: string, body = 'The flaw is in the parser.\n') =>
  `---\nid: CTSA-2025-0001\ntitle: Example flaw\nsummary: An example flaw.\n${lines}---\n${body}`;
const RELEASED = 'products:\n  - name: Contoso Server\n    affected: "< 2.0"\n    fixed: "2.0"\nrelease: 2025-07-22T17:00:00Z\n';

const recordOf = (text: string, tier = 'public', at?: string) => {
  const { advisory: projected, context } = projectedOf(text, tier, at);
  const record = JSON.parse(JSON.stringify(osvRecord(projected, context)));
  expect(osvProblems(record)).toEqual([]);
  return record;
};

function invalidRecords(tiers: readonly TierExport[]): { checked: number; problems: Record<string, string[]> } {
  const problems: Record<string, string[]> = {};
  let checked = 0;
  for (const { tier, advisories, context } of tiers) {
    for (const file of osvFiles(advisories, context)) {
      checked += 1;
      const found = osvProblems(JSON.parse(file.content));
      if (found.length > 0) problems[`${tier}: ${file.path}`] = found;
    }
  }
  return { checked, problems };
}

describe('OSV records against the official schema (ajv 2020 + formats)', () => {
  it('every record of every tier of the example content is valid', async () => {
    expect(invalidRecords(projectTiers(await exampleContent()))).toEqual({ checked: 27 + 28 + 29 + 31, problems: {} });
  });

  it('every record of the 80 real RustSec advisories is valid in every tier', async () => {
    expect(invalidRecords(projectTiers(await rustsecContent(), '2100-01-01T00:00:00Z'))).toEqual({ checked: 4 * 80, problems: {} });
  });

  it('the schema check is live: an unregistered id prefix and a bad vector fail', () => {
    const record = recordOf(advisory(`cvss:\n  - vector: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n${RELEASED}`));
    expect(osvProblems({ ...record, id: 'CTSA-2025-0001' })).not.toEqual([]);
    expect(osvProblems({ ...record, severity: [{ type: 'CVSS_V3', score: 'CVSS:4.0/AV:N' }] })).not.toEqual([]);
  });
});

describe('OSV: files and identity', () => {
  it('writes osv/<ID>.json, two-space JSON with a trailing newline, sorted by path', async () => {
    const { advisories, context } = projectTiers(await exampleContent())[0]!;
    const files = osvFiles([...advisories].reverse(), context);
    expect(files.map((file) => file.path)).toEqual(advisories.map((entry) => `osv/${entry.id}.json`).sort());
    const file = files.find((candidate) => candidate.path === 'osv/CTSA-2025-0007.json')!;
    expect(file.content).toBe(`${JSON.stringify(JSON.parse(file.content), null, 2)}\n`);
    expect(osvFiles(advisories, context)).toEqual(files);
  });

  it('the id carries the x_ prefix of unregistered databases; CVEs and aliases are aliases', () => {
    const record = recordOf(advisory(`cves: [CVE-2025-10001]\naliases: [GHSA-aaaa-bbbb-cccc, CVE-2025-10001]\nrelated: [CTSA-2024-0005]\n${RELEASED}`));
    expect(record).toMatchObject({
      schema_version: '1.7.0',
      id: 'x_CTSA-2025-0001',
      aliases: ['CVE-2025-10001', 'GHSA-aaaa-bbbb-cccc'],
      related: ['CTSA-2024-0005'],
      summary: 'Example flaw',
    });
  });

  it('summary is the title on one line; the summary paragraph stays in database_specific', () => {
    const record = recordOf(advisory(`${RELEASED}tiers:\n  public:\n    title: |\n      Example flaw,\n      public  title\n`));
    expect(record.summary).toBe('Example flaw, public title');
    expect(record.database_specific.summary).toBe('An example flaw.');
    expect(record.database_specific.title).toBeUndefined();
  });
});

describe('OSV: fields', () => {
  it('maps every CVSS vector to its severity type with the vector as score', () => {
    const vectors = [
      'AV:N/AC:L/Au:N/C:C/I:C/A:C',
      'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    ];
    const record = recordOf(advisory(`cvss:\n${vectors.map((vector) => `  - vector: ${vector}\n`).join('')}${RELEASED}`));
    expect(record.severity).toEqual([
      { type: 'CVSS_V2', score: vectors[0] },
      { type: 'CVSS_V3', score: vectors[1] },
      { type: 'CVSS_V3', score: vectors[2] },
      { type: 'CVSS_V4', score: vectors[3] },
    ]);
  });

  it('dates: published at release, modified at the newest revision', () => {
    const record = recordOf(advisory(`${RELEASED}revisions:\n  - date: 2025-07-22T17:00:00Z\n    summary: Initial.\n  - date: 2025-09-01T08:00:00Z\n    summary: Update.\n`));
    expect(record).toMatchObject({ published: '2025-07-22T17:00:00Z', modified: '2025-09-01T08:00:00Z' });
    expect(record.withdrawn).toBeUndefined();
  });

  it('a draft (internal only) has no published date; modified falls back to the build instant', () => {
    const record = recordOf(advisory('products:\n  - name: Contoso Server\n    affected: "< 2.0"\nstatus: draft\n'), 'internal');
    expect(record.published).toBeUndefined();
    expect(record.modified).toBe('2026-11-28T12:00:00Z');
    expect(record.database_specific).toMatchObject({ status: 'draft', tlp: 'TLP:RED' });
  });

  it('a withdrawn advisory has withdrawn set and its reason first in details', () => {
    const record = recordOf(advisory(`${RELEASED}withdrawn:\n  at: 2025-08-01T09:00:00Z\n  reason: Duplicate of CTSA-2025-0006.\n`));
    expect(record.withdrawn).toBe('2025-08-01T09:00:00Z');
    expect(record.modified).toBe('2025-08-01T09:00:00Z');
    expect(record.details).toMatch(/^\*\*Withdrawn\*\* on 2025-08-01T09:00:00Z: Duplicate of CTSA-2025-0006\.\n\nThe flaw is in the parser\.$/);
  });

  it('references: the advisory page first, then every reference with its OSV type; credits by name', () => {
    const types = ['advisory', 'article', 'detection', 'fix', 'report', 'web'];
    const record = recordOf(
      advisory(`${RELEASED}credits: [Jane Doe of Example Labs]\nreferences:\n${types.map((type) => `  - url: https://contoso.example/${type}\n    type: ${type}\n`).join('')}`),
    );
    expect(record.references).toEqual([
      { type: 'ADVISORY', url: 'https://public.bundles.example/advisories/CTSA-2025-0001/' },
      ...types.map((type) => ({ type: type.toUpperCase(), url: `https://contoso.example/${type}` })),
    ]);
    expect(record.credits).toEqual([{ name: 'Jane Doe of Example Labs' }]);
  });

  it('details: the tier body as Markdown with kept gates unwrapped, the mark replaced, assets absolute, notes under a heading', () => {
    const text = advisory(
      `${RELEASED}tiers:\n  partner:\n    notes: Partners should *rotate* credentials.\n`,
      'Public text.\n\n:::poc\n```sh\ncurl -A {{mark}} https://target.example/\n```\n:::\n',
    );
    const trusted = recordOf(text, 'trusted');
    expect(trusted.details).toBe('Public text.\n\n```sh\ncurl -A tp-unmarked https://target.example/\n```\n\n## Notes for Partner\n\nPartners should _rotate_ credentials.');
    expect(trusted.database_specific.tlp).toBe('TLP:AMBER+STRICT');
    const open = recordOf(text, 'public');
    expect(open.details).toBe('Public text.');
    expect(open.database_specific.tlp).toBe('TLP:CLEAR');
  });
});

describe('OSV: affected packages', () => {
  it('names the package from a purl of a known ecosystem, without its version, with one range per interval', () => {
    expect(osvAffected({ name: 'Contoso SDK', purl: 'pkg:npm/%40contoso/sdk@1.0.0', affected: ['< 1.4.2', '>= 2.0.0, <= 2.0.3'], fixed: ['1.4.2'] })).toEqual({
      package: { ecosystem: 'npm', name: '@contoso/sdk', purl: 'pkg:npm/%40contoso/sdk' },
      ranges: [
        { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.4.2' }] },
        { type: 'SEMVER', events: [{ introduced: '2.0.0' }, { last_affected: '2.0.3' }] },
      ],
      database_specific: { product: 'Contoso SDK', purl: 'pkg:npm/%40contoso/sdk@1.0.0', affected: ['< 1.4.2', '>= 2.0.0, <= 2.0.3'], fixed: ['1.4.2'] },
    });
    expect(osvAffected({ name: 'Log', purl: 'pkg:maven/org.example/log', affected: ['*'] }).package).toEqual({
      ecosystem: 'Maven',
      name: 'org.example:log',
      purl: 'pkg:maven/org.example/log',
    });
  });

  it('a product without a purl of a known ecosystem keeps its ranges as text only', () => {
    expect(osvAffected({ name: 'Contoso Server 2019', purl: 'pkg:generic/contoso/server@2019', affected: ['< 16.0.1'] })).toEqual({
      database_specific: { product: 'Contoso Server 2019', purl: 'pkg:generic/contoso/server@2019', affected: ['< 16.0.1'] },
    });
  });

  // packageurl-js refuses a cran purl without a version, and OSV wants the purl without one: the build crashed here.
  it('a cran purl names its package without a purl, since a cran purl must carry a version', () => {
    expect(osvAffected({ name: 'contoso', purl: 'pkg:cran/contoso@1.0', affected: ['< 1.0'] })).toEqual({
      package: { ecosystem: 'CRAN', name: 'contoso' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0' }] }],
      database_specific: { product: 'contoso', purl: 'pkg:cran/contoso@1.0', affected: ['< 1.0'] },
    });
  });

  it.each([
    'pkg:cran/contoso@1.0',
    'pkg:swift/github.com/contoso/server@1.0',
    'pkg:generic/contoso/server@2019?download_url=https://x.example/a.tgz',
    'pkg:docker/contoso/server@sha256:abc',
    'pkg:github/contoso/server@v1.2',
    'pkg:deb/debian/openssl@1.1?arch=amd64&distro=bookworm',
    'pkg:oci/server@sha256%3Aabc?repository_url=x',
    'pkg:maven/org.x/y@1?classifier=sources&type=jar',
    'pkg:npm/%40scope/name@1#lib/sub',
    'pkg:npm/a/b/c@1',
    'pkg:composer/a%2Fb/c@1',
    'pkg:conan/cci/openssl@3.0?channel=stable',
    'pkg:pypi/Django_Thing@1.0',
    'pkg:nuget/X.Y@1?x=%40',
    'pkg:hackage/x',
  ])('builds a valid OSV record for a product with the purl %s', (purl) => {
    const record = recordOf(advisory(`products:\n  - name: Contoso Server\n    purl: "${purl}"\n    affected: "< 2.0"\nrelease: 2025-07-22T17:00:00Z\n`));
    expect(record.affected[0].database_specific.purl).toBe(purl);
  });

  it('CTSA-2024-0004: the malicious releases are listed as exact versions, npm and PyPI alike', async () => {
    const { advisories, context } = projectTiers(await exampleContent())[0]!;
    const record = osvRecord(advisories.find((entry) => entry.id === 'CTSA-2024-0004')!, context);
    expect(record.summary).toBe('Malicious versions of the Contoso SDK published to npm and PyPI');
    expect(record.affected.map(({ package: named, ranges, versions }) => ({ package: named, ranges, versions }))).toEqual([
      { package: { ecosystem: 'npm', name: '@contoso/sdk', purl: 'pkg:npm/%40contoso/sdk' }, ranges: undefined, versions: ['4.2.1', '4.2.2'] },
      { package: { ecosystem: 'PyPI', name: 'contoso-sdk', purl: 'pkg:pypi/contoso-sdk' }, ranges: undefined, versions: ['3.9.0'] },
    ]);
    expect(osvProblems(JSON.parse(JSON.stringify(record)))).toEqual([]);
  });

  it('an exclusive lower bound is a SEMVER range from the next version up, and the record is valid', () => {
    const record = recordOf(advisory('products:\n  - name: tracing\n    purl: pkg:cargo/tracing\n    affected: "> 0.1.37, < 0.1.40"\n    fixed: "0.1.40"\nrelease: 2025-07-22T17:00:00Z\n'));
    expect(record.affected).toEqual([
      {
        package: { ecosystem: 'crates.io', name: 'tracing', purl: 'pkg:cargo/tracing' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0.1.38-0' }, { fixed: '0.1.40' }] }],
        database_specific: { product: 'tracing', purl: 'pkg:cargo/tracing', affected: ['> 0.1.37, < 0.1.40'], fixed: ['0.1.40'] },
      },
    ]);
  });

  it('ranges, exact versions and last_affected together in one product pass the schema', () => {
    const record = recordOf(
      advisory('products:\n  - name: Contoso SDK\n    purl: pkg:pypi/contoso-sdk\n    affected: ["< 1.0", ">= 1.2, <= 1.4", "= 1.6.1", "*"]\nrelease: 2025-07-22T17:00:00Z\n'),
    );
    expect(record.affected[0]).toMatchObject({
      ranges: [
        { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0' }] },
        { type: 'ECOSYSTEM', events: [{ introduced: '1.2' }, { last_affected: '1.4' }] },
        { type: 'ECOSYSTEM', events: [{ introduced: '0' }] },
      ],
      versions: ['1.6.1'],
    });
  });

  it.each([
    ['pkg:generic/contoso/server@2019', 'a generic purl'],
    ['pkg:docker/contoso/server@1.0', 'a docker purl'],
    ['pkg:github/contoso/server@v1.2', 'a github purl'],
    [undefined, 'no purl'],
  ])('%s (%s): no package, the texts in database_specific only', (purl: string | undefined, _kind: string) => {
    const product = { name: 'Contoso Server', ...(purl ? { purl } : {}), affected: ['> 3.5.0, < 3.6.0', '= 4.2.1'] };
    expect(osvAffected(product)).toEqual({ database_specific: { product: 'Contoso Server', ...(purl ? { purl } : {}), affected: product.affected } });
  });

  it('a text no ecosystem reads keeps the package, with no ranges or versions', () => {
    expect(osvAffected({ name: 'Contoso SDK', purl: 'pkg:npm/%40contoso/sdk', affected: ['release pipeline before 2026-05-05'], fixed: ['5.2.1'] })).toEqual({
      package: { ecosystem: 'npm', name: '@contoso/sdk', purl: 'pkg:npm/%40contoso/sdk' },
      database_specific: { product: 'Contoso SDK', purl: 'pkg:npm/%40contoso/sdk', affected: ['release pipeline before 2026-05-05'], fixed: ['5.2.1'] },
    });
  });

  it('a purl type named like an object property is not a known ecosystem', () => {
    expect(osvAffected({ name: 'Odd', purl: 'pkg:constructor/ns/foo', affected: ['*'] })).toEqual({
      database_specific: { product: 'Odd', purl: 'pkg:constructor/ns/foo', affected: ['*'] },
    });
  });
});
