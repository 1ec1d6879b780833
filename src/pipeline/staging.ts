import { readdirSync, rmSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Staging folders are `build-<pid>-<random>` below `.tierpress/`: the pid says whose they are. */
const STAGING = /^build-(\d+)-[0-9a-f]+$/;

/** Whether a process runs: signal 0 checks without sending anything (EPERM: it runs, as another user). */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the staging folders of builds that died without cleaning up (a
 * crash, a kill -9, a power cut): those whose pid runs no longer. Folders
 * of running builds, this one's or another's, are left alone. Returns the
 * names removed.
 */
export async function removeDeadStaging(root: string): Promise<string[]> {
  const names = await readdir(root).catch(() => [] as string[]);
  const dead = names.filter((name) => {
    const pid = STAGING.exec(name)?.[1];
    return pid !== undefined && Number(pid) !== process.pid && !running(Number(pid));
  });
  await Promise.all(dead.map((name) => rm(join(root, name), { recursive: true, force: true, maxRetries: 3 })));
  return dead;
}

/**
 * Removes every staging folder of this process, synchronously: for an
 * interrupted build, whose own code must not run on while its files go.
 * Retries when a file appears in a folder being removed (a write that was
 * already under way).
 */
export function removeOwnStagingSync(root: string): void {
  let names: string[] = [];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    if (STAGING.exec(name)?.[1] === String(process.pid)) rmSync(join(root, name), { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  }
}
