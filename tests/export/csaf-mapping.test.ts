import { describe, expect, it } from 'vitest';
import { csafDocument, csafLocation } from '../../src/export/csaf/document.ts';
import { csafFileName } from '../../src/export/csaf/names.ts';
import { projectedOf } from '../helpers/exports.ts';
import { csafProblems } from '../helpers/validators.ts';

/** An advisory of CTSA-2025-0001 with the given frontmatter lines (id, title and summary are added) and body. */
const advisory = (lines: string, body = 'The flaw is in the parser.\n') =>
  `---\nid: CTSA-2025-0001\ntitle: Example flaw\nsummary: An example flaw.\n${lines}---\n${body}`;

const PRODUCT = 'products:\n  - name: Contoso Server\n    affected: "< 2.0"\n    fixed: "2.0"\n';
const RELEASED = `${PRODUCT}release: 2025-07-22T17:00:00Z\n`;

// JSON round trip: the validator and the assertions see exactly what is written to the file.
const documentOf = (text: string, tier = 'public', at?: string) => {
  const { advisory: projected, context } = projectedOf(text, tier, at);
  return JSON.parse(JSON.stringify(csafDocument(projected, context)));
};

async function validDocument(text: string, tier = 'public', at?: string) {
  const document = documentOf(text, tier, at);
  expect(await csafProblems(document)).toEqual([]);
  return document;
}

describe('CSAF: distribution and file names', () => {
  it.each([
    ['public', 'WHITE', 'white', /TLP:CLEAR/],
    ['partner', 'AMBER', 'amber', undefined],
    ['trusted', 'AMBER', 'amber', /TLP:AMBER\+STRICT.*only within their own organization/],
    ['internal', 'RED', 'red', undefined],
  ] as const)('the %s tier is TLP:%s in CSAF, filed under %s/', async (tier, label, folder, text) => {
    const document = await validDocument(advisory(RELEASED), tier);
    expect(document.document.distribution.tlp).toEqual({ label, url: 'https://www.first.org/tlp/' });
    if (text) expect(document.document.distribution.text).toMatch(text);
    else expect(document.document.distribution.text).toBeUndefined();
    const { advisory: projected, context } = projectedOf(advisory(RELEASED), tier);
    expect(csafLocation(projected, context).path).toBe(`.well-known/csaf/${folder}/2025/ctsa-2025-0001.json`);
  });

  it('names files as the standard does: lower case, runs of other characters as one underscore', () => {
    expect(csafFileName('CTSA-2025-0007')).toBe('ctsa-2025-0007.json');
    expect(csafFileName('Example Co/2025:: 1+2')).toBe('example_co_2025_1+2.json');
  });
});

describe('CSAF: scores', () => {
  it('maps 3.x and 2.0 vectors to cvss_v3 and cvss_v2 with computed scores, and notes 4.0 and further vectors', async () => {
    const cvss = [
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'AV:N/AC:L/Au:N/C:C/I:C/A:C',
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
    ];
    const document = await validDocument(advisory(`cvss:\n${cvss.map((vector) => `  - vector: ${vector}\n`).join('')}${RELEASED}`));
    const [vulnerability] = document.vulnerabilities;
    expect(vulnerability.scores).toEqual([
      { cvss_v3: { version: '3.1', vectorString: cvss[0], baseScore: 9.8, baseSeverity: 'CRITICAL' }, products: ['CSAFPID-0001'] },
      { cvss_v2: { version: '2.0', vectorString: cvss[1], baseScore: 10 }, products: ['CSAFPID-0001'] },
    ]);
    expect(vulnerability.notes).toContainEqual({ category: 'other', title: 'CVSS v4.0', text: `${cvss[2]} (score 9.3, critical)` });
    expect(vulnerability.notes).toContainEqual({ category: 'other', title: 'CVSS v3.1 (further vector)', text: `${cvss[3]} (score 7.8, high)` });
    expect(document.document.aggregate_severity).toEqual({ text: 'CRITICAL' });
  });
});

