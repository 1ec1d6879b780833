// One cold `tierpress build` of a bench corpus, measured from outside (GNU time) and from inside
// (the BuildReport the build writes to TIERPRESS_REPORT_FILE).
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildReport } from '../../src/pipeline/build.ts';
import { measure, type Measured } from './measure.ts';

/** The build's own report and the outside measurement of the same run. */
export interface TierpressRun {
  report: BuildReport;
  outside: Measured;
}

/**
 * Builds every tier of `content` into a fresh `<work>/out`, then removes the output. With
 * `cpuProfileDir`, node writes CPU profiles of the main process and, since the render processes
 * are forked with the parent's flags, of every render process too.
 */
export async function buildTierpress(options: { root: string; content: string; at: string; work: string; cpuProfileDir?: string; extra?: string[] }): Promise<TierpressRun> {
  const out = join(options.work, 'out');
  const reportFile = join(options.work, 'build-report.json');
  await rm(out, { recursive: true, force: true });
  await mkdir(options.work, { recursive: true });
  await rm(reportFile, { force: true });
  if (options.cpuProfileDir) await rm(options.cpuProfileDir, { recursive: true, force: true });
  const profile = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [];
  const outside = await measure([...profile, join(options.root, 'scripts', 'tierpress.ts'), 'build', '--content', options.content, '--out', out, '--at', options.at, ...(options.extra ?? [])], {
    cwd: options.root,
    env: { TIERPRESS_REPORT_FILE: reportFile },
    log: join(options.work, 'tierpress.log'),
    timeFile: join(options.work, 'tierpress.time'),
  });
  const report = JSON.parse(await readFile(reportFile, 'utf8')) as BuildReport;
  await rm(out, { recursive: true, force: true });
  return { report, outside };
}
