import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import * as openpgp from 'openpgp';

/** The environment variable that may hold the OpenPGP key, as an armoured private key. */
export const OPENPGP_KEY_ENV = 'TIERPRESS_OPENPGP_KEY';

/** The passphrase of an encrypted OpenPGP key, when it has one. */
export const OPENPGP_PASSPHRASE_ENV = 'TIERPRESS_OPENPGP_PASSPHRASE';

/**
 * When the development key was made, whatever the day it is generated:
 * OpenPGP refuses to sign before a key's creation, and a build may be dated
 * (`--at`) at any time after this.
 */
const DEVELOPMENT_KEY_CREATED = new Date('2000-01-01T00:00:00Z');

/** An OpenPGP key that signs CSAF documents (CSAF 2.0 §7.1.19–20) as of one build instant. */
export interface OpenPgpSigner {
  /** The primary key's fingerprint, 40 upper-case hex digits. */
  fingerprint: string;
  /** The armoured public key, published in every bundle. */
  publicKey: string;
  origin: 'environment' | 'site.yaml' | 'development';
  /** For a file key, its path. */
  path?: string;
  /** The algorithm of the (sub)key that signs at the build instant, as OpenPGP.js names it (`eddsaLegacy`, `rsaSign`, …). */
  algorithm: string;
  /** The build instant, the date of every signature. */
  date: Date;
  /** An ASCII-armoured detached signature of the bytes, made at the build instant. */
  sign(bytes: Uint8Array): Promise<string>;
}

/**
 * The OpenPGP key: from TIERPRESS_OPENPGP_KEY, else the file `signing.openpgp`
 * of site.yaml names (relative to the content folder), else a development
 * key made once in `<project>/.tierpress/dev-openpgp-key.asc` (git-ignored)
 * and reused. An encrypted key is opened with TIERPRESS_OPENPGP_PASSPHRASE.
 * Refused unless it can sign at `at`, the instant every signature is dated.
 */
export async function loadOpenPgpKey(options: { contentDir: string; keyFile?: string; projectRoot: string; at: number }): Promise<OpenPgpSigner> {
  const fromEnv = process.env[OPENPGP_KEY_ENV];
  if (fromEnv) return signer(fromEnv, 'environment', options.at);
  if (options.keyFile) {
    const path = resolve(options.contentDir, options.keyFile);
    return { ...(await signer(await readFile(path, 'utf8'), 'site.yaml', options.at)), path };
  }
  const path = join(options.projectRoot, '.tierpress', 'dev-openpgp-key.asc');
  try {
    return { ...(await signer(await readFile(path, 'utf8'), 'development', options.at)), path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // EdDSA on Curve25519 in the RFC 4880 form (a v4 key): the kind GnuPG 2.2 and later verify.
  const { privateKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'ed25519Legacy',
    userIDs: [{ name: 'Tierpress development key' }],
    date: DEVELOPMENT_KEY_CREATED,
    format: 'armored',
  });
  await mkdir(dirname(path), { recursive: true });
  // Two builds may start at once on a fresh checkout: the first key written wins, and both use it.
  await writeFile(path, privateKey, { mode: 0o600, flag: 'wx' }).catch((error) => {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  });
  return { ...(await signer(await readFile(path, 'utf8'), 'development', options.at)), path };
}

async function signer(armored: string, origin: OpenPgpSigner['origin'], at: number): Promise<OpenPgpSigner> {
  const date = new Date(at);
  let key: openpgp.PrivateKey;
  try {
    key = await openpgp.readPrivateKey({ armoredKey: armored });
  } catch (error) {
    throw new Error(`the OpenPGP key from ${origin} is not an armoured OpenPGP private key`, { cause: error });
  }
  if (!key.isDecrypted()) {
    const passphrase = process.env[OPENPGP_PASSPHRASE_ENV];
    if (!passphrase) throw new Error(`the OpenPGP key from ${origin} is encrypted: set ${OPENPGP_PASSPHRASE_ENV}`);
    try {
      key = await openpgp.decryptKey({ privateKey: key, passphrase });
    } catch (error) {
      throw new Error(`the OpenPGP key from ${origin} could not be decrypted with ${OPENPGP_PASSPHRASE_ENV}`, { cause: error });
    }
  }
  // CSAF 2.0 signatures are RFC 4880's: a v6 key (RFC 9580) salts every signature, and GnuPG does not read it.
  if (key.keyPacket.version !== 4) throw new Error(`the OpenPGP key from ${origin} is a v${key.keyPacket.version} key; CSAF 2.0 needs an RFC 4880 (v4) key`);
  let signingKey: openpgp.PrivateKey | openpgp.Subkey;
  try {
    signingKey = await key.getSigningKey(undefined, date);
  } catch (error) {
    throw new Error(`the OpenPGP key from ${origin} cannot sign at ${date.toISOString()} (the build instant): ${(error as Error).message}`, { cause: error });
  }
  const { algorithm } = signingKey.getAlgorithmInfo();
  if (algorithm === 'ed25519' || algorithm === 'ed448') {
    throw new Error(`the OpenPGP key from ${origin} signs with ${algorithm} (RFC 9580), which GnuPG before 2.5 cannot verify; use an EdDSA (ed25519Legacy) or RSA signing key`);
  }
  const config = { nonDeterministicSignaturesViaNotation: false };
  return {
    fingerprint: key.getFingerprint().toUpperCase(),
    publicKey: key.toPublic().armor(),
    origin,
    algorithm,
    date,
    // OpenPGP.js salts v4 signatures with a random notation unless told not to; without it an EdDSA
    // signature depends only on the key, the bytes and the date, so the same build gives the same bytes.
    sign: async (bytes) =>
      openpgp.sign({ message: await openpgp.createMessage({ binary: bytes }), signingKeys: key, detached: true, format: 'armored', date, config }),
  };
}

/**
 * The fingerprint of the public key a bundle publishes at `path` (its
 * `<fingerprint>.asc` below the CSAF folder), 40 upper-case hex digits:
 * undefined unless the file holds an armoured public key whose fingerprint
 * is the one its name says, so a file cannot name any text it likes.
 */
export async function publishedKeyFingerprint(path: string): Promise<string | undefined> {
  const named = /(?:^|\/)([0-9A-F]{40})\.asc$/.exec(path)?.[1];
  if (!named) return undefined;
  try {
    const key = await openpgp.readKey({ armoredKey: await readFile(path, 'utf8') });
    return key.getFingerprint().toUpperCase() === named ? named : undefined;
  } catch {
    return undefined;
  }
}