describe('CSAF: products', () => {
  const products = `products:
  - name: Contoso Server
    affected: ["< 2.0", ">= 3.0, < 3.2"]
    fixed: ["2.0", "3.2"]
  - name: Contoso Gateway
    purl: pkg:generic/contoso/gateway@2019
    affected: "*"
  - name: Contoso SDK
    purl: pkg:npm/contoso-sdk
    affected: "< 1.4.2"
    fixed: "1.4.2"
release: 2025-07-22T17:00:00Z
`;

  it('builds vendor → product → range or version branches, one unique id per leaf, ranges in the vers form', async () => {
    const document = await validDocument(advisory(`references:\n  - url: https://contoso.example/kb/1\n    type: fix\n${products}`));
    const [vendor] = document.product_tree.branches;
    expect(vendor.category).toBe('vendor');
    expect(vendor.name).toBe('Contoso PSIRT');
    const leaves = vendor.branches.flatMap((product: { name: string; branches: Array<Record<string, any>> }) =>
      product.branches.map((leaf) => [product.name, leaf.category, leaf.name, leaf.product.product_id, leaf.product.product_identification_helper?.purl]),
    );
    expect(leaves).toEqual([
      ['Contoso Server', 'product_version_range', 'vers:generic/<2.0', 'CSAFPID-0001', undefined],
      ['Contoso Server', 'product_version_range', 'vers:generic/>=3.0|<3.2', 'CSAFPID-0002', undefined],
      ['Contoso Server', 'product_version', '2.0', 'CSAFPID-0003', undefined],
      ['Contoso Server', 'product_version', '3.2', 'CSAFPID-0004', undefined],
      // "*" is every version, written as CSAF 2.0 prescribes; a range's purl names no version (the edition @2019 goes).
      ['Contoso Gateway', 'product_version_range', 'vers:all/*', 'CSAFPID-0005', 'pkg:generic/contoso/gateway'],
      ['Contoso SDK', 'product_version_range', 'vers:npm/<1.4.2', 'CSAFPID-0006', 'pkg:npm/contoso-sdk'],
      ['Contoso SDK', 'product_version', '1.4.2', 'CSAFPID-0007', 'pkg:npm/contoso-sdk@1.4.2'],
    ]);
    // Full product names are for people: the range as the advisory writes it.
    expect(vendor.branches[0].branches[1].product.name).toBe('Contoso Server >= 3.0, < 3.2');
  });

  it('marks affected ranges known_affected and fixed versions fixed, with a remediation for every product', async () => {
    const document = await validDocument(advisory(`references:\n  - url: https://contoso.example/kb/1\n    type: fix\n${products}`));
    const [vulnerability] = document.vulnerabilities;
    expect(vulnerability.product_status).toEqual({
      fixed: ['CSAFPID-0003', 'CSAFPID-0004', 'CSAFPID-0007'],
      known_affected: ['CSAFPID-0001', 'CSAFPID-0002', 'CSAFPID-0005', 'CSAFPID-0006'],
    });
    expect(vulnerability.remediations).toEqual([
      { category: 'vendor_fix', details: 'Update Contoso Server to 2.0 or 3.2.', product_ids: ['CSAFPID-0001', 'CSAFPID-0002'], url: 'https://contoso.example/kb/1' },
      { category: 'none_available', details: 'No fixed release of Contoso Gateway is available yet.', product_ids: ['CSAFPID-0005'] },
      { category: 'vendor_fix', details: 'Update Contoso SDK to 1.4.2.', product_ids: ['CSAFPID-0006'], url: 'https://contoso.example/kb/1' },
    ]);
  });

  it('every range form of an affected text, with the vers type of the purl', async () => {
    const affected = ['*', '< 2.0', '<= 2.1', '> 1.0, < 2.0', '>= 1.0, <= 1.9', '< 3.0, >= 2.5', '>= 4.0', '= 1.2.3', '1.2.4', '5.0, = 5.1'];
    const document = await validDocument(
      advisory(`products:\n  - name: Contoso crate\n    purl: pkg:cargo/contoso\n    affected: ${JSON.stringify(affected)}\nrelease: 2025-07-22T17:00:00Z\n`),
    );
    const leaves = document.product_tree.branches[0].branches[0].branches.map((leaf: Record<string, any>) => [leaf.category, leaf.name, leaf.product.product_identification_helper.purl]);
    expect(leaves).toEqual([
      ['product_version_range', 'vers:all/*', 'pkg:cargo/contoso'],
      ['product_version_range', 'vers:cargo/<2.0', 'pkg:cargo/contoso'],
      ['product_version_range', 'vers:cargo/<=2.1', 'pkg:cargo/contoso'],
      ['product_version_range', 'vers:cargo/>1.0|<2.0', 'pkg:cargo/contoso'],
      ['product_version_range', 'vers:cargo/>=1.0|<=1.9', 'pkg:cargo/contoso'],
      ['product_version_range', 'vers:cargo/>=2.5|<3.0', 'pkg:cargo/contoso'],
      ['product_version_range', 'vers:cargo/>=4.0', 'pkg:cargo/contoso'],
      // Single versions are enumerated as product_version, as CSAF prefers to a range of one version.
      ['product_version', '1.2.3', 'pkg:cargo/contoso@1.2.3'],
      ['product_version', '1.2.4', 'pkg:cargo/contoso@1.2.4'],
      ['product_version', '5.0', 'pkg:cargo/contoso@5.0'],
      ['product_version', '5.1', 'pkg:cargo/contoso@5.1'],
    ]);
    // One affected text may become several versions: all of them are known_affected.
    expect(document.vulnerabilities[0].product_status.known_affected).toHaveLength(11);
  });

  it('a range text it cannot read exactly keeps its words, as a range without vers', async () => {
    const document = await validDocument(advisory('products:\n  - name: Contoso Cloud\n    affected: "service versions before 2024-05-07"\n    fixed: "2024-05-07"\nrelease: 2025-07-22T17:00:00Z\n'));
    const leaves = document.product_tree.branches[0].branches[0].branches.map((leaf: Record<string, any>) => [leaf.category, leaf.name]);
    expect(leaves).toEqual([
      ['product_version_range', 'service versions before 2024-05-07'],
      ['product_version', '2024-05-07'],
    ]);
  });

  it('one vendor branch per vendor: the product\'s, else the publisher\'s vendor, else the publisher', async () => {
    const text = advisory(
      'products:\n  - name: Contoso Server\n    affected: "< 2.0"\n  - name: Fabrikam Agent\n    vendor: Fabrikam\n    affected: "< 1.1"\n  - name: Contoso Gateway\n    affected: "< 3.0"\nrelease: 2025-07-22T17:00:00Z\n',
    );
    const names = (document: any) => document.product_tree.branches.map((vendor: any) => [vendor.name, vendor.branches.map((product: any) => product.name)]);
    expect(names(await validDocument(text))).toEqual([
      ['Contoso PSIRT', ['Contoso Server', 'Contoso Gateway']],
      ['Fabrikam', ['Fabrikam Agent']],
    ]);
    const { advisory: projected, context } = projectedOf(text);
    const withVendor = { ...context, site: { ...context.site, publisher: { ...context.site.publisher, vendor: 'Contoso' } } };
    const document = JSON.parse(JSON.stringify(csafDocument(projected, withVendor)));
    expect(await csafProblems(document)).toEqual([]);
    expect(names(document)).toEqual([
      ['Contoso', ['Contoso Server', 'Contoso Gateway']],
      ['Fabrikam', ['Fabrikam Agent']],
    ]);
    // The publisher stays the publisher.
    expect(document.document.publisher.name).toBe('Contoso PSIRT');
  });

  // packageurl-js refuses a golang version that starts with v but is not semver: the export crashed here.
  it('a fixed version the purl type refuses keeps the purl without a version', async () => {
    const document = await validDocument(advisory('products:\n  - name: Contoso Go module\n    purl: pkg:golang/github.com/contoso/mod\n    affected: "< v1.2"\n    fixed: v1.2\nrelease: 2025-07-22T17:00:00Z\n'));
    expect(JSON.stringify(document.product_tree)).toContain('"purl":"pkg:golang/github.com/contoso/mod"');
  });

  it('a fixed "version" that reads as a range is filed as a range (mandatory test 6.1.31)', async () => {
    const document = await validDocument(advisory('products:\n  - name: Contoso Server\n    affected: "< 2.0"\n    fixed: "2.0 and later"\nrelease: 2025-07-22T17:00:00Z\n'));
    expect(document.product_tree.branches[0].branches[0].branches[1].category).toBe('product_version_range');
  });
});

