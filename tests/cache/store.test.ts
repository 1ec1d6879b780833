import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheKey, CacheStore } from '../../src/cache/store.ts';
import { codeVersion } from '../../src/cache/version.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tierpress-cache-unit-'));
  dirs.push(dir);
  return dir;
};

describe('cache keys', () => {
  it('differ whenever any part differs, and parts never run together', () => {
    expect(cacheKey('a', 'b')).toBe(cacheKey('a', 'b'));
    expect(cacheKey('ab', 'c')).not.toBe(cacheKey('a', 'bc'));
    expect(cacheKey('a', Buffer.from('b'))).toBe(cacheKey('a', 'b'));
    expect(cacheKey('a', 'b')).not.toBe(cacheKey('a', 'B'));
  });
});

describe('the store', () => {
  it('gives back exactly what was put, Dates and nested trees included, and nothing for an unknown key', async () => {
    const store = await CacheStore.open(temp(), 'v1', 'parsed');
    const value = { when: new Date('2025-07-22T17:00:00Z'), tree: { type: 'root', children: [{ type: 'text', value: 'x' }] } };
    await store.put(cacheKey('k'), value);
    expect(await store.get(cacheKey('k'))).toEqual(value);
    expect(await store.get(cacheKey('other'))).toBeUndefined();
  });

  it('takes a damaged entry for a miss', async () => {
    const root = temp();
    const store = await CacheStore.open(root, 'v1', 'parsed');
    const key = cacheKey('k');
    await store.put(key, { a: 1 });
    writeFileSync(join(root, 'v1', 'parsed', key.slice(0, 2), key), 'not a serialized value');
    expect(await store.get(key)).toBeUndefined();
  });

  it("removes other code versions' entries when opened", async () => {
    const root = temp();
    await (await CacheStore.open(root, 'old', 'parsed')).put(cacheKey('k'), 1);
    await CacheStore.open(root, 'new', 'parsed');
    expect(readdirSync(root)).toEqual(['new']);
  });
});

describe('the code version', () => {
  it('changes when a template, any source file or the lock file changes', async () => {
    const root = temp();
    mkdirSync(join(root, 'src', 'render', 'layouts'), { recursive: true });
    writeFileSync(join(root, 'src', 'render', 'layouts', 'Base.astro'), '<html><slot /></html>');
    writeFileSync(join(root, 'package-lock.json'), '{}');
    writeFileSync(join(root, 'astro.config.mjs'), 'export default {}');
    const first = await codeVersion(root);
    expect(await codeVersion(root)).toBe(first);
    writeFileSync(join(root, 'src', 'render', 'layouts', 'Base.astro'), '<html lang="en"><slot /></html>');
    const second = await codeVersion(root);
    expect(second).not.toBe(first);
    writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3}');
    expect(await codeVersion(root)).not.toBe(second);
  });
});
