import { createHash, createPublicKey, verify } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { csafProblems, osvProblems } from '../helpers/validators.ts';

// The CSAF and OSV files as the build wrote them into each bundle, marks filled in, validated for real.
const out = inject('out');
const BUNDLES = ['public', 'partner', 'trusted', 'internal', 'partners/fabrikam-mssp', 'partners/tailspin-telecom'];
const files = (bundle: string, under: string) =>
  readdirSync(join(out, bundle, under), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
const TLP_FOLDER: Record<string, string> = { public: 'white', partner: 'amber', trusted: 'amber', internal: 'red' };

describe.each(BUNDLES)('the exports of the %s bundle', (bundle) => {
  const documents = files(bundle, '.well-known/csaf').filter((path) => /\/\d{4}\/[^/]+\.json$/.test(path));
  const advisories = readdirSync(join(out, bundle, 'advisories')).filter((name) => name.startsWith('CTSA-'));

  it('has one CSAF document and one OSV record per advisory page', () => {
    expect(documents.length).toBe(advisories.length);
    expect(readdirSync(join(out, bundle, 'osv')).sort()).toEqual(advisories.map((id) => `${id}.json`).sort());
  });

  it('passes the CSAF validator library: strict schema and every mandatory test', async () => {
    for (const path of documents) expect(await csafProblems(JSON.parse(readFileSync(path, 'utf8'))), path).toEqual([]);
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
