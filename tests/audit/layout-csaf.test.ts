import { describe, expect, it } from 'vitest';
import { checkLayout, type LayoutExpectation } from '../../src/audit/layout.ts';

const expected: LayoutExpectation = { advisories: new Set(['CTSA-2025-0007']), csaf: new Set(['ctsa-2025-0007.json']), assets: new Set(), hidden: new Set(), hosts: new Set() };
const FINGERPRINT = '136307C0FF5CD29CF74482FF99E369B54697C03C';

/** The CSAF provider tree of a bundle whose TLP folder is `folder`. */
const provider = (folder: string) => [
  `.well-known/csaf/${folder}/2025/ctsa-2025-0007.json`,
  ...['sha256', 'sha512', 'sig', 'asc'].map((extension) => `.well-known/csaf/${folder}/2025/ctsa-2025-0007.json.${extension}`),
  `.well-known/csaf/${folder}/index.txt`,
  `.well-known/csaf/${folder}/changes.csv`,
  `.well-known/csaf/${folder}/csaf-feed-tlp-${folder}.json`,
  `.well-known/csaf/${folder}/category-${folder}.json`,
  '.well-known/csaf/service.json',
  '.well-known/csaf/provider-metadata.json',
  `.well-known/csaf/openpgp/${FINGERPRINT}.asc`,
];

describe('the layout of a trusted provider tree', () => {
  it('allows the OpenPGP signatures, the public key, the ROLIE service and category documents', () => {
    for (const folder of ['white', 'green', 'amber', 'red']) expect(checkLayout(provider(folder), expected), folder).toEqual([]);
  });

  it('allows security.txt only in a bundle whose CSAF folder is TLP:CLEAR\'s', () => {
    expect(checkLayout([...provider('white'), '.well-known/security.txt'], expected)).toEqual([]);
    for (const folder of ['green', 'amber', 'red']) {
      expect(checkLayout([...provider(folder), '.well-known/security.txt'], expected)).toEqual([
        { file: '.well-known/security.txt', message: 'a security.txt outside the public (TLP:CLEAR) bundle' },
      ]);
    }
  });

  it('refuses look-alikes: a signature of an invisible advisory, a category or feed of another TLP, a key that is no fingerprint', () => {
    const files = [
      '.well-known/csaf/amber/2025/ctsa-2025-0099.json.asc',
      '.well-known/csaf/amber/category-red.json',
      '.well-known/csaf/amber/csaf-feed-tlp-red.json',
      '.well-known/csaf/openpgp/psirt.asc',
      '.well-known/csaf/openpgp/private.key',
      '.well-known/csaf/amber/service.json',
    ];
    expect(checkLayout(files, expected).map((finding) => finding.file)).toEqual(files);
  });
});
