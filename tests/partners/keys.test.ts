import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMarkKey, MARK_KEY_ENV } from '../../src/partners/keys.ts';

let root: string;
let saved: string | undefined;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tierpress-keys-'));
  saved = process.env[MARK_KEY_ENV];
  delete process.env[MARK_KEY_ENV];
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  if (saved === undefined) delete process.env[MARK_KEY_ENV];
  else process.env[MARK_KEY_ENV] = saved;
});

describe('the mark key', () => {
  it('is made once as 32 random bytes and reused', async () => {
    const first = await loadMarkKey(root);
    expect(first).toMatchObject({ origin: 'development' });
    expect(first.key).toHaveLength(32);
    expect(readFileSync(join(root, '.tierpress', 'dev-mark-key'), 'utf8').trim()).toBe(Buffer.from(first.key).toString('hex'));
    expect(Buffer.from((await loadMarkKey(root)).key).equals(Buffer.from(first.key))).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['not hex', 'not a key at all'],
    ['too short', 'ab'.repeat(8)],
  ])('refuses a development key file that is %s instead of keying marks with what is left of it', async (_name, text) => {
    mkdirSync(join(root, '.tierpress'));
    writeFileSync(join(root, '.tierpress', 'dev-mark-key'), text);
    await expect(loadMarkKey(root)).rejects.toThrow(/dev-mark-key is not a mark key \(64 hex digits\)/);
  });

  it(`refuses a ${MARK_KEY_ENV} shorter than 32 characters`, async () => {
    process.env[MARK_KEY_ENV] = 'short';
    await expect(loadMarkKey(root)).rejects.toThrow(/at least 32 characters/);
  });
});
