// The warm rebuild's edit: what a PSIRT does to a published advisory, undone afterwards.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Runs `work` with one advisory of the corpus edited as an author would (a sentence added to its
 * body), then puts the file back as it was, so the corpus stays the one its stamp describes.
 */
export async function withOneAdvisoryChanged<T>(dir: string, atMs: number, work: () => Promise<T>): Promise<T> {
  const file = await newestReleased(dir, atMs);
  const original = await readFile(file);
  await writeFile(file, `${original.toString('utf8').trimEnd()}\n\nUpdated guidance: restart the service after installing the fix.\n`);
  try {
    return await work();
  } finally {
    await writeFile(file, original);
  }
}

/**
 * The newest advisory already released at the build instant: the change a PSIRT makes to a
 * published advisory, which every view shows. (An embargoed one changes what the lower views
 * may not see, so their audits rightly read every file again.)
 */
async function newestReleased(dir: string, atMs: number): Promise<string> {
  for (const year of (await readdir(join(dir, 'advisories'))).sort().reverse()) {
    for (const name of (await readdir(join(dir, 'advisories', year))).sort().reverse()) {
      const file = join(dir, 'advisories', year, name);
      const release = /^release:\s*['"]?([^'"\s]+)/m.exec(await readFile(file, 'utf8'))?.[1];
      if (release && Date.parse(release) <= atMs) return file;
    }
  }
  throw new Error(`no advisory of ${dir} is released at the build instant`);
}