describe('CSAF: vulnerabilities', () => {
  it('one vulnerability per CVE, each with the first CWE by name and the others noted', async () => {
    const document = await validDocument(advisory(`cves: [CVE-2025-10001, CVE-2025-10002]\ncwes: [CWE-502, CWE-20]\ncredits: [Jane Doe]\n${RELEASED}`));
    expect(document.vulnerabilities.map((vulnerability: { cve: string }) => vulnerability.cve)).toEqual(['CVE-2025-10001', 'CVE-2025-10002']);
    for (const vulnerability of document.vulnerabilities) {
      expect(vulnerability.cwe).toEqual({ id: 'CWE-502', name: 'Deserialization of Untrusted Data' });
      expect(vulnerability.notes).toContainEqual({ category: 'other', title: 'Further weaknesses (CWE)', text: 'CWE-20' });
      expect(vulnerability.acknowledgments).toEqual([{ names: ['Jane Doe'] }]);
      expect(vulnerability.notes[0]).toEqual({ category: 'description', text: 'An example flaw.', title: 'Description' });
    }
  });

  it('without a CVE, one vulnerability named by the advisory id; a CWE the list lacks is only noted', async () => {
    const document = await validDocument(advisory(`aliases: [GHSA-aaaa-bbbb-cccc]\ncwes: [CWE-999999]\n${RELEASED}`));
    const [vulnerability] = document.vulnerabilities;
    expect(document.vulnerabilities).toHaveLength(1);
    expect(vulnerability.cve).toBeUndefined();
    expect(vulnerability.ids).toEqual([
      { system_name: 'Contoso PSIRT', text: 'CTSA-2025-0001' },
      { system_name: 'GHSA', text: 'GHSA-aaaa-bbbb-cccc' },
    ]);
    expect(vulnerability.cwe).toBeUndefined();
    expect(vulnerability.notes).toContainEqual({ category: 'other', title: 'Weaknesses (CWE)', text: 'CWE-999999' });
  });

  it('an informational advisory is a csaf_informational_advisory: no vulnerabilities, products in a note, an external reference', async () => {
    const document = await validDocument(advisory(`kind: informational\n${RELEASED}`));
    expect(document.document.category).toBe('csaf_informational_advisory');
    expect(document.vulnerabilities).toBeUndefined();
    expect(document.document.notes).toContainEqual({ category: 'general', title: 'Products', text: '- Contoso Server: < 2.0 (fixed in 2.0)' });
    expect(document.document.references).toContainEqual({ category: 'external', summary: 'Publisher', url: 'https://contoso.example' });
  });
});

