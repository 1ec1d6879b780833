import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export const ROOT = join(import.meta.dirname, '..', '..');

/** Runs the real CLI in a child process, as a user would through npm or npx. */
export function tierpress(args: string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string; pid: number } {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'tierpress.ts'), ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, pid: result.pid ?? 0 };
}

/** A scratch copy of a content folder that a test may break. */
export function copyContent(from = join(ROOT, 'content')): string {
  const dir = mkdtempSync(join(tmpdir(), 'tierpress-content-'));
  cpSync(from, dir, { recursive: true });
  return dir;
}

/**
 * Temporary folders for one test file, removed after its tests: `temp(prefix)`
 * makes one, `keep(dir)` takes one made elsewhere.
 */
export function scratchDirs(): { temp: (prefix: string) => string; keep: (dir: string) => string } {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const keep = (dir: string) => (dirs.push(dir), dir);
  return { temp: (prefix) => keep(mkdtempSync(join(tmpdir(), prefix))), keep };
}
