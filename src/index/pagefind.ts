import { createHash } from 'node:crypto';
import * as pagefind from 'pagefind';

/** What indexing a bundle produced. */
export interface IndexResult {
  pages: number;
}

/**
 * Builds a tier's search index from its own rendered bundle only and writes
 * it to `<siteDir>/pagefind/`. Every response is checked; the pagefind
 * service process is closed whatever happens.
 */
export async function indexSite(siteDir: string, expectedPages: number): Promise<IndexResult> {
  try {
    const created = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!created.index || created.errors.length > 0) throw new Error(`pagefind could not create an index: ${created.errors.join('; ')}`);
    const added = await created.index.addDirectory({ path: siteDir });
    if (added.errors.length > 0) throw new Error(`pagefind could not index ${siteDir}: ${added.errors.join('; ')}`);
    if (added.page_count !== expectedPages) {
      throw new Error(`pagefind indexed ${added.page_count} pages of ${siteDir}, expected ${expectedPages}`);
    }
    const written = await created.index.writeFiles({ outputPath: `${siteDir}/pagefind` });
    if (written.errors.length > 0) throw new Error(`pagefind could not write its index: ${written.errors.join('; ')}`);
    return { pages: added.page_count };
  } catch (error) {
    throw new Error(`search indexing failed: ${(error as Error).message}`, { cause: error });
  } finally {
    await pagefind.close();
  }
}

/** Pagefind's own runtime (scripts, styles, WebAssembly): the same bytes in every bundle, whatever it indexes. */
const RUNTIME = /^(pagefind(-[a-z]+)*\.(js|css)|wasm\.[a-z-]+\.pagefind)$/;

/**
 * The sha256 of every pagefind runtime file, from an index of one empty
 * English page. The audit holds a bundle's copies to these exact bytes,
 * which lets it skip them when looking for content (third-party code can
 * share words with a PoC, such as an SVG namespace URL).
 */
export async function pagefindRuntime(): Promise<Map<string, string>> {
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index || errors.length > 0) throw new Error(errors.join('; '));
    const added = await index.addHTMLFile({ url: '/', content: '<html lang="en"><body><main data-pagefind-body><p>runtime</p></main></body></html>' });
    if (added.errors.length > 0) throw new Error(added.errors.join('; '));
    const { files, errors: fileErrors } = await index.getFiles();
    if (fileErrors.length > 0) throw new Error(fileErrors.join('; '));
    return new Map(files.filter((file) => RUNTIME.test(file.path)).map((file) => [`pagefind/${file.path}`, createHash('sha256').update(file.content).digest('hex')]));
  } catch (error) {
    throw new Error(`could not read pagefind's runtime files: ${(error as Error).message}`, { cause: error });
  } finally {
    await pagefind.close();
  }
}
