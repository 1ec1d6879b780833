import { createHash } from 'node:crypto';
import { freshSigner, type DocumentSignatures, type DocumentSigner } from '../bundle/manifest.ts';
import type { SigningKey } from '../seal/keys.ts';
import { cacheKey, type CacheStore } from './store.ts';

/**
 * OpenPGP algorithms whose signatures OpenPGP.js makes deterministically
 * (with `nonDeterministicSignaturesViaNotation: false`): EdDSA (RFC 8032)
 * and RSA (PKCS #1 v1.5). Any other (ECDSA, DSA) may draw a random nonce;
 * its signatures are made afresh on every build, as a cold build would.
 */
const DETERMINISTIC = new Set(['eddsaLegacy', 'rsaSign', 'rsaEncryptSign']);

/**
 * What a document's signatures depend on besides its bytes: the Ed25519
 * public key, and the OpenPGP key (its fingerprint, the algorithm that
 * signs, the whole public key with its subkeys) with the build instant every
 * signature is dated at. None when the OpenPGP signatures are not
 * deterministic: then nothing is kept.
 */
export function signerDigest(key: SigningKey): string | undefined {
  const openpgp = key.openpgp;
  if (openpgp && !DETERMINISTIC.has(openpgp.algorithm)) return undefined;
  const pgp = openpgp ? ['openpgp', openpgp.fingerprint, openpgp.algorithm, openpgp.date.toISOString(), openpgp.publicKey] : ['no openpgp'];
  return cacheKey('ed25519', key.publicPem, ...pgp);
}

/** The key of one document's signatures: the signer's digest and the sha256 of the exact bytes signed. */
export function signatureKey(signer: string, bytes: Uint8Array): string {
  return cacheKey(signer, createHash('sha256').update(bytes).digest('hex'));
}

/**
 * The signatures of one render's CSAF documents (its bundles' filled-in
 * ones too), kept between builds as one entry of the store (kind
 * `signatures`): one read instead of thousands. The pack's key is the
 * render's name and the public keys, not the instant: a build at another
 * instant replaces the pack rather than adding one, as builds dated now
 * would on every run. Within it, a document's signatures are found only by
 * the signer's digest, the instant included, and the bytes
 * (`signatureKey`), so they are never those of another key, instant or
 * bytes. Saving keeps this build's signatures only, so the pack does not
 * grow with documents that are gone.
 */
export class SignaturePack {
  readonly #store: CacheStore | undefined;
  readonly #key: string;
  readonly #signer: string | undefined;
  readonly #fresh: DocumentSigner;
  readonly #before: ReadonlyMap<string, DocumentSignatures>;
  readonly #now = new Map<string, DocumentSignatures>();
  /** Documents whose signatures came from the pack, and documents signed afresh. */
  reused = 0;
  signed = 0;

  private constructor(store: CacheStore | undefined, key: string, signer: string | undefined, fresh: DocumentSigner, before: ReadonlyMap<string, DocumentSignatures>) {
    this.#store = store;
    this.#key = key;
    this.#signer = signer;
    this.#fresh = fresh;
    this.#before = before;
  }

  /** The pack of `render` for the key; without a store, or for a key whose signatures are not deterministic, one that signs every document afresh. */
  static async open(store: CacheStore | undefined, render: string, key: SigningKey): Promise<SignaturePack> {
    const signer = signerDigest(key);
    const packKey = cacheKey('signatures', render, key.publicPem, key.openpgp?.publicKey ?? 'no openpgp');
    const before = store && signer ? unpack(await store.getChecked<unknown>(packKey)) : new Map<string, DocumentSignatures>();
    return new SignaturePack(store && signer ? store : undefined, packKey, signer, freshSigner(key), before);
  }

  /** Signs the bytes: with the kept signatures when they are those of exactly these bytes by this signer, else afresh. */
  readonly sign: DocumentSigner = async (bytes) => {
    if (this.#signer === undefined) {
      this.signed++;
      return this.#fresh(bytes);
    }
    const key = signatureKey(this.#signer, bytes);
    const kept = this.#before.get(key) ?? this.#now.get(key);
    if (kept) {
      this.#now.set(key, kept);
      this.reused++;
      return kept;
    }
    const made = await this.#fresh(bytes);
    this.#now.set(key, made);
    this.signed++;
    return made;
  };

  /** Writes this build's signatures, unless the pack holds exactly those already. */
  async save(): Promise<void> {
    if (!this.#store || (this.signed === 0 && this.#now.size === this.#before.size)) return;
    await this.#store.putChecked(this.#key, this.#now);
  }
}

/** The signatures of a pack kept by `putChecked`, each checked for its shape; none when it is missing or damaged. */
function unpack(signatures: unknown): ReadonlyMap<string, DocumentSignatures> {
  const kept = new Map<string, DocumentSignatures>();
  if (!(signatures instanceof Map)) return kept;
  for (const [key, value] of signatures as Map<unknown, Partial<DocumentSignatures>>) {
    if (typeof key !== 'string' || !(value?.sig instanceof Uint8Array) || (value.asc !== undefined && typeof value.asc !== 'string')) continue;
    kept.set(key, value.asc === undefined ? { sig: Buffer.from(value.sig) } : { sig: Buffer.from(value.sig), asc: value.asc });
  }
  return kept;
}
