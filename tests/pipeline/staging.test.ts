import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeDeadStaging, removeOwnStagingSync } from '../../src/pipeline/staging.ts';
import { scratchDirs } from '../helpers/cli.ts';

const { temp } = scratchDirs();

/** The pid of a process that has run and ended. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', '0']);
  return result.pid!;
}

describe('staging folders', () => {
  it('removes the staging of builds whose process is gone, and keeps that of running ones and other folders', async () => {
    const root = temp('tierpress-staging-');
    const dead = `build-${deadPid()}-0a1b2c3d`;
    // This test's own process and its parent (the vitest runner) are running builds, as far as names go.
    const running = [`build-${process.pid}-00ff00ff`, `build-${process.ppid}-12345678`];
    for (const name of [dead, ...running, 'node', 'build-notapid-1234', 'dev-mark-key']) mkdirSync(join(root, name, 'views'), { recursive: true });
    expect(await removeDeadStaging(root)).toEqual([dead]);
    expect(readdirSync(root).sort()).toEqual(['build-notapid-1234', ...running, 'dev-mark-key', 'node'].sort());
  });

  it("removes only this process's own staging when interrupted", () => {
    const root = temp('tierpress-staging-');
    const own = `build-${process.pid}-deadbeef`;
    const other = `build-${process.ppid}-deadbeef`;
    for (const name of [own, other]) mkdirSync(join(root, name, 'views', 'public'), { recursive: true });
    removeOwnStagingSync(root);
    expect(existsSync(join(root, own))).toBe(false);
    expect(existsSync(join(root, other))).toBe(true);
  });

  it('is content with a missing root', async () => {
    expect(await removeDeadStaging(join(temp('tierpress-staging-'), 'absent'))).toEqual([]);
    expect(() => removeOwnStagingSync(join(temp('tierpress-staging-'), 'absent'))).not.toThrow();
  });
});
