import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSigningKey } from '../../src/seal/keys.ts';
import { loadOpenPgpKey, OPENPGP_KEY_ENV, OPENPGP_PASSPHRASE_ENV, publishedKeyFingerprint } from '../../src/seal/openpgp.ts';
import { scratchDirs } from '../helpers/cli.ts';

const { temp } = scratchDirs();
const AT = Date.parse('2026-11-28T12:00:00Z');

/** A v4 EdDSA key as GnuPG makes them, created at `date`, optionally encrypted. */
async function makeKey(options: { date?: Date; passphrase?: string; type?: 'legacy' | 'v6' | 'rsa' } = {}): Promise<string> {
  const date = options.date ?? new Date('2020-01-01T00:00:00Z');
  const userIDs = [{ name: 'Contoso PSIRT', email: 'psirt@contoso.example' }];
  const passphrase = options.passphrase;
  if (options.type === 'v6') {
    return (await openpgp.generateKey({ type: 'curve25519', userIDs, date, format: 'armored', config: { v6Keys: true } })).privateKey;
  }
  if (options.type === 'rsa') return (await openpgp.generateKey({ type: 'rsa', rsaBits: 2048, userIDs, date, format: 'armored' })).privateKey;
  return (await openpgp.generateKey({ type: 'ecc', curve: 'ed25519Legacy', userIDs, date, format: 'armored', ...(passphrase ? { passphrase } : {}) })).privateKey;
}

async function verifies(publicKey: string, bytes: Uint8Array, signature: string): Promise<boolean> {
  const result = await openpgp.verify({
    message: await openpgp.createMessage({ binary: bytes }),
    signature: await openpgp.readSignature({ armoredSignature: signature }),
    verificationKeys: await openpgp.readKey({ armoredKey: publicKey }),
    expectSigned: false,
  });
  return result.signatures[0]!.verified.then(
    () => true,
    () => false,
  );
}

afterEach(() => {
  delete process.env[OPENPGP_KEY_ENV];
  delete process.env[OPENPGP_PASSPHRASE_ENV];
});

