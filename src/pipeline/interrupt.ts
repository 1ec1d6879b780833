import type { ChildProcess } from 'node:child_process';

/**
 * What an interrupted build must stop and when it must not stop: the
 * render processes it started (each the leader of its own process group,
 * so esbuild and pagefind below it go too), and the swap into the output
 * folder, which is never left half done.
 */
const children = new Set<ChildProcess>();
let critical = 0;

/** Registers a render process, to be killed with its process group if the build is interrupted. */
export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** Kills every registered process group at once; they cannot finish their work in a folder about to go. */
export function killChildren(): void {
  for (const child of children) {
    if (child.pid === undefined) continue;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }
  children.clear();
}

/** Runs work that an interrupt must not cut short (the swap): an interrupt meanwhile waits for it to end. */
export async function uninterruptible<T>(work: () => Promise<T>): Promise<T> {
  critical++;
  try {
    return await work();
  } finally {
    critical--;
  }
}

/** Whether an interrupt now would cut uninterruptible work short. */
export function inCriticalSection(): boolean {
  return critical > 0;
}
