import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pMap from 'p-map';
import { ArchiveEntries } from '../bundle/deliver.ts';
import type { ParseCounts } from '../cache/parsed.ts';
import { CacheStore } from '../cache/store.ts';
import { codeVersion } from '../cache/version.ts';
import type { Content } from '../core/validate/content.ts';
import type { Problem } from '../core/validate/problem.ts';
import { pagefindRuntime } from '../index/pagefind.ts';
import type { LedgerEntry } from '../partners/ledger.ts';
import { loadSigningKey, type SigningKey } from '../seal/keys.ts';
import type { OpenPgpSigner } from '../seal/openpgp.ts';
import { rethrowCollected } from '../util/pool.ts';
import { auditRender, type Audited } from './audit.ts';
import { deliverBundle, outdatedDeliveries, stageDeliveries } from './deliver.ts';
import { BuildError } from './errors.ts';
import { uninterruptible } from './interrupt.ts';
import { lowestProjection, planRenders, renderLabel, type Job, type Target } from './plan.ts';
import { proveRenders } from './prove.ts';
import { renderJob, type Rendered } from './render.ts';
import type { RenderStats } from './render-process.ts';
import { PROJECT_ROOT } from './root.ts';
import { prepareSeal, sealTarget, type SealedBundle } from './seal.ts';
import { removeDeadStaging } from './staging.ts';
import { swapIntoPlace } from './swap.ts';
import { loadValidContent } from './validate.ts';


export interface BuildOptions {
  content: string;
  out: string;
  /** The build instant, milliseconds and canonical text. */
  at: { ms: number; text: string };
  /** Tier ids to build (no partner bundles then); all when neither tiers nor partners are named. */
  tiers: string[];
  /** Partner ids to build (no tier bundles then). */
  partners: string[];
  log: (line: string) => void;
  /** The cache folder (`.tierpress/cache` by default), or false to build everything afresh. */
  cache?: string | false;
}

/** One render: a view's pages and index, shared by every bundle with that view. */
export interface RenderReport extends RenderStats {
  view: string;
  advisories: number;
  gatesRemoved: number;
  auditSeconds: number;
  /** Files the audit read for text afresh, and files whose scan it took from the cache. */
  auditScans: { scanned: number; cached: number };
  /** From the start of the view's work to its first bundle: staging, render, index, audit. */
  sharedSeconds: number;
  /** All of it, every bundle made from the render included. */
  seconds: number;
}

/** One bundle in the output folder: a tier's, or a partner's. */
export interface BundleReport {
  /** Its folder below the output folder: `public`, `partners/contoso-av`. */
  name: string;
  view: string;
  advisories: number;
  pages: number;
  gatesRemoved: number;
  assets: number;
  bytes: number;
  /**
   * What the audit of its render read and found; `seconds` is that audit's (shared by every bundle of the render), `cached` the files
   * whose scan it took from the cache, `allowed` the allowlist entries it applied.
   */
  audit: { files: number; cached: number; fingerprints: number; rescanned: number; seconds: number; allowed: number; control?: { found: number; expected: number } };
  seconds: number;
}

export interface BuildReport {
  at: string;
  advisories: number;
  parseSeconds: number;
  /** Advisory files parsed, and taken unchanged from the cache. */
  parsed: ParseCounts;
  projectSeconds: number;
  seconds: number;
  /** Peak resident memory of the build process, in bytes. */
  maxRss: number;
  renders: RenderReport[];
  bundles: BundleReport[];
  signing: Pick<SigningKey, 'origin' | 'path'> & { openpgp?: Pick<OpenPgpSigner, 'origin' | 'path'> };
  /** What validation found worth a look without stopping the build. */
  warnings: Problem[];
}

/**
 * Builds tier and partner bundles into `<out>/`, as the stages of the
 * pipeline: read, parse and validate the content once; project it per
 * distinct view and prove each projection against the source text; then per
 * view, in parallel: render (pages, exports, search index), audit, and for
 * each bundle of the view seal and, for a partner, deliver. Bundles replace
 * the previous ones (swap) only when all have succeeded; on any failure
 * `<out>` is left as it was.
 */
