import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { loadOpenPgpKey, type OpenPgpSigner } from './openpgp.ts';

/** The environment variable that may hold the signing key, as a PEM private key. */
export const SIGNING_KEY_ENV = 'TIERPRESS_SIGNING_KEY';

/** An Ed25519 key to seal bundles with, and where it came from. */
export interface SigningKey {
  privateKey: KeyObject;
  /** The public key as PEM (SPKI), published in every bundle. */
  publicPem: string;
  origin: 'environment' | 'site.yaml' | 'development';
  /** For a file key, its path. */
  path?: string;
  /** The OpenPGP key that signs CSAF documents (`.asc`); a caller that seals without one writes no `.asc`. */
  openpgp?: OpenPgpSigner;
}

/**
 * The signing key: from TIERPRESS_SIGNING_KEY, else the file `signing.key`
 * of site.yaml names (relative to the content folder), else a development
 * key made once in `<project>/.tierpress/dev-signing-key.pem` (git-ignored)
 * and reused, so repeated builds stay byte-identical. With `openpgp`, the
 * OpenPGP key too, found the same way (see `loadOpenPgpKey`), signing as of `at`.
 */
export async function loadSigningKey(options: {
  contentDir: string;
  keyFile?: string;
  projectRoot: string;
  openpgp?: { keyFile?: string; at: number };
}): Promise<SigningKey> {
  const key = await loadEd25519Key(options);
  if (!options.openpgp) return key;
  return { ...key, openpgp: await loadOpenPgpKey({ contentDir: options.contentDir, projectRoot: options.projectRoot, ...options.openpgp }) };
}

async function loadEd25519Key(options: { contentDir: string; keyFile?: string; projectRoot: string }): Promise<SigningKey> {
  const fromEnv = process.env[SIGNING_KEY_ENV];
  if (fromEnv) return fromPem(fromEnv, 'environment');
  if (options.keyFile) {
    const path = resolve(options.contentDir, options.keyFile);
    return { ...fromPem(await readFile(path, 'utf8'), 'site.yaml'), path };
  }
  const path = join(options.projectRoot, '.tierpress', 'dev-signing-key.pem');
  try {
    return { ...fromPem(await readFile(path, 'utf8'), 'development'), path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  await mkdir(dirname(path), { recursive: true });
  // Two builds may start at once on a fresh checkout: the first key written wins, and both use it.
  await writeFile(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' }).catch((error) => {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  });
  return { ...fromPem(await readFile(path, 'utf8'), 'development'), path };
}

function fromPem(pem: string, origin: SigningKey['origin']): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new Error(`the signing key from ${origin} is not a PEM private key`, { cause: error });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the signing key from ${origin} is ${privateKey.asymmetricKeyType}, not Ed25519`);
  return { privateKey, publicPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(), origin };
}
