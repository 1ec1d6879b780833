import { writeFile } from 'node:fs/promises';
import { build, SelectionError, type BuildReport } from '../build/build.ts';
import { ContentError, formatProblems } from '../core/validate/problem.ts';
import { table } from './table.ts';
import { parseAt, parseOptions, UsageError } from './usage.ts';

/** `tierpress build`: every tier (or those named) into the output folder, with a summary table. */
export async function buildCommand(args: string[]): Promise<number> {
  const options = parseOptions(args, {
    content: { type: 'string', default: 'content' },
    out: { type: 'string', default: 'dist' },
    at: { type: 'string' },
    tier: { type: 'string', multiple: true, default: [] },
    partner: { type: 'string', multiple: true, default: [] },
  });
  const at = parseAt(options.at);
  try {
    const report = await build({ content: options.content, out: options.out, at, tiers: options.tier, partners: options.partner, log: (line) => console.log(line) });
    console.log(`\n${summary(report)}\n\nBuilt into ${options.out}/ in ${report.seconds.toFixed(1)} s. ${signedWith(report)}`);
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
  }
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

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
  return `clean (${bundle.audit.files} files, ${bundle.audit.fingerprints} fp, ${bundle.audit.seconds.toFixed(1)} s${allowed}${control})`;
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
