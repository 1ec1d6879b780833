import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { csafDocumentPaths, csafProviderFiles } from '../../src/export/csaf/provider.ts';
import { type ExportFile, sortKeys } from '../../src/export/file.ts';
import { exampleContent, projectTiers, type TierExport } from '../helpers/exports.ts';
import { providerMetadataProblems } from '../helpers/validators.ts';

const content = await exampleContent();
const tiers = projectTiers(content);
const tier = (id: string) => tiers.find((candidate) => candidate.tier === id)!;
const filesOf = ({ advisories, context }: TierExport) => csafProviderFiles(advisories, context);
/** A stand-in public OpenPGP key: the provider tree only names and publishes it. */
const OPENPGP = { fingerprint: '0123456789ABCDEF0123456789ABCDEF01234567', publicKey: '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEZ\n-----END PGP PUBLIC KEY BLOCK-----\n' };
const signed = (tierExport: TierExport): TierExport => ({ ...tierExport, context: { ...tierExport.context, openpgp: OPENPGP } });
const text = (files: readonly ExportFile[], path: string) => {
  const file = files.find((candidate) => candidate.path === path);
  if (!file) throw new Error(`no ${path} among ${files.map((f) => f.path).join(', ')}`);
  return file.content;
};

describe('CSAF provider tree of a tier', () => {
  it('holds each document with .sha256 and .sha512, the listings, the ROLIE feed, category and service documents, the metadata and security.txt, sorted by path', () => {
    const files = filesOf(tier('public'));
    const paths = files.map((file) => file.path);
    expect(paths).toEqual([...paths].sort());
    const documents = csafDocumentPaths(files);
    expect(documents).toHaveLength(27);
    expect(documents).toContain('.well-known/csaf/white/2025/ctsa-2025-0007.json');
    const rest = [
      '.well-known/csaf/provider-metadata.json',
      '.well-known/csaf/service.json',
      '.well-known/csaf/white/category-white.json',
      '.well-known/csaf/white/changes.csv',
      '.well-known/csaf/white/csaf-feed-tlp-white.json',
      '.well-known/csaf/white/index.txt',
      '.well-known/security.txt',
    ];
    expect(paths).toEqual([...documents.flatMap((path) => [path, `${path}.sha256`, `${path}.sha512`]), ...rest].sort());
    // Signatures are the sealing step's, over the bytes each bundle delivers.
    expect(paths.some((path) => path.endsWith('.sig') || path.endsWith('.asc'))).toBe(false);
    // With an OpenPGP key, its public half is published beside the provider metadata.
    const withKey = filesOf(signed(tier('public')));
    expect(withKey.map((file) => file.path)).toEqual([...paths, `.well-known/csaf/openpgp/${OPENPGP.fingerprint}.asc`].sort());
    expect(text(withKey, `.well-known/csaf/openpgp/${OPENPGP.fingerprint}.asc`)).toBe(OPENPGP.publicKey);
  });

  it('documents are two-space JSON with the keys of every object sorted (CSAF optional test 6.2.13) and a trailing newline', () => {
    const files = filesOf(tier('trusted'));
    for (const path of csafDocumentPaths(files)) {
      expect(text(files, path)).toBe(`${JSON.stringify(sortKeys(JSON.parse(text(files, path))), null, 2)}\n`);
    }
  });

  it('hash files are in the sha256sum format, over the exact bytes of the document', () => {
    const files = filesOf(tier('partner'));
    for (const path of csafDocumentPaths(files)) {
      const name = path.split('/').at(-1)!;
      for (const algorithm of ['sha256', 'sha512'] as const) {
        expect(text(files, `${path}.${algorithm}`)).toBe(`${createHash(algorithm).update(text(files, path)).digest('hex')}  ${name}\n`);
      }
    }
  });

  it('index.txt lists every document relative to the TLP folder; changes.csv lists them newest change first', () => {
    const files = filesOf(tier('trusted'));
    const documents = csafDocumentPaths(files).map((path) => path.replace('.well-known/csaf/amber/', ''));
    expect(text(files, '.well-known/csaf/amber/index.txt')).toBe(documents.map((path) => `${path}\n`).join(''));
    const rows = text(files, '.well-known/csaf/amber/changes.csv').trimEnd().split('\n');
    expect(rows).toHaveLength(29);
    const parsed = rows.map((row) => /^"(\d{4}\/[^"]+\.json)","([^"]+)"$/.exec(row)!);
    expect(parsed.every(Boolean)).toBe(true);
    const dates = parsed.map((match) => Date.parse(match[2]!));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    for (const match of parsed) {
      const document = JSON.parse(text(files, `.well-known/csaf/amber/${match[1]}`));
      expect(document.document.tracking.current_release_date).toBe(match[2]);
    }
  });

  it('the ROLIE feed links every document with its hashes and signature, newest change first, under the TLP label, and its service document', () => {
    const files = filesOf(signed(tier('internal')));
    const { feed } = JSON.parse(text(files, '.well-known/csaf/red/csaf-feed-tlp-red.json'));
    expect(feed.title).toBe('Contoso Security Advisories CSAF feed (TLP:RED)');
    expect(feed.updated).toBe('2026-11-28T12:00:00Z');
    expect(feed.link).toEqual([
      { rel: 'self', href: 'https://internal.bundles.example/.well-known/csaf/red/csaf-feed-tlp-red.json' },
      { rel: 'service', href: 'https://internal.bundles.example/.well-known/csaf/service.json' },
    ]);
    expect(feed.category).toEqual([{ scheme: 'urn:ietf:params:rolie:category:information-type', term: 'csaf' }]);
    expect(feed.entry).toHaveLength(31);
    const entry = feed.entry.find((candidate: { id: string }) => candidate.id === 'CTSA-2025-0007');
    const url = 'https://internal.bundles.example/.well-known/csaf/red/2025/ctsa-2025-0007.json';
    expect(entry.content).toEqual({ type: 'application/json', src: url });
    expect(entry.link).toEqual([
      { rel: 'self', href: url },
      { rel: 'hash', href: `${url}.sha256` },
      { rel: 'hash', href: `${url}.sha512` },
      { rel: 'signature', href: `${url}.asc` },
    ]);
    // Each entry carries the category terms of its document: its vendors and product names.
    const document = JSON.parse(text(files, '.well-known/csaf/red/2025/ctsa-2025-0007.json'));
    const terms = document.product_tree.branches.flatMap((vendor: any) => [vendor.name, ...vendor.branches.map((product: any) => product.name)]);
    expect(entry.category).toEqual([...new Set<string>(terms)].sort().map((term) => ({ term })));
    expect(terms[0]).toBe('Contoso');
    expect(entry.format).toEqual({ schema: 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json', version: '2.0' });
    const updated = feed.entry.map((candidate: { updated: string }) => Date.parse(candidate.updated));
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
    // Without an OpenPGP key, no signature is linked: none would be written.
    const unsigned = JSON.parse(text(filesOf(tier('internal')), '.well-known/csaf/red/csaf-feed-tlp-red.json')).feed.entry[0];
    expect(unsigned.link.map((link: { rel: string }) => link.rel)).toEqual(['self', 'hash', 'hash']);
  });

  it('the ROLIE category document lists every term of the feed\'s entries, sorted; the service document lists the feed', () => {
    const files = filesOf(tier('trusted'));
    const { feed } = JSON.parse(text(files, '.well-known/csaf/amber/csaf-feed-tlp-amber.json'));
    const terms = [...new Set<string>(feed.entry.flatMap((entry: { category: Array<{ term: string }> }) => entry.category.map((category) => category.term)))].sort();
    const categories = JSON.parse(text(files, '.well-known/csaf/amber/category-amber.json'));
    expect(categories).toEqual({ categories: { category: terms.map((term) => ({ term })) } });
    expect(terms).toContain('Contoso Gateway');
    expect(JSON.parse(text(files, '.well-known/csaf/service.json'))).toEqual({
      service: {
        workspace: [
          {
            title: 'Contoso Security Advisories CSAF feeds',
            collection: [
              {
                title: 'Contoso Security Advisories CSAF feed (TLP:AMBER)',
                href: 'https://trusted.bundles.example/.well-known/csaf/amber/csaf-feed-tlp-amber.json',
                categories: { category: [{ scheme: 'urn:ietf:params:rolie:category:information-type', term: 'csaf' }] },
              },
            ],
          },
        ],
      },
    });
  });

  it.each([
    ['public', 'WHITE', true],
    ['partner', 'AMBER', false],
    ['trusted', 'AMBER', false],
    ['internal', 'RED', false],
  ] as const)('provider-metadata.json of %s: TLP:%s feed, listed and mirrored only when public (%s), trusted provider with an OpenPGP key', (id, label, open) => {
    const metadata = JSON.parse(text(filesOf(signed(tier(id))), '.well-known/csaf/provider-metadata.json'));
    const base = `https://${id}.bundles.example`;
    const folder = label.toLowerCase();
    expect(metadata).toEqual({
      canonical_url: `${base}/.well-known/csaf/provider-metadata.json`,
      distributions: [
        {
          directory_url: `${base}/.well-known/csaf/${folder}/`,
          rolie: {
            categories: [`${base}/.well-known/csaf/${folder}/category-${folder}.json`],
            feeds: [
              {
                summary: expect.stringContaining(`TLP:${tier(id).context.tier.tlp}`),
                tlp_label: label,
                url: `${base}/.well-known/csaf/${folder}/csaf-feed-tlp-${folder}.json`,
              },
            ],
            services: [`${base}/.well-known/csaf/service.json`],
          },
        },
      ],
      last_updated: '2026-11-28T12:00:00Z',
      list_on_CSAF_aggregators: open,
      metadata_version: '2.0',
      mirror_on_CSAF_aggregators: open,
      public_openpgp_keys: [{ fingerprint: OPENPGP.fingerprint, url: `${base}/.well-known/csaf/openpgp/${OPENPGP.fingerprint}.asc` }],
      publisher: { category: 'vendor', contact_details: 'mailto:psirt@contoso.example', name: 'Contoso PSIRT', namespace: 'https://contoso.example' },
      role: 'csaf_trusted_provider',
    });
    expect(providerMetadataProblems(metadata)).toEqual([]);
  });

  it('without an OpenPGP key a bundle is only a csaf_provider, and names no key', () => {
    const metadata = JSON.parse(text(filesOf(tier('partner')), '.well-known/csaf/provider-metadata.json'));
    expect(metadata.role).toBe('csaf_provider');
    expect(metadata.public_openpgp_keys).toBeUndefined();
    expect(providerMetadataProblems(metadata)).toEqual([]);
    // The schema check is live: a wrong role and a short fingerprint each fail it.
    expect(providerMetadataProblems({ ...metadata, role: 'csaf_owner' })).not.toEqual([]);
    expect(providerMetadataProblems({ ...metadata, public_openpgp_keys: [{ fingerprint: 'ABCD', url: 'https://partner.bundles.example/k.asc' }] })).not.toEqual([]);
  });

  it('security.txt (RFC 9116) only in the public bundle: contact, expiry 364 days after the build, the provider metadata, its own URL', () => {
    expect(text(filesOf(tier('public')), '.well-known/security.txt')).toBe(
      [
        'Contact: mailto:psirt@contoso.example',
        'Expires: 2027-11-27T12:00:00Z',
        'CSAF: https://public.bundles.example/.well-known/csaf/provider-metadata.json',
        'Canonical: https://public.bundles.example/.well-known/security.txt',
        'Preferred-Languages: en',
        '',
      ].join('\n'),
    );
    for (const id of ['partner', 'trusted', 'internal']) expect(filesOf(tier(id)).some((file) => file.path === '.well-known/security.txt'), id).toBe(false);
    // RFC 9116 requires a Contact: without one in site.yaml there is no security.txt.
    const { advisories, context } = tier('public');
    const noContact = { ...context, site: { ...context.site, publisher: { name: 'Contoso PSIRT', namespace: 'https://contoso.example' } } };
    expect(csafProviderFiles(advisories, noContact).some((file) => file.path === '.well-known/security.txt')).toBe(false);
  });

  it('is deterministic: the same projection and instant give the same bytes, and nothing reads the clock', () => {
    const first = filesOf(tier('trusted'));
    const again = projectTiers(content).find((candidate) => candidate.tier === 'trusted')!;
    expect(filesOf(again)).toEqual(first);
    const later = { ...again, context: { ...again.context, at: '2030-01-01T00:00:00Z' } };
    const changed = filesOf(later).filter((file, index) => file.content !== first[index]!.content).map((file) => file.path);
    // Only the files that state the build instant change; the documents, hashes and listings do not.
    expect(changed).toEqual(['.well-known/csaf/amber/csaf-feed-tlp-amber.json', '.well-known/csaf/provider-metadata.json']);
    const publicFirst = filesOf(tier('public'));
    const publicLater = filesOf({ ...tier('public'), context: { ...tier('public').context, at: '2030-01-01T00:00:00Z' } });
    expect(publicLater.filter((file, index) => file.content !== publicFirst[index]!.content).map((file) => file.path)).toEqual([
      '.well-known/csaf/provider-metadata.json',
      '.well-known/csaf/white/csaf-feed-tlp-white.json',
      '.well-known/security.txt',
    ]);
  });

  it('refuses a base URL that is not absolute https', () => {
    const { advisories, context } = tier('public');
    expect(() => csafProviderFiles(advisories, { ...context, baseUrl: 'http://security.contoso.example' })).toThrow(/must use https/);
    expect(() => csafProviderFiles(advisories, { ...context, baseUrl: '/relative' })).toThrow(/not an absolute URL/);
  });
});
