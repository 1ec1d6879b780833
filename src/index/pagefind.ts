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