export async function build(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const cache = await openCache(options.cache);
  const { content, warnings, counts } = await loadValidContent(options.content, cache?.parsed);
  const parseSeconds = (performance.now() - started) / 1000;
  if (cache) options.log(`parsed ${counts.parsed} advisor${counts.parsed === 1 ? 'y' : 'ies'}, ${counts.reused} unchanged from the cache (${parseSeconds.toFixed(1)} s)`);

  const projectStarted = performance.now();
  const jobs = await planRenders(content, options, options.at.ms);
  await proveRenders(content, jobs, options.log, cache?.proofs);
  const projectSeconds = (performance.now() - projectStarted) / 1000;
  options.log(
    `${content.advisories.length} advisories from ${options.content}, as of ${options.at.text}: ${jobs.flatMap((job) => job.targets.map((t) => t.name)).join(', ')} from ${jobs.length} render${jobs.length === 1 ? '' : 's'}`,
  );

  const key = await loadSigningKey({
    contentDir: resolve(options.content),
    keyFile: content.site.signing?.key,
    projectRoot: PROJECT_ROOT,
    openpgp: { keyFile: content.site.signing?.openpgp, at: options.at.ms },
  });
  warnAboutSecurityTxt(content, jobs, options.log);
  // Staging left by builds that died (killed, crashed) goes first; running builds keep theirs.
  await removeDeadStaging(join(PROJECT_ROOT, '.tierpress'));
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const stageRoot = join(PROJECT_ROOT, '.tierpress', `build-${tag}`);
  const run: Run = {
    options,
    content,
    key,
    stageRoot,
    runtime: await pagefindRuntime(),
    // The positive control runs on the most trusted render of the build, against the least trusted view.
    top: jobs[jobs.length - 1]!,
    lowest: lowestProjection(content, options.at.ms),
    staged: new Map(),
    ledger: [],
    cache,
  };
  try {
    const results = await pMap(jobs, (job) => buildView(run, job), { concurrency: availableParallelism(), stopOnError: false }).catch((error: unknown) => {
      const errors = error instanceof AggregateError ? error.errors : [error];
      throw new BuildError(errors.map((e) => (e as Error).message).join('\n'));
    });
    const out = resolve(options.out);
    await stageDeliveries(out, stageRoot, run.ledger, run.staged);
    const retired = await outdatedDeliveries(out, content, run.staged);
    for (const name of retired) options.log(`removing the outdated delivery ${name}`);
    await uninterruptible(() => swapIntoPlace(out, run.staged, tag, retired));
    return {
      at: options.at.text,
      advisories: content.advisories.length,
      parseSeconds,
      parsed: counts,
      projectSeconds,
      seconds: (performance.now() - started) / 1000,
      maxRss: process.resourceUsage().maxRSS * 1024,
      renders: results.map((r) => r.render),
      bundles: inTierOrder(content, results.flatMap((r) => r.bundles)),
      signing: { origin: key.origin, path: key.path, ...(key.openpgp ? { openpgp: { origin: key.openpgp.origin, path: key.openpgp.path } } : {}) },
      warnings,
    };
  } finally {
    await rm(stageRoot, { recursive: true, force: true });
  }
}

/** Where the cache is and which version of the code it is for (render processes open their own stores there), with the main process's stores. */
export interface BuildCache {
  root: string;
  version: string;
  parsed: CacheStore;
  proofs: CacheStore;
  /** Each render's audit scans, by the fingerprints they were made against (src/cache/scans.ts). */
  audit: CacheStore;
  /** Each render's CSAF document signatures, by the keys, instant and bytes they were made from (src/cache/signatures.ts). */
  signatures: CacheStore;
}

/** The cache's stores, one per kind of entry, in the folder of this version of the code; none with `cache: false`. */
async function openCache(option: string | false | undefined): Promise<BuildCache | undefined> {
  if (option === false) return undefined;
  const root = option ?? join(PROJECT_ROOT, '.tierpress', 'cache');
  const version = await codeVersion(PROJECT_ROOT);
  return {
    root,
    version,
    parsed: await CacheStore.open(root, version, 'parsed'),
    proofs: await CacheStore.open(root, version, 'proofs'),
    audit: await CacheStore.open(root, version, 'audit'),
    signatures: await CacheStore.open(root, version, 'signatures'),
  };
}

/** What every view's work in one build shares. */
interface Run {
  options: BuildOptions;
  content: Content;
  key: SigningKey;
  stageRoot: string;
  runtime: ReadonlyMap<string, string>;
  top: Job;
  lowest: ReturnType<typeof lowestProjection>;
  /** Where each bundle, archive and the ledger wait, by their place in the output folder. */
  staged: Map<string, string>;
  ledger: LedgerEntry[];
  cache: BuildCache | undefined;
}