describe('CSAF: tracking', () => {
  it('numbers revisions 1, 2, 3 and takes the version and current date from the newest', async () => {
    const revisions = ['2025-07-22T17:00:00Z', '2025-07-30T09:00:00Z', '2025-08-15T09:00:00Z'];
    const document = await validDocument(advisory(`${RELEASED}revisions:\n${revisions.map((date, i) => `  - date: ${date}\n    summary: Change ${i + 1}.\n`).join('')}`));
    const { tracking } = document.document;
    expect(tracking.revision_history).toEqual(revisions.map((date, i) => ({ date, number: String(i + 1), summary: `Change ${i + 1}.` })));
    expect(tracking).toMatchObject({ version: '3', status: 'final', initial_release_date: revisions[0], current_release_date: revisions[2], id: 'CTSA-2025-0001' });
    expect(tracking.generator).toEqual({ engine: { name: 'Tierpress' } });
  });

  it('an advisory without revisions gets one at its release', async () => {
    const { tracking } = (await validDocument(advisory(RELEASED))).document;
    expect(tracking.revision_history).toEqual([{ date: '2025-07-22T17:00:00Z', number: '1', summary: 'Initial release.' }]);
  });

  it('a withdrawn advisory states why and ends its history with the withdrawal, once it has happened', async () => {
    const text = advisory(`${RELEASED}withdrawn:\n  at: 2025-08-01T09:00:00Z\n  reason: Duplicate of CTSA-2025-0006.\n`);
    const document = await validDocument(text);
    expect(document.document.notes).toContainEqual({ category: 'general', title: 'Withdrawn', text: 'Withdrawn on 2025-08-01T09:00:00Z: Duplicate of CTSA-2025-0006.' });
    expect(document.document.tracking.revision_history.at(-1)).toEqual({ date: '2025-08-01T09:00:00Z', number: '2', summary: 'Withdrawn: Duplicate of CTSA-2025-0006.' });
    expect(document.document.tracking).toMatchObject({ version: '2', current_release_date: '2025-08-01T09:00:00Z', status: 'final' });

    const before = await validDocument(text, 'public', '2025-07-25T00:00:00Z');
    expect(JSON.stringify(before)).not.toContain('Duplicate of CTSA-2025-0006');
    expect(before.document.tracking.revision_history).toHaveLength(1);
  });

  it('a draft (internal tier only) is numbered 0.1.0 and dated by its revisions, else the build instant', async () => {
    const draft = advisory(`${PRODUCT}status: draft\n`);
    const document = await validDocument(draft, 'internal');
    expect(document.document.tracking).toMatchObject({
      status: 'draft',
      version: '0.1.0',
      initial_release_date: '2026-11-28T12:00:00Z',
      revision_history: [{ date: '2026-11-28T12:00:00Z', number: '0.1.0', summary: 'Draft.' }],
    });
    const revised = await validDocument(
      advisory(`${PRODUCT}status: draft\nrevisions:\n  - date: 2026-10-01T00:00:00Z\n    summary: First draft.\n  - date: 2026-11-01T00:00:00Z\n    summary: Second draft.\n`),
      'internal',
    );
    expect(revised.document.tracking.revision_history.map((revision: { number: string }) => revision.number)).toEqual(['0.1.0', '0.2.0']);
    expect(revised.document.tracking.version).toBe('0.2.0');
  });

  it('an interim advisory keeps its status', async () => {
    expect((await validDocument(advisory(`${RELEASED}status: interim\n`))).document.tracking.status).toBe('interim');
  });
});

