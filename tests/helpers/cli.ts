import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
