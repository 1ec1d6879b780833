import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectAll, type ViewProjection } from '../core/project/summary.ts';
import { tierView } from '../core/project/view.ts';
import type { Tier } from '../core/schema/site.ts';
import { validateContent, type Content } from '../core/validate/content.ts';
import { ContentError } from '../core/validate/problem.ts';
import { NEUTRAL_MARK } from '../render/markdown-html.ts';
import { auditBundle, formatFinding, type AuditPlan, type AuditResult } from '../audit/audit.ts';
import { pagefindRuntime } from '../index/pagefind.ts';
import { auditPlan } from '../audit/plan.ts';
import { loadSigningKey, type SigningKey } from '../seal/keys.ts';
import { sealBundle } from '../seal/manifest.ts';
import { copyAssets } from './assets.ts';
import { readContent } from './read.ts';
import { STAGE, type TierInput, type TierMessage } from './stage-files.ts';
import { swapIntoPlace } from './swap.ts';

/** The project folder: Astro's root, and the parent of every staging folder. */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

export interface BuildOptions {
  content: string;
  out: string;
  /** The build instant, milliseconds and canonical text. */
  at: { ms: number; text: string };
  /** Tier ids to build; all when empty. */
  tiers: string[];
  log: (line: string) => void;
}

/** What one tier's bundle came to. */
export interface TierReport {
  tier: string;
  advisories: number;
  pages: number;
  gatesRemoved: number;
  assets: number;
  bytes: number;
  seconds: number;
  renderSeconds: number;
  indexSeconds: number;
  /** Peak resident memory of the tier process and of its pagefind service, in bytes. */
  maxRss: number;
  pagefindPeak: number;
  auditSeconds: number;
  audit: { files: number; findings: number; fingerprints: number; control?: AuditResult['control'] };
}

export interface BuildReport {
  at: string;
  advisories: number;
  parseSeconds: number;
  projectSeconds: number;
  seconds: number;
  maxRss: number;
  tiers: TierReport[];
  signing: Pick<SigningKey, 'origin' | 'path'>;
}

/** A build that could not complete; nothing was written to the output folder. */
export class BuildError extends Error {
  override name = 'BuildError';
}

/** An unknown `--tier`: bad usage rather than bad content. */
export class UnknownTierError extends Error {
  override name = 'UnknownTierError';
}

/**
 * Builds every requested tier into `<out>/<tier>/`: content is read and
 * validated once, projected per tier, and each tier rendered in its own
 * process from its projection alone. Bundles replace the previous ones only
 * when every tier has succeeded; on any failure `<out>` is left as it was.
 */
export async function build(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const read = await readContent(options.content);
  const { content, problems } = read.files ? validateContent(read.files) : { content: undefined, problems: read.problems };
  if (!content) throw new ContentError(problems);
  const parseSeconds = (performance.now() - started) / 1000;
  const tiers = selectTiers(content, options.tiers);
  options.log(`${content.advisories.length} advisories from ${options.content}, as of ${options.at.text}; building ${tiers.map((t) => t.id).join(', ')}`);

  const projectStarted = performance.now();
  const projections = tiers.map((tier) => projectAll(content, tierView(content.site, tier.id), options.at.ms));
  const projectSeconds = (performance.now() - projectStarted) / 1000;

  const key = await loadSigningKey({ contentDir: resolve(options.content), keyFile: content.site.signing?.key, projectRoot: PROJECT_ROOT });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const stageRoot = join(PROJECT_ROOT, '.tierpress', `build-${tag}`);
  // The positive control runs on the most trusted bundle of the build, against the least trusted view.
  const top = projections[projections.length - 1]!;
  const lowest = projectAll(content, tierView(content.site, content.site.tiers[0]!.id), options.at.ms);
  const runtime = await pagefindRuntime();
  try {
    const reports = await runPool(projections, availableParallelism(), async (projection) => {
      const laneStarted = performance.now();
      const stage = join(stageRoot, projection.view.id);
      await stageTier(stage, content, projection, options.at.text);
      const report = await renderInProcess(stage, projection, options.log);
      const site = join(stage, STAGE.site);
      const assets = await copyAssets(resolve(options.content), site, projection.advisories);
      const audit = await auditTier(site, () => auditPlan(content, projection, runtime, projection === top ? lowest : undefined), options.log, projection.view.id);
      await sealBundle(site, { bundle: projection.view.id, tier: projection.view.tier.id, tlp: projection.view.tier.tlp, at: options.at.text }, key);
      const bytes = await folderBytes(site);
      options.log(`[${projection.view.id}] sealed`);
      return { ...report, ...audit, assets, bytes, seconds: (performance.now() - laneStarted) / 1000 };
    });
    await swapIntoPlace(resolve(options.out), new Map(tiers.map((tier) => [tier.id, join(stageRoot, tier.id, STAGE.site)])), tag);
    return {
      at: options.at.text,
      advisories: content.advisories.length,
      parseSeconds,
      projectSeconds,
      seconds: (performance.now() - started) / 1000,
      maxRss: process.resourceUsage().maxRSS * 1024,
      tiers: reports,
      signing: { origin: key.origin, path: key.path },
    };
  } finally {
    await rm(stageRoot, { recursive: true, force: true });
  }
}

