import { cp, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Moves a folder, copying when source and target sit on different file systems. */
async function move(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    try {
      await cp(from, to, { recursive: true, errorOnExist: true, force: false });
    } catch (copyError) {
      // A partial copy must not stay: the rollback puts the previous bundle back in its place.
      await rm(to, { recursive: true, force: true });
      throw copyError;
    }
    await rm(from, { recursive: true, force: true });
  }
}

/**
 * Replaces `out/<name>` with each staged bundle, and removes each `retired`
 * name (an outdated delivery). Called only once every bundle has been built
 * and checked; the previous files are set aside first and put back if any
 * move fails, so `out/` is never left half-swapped.
 */
export async function swapIntoPlace(out: string, staged: ReadonlyMap<string, string>, tag: string, retired: readonly string[] = []): Promise<void> {
  await mkdir(out, { recursive: true });
  const setAside: Array<[string, string]> = [];
  const placed: string[] = [];
  try {
    for (const name of [...staged.keys(), ...retired]) {
      const target = join(out, name);
      const old = join(out, `.${name.replace(/\//g, '_')}.old-${tag}`);
      try {
        await rename(target, old);
        setAside.push([old, target]);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    for (const [name, from] of staged) {
      const target = join(out, name);
      await mkdir(join(target, '..'), { recursive: true });
      await move(from, target);
      placed.push(target);
    }
  } catch (error) {
    for (const target of placed) await rm(target, { recursive: true, force: true });
    for (const [old, target] of setAside) await rename(old, target);
    throw error;
  }
  await Promise.all(setAside.map(([old]) => rm(old, { recursive: true, force: true })));
}
