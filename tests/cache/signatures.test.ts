import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { afterEach, describe, expect, it } from 'vitest';
import { freshSigner } from '../../src/bundle/manifest.ts';
import { SignaturePack, signerDigest } from '../../src/cache/signatures.ts';
import { CacheStore } from '../../src/cache/store.ts';
import { loadSigningKey, type SigningKey } from '../../src/seal/keys.ts';
import { OPENPGP_KEY_ENV } from '../../src/seal/openpgp.ts';
import { scratchDirs } from '../helpers/cli.ts';

const { temp } = scratchDirs();
const AT = Date.parse('2026-11-28T12:00:00Z');
const CANARY = 'SIGNATURE-CACHE-CANARY-41d2';
const document = (text: string) => new TextEncoder().encode(`{"document":{"title":"${text}"}}\n`);

afterEach(() => {
  delete process.env[OPENPGP_KEY_ENV];
});

/** The development keys of a fresh project (an Ed25519 seal key and an EdDSA OpenPGP key), signing at `at`. */
const keysOf = (project: string, at = AT) => loadSigningKey({ contentDir: project, projectRoot: project, openpgp: { at } });

/** Every entry file the store holds. */
const entries = (root: string) =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));

/** Signs each document with a pack of `render` opened on the store, then saves it; returns the signatures and the pack's counts. */
async function signWith(store: CacheStore | undefined, render: string, key: SigningKey, documents: Uint8Array[]) {
  const pack = await SignaturePack.open(store, render, key);
  const signatures = [];
  for (const bytes of documents) signatures.push(await pack.sign(bytes));
  await pack.save();
  return { signatures, signed: pack.signed, reused: pack.reused };
}

