import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extract, list } from 'tar';
import { ArchiveEntries, archiveBundle, type ArchivedFile } from '../../src/bundle/deliver.ts';

const AT = new Date('2026-11-28T12:00:00Z');
// Longer than a ustar header's 100 + 155 characters: needs a pax header.
const LONG = `advisories/${'very-long-folder-name-'.repeat(6)}/${'x'.repeat(120)}.html`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tierpress-deliver-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function put(bundle: string, path: string, text: string): ArchivedFile {
  mkdirSync(dirname(join(bundle, path)), { recursive: true });
  writeFileSync(join(bundle, path), text);
  return { path, sha256: createHash('sha256').update(text).digest('hex') };
}

describe('archiveBundle', () => {
  it('writes every file, long paths included, and unpacks to the same bytes', async () => {
    const bundle = join(dir, 'bundle');
    const files = [put(bundle, 'index.html', '<p>hello</p>'), put(bundle, LONG, 'PARTNER-CANARY-7f3a'), put(bundle, '.well-known/csaf/x.json', '{}')];
    await archiveBundle(bundle, files, join(dir, 'a.tar'), new ArchiveEntries(AT));

    const listed: Array<{ path: string; mtime?: Date; mode?: number }> = [];
    await list({ file: join(dir, 'a.tar'), onReadEntry: (entry) => listed.push({ path: entry.path, mtime: entry.mtime, mode: entry.mode }) });
    expect(listed.map((entry) => entry.path)).toEqual(files.map((file) => file.path));
    for (const entry of listed) expect(entry).toMatchObject({ mtime: AT, mode: 0o644 });

    const out = join(dir, 'out');
    mkdirSync(out);
    await extract({ file: join(dir, 'a.tar'), cwd: out });
    expect(readFileSync(join(out, LONG), 'utf8')).toBe('PARTNER-CANARY-7f3a');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('<p>hello</p>');
  });

  it('gives the same archive for the same bundle, whether its entries are fresh or reused', async () => {
    const bundle = join(dir, 'bundle');
    const files = [put(bundle, 'a.html', 'one'), put(bundle, 'b/c.json', '"two"')];
    const entries = new ArchiveEntries(AT);
    await archiveBundle(bundle, files, join(dir, '1.tar'), entries);
    await archiveBundle(bundle, files, join(dir, '2.tar'), entries);
    await archiveBundle(bundle, files, join(dir, '3.tar'), new ArchiveEntries(AT));
    const first = readFileSync(join(dir, '1.tar'));
    expect(readFileSync(join(dir, '2.tar')).equals(first)).toBe(true);
    expect(readFileSync(join(dir, '3.tar')).equals(first)).toBe(true);
  });

  it('takes a marked file from the bundle it archives, not the bytes another bundle had at that path', async () => {
    const entries = new ArchiveEntries(AT);
    const first = join(dir, 'first');
    const second = join(dir, 'second');
    await archiveBundle(first, [put(first, 'page.html', 'mark tp-aaaaaaaaaa')], join(dir, 'first.tar'), entries);
    await archiveBundle(second, [put(second, 'page.html', 'mark tp-bbbbbbbbbb')], join(dir, 'second.tar'), entries);
    const text = readFileSync(join(dir, 'second.tar'), 'latin1');
    expect(text).toContain('tp-bbbbbbbbbb');
    expect(text).not.toContain('tp-aaaaaaaaaa');
  });

  it('refuses a file that changed after its hash was taken', async () => {
    const bundle = join(dir, 'bundle');
    const file = put(bundle, 'page.html', 'sealed');
    writeFileSync(join(bundle, 'page.html'), 'changed');
    await expect(archiveBundle(bundle, [file], join(dir, 'x.tar'), new ArchiveEntries(AT))).rejects.toThrow(/page\.html: changed after the bundle was sealed/);
  });
});
