// `npm run sweep -- [--content DIR] [--tier ID]… [--partner ID]… [--limit N] [--all-findings]`: builds the
// content with the real CLI at every instant at which some view's content changes (visibilityInstants),
// each into a temporary folder removed afterwards, and prints one line per instant: what changes there,
// ok or FAILED with the first finding. Exit 1 when any build failed. With --limit, only the first N instants.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadContent } from '../src/cli/check.ts';
import { visibilityInstants } from '../src/core/project/instants.ts';
import { formatProblems } from '../src/core/validate/problem.ts';

const CLI = resolve(import.meta.dirname, 'tierpress.ts');

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: 'content' },
    tier: { type: 'string', multiple: true, default: [] },
    partner: { type: 'string', multiple: true, default: [] },
    limit: { type: 'string' },
    'all-findings': { type: 'boolean', default: false },
  },
  strict: true,
});
const limit = values.limit === undefined ? Infinity : Number(values.limit);
if (values.limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) {
  console.error(`sweep: --limit ${values.limit}: expected a positive whole number`);
  process.exit(2);
}

const { content, problems } = await loadContent(values.content);
if (!content) {
  console.error(formatProblems(problems));
  process.exit(1);
}
const all = visibilityInstants(content, { tiers: values.tier, partners: values.partner });
const instants = all.slice(0, limit);
const selection = [...values.tier.flatMap((id) => ['--tier', id]), ...values.partner.flatMap((id) => ['--partner', id])];
console.log(`${values.content}: ${all.length} instants at which a view's content changes; building ${instants.length}${selection.length ? ` (${selection.join(' ')})` : ', every tier and partner'}\n`);

const started = performance.now();
const failed: string[] = [];
for (const instant of instants) {
  const out = await mkdtemp(join(tmpdir(), 'tierpress-sweep-'));
  const buildStarted = performance.now();
  try {
    const result = await run([CLI, 'build', '--content', values.content, '--out', out, '--at', instant.at, ...selection]);
    const seconds = ((performance.now() - buildStarted) / 1000).toFixed(1);
    const findings = result.status === 0 ? [] : findingsOf(result.stderr || result.stdout);
    const outcome = result.status === 0 ? 'ok' : findings.length > 0 ? `FAILED (${findings.length} finding${findings.length === 1 ? '' : 's'}): ${findings[0]}` : `FAILED (no audit finding): ${errorOf(result.stderr || result.stdout)}`;
    console.log(`${instant.at}  ${instant.changes.join('; ')}  ${outcome}  ${seconds} s`);
    if (values['all-findings']) findings.slice(1).forEach((finding) => console.log(`    ${finding}`));
    if (result.status !== 0) failed.push(instant.at);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(`\n${instants.length} instants, ${instants.length - failed.length} ok, ${failed.length} failed${failed.length ? `: ${failed.join(', ')}` : ''}; ${seconds.toFixed(0)} s in all, ${(seconds / Math.max(instants.length, 1)).toFixed(1)} s a build.`);
process.exitCode = failed.length > 0 ? 1 : 0;

/** The build's audit findings, each after the bundle it was found in ("[view] the audit found…"). */
function findingsOf(output: string): string[] {
  const findings: string[] = [];
  let view: string | undefined;
  for (const line of output.split('\n')) {
    const heading = /(\[[^\]]+\]) the audit found/.exec(line);
    if (heading) view = heading[1];
    else if (view && /^ {2}\S/.test(line)) findings.push(`${view} ${line.trim()}`);
    else view = undefined;
  }
  return findings;
}

/** What broke a build that failed otherwise: its message, not the first line of a stack trace, which says only where. */
function errorOf(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return lines.find((line) => /^(tierpress: |\w*Error\b)/.test(line)) ?? lines[0] ?? 'no output';
}

/** Runs the CLI in a child process (a fresh one per build: nothing carries over between instants). */
function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}
