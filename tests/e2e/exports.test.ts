import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { csafProblems, csafWarnings, osvProblems, providerMetadataProblems } from '../helpers/validators.ts';
import { AT } from './setup.ts';

// The CSAF and OSV files as the build wrote them into each bundle, marks filled in, validated for real.
const out = inject('out');
const BUNDLES = ['public', 'partner', 'trusted', 'internal', 'partners/fabrikam-mssp', 'partners/tailspin-telecom'];
const files = (bundle: string, under: string) =>
  readdirSync(join(out, bundle, under), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
const TLP_FOLDER: Record<string, string> = { public: 'white', partner: 'amber', trusted: 'amber', internal: 'red' };

// Debian's GnuPG checks the OpenPGP signatures, as a CSAF consumer would; each bundle's key goes into a keyring of its own.
const gnupgHomes: string[] = [];
afterAll(() => gnupgHomes.forEach((home) => rmSync(home, { recursive: true, force: true })));
const gpg = (home: string, args: string[]) => spawnSync('gpg', ['--homedir', home, '--batch', '--no-tty', '--status-fd', '1', ...args], { encoding: 'utf8' });

/** A keyring holding only the public OpenPGP key the bundle publishes, and that key's fingerprint as provider-metadata.json names it. */
function bundleKeyring(bundle: string): { home: string; fingerprint: string } {
  const metadata = JSON.parse(readFileSync(join(out, bundle, '.well-known/csaf/provider-metadata.json'), 'utf8'));
  const [key] = metadata.public_openpgp_keys as Array<{ fingerprint: string; url: string }>;
  const home = mkdtempSync(join(tmpdir(), 'tierpress-gnupg-'));
  gnupgHomes.push(home);
  const imported = gpg(home, ['--import', join(out, bundle, '.well-known/csaf/openpgp', `${key!.fingerprint}.asc`)]);
  expect(imported.status, imported.stderr).toBe(0);
  return { home, fingerprint: key!.fingerprint };
}

describe.each(BUNDLES)('the exports of the %s bundle', (bundle) => {
  const documents = files(bundle, '.well-known/csaf').filter((path) => /\/\d{4}\/[^/]+\.json$/.test(path));
  const advisories = readdirSync(join(out, bundle, 'advisories')).filter((name) => name.startsWith('CTSA-'));

  it('has one CSAF document and one OSV record per advisory page', () => {
    expect(documents.length).toBe(advisories.length);
    expect(readdirSync(join(out, bundle, 'osv')).sort()).toEqual(advisories.map((id) => `${id}.json`).sort());
  });

  it('passes the CSAF validator library: strict schema and every mandatory test; the optional tests warn only of what the README explains', async () => {
    const explained = /^optionalTest_6_2_(3 .*missing score|16 .*missing product identification helper|18 .*product version range without vers)$/;
    for (const path of documents) {
      const document = JSON.parse(readFileSync(path, 'utf8'));
      expect(await csafProblems(document), path).toEqual([]);
      expect((await csafWarnings(document)).filter((warning) => !explained.test(warning)), path).toEqual([]);
    }
  });

  it('has an OpenPGP signature beside every document that Debian\'s gpg verifies with the key the bundle publishes', () => {
    const { home, fingerprint } = bundleKeyring(bundle);
    expect(documents.length).toBeGreaterThan(0);
    for (const path of documents) {
      const result = gpg(home, ['--verify', `${path}.asc`, path]);
      expect(result.status, `${path}\n${result.stderr}`).toBe(0);
      expect(result.stdout, path).toMatch(new RegExp(`^\\[GNUPG:\\] VALIDSIG ${fingerprint} \\d{4}-\\d{2}-\\d{2} ${Date.parse(AT) / 1000} `, 'm'));
    }
  });

  it('a document changed after signing fails gpg --verify', () => {
    const { home } = bundleKeyring(bundle);
    const path = documents[0]!;
    const tampered = join(home, 'tampered.json');
    writeFileSync(tampered, readFileSync(path, 'utf8').replace('"csaf_version": "2.0"', '"csaf_version":  "2.0"'));
    expect(readFileSync(tampered, 'utf8')).not.toBe(readFileSync(path, 'utf8'));
    const result = gpg(home, ['--verify', `${path}.asc`, tampered]);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/^\[GNUPG:\] BADSIG /m);
  });

  it('is a trusted provider: the feed links every signature, the service and category documents exist and are linked, the metadata is valid', () => {
    const tier = bundle.startsWith('partners/') ? (bundle.endsWith('tailspin-telecom') ? 'partner' : 'trusted') : bundle;
    const folder = TLP_FOLDER[tier]!;
    const metadata = JSON.parse(readFileSync(join(out, bundle, '.well-known/csaf/provider-metadata.json'), 'utf8'));
    expect(providerMetadataProblems(metadata)).toEqual([]);
    expect(metadata.role).toBe('csaf_trusted_provider');
    // A URL of the bundle, as the file it names: the bundle is served at the base of its provider metadata's URL.
    const base = metadata.canonical_url.slice(0, -'.well-known/csaf/provider-metadata.json'.length);
    const below = (url: string) => {
      expect(url.startsWith(base), url).toBe(true);
      return join(out, bundle, url.slice(base.length));
    };
    const { rolie } = metadata.distributions[0];
    for (const url of [...rolie.categories, ...rolie.services, ...rolie.feeds.map((feed: { url: string }) => feed.url)]) expect(existsSync(below(url)), url).toBe(true);
    expect(rolie.categories).toEqual([expect.stringMatching(new RegExp(`/\\.well-known/csaf/${folder}/category-${folder}\\.json$`))]);
    const { feed } = JSON.parse(readFileSync(below(rolie.feeds[0].url), 'utf8'));
    expect(feed.link).toContainEqual({ rel: 'service', href: rolie.services[0] });
    for (const entry of feed.entry) {
      const signature = entry.link.find((link: { rel: string }) => link.rel === 'signature');
      expect(signature.href).toBe(`${entry.content.src}.asc`);
      expect(existsSync(below(signature.href)), signature.href).toBe(true);
    }
    const service = JSON.parse(readFileSync(below(rolie.services[0]), 'utf8'));
    expect(service.service.workspace[0].collection.map((collection: { href: string }) => collection.href)).toEqual([rolie.feeds[0].url]);
    const categories = JSON.parse(readFileSync(below(rolie.categories[0]), 'utf8')).categories.category.map((category: { term: string }) => category.term);
    expect(categories).toContain('Contoso');
    expect(categories).toEqual(
      [...new Set(feed.entry.flatMap((entry: { category: Array<{ term: string }> }) => entry.category.map((category) => category.term)))].sort(),
    );
  });

  it('has security.txt (RFC 9116) only in the public bundle, pointing at its provider metadata', () => {
    const path = join(out, bundle, '.well-known/security.txt');
    const metadata = JSON.parse(readFileSync(join(out, bundle, '.well-known/csaf/provider-metadata.json'), 'utf8'));
    if (bundle !== 'public') {
      expect(existsSync(path)).toBe(false);
      return;
    }
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('Contact: mailto:psirt@contoso.example\n');
    expect(text).toContain('Expires: 2027-11-27T12:00:00Z\n');
    expect(text).toContain(`CSAF: ${metadata.canonical_url}\n`);
  });

  it('passes the official OSV schema', () => {
    for (const path of files(bundle, 'osv')) expect(osvProblems(JSON.parse(readFileSync(path, 'utf8'))), path).toEqual([]);
  });

  it('has sha256, sha512 and an Ed25519 signature beside every document that match it as delivered', () => {
    const key = createPublicKey(readFileSync(join(out, bundle, 'signing-key.pub.pem'), 'utf8'));
    for (const path of documents) {
      const bytes = readFileSync(path);
      const name = path.slice(path.lastIndexOf('/') + 1);
      for (const algorithm of ['sha256', 'sha512']) {
        expect(readFileSync(`${path}.${algorithm}`, 'utf8'), path).toBe(`${createHash(algorithm).update(bytes).digest('hex')}  ${name}\n`);
      }
      expect(verify(null, bytes, key, readFileSync(`${path}.sig`)), path).toBe(true);
    }
  });

  it('lists every document in index.txt and changes.csv, and the provider metadata names the feed of its TLP', () => {
    const tier = bundle.startsWith('partners/') ? (bundle.endsWith('tailspin-telecom') ? 'partner' : 'trusted') : bundle;
    const folder = TLP_FOLDER[tier]!;
    const listed = readFileSync(join(out, bundle, '.well-known/csaf', folder, 'index.txt'), 'utf8').trim().split('\n').sort();
    expect(listed).toEqual(documents.map((path) => path.slice(path.indexOf(`/${folder}/`) + folder.length + 2)).sort());
    expect(readFileSync(join(out, bundle, '.well-known/csaf', folder, 'changes.csv'), 'utf8').trim().split('\n')).toHaveLength(documents.length);
    const metadata = JSON.parse(readFileSync(join(out, bundle, '.well-known/csaf/provider-metadata.json'), 'utf8'));
    expect(JSON.stringify(metadata.distributions)).toContain(`csaf-feed-tlp-${folder}.json`);
  });
});

