import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/**
 * Watches a content folder and calls `onChange` with the `/`-separated
 * paths changed, a batch at a time: an editor's save is several events
 * (write, rename, chmod) within a few milliseconds, so events are gathered
 * for `settle` ms after the last one. Calls never overlap; what changes
 * during one comes in the next. Returns a function that stops watching.
 *
 * Each folder is watched on its own, not with node's recursive watch: on
 * Linux that watches each file, and loses a file an editor saves by
 * writing a new one and renaming it over the old. A folder's watch sees
 * every entry of it, however written. Folders whose name starts with a dot
 * are not content and are not watched.
 */
export function watchContent(dir: string, onChange: (paths: string[]) => Promise<void>, settle = 60): () => void {
  const watchers = new Map<string, FSWatcher>();
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const flush = () => {
    timer = undefined;
    if (running) return;
    for (const [folder, watcher] of watchers) {
      if (!existsSync(join(dir, folder))) (watcher.close(), watchers.delete(folder));
    }
    const paths = [...pending].sort();
    pending = new Set();
    running = onChange(paths).finally(() => {
      running = undefined;
      if (pending.size > 0 && !timer) timer = setTimeout(flush, settle);
    });
  };
  const note = (path: string) => {
    pending.add(path);
    // A folder made or moved in: watched from now on, with the folders inside it.
    if (!watchers.has(path) && !path.split('/').some((part) => part.startsWith('.')) && isFolder(join(dir, path))) watchFolder(path);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, settle);
  };
  const watchFolder = (folder: string) => {
    let watcher: FSWatcher;
    try {
      watcher = watch(join(dir, folder), (_event, name) => name && note(folder ? `${folder}/${name}` : String(name)));
    } catch {
      return; // gone already
    }
    watcher.on('error', () => (watcher.close(), watchers.delete(folder)));
    watchers.set(folder, watcher);
    const entries = (() => {
      try {
        return readdirSync(join(dir, folder), { withFileTypes: true });
      } catch {
        return [];
      }
    })();
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith('.')) watchFolder(folder ? `${folder}/${entry.name}` : entry.name);
    }
  };

  watchFolder('');
  return () => {
    if (timer) clearTimeout(timer);
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
  };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