describe('CSAF document signatures from the cache', () => {
  it('gives back, for the same bytes, keys and instant, exactly the bytes a fresh signing makes', async () => {
    const key = await keysOf(temp('tierpress-sigs-project-'));
    const store = await CacheStore.open(temp('tierpress-sigs-'), 'v1', 'signatures');
    const documents = [document('one'), document('two')];
    const first = await signWith(store, 'trusted view', key, documents);
    expect(first).toMatchObject({ signed: 2, reused: 0 });
    const again = await signWith(store, 'trusted view', key, documents);
    expect(again).toMatchObject({ signed: 0, reused: 2 });
    for (const [index, bytes] of documents.entries()) {
      const fresh = await freshSigner(key)(bytes);
      expect(Buffer.from(again.signatures[index]!.sig).equals(Buffer.from(fresh.sig))).toBe(true);
      expect(again.signatures[index]!.asc).toBe(fresh.asc);
    }
  });

  it('is a miss for another key, another instant, or one byte changed', async () => {
    const project = temp('tierpress-sigs-project-');
    const key = await keysOf(project);
    const store = await CacheStore.open(temp('tierpress-sigs-'), 'v1', 'signatures');
    const bytes = document(CANARY);
    const kept = (await signWith(store, 'trusted view', key, [bytes])).signatures[0]!;

    const otherKey = await keysOf(temp('tierpress-sigs-project-'));
    expect(otherKey.openpgp!.fingerprint).not.toBe(key.openpgp!.fingerprint);
    const byOther = await signWith(store, 'trusted view', otherKey, [bytes]);
    expect(byOther).toMatchObject({ signed: 1, reused: 0 });
    expect(byOther.signatures[0]!.asc).not.toBe(kept.asc);

    // The same Ed25519 key with another OpenPGP key: a miss too.
    const mixed = { ...key, openpgp: otherKey.openpgp! };
    expect(await signWith(store, 'trusted view', mixed, [bytes])).toMatchObject({ signed: 1, reused: 0 });

    const later = await keysOf(project, AT + 1000);
    const atLater = await signWith(store, 'trusted view', later, [bytes]);
    expect(atLater).toMatchObject({ signed: 1, reused: 0 });
    expect(atLater.signatures[0]!.asc).toBe((await freshSigner(later)(bytes)).asc);
    expect(atLater.signatures[0]!.asc).not.toBe(kept.asc);

    // The pack now holds the later instant's signatures; back at the first instant, one byte changed is a miss.
    await signWith(store, 'trusted view', key, [bytes]);
    const changed = document(CANARY.replace('41d2', '41d3'));
    const oneByte = await signWith(store, 'trusted view', key, [changed]);
    expect(oneByte).toMatchObject({ signed: 1, reused: 0 });
    const fresh = await freshSigner(key)(changed);
    expect(oneByte.signatures[0]!.asc).toBe(fresh.asc);
    expect(Buffer.from(oneByte.signatures[0]!.sig).equals(Buffer.from(fresh.sig))).toBe(true);
  });

  it("never gives one render's kept signatures to another, and keeps no document text", async () => {
    const key = await keysOf(temp('tierpress-sigs-project-'));
    const root = temp('tierpress-sigs-');
    const store = await CacheStore.open(root, 'v1', 'signatures');
    await signWith(store, 'internal view', key, [document(CANARY)]);
    // The public render signs its own bytes afresh: nothing of the internal render's pack is read.
    const publicRun = await signWith(store, 'public view', key, [document('public text'), document(CANARY)]);
    expect(publicRun).toMatchObject({ signed: 2, reused: 0 });
    // A pack holds signatures and hashes, never the bytes signed.
    const files = entries(root);
    expect(files).toHaveLength(2);
    for (const file of files) expect(readFileSync(file).includes(CANARY)).toBe(false);
  });

  it('takes a damaged pack for a miss, signs again and rewrites it', async () => {
    const key = await keysOf(temp('tierpress-sigs-project-'));
    const root = temp('tierpress-sigs-');
    const store = await CacheStore.open(root, 'v1', 'signatures');
    const bytes = document('damaged');
    const kept = (await signWith(store, 'trusted view', key, [bytes])).signatures[0]!;
    const [file] = entries(root);
    // One byte flipped inside the stored signatures: the pack still deserializes, its hash no longer matches.
    const stored = readFileSync(file!);
    const at = stored.indexOf('-----BEGIN PGP SIGNATURE-----') + 40;
    expect(at).toBeGreaterThan(40);
    stored[at] = stored[at]! ^ 1;
    writeFileSync(file!, stored);
    const afterFlip = await signWith(store, 'trusted view', key, [bytes]);
    expect(afterFlip).toMatchObject({ signed: 1, reused: 0 });
    expect(afterFlip.signatures[0]!.asc).toBe(kept.asc);
    // Rewritten: the next build finds it again.
    expect(await signWith(store, 'trusted view', key, [bytes])).toMatchObject({ signed: 0, reused: 1 });
    writeFileSync(file!, 'not a pack');
    expect(await signWith(store, 'trusted view', key, [bytes])).toMatchObject({ signed: 1, reused: 0 });
  });

  it("makes signatures that Debian's gpg verifies when they come from the cache", async () => {
    const key = await keysOf(temp('tierpress-sigs-project-'));
    const store = await CacheStore.open(temp('tierpress-sigs-'), 'v1', 'signatures');
    const bytes = document('verified');
    await signWith(store, 'public view', key, [bytes]);
    const cached = await signWith(store, 'public view', key, [bytes]);
    expect(cached.reused).toBe(1);
    const home = temp('tierpress-sigs-gnupg-');
    const gpg = (args: string[]) => spawnSync('gpg', ['--homedir', home, '--batch', '--no-tty', '--status-fd', '1', ...args], { encoding: 'utf8' });
    writeFileSync(join(home, 'key.asc'), key.openpgp!.publicKey);
    writeFileSync(join(home, 'document.json'), bytes);
    writeFileSync(join(home, 'document.json.asc'), cached.signatures[0]!.asc!);
    expect(gpg(['--import', join(home, 'key.asc')]).status).toBe(0);
    const result = gpg(['--verify', join(home, 'document.json.asc'), join(home, 'document.json')]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^\\[GNUPG:\\] VALIDSIG ${key.openpgp!.fingerprint} \\d{4}-\\d{2}-\\d{2} ${AT / 1000} `, 'm'));
    writeFileSync(join(home, 'document.json'), document('verified, then changed'));
    expect(gpg(['--verify', join(home, 'document.json.asc'), join(home, 'document.json')]).status).not.toBe(0);
  });

  it('keeps RSA signatures (deterministic), and none for an algorithm that may not be', async () => {
    const project = temp('tierpress-sigs-project-');
    process.env[OPENPGP_KEY_ENV] = (await openpgp.generateKey({ type: 'rsa', rsaBits: 2048, userIDs: [{ name: 'Contoso PSIRT' }], date: new Date('2020-01-01T00:00:00Z'), format: 'armored' })).privateKey;
    const rsa = await keysOf(project);
    expect(signerDigest(rsa)).toBeDefined();
    const store = await CacheStore.open(temp('tierpress-sigs-'), 'v1', 'signatures');
    const bytes = document('rsa');
    await signWith(store, 'public view', rsa, [bytes]);
    const again = await signWith(store, 'public view', rsa, [bytes]);
    expect(again.reused).toBe(1);
    expect(again.signatures[0]!.asc).toBe((await freshSigner(rsa)(bytes)).asc);

    // A signer whose algorithm is not known to sign deterministically: every document signed afresh, nothing stored.
    const root = temp('tierpress-sigs-');
    const unknown = await CacheStore.open(root, 'v1', 'signatures');
    const random = { ...rsa, openpgp: { ...rsa.openpgp!, algorithm: 'ecdsa' } };
    expect(signerDigest(random)).toBeUndefined();
    expect(await signWith(unknown, 'public view', random, [bytes])).toMatchObject({ signed: 1, reused: 0 });
    expect(await signWith(unknown, 'public view', random, [bytes])).toMatchObject({ signed: 1, reused: 0 });
    expect(entries(root)).toEqual([]);
  }, 60_000);

  it('signs afresh without a store', async () => {
    const key = await keysOf(temp('tierpress-sigs-project-'));
    const bytes = document('no store');
    expect(await signWith(undefined, 'public view', key, [bytes])).toMatchObject({ signed: 1, reused: 0 });
    expect(await signWith(undefined, 'public view', key, [bytes])).toMatchObject({ signed: 1, reused: 0 });
  });
});