/** One view: render, audit, then seal (and deliver) each of its bundles. */
async function buildView(run: Run, job: Job): Promise<{ render: RenderReport; bundles: BundleReport[] }> {
  const { options, content, key } = run;
  const started = performance.now();
  const label = renderLabel(job);
  const rendered = await renderJob(job, { content, contentDir: options.content, at: options.at.text, stageRoot: run.stageRoot, openpgp: key.openpgp, log: options.log, cache: run.cache });
  options.log(`[${label}] auditing`);
  const build = { at: options.at.text, ...(key.openpgp ? { openpgpFingerprint: key.openpgp.fingerprint } : {}) };
  const audited = await auditRender(rendered.dir, content, job, build, run.runtime, label, job === run.top ? run.lowest : undefined, run.cache?.audit);
  const { scanned, cached } = audited.scans;
  options.log(`[${label}] audited ${audited.result.files} files: ${scanned} scanned, ${cached} from the cache (${audited.seconds.toFixed(1)} s)`);
  const seal = await prepareSeal(rendered.dir, job, audited, key, run.cache?.signatures);
  const sharedSeconds = (performance.now() - started) / 1000;

  // Shared tar entries pay off only when several partner archives are made from this render.
  const shared = job.targets.filter((target) => target.partner).length > 1 ? new ArchiveEntries(new Date(options.at.text)) : undefined;
  const makeBundle = async (target: Target, dir: string): Promise<BundleReport> => {
    const bundle = await sealTarget(seal, target, dir, key, options.at.text);
    run.staged.set(target.name, dir);
    if (target.partner) run.ledger.push(await deliverBundle(run.stageRoot, bundle, target.partner, job, shared ?? new ArchiveEntries(new Date(options.at.text)), run.staged));
    options.log(`[${target.name}] sealed`);
    return bundleReport(job, rendered, audited, bundle);
  };
  // Bundles other than the last are made two at a time (their work is mostly waiting on the disk);
  // the last fills the render itself in place, so it comes after every other has linked its files.
  const last = job.targets[job.targets.length - 1]!;
  const others = job.targets.slice(0, -1);
  const bundles = await pMap(others, (target) => makeBundle(target, join(run.stageRoot, 'bundles', target.name)), { concurrency: 2, stopOnError: false }).catch(rethrowCollected);
  bundles.push(await makeBundle(last, rendered.dir));
  await seal.signatures.save();
  if (run.cache) options.log(`[${label}] signed ${seal.signatures.signed} CSAF documents, ${seal.signatures.reused} from the cache`);
  const render: RenderReport = {
    view: job.key,
    advisories: job.projection.advisories.length,
    gatesRemoved: job.projection.gatesRemoved,
    ...rendered.stats,
    auditSeconds: audited.seconds,
    auditScans: audited.scans,
    sharedSeconds,
    seconds: (performance.now() - started) / 1000,
  };
  return { render, bundles };
}

/** A bundle's row of the summary. */
function bundleReport(job: Job, rendered: Rendered, audited: Audited, bundle: SealedBundle): BundleReport {
  return {
    name: bundle.target.name,
    view: job.key,
    advisories: job.projection.advisories.length,
    pages: rendered.stats.pages,
    gatesRemoved: job.projection.gatesRemoved,
    assets: rendered.assets,
    bytes: bundle.sealed.files.reduce((sum, file) => sum + file.size, 0),
    audit: {
      files: audited.result.files,
      cached: audited.scans.cached,
      fingerprints: audited.plan.restricted.size,
      rescanned: bundle.rescanned,
      seconds: audited.seconds,
      allowed: audited.plan.allowed.length,
      ...(audited.control ? { control: audited.control } : {}),
    },
    seconds: bundle.seconds,
  };
}

/** The public bundle's security.txt needs a contact; without one, the build says why there is none. */
function warnAboutSecurityTxt(content: Content, jobs: readonly Job[], log: (line: string) => void): void {
  const first = content.site.tiers[0]!;
  const buildsPublic = jobs.some((job) => job.targets.some((target) => target.name === first.id));
  if (buildsPublic && first.tlp === 'CLEAR' && !content.site.publisher.contact) {
    log('site.yaml has no publisher.contact: the public bundle gets no /.well-known/security.txt (RFC 9116 requires a Contact)');
  }
}

/** Tier bundles in the site's order, then partner bundles by name. */
function inTierOrder(content: Content, bundles: BundleReport[]): BundleReport[] {
  const rank = (name: string) => {
    const index = content.site.tiers.findIndex((tier) => tier.id === name);
    return index < 0 ? content.site.tiers.length : index;
  };
  return bundles.sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
