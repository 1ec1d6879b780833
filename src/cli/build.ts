import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type BuildReport } from '../pipeline/build.ts';
import { SelectionError } from '../pipeline/errors.ts';
import { PROJECT_ROOT } from '../pipeline/root.ts';
import { inCriticalSection, killChildren } from '../pipeline/interrupt.ts';
import { removeOwnStagingSync } from '../pipeline/staging.ts';
import { ContentError, formatProblems, formatWarnings } from '../core/validate/problem.ts';
import { table } from './table.ts';
import { parseAt, parseOptions, UsageError } from './usage.ts';

/** The options of `build`, as its parser takes them. */
export const BUILD_OPTIONS = {
  content: { type: 'string', default: 'content' },
  out: { type: 'string', default: 'dist' },
  at: { type: 'string' },
  tier: { type: 'string', multiple: true, default: [] as string[] },
  partner: { type: 'string', multiple: true, default: [] as string[] },
  cache: { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
} as const;

/** `tierpress build`: every tier (or those named) into the output folder, with a summary table. */
export async function buildCommand(args: string[]): Promise<number> {
  const options = parseOptions(args, BUILD_OPTIONS);
  const at = parseAt(options.at);
  const stopHandling = handleInterrupt(options.out);
  try {
    if (options['no-cache'] && options.cache !== undefined) throw new UsageError('--cache and --no-cache: give one of them');
    const cache = options['no-cache'] ? false : options.cache;
    const report = await build({
      content: options.content,
      out: options.out,
      at,
      tiers: options.tier,
      partners: options.partner,
      log: (line) => console.log(line),
      ...(cache !== undefined ? { cache } : {}),
    });
    console.log(`\n${summary(report)}\n${LEGEND}\n\nBuilt into ${options.out}/ in ${report.seconds.toFixed(1)} s. ${signedWith(report)}`);
    // Last, so they are not lost above the progress lines; they never fail the build.
    if (report.warnings.length > 0) console.error(`\n${formatWarnings(report.warnings)}`);
    // For `npm run bench`: the full report, timings and peak memory of every process, as JSON.
    if (process.env.TIERPRESS_REPORT_FILE) await writeFile(process.env.TIERPRESS_REPORT_FILE, JSON.stringify(report, null, 2));
    return 0;
  } catch (error) {
    if (error instanceof SelectionError) throw new UsageError(error.message);
    if (error instanceof ContentError) {
      console.error(formatProblems(error.problems));
      console.error(`\n${error.problems.length} error${error.problems.length === 1 ? '' : 's'} in ${options.content}; nothing was built and ${options.out}/ is unchanged.`);
      return 1;
    }
    console.error(`tierpress: ${(error as Error).message}\n\nNothing was built; ${options.out}/ is unchanged.`);
    return 1;
  } finally {
    stopHandling();
  }
}

/**
 * Ctrl-C (SIGINT) stops the build where it is: render processes are
 * killed, this build's staging folder removed, and the output folder was
 * never touched, since only the final swap writes to it. An interrupt
 * during the swap waits for it, so the output is never half replaced.
 * Everything is done synchronously: no more of the build's code runs.
 */
function handleInterrupt(out: string): () => void {
  const onSigint = () => {
    if (inCriticalSection()) {
      console.error(`interrupted while the new bundles are put in place; finishing that, so ${out}/ is not left half replaced`);
      return;
    }
    killChildren();
    // Let the kernel finish the kills before their folders go; a write already under way is retried by rmSync.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    removeOwnStagingSync(join(PROJECT_ROOT, '.tierpress'));
    console.error(`\ninterrupted; ${out}/ unchanged`);
    process.exit(130);
  };
  process.on('SIGINT', onSigint);
  return () => process.off('SIGINT', onSigint);
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** What the audit column's abbreviations mean, printed under the table. */
const LEGEND =
  'audit: files = files read (cached = of those, how many were judged from a scan kept in the cache); fp = fingerprints of withheld text looked for; s = seconds; allowed = allowlist entries applied; control = passages the bundle is entitled to that the positive control found / looked for';

/** One row per bundle: tiers in the site's order, then partners by name (the order the build reports them in). */
function summary(report: BuildReport): string {
  return table(
    ['bundle', 'advisories', 'pages', 'gates removed', 'assets', 'bytes', 'audit', 'seconds'],
    report.bundles.map((bundle) => [
      bundle.name,
      bundle.advisories,
      bundle.pages,
      bundle.gatesRemoved,
      bundle.assets,
      megabytes(bundle.bytes),
      auditCell(bundle),
      // Its share of the render it came from, then its own making: not the other bundles made from that render.
      Number((report.renders.find((r) => r.view === bundle.view)!.sharedSeconds + bundle.seconds).toFixed(1)),
    ]),
  );
}

/** `clean (…)`, with the fingerprints checked, the audit's seconds, the allowlist entries it applied and, on the bundle that ran it, the positive control. */
function auditCell(bundle: BuildReport['bundles'][number]): string {
  const control = bundle.audit.control ? `, control ${bundle.audit.control.found}/${bundle.audit.control.expected}` : '';
  const allowed = bundle.audit.allowed > 0 ? `, ${bundle.audit.allowed} allowed` : '';
  const cached = bundle.audit.cached > 0 ? `, ${bundle.audit.cached} cached` : '';
  return `clean (${bundle.audit.files} files${cached}, ${bundle.audit.fingerprints} fp, ${bundle.audit.seconds.toFixed(1)} s${allowed}${control})`;
}

function signedWith(report: BuildReport): string {
  const sealed =
    report.signing.origin === 'development'
      ? `Sealed with the development key ${report.signing.path}; set TIERPRESS_SIGNING_KEY or signing.key in site.yaml for real bundles.`
      : `Sealed with the key from ${report.signing.origin}.`;
  const openpgp = report.signing.openpgp;
  if (!openpgp) return sealed;
  const signed =
    openpgp.origin === 'development'
      ? `CSAF documents signed (.asc) with the development OpenPGP key ${openpgp.path}; set TIERPRESS_OPENPGP_KEY or signing.openpgp in site.yaml for real bundles.`
      : `CSAF documents signed (.asc) with the OpenPGP key from ${openpgp.origin}.`;
  return `${sealed}\n${signed}`;
}