describe('TLP in the exports', () => {
  const document = (bundle: string, folder: string) => JSON.parse(readFileSync(join(out, bundle, '.well-known/csaf', folder, '2025', 'ctsa-2025-0007.json'), 'utf8'));
  it('maps CLEAR to WHITE and AMBER+STRICT to AMBER with the strict label stated', () => {
    expect(document('public', 'white').document.distribution.tlp.label).toBe('WHITE');
    expect(document('partner', 'amber').document.distribution.tlp.label).toBe('AMBER');
    const trusted = document('trusted', 'amber').document.distribution;
    expect(trusted.tlp.label).toBe('AMBER');
    expect(trusted.text).toMatch(/AMBER\+STRICT/);
    expect(document('internal', 'red').document.distribution.tlp.label).toBe('RED');
  });

  it("carries a partner's mark where the advisory has {{mark}}, and the neutral mark in the tier bundle", () => {
    const partner = JSON.stringify(document('partners/fabrikam-mssp', 'amber'));
    expect(partner).toMatch(/X-Repro-Marker: tp-[a-z2-7]{10}/);
    expect(partner).not.toContain('tp-unmarked');
    expect(JSON.stringify(document('trusted', 'amber'))).toContain('X-Repro-Marker: tp-unmarked');
  });
});
