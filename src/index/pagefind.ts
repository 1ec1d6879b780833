import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as pagefind from 'pagefind';

/** The options every index is made with: part of what an index is made from. */
export const INDEX_OPTIONS = { forceLanguage: 'en' } as const;

/** Pagefind's version (its package and binary are released together): part of what an index is made from. */
export const PAGEFIND_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')) as { version: string }).version;

/** A page to index: the URL a result links to (below the bundle's base) and the page's HTML. */
export interface IndexPage {
  url: string;
  html: string;
}

/** The files of an index, by path below its folder. */
export type IndexFiles = Map<string, Uint8Array>;

/** Makes one index of exactly the given pages and returns its files. */
export type Indexer = (pages: readonly IndexPage[]) => Promise<IndexFiles>;

/**
 * Runs `work` with an indexer on one pagefind service, which is closed
 * whatever happens. Each index holds exactly the pages it is given, added
 * one at a time in the given order: pagefind numbers pages in the order
 * they arrive, so concurrent adds (which race for its lock) or a directory
 * walk (in the file system's order) would not give the same bytes twice.
 */
export async function withPagefind<T>(work: (index: Indexer) => Promise<T>): Promise<T> {
  try {
    return await work(indexPages);
  } finally {
    await pagefind.close();
  }
}

async function indexPages(pages: readonly IndexPage[]): Promise<IndexFiles> {
  const created = await pagefind.createIndex(INDEX_OPTIONS);
  if (!created.index || created.errors.length > 0) throw new Error(`pagefind could not create an index: ${created.errors.join('; ')}`);
  const { index } = created;
  try {
    for (const page of pages) {
      const added = await index.addHTMLFile({ url: page.url, content: page.html });
      if (added.errors.length > 0) throw new Error(`pagefind could not index ${page.url}: ${added.errors.join('; ')}`);
    }
    const { files, errors } = await index.getFiles();
    if (errors.length > 0) throw new Error(`pagefind could not build its index: ${errors.join('; ')}`);
    return new Map(files.map((file) => [file.path, file.content]));
  } finally {
    await index.deleteIndex();
  }
}

/** How many pages an index holds, as its `pagefind-entry.json` says. */
export function indexedPages(files: IndexFiles): number {
  const entry = files.get('pagefind-entry.json');
  if (!entry) throw new Error('the index has no pagefind-entry.json');
  const { languages } = JSON.parse(Buffer.from(entry).toString('utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(languages).reduce((sum, language) => sum + language.page_count, 0);
}

/** Pagefind's own runtime (scripts, styles, WebAssembly): the same bytes in every bundle, whatever it indexes. */
const RUNTIME = /^(pagefind(-[a-z]+)*\.(js|css)|wasm\.[a-z-]+\.pagefind)$/;

/** Whether a file of an index is pagefind's runtime rather than made from the pages. */
export const isRuntimeFile = (path: string): boolean => RUNTIME.test(path);

/** The page pagefind's runtime files are read from: one empty English page, so the English WebAssembly is among them. */
const RUNTIME_PAGE: IndexPage = { url: '/', html: '<html lang="en"><body><main data-pagefind-body><p>runtime</p></main></body></html>' };

/** Pagefind's runtime files with their bytes, from an index of one empty English page (see `pagefindRuntime`). */
export async function runtimeFiles(index: Indexer): Promise<IndexFiles> {
  const files = await index([RUNTIME_PAGE]);
  return new Map([...files].filter(([path]) => isRuntimeFile(path)));
}

/**
 * The sha256 of every pagefind runtime file, from an index of one empty
 * English page. The audit holds a bundle's copies to these exact bytes,
 * which lets it skip them when looking for content (third-party code can
 * share words with a PoC, such as an SVG namespace URL).
 */
export async function pagefindRuntime(): Promise<Map<string, string>> {
  try {
    const files = await withPagefind(runtimeFiles);
    return new Map([...files].map(([path, content]) => [`pagefind/${path}`, createHash('sha256').update(content).digest('hex')]));
  } catch (error) {
    throw new Error(`could not read pagefind's runtime files: ${(error as Error).message}`, { cause: error });
  }
}