/**
 * Audits a staged bundle; any finding, or a positive control that finds
 * nothing it should, fails the build with every finding listed.
 */
async function auditTier(site: string, makePlan: () => AuditPlan, log: (line: string) => void, id: string): Promise<Pick<TierReport, 'audit' | 'auditSeconds'>> {
  log(`[${id}] auditing`);
  const started = performance.now();
  const plan = makePlan();
  const result = await auditBundle(site, plan);
  const auditSeconds = (performance.now() - started) / 1000;
  if (result.findings.length > 0) {
    throw new BuildError(
      `[${id}] the audit found ${result.findings.length} thing${result.findings.length === 1 ? '' : 's'} this tier may not have:\n${result.findings.map((f) => `  ${formatFinding(f)}`).join('\n')}`,
    );
  }
  const controlled = plan.entitled.keys.size > 0;
  if (controlled && result.control.found === 0) {
    throw new BuildError(`[${id}] the audit's positive control found none of the ${result.control.expected} passages this tier is entitled to: the scanner cannot be trusted`);
  }
  return {
    auditSeconds,
    audit: { files: result.files, findings: 0, fingerprints: plan.restricted.keys.size, ...(controlled ? { control: result.control } : {}) },
  };
}

function selectTiers(content: Content, wanted: string[]): Tier[] {
  if (wanted.length === 0) return content.site.tiers;
  const known = content.site.tiers.map((tier) => tier.id);
  const unknown = wanted.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new UnknownTierError(`--tier ${unknown.join(', ')}: unknown tier; expected one of ${known.join(', ')}`);
  return content.site.tiers.filter((tier) => wanted.includes(tier.id));
}

/** Writes a tier's projection, its only input, into its own staging folder. */
async function stageTier(stage: string, content: Content, projection: ViewProjection, at: string): Promise<void> {
  const { tier, rank } = projection.view;
  const input: TierInput = {
    site: { site: content.site.site, publisher: content.site.publisher, tiers: content.site.tiers.slice(0, rank + 1) },
    tier,
    at,
    mark: NEUTRAL_MARK,
    advisories: projection.advisories,
  };
  await mkdir(stage, { recursive: true });
  await writeFile(join(stage, STAGE.projection), JSON.stringify(input));
}

/** Runs one tier's render process and relays its progress. */
function renderInProcess(
  stage: string,
  projection: ViewProjection,
  log: (line: string) => void,
): Promise<Omit<TierReport, 'assets' | 'bytes' | 'audit' | 'auditSeconds'>> {
  const id = projection.view.id;
  const started = performance.now();
  const say = (text: string) => log(`[${id}] ${text}`);
  return new Promise((resolvePromise, reject) => {
    const child = fork(join(PROJECT_ROOT, 'src', 'build', 'tier-process.ts'), [], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, TIERPRESS_STAGE: stage, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    let result: TierMessage | undefined;
    child.on('message', (message: TierMessage) => {
      if (message.type === 'progress') {
        say(message.step === 'render' ? `rendering ${projection.advisories.length} advisories` : 'indexing for search');
      } else {
        result = message;
      }
    });
    child.on('error', (error) => reject(new BuildError(`[${id}] could not start the render process: ${error.message}`, { cause: error })));
    child.on('exit', (code) => {
      if (result?.type === 'done' && code === 0) {
        const seconds = (performance.now() - started) / 1000;
        say(`done: ${result.pages} pages in ${seconds.toFixed(1)} s`);
        resolvePromise({
          tier: id,
          advisories: projection.advisories.length,
          pages: result.pages,
          gatesRemoved: projection.gatesRemoved,
          seconds,
          renderSeconds: result.renderSeconds,
          indexSeconds: result.indexSeconds,
          maxRss: result.maxRss,
          pagefindPeak: result.pagefindPeak,
        });
      } else {
        const reason = result?.type === 'failed' ? result.message : `exited with status ${code}`;
        reject(new BuildError(`[${id}] rendering failed: ${reason}${output.trim() ? `\n${output.trim()}` : ''}`));
      }
    });
  });
}

/**
 * Runs `work` over `items` with at most `limit` at a time. Every item runs
 * even when one fails, so a failed build reports all its failures at once;
 * then every error is thrown together.
 */
async function runPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const errors: unknown[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new BuildError(errors.map((error) => (error as Error).message).join('\n'));
  return results;
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}
