import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../src/util/files.ts';

// Files, dotfiles, a dot folder, an empty folder, links to a file and to a folder, and a FIFO.
const dir = mkdtempSync(join(tmpdir(), 'tierpress-files-'));
for (const path of ['b/z.md', 'b/c/d.md', 'a.txt', '.hidden', '.git/config', 'b/.DS_Store']) {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), path);
}
mkdirSync(join(dir, 'empty'));
symlinkSync(join(dir, 'a.txt'), join(dir, 'b', 'link.md'));
symlinkSync(join(dir, 'b'), join(dir, 'folder-link'));
execFileSync('mkfifo', [join(dir, 'b', 'pipe')]);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('listFiles', () => {
  it('lists every entry that is not a folder, dotfiles and links included, sorted and /-separated', async () => {
    expect(await listFiles(dir)).toEqual(['.git/config', '.hidden', 'a.txt', 'b/.DS_Store', 'b/c/d.md', 'b/link.md', 'b/pipe', 'b/z.md', 'folder-link']);
  });

  it('leaves out dotfiles and the files of dot folders when asked', async () => {
    expect(await listFiles(dir, { skipDotfiles: true })).toEqual(['a.txt', 'b/c/d.md', 'b/link.md', 'b/pipe', 'b/z.md', 'folder-link']);
  });

  it('reports links (never followed) and other irregular entries by full path instead of listing them', async () => {
    const reported: [string, string][] = [];
    const files = await listFiles(join(dir, 'b'), { skipDotfiles: true, onIrregular: (path, kind) => reported.push([path, kind]) });
    expect(files).toEqual(['c/d.md', 'z.md']);
    expect(reported.sort()).toEqual([
      [join(dir, 'b', 'link.md'), 'symlink'],
      [join(dir, 'b', 'pipe'), 'other'],
    ]);
    const top: string[] = [];
    await listFiles(dir, { onIrregular: (path) => top.push(path) });
    expect(top).toContain(join(dir, 'folder-link'));
  });

  it('fails for a folder that does not exist', async () => {
    await expect(listFiles(join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
  });
});
