import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** What `listFiles` leaves out or reports instead of listing. */
export interface ListOptions {
  /** Leave out every path with a part that starts with a dot (a dot folder's files too). */
  skipDotfiles?: boolean;
  /**
   * Called, with the entry's full path, for a symbolic link or anything else
   * that is neither a regular file nor a folder; such an entry is then not
   * listed. Without it, every entry that is not a folder is listed.
   */
  onIrregular?: (path: string, kind: 'symlink' | 'other') => void;
}

/**
 * Every file below `dir` (dotfiles included unless skipped, folders not), as
 * sorted `/`-separated paths relative to it. Symbolic links are never followed.
 */
export async function listFiles(dir: string, options: ListOptions = {}): Promise<string[]> {
  // node's own crawler: crawling libraries list a symbolic link like a file and drop a FIFO or socket unseen.
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory()) continue;
    const full = join(entry.parentPath, entry.name);
    const path = relative(dir, full).split(sep).join('/');
    if (options.skipDotfiles && path.split('/').some((part) => part.startsWith('.'))) continue;
    if (options.onIrregular && !entry.isFile()) options.onIrregular(full, entry.isSymbolicLink() ? 'symlink' : 'other');
    else files.push(path);
  }
  return files.sort();
}