describe('the OpenPGP key that signs CSAF documents', () => {
  it('makes a development key once, EdDSA in a v4 key (GnuPG reads it), and reuses it', async () => {
    const project = temp('tierpress-openpgp-');
    const first = await loadOpenPgpKey({ contentDir: project, projectRoot: project, at: AT });
    expect(first.origin).toBe('development');
    expect(first.path).toBe(join(project, '.tierpress', 'dev-openpgp-key.asc'));
    expect(first.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    const key = await openpgp.readKey({ armoredKey: first.publicKey });
    expect(key.keyPacket.version).toBe(4);
    expect(key.getAlgorithmInfo()).toEqual({ algorithm: 'eddsaLegacy', curve: 'ed25519Legacy' });
    expect(key.isPrivate()).toBe(false);
    const again = await loadOpenPgpKey({ contentDir: project, projectRoot: project, at: AT });
    expect(again.fingerprint).toBe(first.fingerprint);
    // Made for any build instant after 2000: a build dated in the past still signs.
    await loadOpenPgpKey({ contentDir: project, projectRoot: project, at: Date.parse('2001-01-01T00:00:00Z') });
  });

  it('signs deterministically at the build instant: the same bytes and instant give the same armoured signature', async () => {
    const project = temp('tierpress-openpgp-');
    const signer = await loadOpenPgpKey({ contentDir: project, projectRoot: project, at: AT });
    const bytes = new TextEncoder().encode('{"document":{}}\n');
    const signature = await signer.sign(bytes);
    expect(signature).toMatch(/^-----BEGIN PGP SIGNATURE-----\n[\s\S]+-----END PGP SIGNATURE-----\n$/);
    expect(await signer.sign(bytes)).toBe(signature);
    expect(await verifies(signer.publicKey, bytes, signature)).toBe(true);
    expect(await verifies(signer.publicKey, new TextEncoder().encode('{"document":{"x":1}}\n'), signature)).toBe(false);
    const packet = (await openpgp.readSignature({ armoredSignature: signature })).packets[0]!;
    expect(packet.created).toEqual(new Date(AT));
    // A later instant, a different signature (its date is signed).
    const later = await loadOpenPgpKey({ contentDir: project, projectRoot: project, at: AT + 1000 });
    expect(await later.sign(bytes)).not.toBe(signature);
  });

  it('takes the key from TIERPRESS_OPENPGP_KEY first, then from signing.openpgp of site.yaml', async () => {
    const project = temp('tierpress-openpgp-');
    const fileKey = await makeKey();
    mkdirSync(join(project, 'keys'));
    writeFileSync(join(project, 'keys', 'csaf.asc'), fileKey);
    const fromFile = await loadOpenPgpKey({ contentDir: project, keyFile: 'keys/csaf.asc', projectRoot: project, at: AT });
    expect(fromFile).toMatchObject({ origin: 'site.yaml', path: join(project, 'keys', 'csaf.asc') });
    expect(fromFile.fingerprint).toBe((await openpgp.readKey({ armoredKey: fileKey })).getFingerprint().toUpperCase());
    process.env[OPENPGP_KEY_ENV] = await makeKey();
    const fromEnv = await loadOpenPgpKey({ contentDir: project, keyFile: 'keys/csaf.asc', projectRoot: project, at: AT });
    expect(fromEnv.origin).toBe('environment');
    expect(fromEnv.fingerprint).not.toBe(fromFile.fingerprint);
    // Neither made a development key.
    expect(() => readFileSync(join(project, '.tierpress', 'dev-openpgp-key.asc'))).toThrow();
  });

  it('opens an encrypted key with TIERPRESS_OPENPGP_PASSPHRASE, and says so when it is missing or wrong', async () => {
    const project = temp('tierpress-openpgp-');
    process.env[OPENPGP_KEY_ENV] = await makeKey({ passphrase: 'correct horse' });
    await expect(loadOpenPgpKey({ contentDir: project, projectRoot: project, at: AT })).rejects.toThrow(/encrypted: set TIERPRESS_OPENPGP_PASSPHRASE/);
    process.env[OPENPGP_PASSPHRASE_ENV] = 'wrong';
    await expect(loadOpenPgpKey({ contentDir: project, projectRoot: project, at: AT })).rejects.toThrow(/could not be decrypted/);
    process.env[OPENPGP_PASSPHRASE_ENV] = 'correct horse';
    const signer = await loadOpenPgpKey({ contentDir: project, projectRoot: project, at: AT });
    const bytes = new TextEncoder().encode('x');
    expect(await verifies(signer.publicKey, bytes, await signer.sign(bytes))).toBe(true);
  });

  it('refuses what it cannot use: not a key, a key made after the build instant, a v6 key', async () => {
    const project = temp('tierpress-openpgp-');
    process.env[OPENPGP_KEY_ENV] = 'not a key';
    await expect(loadOpenPgpKey({ contentDir: project, projectRoot: project, at: AT })).rejects.toThrow(/not an armoured OpenPGP private key/);
    process.env[OPENPGP_KEY_ENV] = await makeKey({ date: new Date('2027-01-01T00:00:00Z') });
    await expect(loadOpenPgpKey({ contentDir: project, projectRoot: project, at: AT })).rejects.toThrow(/cannot sign at 2026-11-28T12:00:00.000Z/);
    process.env[OPENPGP_KEY_ENV] = await makeKey({ type: 'v6' });
    await expect(loadOpenPgpKey({ contentDir: project, projectRoot: project, at: AT })).rejects.toThrow(/v6 key; CSAF 2.0 needs an RFC 4880 \(v4\) key/);
  });

  it('accepts an RSA key, whose signatures are deterministic too', async () => {
    const project = temp('tierpress-openpgp-');
    process.env[OPENPGP_KEY_ENV] = await makeKey({ type: 'rsa' });
    const signer = await loadOpenPgpKey({ contentDir: project, projectRoot: project, at: AT });
    const bytes = new TextEncoder().encode('rsa');
    expect(await signer.sign(bytes)).toBe(await signer.sign(bytes));
  });

  it('is loaded beside the Ed25519 seal key when asked for', async () => {
    const project = temp('tierpress-openpgp-');
    const key = await loadSigningKey({ contentDir: project, projectRoot: project, openpgp: { at: AT } });
    expect(key.origin).toBe('development');
    expect(key.openpgp?.origin).toBe('development');
    expect((await loadSigningKey({ contentDir: project, projectRoot: project })).openpgp).toBeUndefined();
  });

  it("reads the fingerprint of a published public key only when the file's name is that fingerprint", async () => {
    const dir = temp('tierpress-openpgp-published-');
    process.env[OPENPGP_KEY_ENV] = await makeKey();
    const signer = await loadOpenPgpKey({ contentDir: dir, projectRoot: dir, at: AT });
    writeFileSync(join(dir, `${signer.fingerprint}.asc`), signer.publicKey);
    expect(await publishedKeyFingerprint(join(dir, `${signer.fingerprint}.asc`))).toBe(signer.fingerprint);
    // Named for another fingerprint, named as one but not a key, or not named as a fingerprint: none.
    const wrong = `${signer.fingerprint.slice(0, -1)}${signer.fingerprint.endsWith('0') ? '1' : '0'}`;
    writeFileSync(join(dir, `${wrong}.asc`), signer.publicKey);
    writeFileSync(join(dir, '0123456789ABCDEF0123456789ABCDEF01234567.asc'), 'CANARY-NOTAKEY-7Q2W\n');
    writeFileSync(join(dir, 'key.asc'), signer.publicKey);
    expect(await publishedKeyFingerprint(join(dir, `${wrong}.asc`))).toBeUndefined();
    expect(await publishedKeyFingerprint(join(dir, '0123456789ABCDEF0123456789ABCDEF01234567.asc'))).toBeUndefined();
    expect(await publishedKeyFingerprint(join(dir, 'key.asc'))).toBeUndefined();
  });
});
