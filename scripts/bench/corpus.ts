// Writes a synthetic content folder of N advisories for the bench, or reuses the one already
// written by the same generator code, and checks it with `tierpress check` when it is new.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { advisoryText, type AdvisoryPlan } from './advisory.ts';
import { Random } from './random.ts';

/** The site.yaml of every bench corpus: the four tiers and two classes of the example site (content/site.yaml). */
const SITE_YAML = `site:
  title: Contoso Security Advisories (bench)
  url: https://security.contoso.example
publisher:
  name: Contoso PSIRT
  namespace: https://contoso.example
tiers:
  - { id: public, name: Public, tlp: CLEAR, lead: 0h }
  - { id: partner, name: Partner, tlp: AMBER, lead: 24h }
  - { id: trusted, name: Trusted partner, tlp: AMBER+STRICT, lead: 5d }
  - { id: internal, name: Internal, tlp: RED, lead: always }
classes:
  poc: trusted
  internal: internal
`;

const FIRST = Date.UTC(2014, 0, 1);
const LAST = Date.UTC(2026, 9, 31);
const HOUR = 3_600_000;

/** What a corpus is, as the bench prints it. */
export interface Corpus {
  dir: string;
  advisories: number;
  bytes: number;
  reused: boolean;
}

/**
 * Plans ids, statuses and releases: releases spread evenly from 2014 to late 2026, ids numbered
 * per release year; about 0.5 % drafts and the last 0.3 % released after `at` (embargoed).
 */
export function plan(count: number, seed: string, at: number): AdvisoryPlan[] {
  const r = new Random(`${seed}:plan`);
  const embargoed = Math.floor(count * 0.003);
  const perYear = new Map<number, number>();
  const plans: AdvisoryPlan[] = [];
  for (let i = 0; i < count; i++) {
    const late = i >= count - embargoed;
    const release = late ? at + (i - (count - embargoed) + 1) * 12 * HOUR : FIRST + Math.floor(((i + r.next()) / count) * (LAST - FIRST));
    const year = new Date(release).getUTCFullYear();
    const number = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, number);
    const status = !late && r.chance(0.005) ? 'draft' : r.chance(0.03) ? 'interim' : 'final';
    const id = `CTSA-${year}-${String(number).padStart(4, '0')}`;
    const prerelease = late || status === 'draft';
    plans.push({ id, release: status === 'draft' ? undefined : Math.floor(release / 1000) * 1000, status, prerelease, earlier: plans.slice(-20).map((p) => p.id) });
  }
  return plans;
}

/**
 * The corpus of `count` advisories under `root/corpus-<count>`. It is rewritten only when the
 * generator's code, the seed or `at` changed (a stamp holds their hash), so repeated runs reuse it.
 */
export async function ensureCorpus(root: string, count: number, seed: string, at: { ms: number; text: string }, tierpress: string[]): Promise<Corpus> {
  const dir = join(root, `corpus-${count}`);
  const stampFile = join(root, `corpus-${count}.stamp`);
  const stamp = await generatorHash(`${count}:${seed}:${at.text}`);
  const previous = await readFile(stampFile, 'utf8').catch(() => '');
  if (previous.startsWith(`${stamp} `)) return { dir, advisories: count, bytes: Number(previous.split(' ')[1]), reused: true };

  await rm(stampFile, { force: true });
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'advisories'), { recursive: true });
  await writeFile(join(dir, 'site.yaml'), SITE_YAML);
  const plans = plan(count, seed, at.ms);
  const yearOf = (p: AdvisoryPlan) => p.id.split('-')[1]!;
  for (const year of new Set(plans.map(yearOf))) await mkdir(join(dir, 'advisories', year));
  let bytes = 0;
  // Written in batches: one promise per file at 10,000 files would hold every text at once.
  for (let start = 0; start < plans.length; start += 200) {
    await Promise.all(plans.slice(start, start + 200).map(async (p) => {
      const year = yearOf(p);
      const text = advisoryText(p, seed);
      bytes += Buffer.byteLength(text);
      await writeFile(join(dir, 'advisories', year, `${p.id}.md`), text);
    }));
  }
  // A corpus the build would reject measures nothing: it must pass `tierpress check`.
  const check = spawnSync(process.execPath, [...tierpress, 'check', '--content', dir, '--at', at.text], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (check.status !== 0) throw new Error(`the generated corpus ${dir} does not pass tierpress check:\n${(check.stdout + check.stderr).slice(0, 4000)}`);
  await writeFile(stampFile, `${stamp} ${bytes}\n`);
  return { dir, advisories: count, bytes, reused: false };
}

/** A hash of the generator's own source files and its parameters. */
async function generatorHash(parameters: string): Promise<string> {
  const hash = createHash('sha256').update(parameters);
  for (const file of ['advisory.ts', 'corpus.ts', 'random.ts']) hash.update(await readFile(join(import.meta.dirname, file)));
  return hash.digest('hex').slice(0, 16);
}
