import type { ProjectedAdvisory } from '../core/project/project.ts';
import type { ExportContext } from './context.ts';
import { csafAdvisoryFiles, csafTreeFiles, type CsafAdvisoryFiles } from './csaf/provider.ts';
import { byPath, type ExportFile } from './file.ts';
import { osvFile } from './osv.ts';

/**
 * Everything one advisory's own export files (its CSAF document with its
 * digests, its OSV record) are made from, and nothing else: as JSON, the key
 * they are kept under in the cache (src/cache/exports.ts). `advisoryExports`
 * reads only this object, so the key is complete by construction.
 */
export interface AdvisoryExportInput {
  advisory: ProjectedAdvisory;
  site: ExportContext['site'];
  tier: ExportContext['tier'];
  baseUrl: string;
  /** What the advisory's `{{mark}}` becomes (in a shared render, its sentinel). */
  mark: string;
  /**
   * The build instant, only for an advisory without a release (a draft),
   * whose dates fall back to it. A released advisory's files never read it
   * (csaf/tracking.ts, osv.ts): with it in their key, a build at another
   * instant (by default, now) would never find them.
   */
  at?: string;
}

/** The input of `advisory`'s own export files in a bundle with `context`. */
export function advisoryExportInput(advisory: ProjectedAdvisory, context: ExportContext): AdvisoryExportInput {
  return {
    advisory,
    site: context.site,
    tier: context.tier,
    baseUrl: context.baseUrl,
    mark: context.mark(advisory.id),
    ...(advisory.release === undefined ? { at: context.at } : {}),
  };
}

/** One advisory's own export files, and what the files that span the bundle take from them. */
export interface AdvisoryExports {
  csaf: CsafAdvisoryFiles;
  osv: ExportFile;
}

/** The CSAF and OSV files of one advisory, made from its input alone. */
export function advisoryExports(input: AdvisoryExportInput): AdvisoryExports {
  const context = inputContext(input);
  return { csaf: csafAdvisoryFiles(input.advisory, context), osv: osvFile(input.advisory, context) };
}

/**
 * Every export file of a bundle (the CSAF provider tree and the OSV records)
 * from its advisories' own files, made or kept: the files that span the
 * bundle (listings, feed, provider metadata) are made here, every build.
 */
export function bundleExportFiles(advisories: readonly AdvisoryExports[], context: ExportContext): ExportFile[] {
  return [
    ...csafTreeFiles(
      advisories.map((advisory) => advisory.csaf),
      context,
    ),
    ...byPath(advisories.map((advisory) => advisory.osv)),
  ];
}

/**
 * An export context holding the input and nothing more. Reading what the
 * input leaves out (the build instant of a released advisory, the OpenPGP
 * key, another advisory's mark) throws: an exporter that came to depend on
 * it fails every build, cold or warm, rather than be kept under a key that
 * does not name it.
 */
function inputContext(input: AdvisoryExportInput): ExportContext {
  const outside = (what: string): never => {
    throw new Error(`the exports of ${input.advisory.id} read ${what}, which is not in their input (src/export/advisory.ts)`);
  };
  const context = {
    site: input.site,
    tier: input.tier,
    baseUrl: input.baseUrl,
    mark: (id: string) => (id === input.advisory.id ? input.mark : outside(`the mark of ${id}`)),
  };
  Object.defineProperty(context, 'at', input.at === undefined ? { get: () => outside('the build instant'), enumerable: true } : { value: input.at, enumerable: true });
  Object.defineProperty(context, 'openpgp', { get: () => outside('the OpenPGP key'), enumerable: true });
  return context as ExportContext;
}
