import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { treeHash } from '../helpers/bundle.ts';
import { ROOT, scratchDirs } from '../helpers/cli.ts';

const AT = '2026-11-28T12:00:00Z';
const { keep } = scratchDirs();

/** Processes still running with a staging folder of build `pid` in their environment (render processes, esbuild, pagefind). */
function stagingProcesses(pid: number): number[] {
  if (!existsSync('/proc')) return [];
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return readFileSync(`/proc/${name}/environ`, 'latin1').includes(`build-${pid}-`);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('an interrupted build', () => {
  it('on Ctrl-C (SIGINT) kills its renders, removes its staging, leaves the output folder as it was and exits 130', async () => {
    const out = keep(mkdtempSync(join(tmpdir(), 'tierpress-out-')));
    mkdirSync(join(out, 'public'));
    writeFileSync(join(out, 'public', 'index.html'), '<p>the previous build</p>\n');
    const before = treeHash(out);

    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'tierpress.ts'), 'build', '--out', out, '--at', AT], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // Interrupted once a render has started: its staging folder exists and render processes run.
    const rendering = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if (/\] rendering \d+ advisories/.test(stdout)) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await Promise.race([rendering, exited]);
    expect(stdout, stderr).toMatch(/\] rendering \d+ advisories/);
    child.kill('SIGINT');
    const code = await exited;

    expect(code, `${stdout}\n${stderr}`).toBe(130);
    expect(stderr.trim().split('\n').at(-1)).toBe(`interrupted; ${out}/ unchanged`);
    expect(treeHash(out)).toBe(before);
    expect(readdirSync(join(ROOT, '.tierpress')).filter((name) => name.startsWith(`build-${child.pid}-`))).toEqual([]);
    // Nothing it started goes on writing into the staging folder that was removed.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stagingProcesses(child.pid!)).toEqual([]);
    expect(readdirSync(join(ROOT, '.tierpress')).filter((name) => name.startsWith(`build-${child.pid}-`))).toEqual([]);
  });
});
