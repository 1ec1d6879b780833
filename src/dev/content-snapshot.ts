import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContentFiles } from '../core/validate/content.ts';
import type { Problem } from '../core/validate/problem.ts';
import { readContent } from '../pipeline/read.ts';

/** What a batch of saved files changed: nothing the preview uses, only an asset's bytes, or what validation reads. */
export type Change = 'none' | 'asset' | 'content';

/**
 * The content folder as the dev server last read it, kept up to date file
 * by file: a saved advisory is read again alone; anything that could change
 * the folder's layout (a new folder, a stray file, site.yaml) is read again
 * whole, through the same reader a build uses, so the preview refuses what
 * a build would refuse.
 */
export class ContentSnapshot {
  readonly #dir: string;
  #files: ContentFiles | undefined;
  #problems: Problem[] = [];

  private constructor(dir: string) {
    this.#dir = dir;
  }

  /** Reads the whole folder once. */
  static async open(dir: string): Promise<ContentSnapshot> {
    const snapshot = new ContentSnapshot(dir);
    await snapshot.#readAll();
    return snapshot;
  }

  /** The files as of the last read, or the layout problems that stopped it. */
  get current(): { files?: ContentFiles; problems: Problem[] } {
    return this.#files ? { files: this.#files, problems: [] } : { problems: this.#problems };
  }

  /** Takes in files saved, created or removed (`/`-separated paths below the content folder). */
  async update(paths: readonly string[]): Promise<Change> {
    const kinds = new Set<Change | 'layout'>();
    for (const path of paths) kinds.add(await this.#updateOne(path));
    if (kinds.has('layout')) {
      await this.#readAll();
      return 'content';
    }
    return kinds.has('content') ? 'content' : kinds.has('asset') ? 'asset' : 'none';
  }

  async #readAll(): Promise<void> {
    const read = await readContent(this.#dir);
    this.#files = read.files;
    this.#problems = read.problems;
  }

  /** One path's change, applied when it is one advisory's bytes; `layout` when the whole folder must be read again. */
  async #updateOne(path: string): Promise<Change | 'layout'> {
    const parts = path.split('/');
    // The reader skips dotfiles (editors' swap files among them), and files beside the known ones are not content.
    if (parts.some((part) => part.startsWith('.'))) return 'none';
    if (!this.#files) return 'layout';
    const top = parts[0]!;
    if (parts.length === 1 && !['site.yaml', 'partners.yaml', 'audit-allow.yaml', 'advisories', 'assets'].includes(top)) return 'none';
    const stat = await lstat(join(this.#dir, path)).catch(() => undefined);
    if (top === 'assets' && parts.length > 1) {
      // Same list of assets: nothing to validate again, only pages to reload.
      const listed = this.#files.assets.includes(path);
      return (stat?.isFile() && listed) || (!stat && !listed) ? 'asset' : 'layout';
    }
    if (top === 'advisories' && path.endsWith('.md') && (!stat || stat.isFile())) {
      // Gone by the time it is read (an editor's save by rename): taken as removed, until its next event.
      const bytes = stat ? await readFile(join(this.#dir, path)).catch(() => undefined) : undefined;
      const advisories = this.#files.advisories.filter((file) => file.path !== path);
      if (bytes) advisories.push({ path, name: join(this.#dir, path), bytes });
      this.#files = { ...this.#files, advisories: advisories.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
      return 'content';
    }
    return 'layout';
  }
}
