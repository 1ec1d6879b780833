// `npm run bench`: builds synthetic corpora of 1,000 and 10,000 advisories with Tierpress and
// with a plain Astro reference site, prints per-stage figures and the target ratios, and
// writes BENCHMARKS.md; with the 1,000 size, also the same corpus with 50 partners against its tiers
// alone, cold, and its warm rebuild after one advisory changed. Options: --sizes 1000,10000  --skip-reference  --skip-partners  --at INSTANT  --cpu-prof
import { appendFile, mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseAt } from '../src/cli/usage.ts';
import { ensureCorpus } from './bench/corpus.ts';
import { revision, writeBenchmarks } from './bench/document.ts';
import { withOneAdvisoryChanged } from './bench/edit.ts';
import { summarizeProfiles } from './bench/profile.ts';
import { buildReference } from './bench/reference-build.ts';
import { heading, plainReport, type SizeResult } from './bench/report.ts';
import { buildWithPartners, type PartnerRun } from './bench/partners.ts';
import { partnerReport } from './bench/partner-report.ts';
import { buildTierpress } from './bench/tierpress-build.ts';

const ROOT = resolve(import.meta.dirname, '..');
const WORK = join(ROOT, '.tierpress', 'bench');
// Fixed, so the corpus and every tier's view of it are the same on every run.
const SEED = 'tierpress-bench-1';
const DEFAULT_AT = '2026-11-28T12:00:00Z';

const args = process.argv.slice(2);
const { values } = parseArgs({
  args,
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    'skip-reference': { type: 'boolean', default: false },
    at: { type: 'string', default: DEFAULT_AT },
    'cpu-prof': { type: 'boolean', default: false },
    'skip-partners': { type: 'boolean', default: false },
  },
  strict: true,
});
const sizes = values.sizes.split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes ${values.sizes}: expected counts such as 1000,10000`);
const at = parseAt(values.at);
const say = (line: string) => console.log(`[bench] ${line}`);

await mkdir(WORK, { recursive: true });
// Taken before and after: figures from a tree that changed during the run say so.
const sourceBefore = revision(ROOT);
const results: SizeResult[] = [];
for (const size of sizes.sort((a, b) => a - b)) {
  const work = join(WORK, `run-${size}`);
  await mkdir(work, { recursive: true });
  say(`corpus of ${size} advisories…`);
  const corpus = await ensureCorpus(WORK, size, SEED, at, [join(ROOT, 'scripts', 'tierpress.ts')]);
  const profiles = values['cpu-prof'] ? join(work, 'profiles') : undefined;
  say(`tierpress build of ${corpus.dir} (log: ${join(work, 'tierpress.log')})…`);
  // Cold: an empty cache of its own, filled by this build. Warm: the same cache after one advisory changed.
  const cache = join(work, 'cache');
  await rm(cache, { recursive: true, force: true });
  const withCache = ['--cache', cache];
  const tierpress = await buildTierpress({ root: ROOT, content: corpus.dir, at: at.text, work, extra: withCache, ...(profiles ? { cpuProfileDir: profiles } : {}) });
  say(`warm rebuild after one advisory changed (log: ${join(work, 'warm', 'tierpress.log')})…`);
  const warm = await withOneAdvisoryChanged(corpus.dir, at.ms, () => buildTierpress({ root: ROOT, content: corpus.dir, at: at.text, work: join(work, 'warm'), extra: withCache }));
  let result: SizeResult = { corpus, tierpress, warm };
  if (!values['skip-reference']) {
    say(`reference Astro build (log: ${join(work, 'reference.log')})…`);
    result = { ...result, reference: await buildReference({ root: ROOT, content: corpus.dir, advisories: size, work }) };
  }
  results.push(result);
  say(`done: ${heading(result)}`);
  if (profiles) console.log(`\nCPU profiles (${profiles}):\n\n${await summarizeProfiles(profiles)}`);
}

// Issue 6's partner target, on the 1,000-advisory corpus: 50 partners at most 1.5× the tiers alone.
let partners: PartnerRun | undefined;
if (sizes.includes(1000) && !values['skip-partners']) {
  say('partner scenario: 1,000 advisories, tiers alone, then with 50 partners…');
  const corpus = await ensureCorpus(WORK, 1000, SEED, at, [join(ROOT, 'scripts', 'tierpress.ts')]);
  partners = await buildWithPartners({ root: ROOT, content: corpus.dir, at: at, work: join(WORK, 'run-1000-partners'), count: 50 });
}

console.log(`\n${plainReport(results)}\n`);
const reference1000 = results.find((result) => result.corpus.advisories === 1000)?.reference;
if (partners) console.log(`${partnerReport(partners, reference1000)}\n`);
// Only a full run (with the reference, up to 10,000) replaces the committed figures.
const full = !values['skip-reference'] && sizes.includes(10000) && !values['cpu-prof'];
const file = full ? join(ROOT, 'BENCHMARKS.md') : join(WORK, 'BENCHMARKS.md');
const sourceAfter = revision(ROOT);
const source = sourceAfter === sourceBefore ? sourceBefore : `${sourceBefore}, changed to ${sourceAfter} during the run`;
await writeBenchmarks(file, results, { command: `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`, at: at.text, source });
if (partners) await appendFile(file, `\n${partnerReport(partners, reference1000)}\n`);
say(`figures written to ${file}`);