describe('CSAF: notes and references from the tier view', () => {
  const text = advisory(
    `${RELEASED}references:\n  - url: https://contoso.example/kb/1\n    type: fix\ntiers:\n  partner:\n    notes: Partners should rotate credentials.\n    references:\n      - url: https://partners.contoso.example/ioc.csv\n        type: detection\n`,
    'Public text.\n\n:::poc\nRun `curl -A {{mark}} https://target.example/` to reproduce.\n:::\n',
  );

  it('the body is plain text with kept gates unwrapped and the mark replaced; each tier note is labelled', async () => {
    const document = await validDocument(text, 'trusted');
    const notes = document.document.notes;
    expect(notes).toContainEqual({ category: 'description', title: 'Description', text: 'Public text.\n\nRun curl -A tp-unmarked https://target.example/ to reproduce.' });
    expect(notes).toContainEqual({ audience: 'Partner', category: 'other', title: 'Notes for Partner', text: 'Partners should rotate credentials.' });
    expect(document.document.references).toContainEqual({ category: 'external', summary: 'Detection guidance (Partner)', url: 'https://partners.contoso.example/ioc.csv' });
    expect(JSON.stringify(document)).not.toContain('{{mark}}');
  });

  it('the public tier gets neither the gate nor the overlay', async () => {
    const json = JSON.stringify(await validDocument(text, 'public'));
    expect(json).not.toContain('curl -A');
    expect(json).not.toContain('rotate credentials');
    expect(json).not.toContain('partners.contoso.example');
  });
});
