import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { auditBundle, auditFillValues, type Finding } from '../audit/audit.ts';
import { ALLOW_HINT, explainFinding } from '../audit/report.ts';
import { auditPlan } from '../audit/plan.ts';
import { describeView } from '../core/project/describe-view.ts';
import { partnerView, viewKey } from '../core/project/partner-view.ts';
import { projectAll, type ViewProjection } from '../core/project/summary.ts';
import { proveProjection } from '../core/proof/prove.ts';
import { tierView, type View } from '../core/project/view.ts';
import type { AuditAllowEntry } from '../core/schema/audit-allow.ts';
import type { Partner } from '../core/schema/partners.ts';
import { bundleBaseUrl } from '../core/schema/site.ts';
import { validateContentWith, type Content } from '../core/validate/content.ts';
import { ContentError, type Problem } from '../core/validate/problem.ts';
import { pagefindRuntime } from '../index/pagefind.ts';
import { ArchiveEntries, archiveBundle, encryptArchive } from '../bundle/deliver.ts';
import { loadMarkKey } from '../partners/keys.ts';
import { LEDGER, receivedAdvisories, stageLedger, type LedgerEntry } from '../partners/ledger.ts';
import { partnerMarks } from '../partners/marks.ts';
import { loadSigningKey, type SigningKey } from '../seal/keys.ts';
import type { OpenPgpSigner } from '../seal/openpgp.ts';
import { isCsafDocument, MANIFEST, sealBundle, signCsafDocuments, type FileHash, type Sealed } from '../bundle/manifest.ts';
import { copyAssets } from './assets.ts';
import { uninterruptible } from './interrupt.ts';
import { deriveBundle, NEUTRAL_FILL, partnerFill, Templates, type Fill } from '../bundle/derive.ts';
import { listFiles } from '../util/files.ts';
import { runPool } from '../util/pool.ts';
import { threadedParser } from './parse-threads.ts';
import { readContent } from './read.ts';
import { renderInProcess, stageView, type RenderStats } from './render-process.ts';
import { STAGE } from './stage-files.ts';
import { removeDeadStaging } from './staging.ts';
import { swapIntoPlace } from './swap.ts';

/** The project folder: Astro's root, and the parent of every staging folder. */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

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
}

/** One render: a view's pages and index, shared by every bundle with that view. */
export interface RenderReport extends RenderStats {
  view: string;
  advisories: number;
  gatesRemoved: number;
  auditSeconds: number;
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
  /** What the audit of its render read and found; `seconds` is that audit's (shared by every bundle of the render), `allowed` the allowlist entries it applied. */
  audit: { files: number; fingerprints: number; rescanned: number; seconds: number; allowed: number; control?: { found: number; expected: number } };
  seconds: number;
}

export interface BuildReport {
  at: string;
  advisories: number;
  parseSeconds: number;
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

/** A build that could not complete; nothing was written to the output folder. */
export class BuildError extends Error {
  override name = 'BuildError';
}

/** An unknown `--tier` or `--partner`: bad usage rather than bad content. */
export class SelectionError extends Error {
  override name = 'SelectionError';
}

/** A bundle to make from a render. */
interface Target {
  name: string;
  fill: Fill;
  partner?: Partner;
}

/** A distinct view served at one URL, with the bundles made from its render. */
interface Job {
  key: string;
  projection: ViewProjection;
  /** Where its bundles are served: every link, feed, search result and export of the render is below it. */
  baseUrl: string;
  targets: Target[];
}

/**
 * Builds tier and partner bundles into `<out>/`: content is read and
 * validated once, projected per distinct view, each view rendered once in
 * its own process from its projection alone and audited; every bundle of
 * that view is made from the render by filling in its marks, audited where
 * it differs, and sealed. Bundles replace the previous ones only when all
 * have succeeded; on any failure `<out>` is left as it was.
 */
export async function build(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const read = await readContent(options.content);
  const { content, problems, warnings } = read.files ? await validateContentWith(read.files, threadedParser()) : { content: undefined, problems: read.problems, warnings: [] };
  if (!content) throw new ContentError(problems);
  const parseSeconds = (performance.now() - started) / 1000;
  const selected = select(content, options);

  const projectStarted = performance.now();
  const markKey = selected.partners.length > 0 ? (await loadMarkKey(PROJECT_ROOT)).key : undefined;
  const jobs = new Map<string, Job>();
  // One render per distinct view and URL: a partner with a `url` of its own gets its own render (its pages link
  // below that URL); partners served at their tier's URL share the tier's render.
  const addTarget = (view: View, target: Target) => {
    const baseUrl = bundleBaseUrl(content.site, view.tier, target.partner);
    const key = renderKey(view, baseUrl, bundleBaseUrl(content.site, view.tier));
    const job = jobs.get(key) ?? { key, projection: projectAll(content, view, options.at.ms), baseUrl, targets: [] };
    job.targets.push(target);
    jobs.set(key, job);
  };
  for (const tier of selected.tiers) addTarget(tierView(content.site, tier), { name: tier, fill: NEUTRAL_FILL });
  for (const partner of selected.partners) {
    addTarget(partnerView(content.site, content.partners, partner), { name: `partners/${partner.id}`, fill: partnerFill(partnerMarks(markKey!, partner.id), partner), partner });
  }
  // The projection proof: each view re-derived from the source text must equal its projection.
  const proofStarted = performance.now();
  const unproven = proveProjection(content, [...jobs.values()].map((job) => job.projection));
  if (unproven.length > 0) {
    throw new BuildError(
      `the projection proof failed: what a view gets differs from its derivation from the source text\n${unproven
        .map((failure) => `  ${failure.file}: ${failure.advisory} for ${failure.view}: ${failure.difference}`)
        .join('\n')}`,
    );
  }
  options.log(`projection proof: ${jobs.size} view${jobs.size === 1 ? '' : 's'} derived again from the source text, all equal (${((performance.now() - proofStarted) / 1000).toFixed(1)} s)`);
  const projectSeconds = (performance.now() - projectStarted) / 1000;
  options.log(
    `${content.advisories.length} advisories from ${options.content}, as of ${options.at.text}: ${[...jobs.values()].flatMap((job) => job.targets.map((t) => t.name)).join(', ')} from ${jobs.size} render${jobs.size === 1 ? '' : 's'}`,
  );

  const key = await loadSigningKey({
    contentDir: resolve(options.content),
    keyFile: content.site.signing?.key,
    projectRoot: PROJECT_ROOT,
    openpgp: { keyFile: content.site.signing?.openpgp, at: options.at.ms },
  });
  if (selected.tiers.includes(content.site.tiers[0]!.id) && content.site.tiers[0]!.tlp === 'CLEAR' && !content.site.publisher.contact) {
    options.log('site.yaml has no publisher.contact: the public bundle gets no /.well-known/security.txt (RFC 9116 requires a Contact)');
  }
  const runtime = await pagefindRuntime();
  // The positive control runs on the most trusted render of the build, against the least trusted view.
  const ordered = [...jobs.values()].sort((a, b) => a.projection.view.rank - b.projection.view.rank || b.projection.view.withhold.length - a.projection.view.withhold.length);
  const top = ordered[ordered.length - 1]!;
  const lowest = projectAll(content, tierView(content.site, content.site.tiers[0]!.id), options.at.ms);
  // Staging left by builds that died (killed, crashed) goes first; running builds keep theirs.
  await removeDeadStaging(join(PROJECT_ROOT, '.tierpress'));
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const stageRoot = join(PROJECT_ROOT, '.tierpress', `build-${tag}`);
  const staged = new Map<string, string>();
  const ledger: LedgerEntry[] = [];
  try {
    const results = await runPool(ordered, availableParallelism(), async (job) => {
      const jobStarted = performance.now();
      const stage = join(stageRoot, 'views', job.key);
      await stageView(stage, content, job.projection, options.at.text, job.baseUrl, key.openpgp);
      const stats = await renderInProcess(PROJECT_ROOT, stage, renderLabel(job), job.projection.advisories.length, options.log);
      const render = join(stage, STAGE.site);
      const assets = await copyAssets(resolve(options.content), render, job.projection.advisories);

      options.log(`[${renderLabel(job)}] auditing`);
      const auditStarted = performance.now();
      const plan = auditPlan(content, job.projection, runtime, job === top ? lowest : undefined, job.baseUrl);
      const result = await auditBundle(render, plan, { render: true });
      await failOn(renderLabel(job), result.findings);
      if (plan.entitled.size > 0 && result.control.found === 0) {
        throw new BuildError(`[${renderLabel(job)}] the audit's positive control found none of the ${result.control.expected} passages this view is entitled to: the scanner cannot be trusted`);
      }
      const auditSeconds = (performance.now() - auditStarted) / 1000;
      const control = plan.entitled.size > 0 ? result.control : undefined;

      // Unmarked CSAF documents are the same in every bundle of this render: signed once, here.
      const templates = new Set(result.templates);
      const unmarked = [...result.hashes.keys()].filter((path) => isCsafDocument(path) && !templates.has(path));
      const known = new Map([...result.hashes, ...(await signCsafDocuments(render, unmarked, key, false))]);
      for (const path of result.templates) known.delete(path);
      const files = await listFiles(render);

      const sharedSeconds = (performance.now() - jobStarted) / 1000;
      // Shared tar entries pay off only when several partner archives are made from this render.
      const sharedArchive = job.targets.filter((target) => target.partner).length > 1;
      const archive = new ArchiveEntries(new Date(options.at.text));
      const sources = new Templates(render, job.targets.length > 1);
      const makeBundle = async (target: Target, dir: string): Promise<BundleReport> => {
        const bundleStarted = performance.now();
        const { filled, values, hashes, contents } = await deriveBundle(render, dir, target.fill, result.templates, { sources, keepContents: target.partner !== undefined, files });
        await failOn(target.name, auditFillValues(target.name, values, plan, target.partner));
        const view = job.projection.view;
        const sealed = await sealBundle(
          dir,
          {
            bundle: target.partner?.id ?? target.name,
            tier: view.tier.id,
            tlp: view.tier.tlp,
            at: options.at.text,
            url: job.baseUrl,
            ...(target.partner ? { recipient: target.partner.name } : {}),
            ...(plan.allowed.length > 0 ? { audit_allowed: plan.allowed } : {}),
          },
          key,
          { known: new Map([...known, ...hashes]), filled, files },
        );
        staged.set(target.name, dir);
        if (target.partner) ledger.push(await deliver(stageRoot, dir, sealed, { entries: sharedArchive ? archive : new ArchiveEntries(new Date(options.at.text)), fresh: contents }, target.partner, job, hashes, options.at.text, staged, plan.allowed));
        options.log(`[${target.name}] sealed`);
        return {
          name: target.name,
          view: job.key,
          advisories: job.projection.advisories.length,
          pages: stats.pages,
          gatesRemoved: job.projection.gatesRemoved,
          assets,
          bytes: sealed.files.reduce((sum, file) => sum + file.size, 0),
          audit: { files: result.files, fingerprints: plan.restricted.size, rescanned: filled.length, seconds: auditSeconds, allowed: plan.allowed.length, ...(control ? { control } : {}) },
          seconds: (performance.now() - bundleStarted) / 1000,
        };
      };
      // Bundles other than the last are made two at a time (their work is mostly waiting on the disk);
      // the last fills the render itself in place, so it comes after every other has linked its files.
      const others = job.targets.slice(0, -1);
      const last = job.targets[job.targets.length - 1]!;
      const bundles = await runPool(others, 2, (target) => makeBundle(target, join(stageRoot, 'bundles', target.name)));
      bundles.push(await makeBundle(last, render));
      const render_: RenderReport = {
        view: job.key,
        advisories: job.projection.advisories.length,
        gatesRemoved: job.projection.gatesRemoved,
        ...stats,
        auditSeconds,
        sharedSeconds,
        seconds: (performance.now() - jobStarted) / 1000,
      };
      return { render: render_, bundles };
    }).catch((error: unknown) => {
      const errors = error instanceof AggregateError ? error.errors : [error];
      throw new BuildError(errors.map((e) => (e as Error).message).join('\n'));
    });
    if (ledger.length > 0) {
      const stagedLedger = join(stageRoot, LEDGER);
      await stageLedger(resolve(options.out), ledger.sort((a, b) => (a.partner < b.partner ? -1 : 1)), stagedLedger);
      staged.set(LEDGER, stagedLedger);
    }
    const retired = await outdatedDeliveries(resolve(options.out), content, staged);
    for (const name of retired) options.log(`removing the outdated delivery ${name}`);
    await uninterruptible(() => swapIntoPlace(resolve(options.out), staged, tag, retired));
    return {
      at: options.at.text,
      advisories: content.advisories.length,
      parseSeconds,
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

/** A render as progress lines name it: its view in words, and the tiers and partners it is for. */
function renderLabel(job: Job): string {
  return `${describeView(job.projection.view)}: ${job.targets.map((target) => target.partner?.id ?? target.name).join(', ')}`;
}

/** Tier bundles in the site's order, then partner bundles by name. */
function inTierOrder(content: Content, bundles: BundleReport[]): BundleReport[] {
  const rank = (name: string) => {
    const index = content.site.tiers.findIndex((tier) => tier.id === name);
    return index < 0 ? content.site.tiers.length : index;
  };
  return bundles.sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Fails the build on any finding, each shown where its words are in the source and in the output. */
async function failOn(name: string, findings: readonly Finding[]): Promise<void> {
  if (findings.length === 0) return;
  const explained = await Promise.all(findings.map(async (finding) => `  ${await explainFinding(finding)}`));
  const hint = findings.some((finding) => finding.source) ? `\n${ALLOW_HINT}` : '';
  throw new BuildError(`[${name}] the audit found ${findings.length} thing${findings.length === 1 ? '' : 's'} this view may not have:\n${explained.join('\n')}${hint}`);
}

/** Archives a sealed partner bundle (encrypted to its recipient when it has one) and records what it received. */
async function deliver(
  stageRoot: string,
  dir: string,
  sealed: Sealed,
  archive: { entries: ArchiveEntries; fresh: ReadonlyMap<string, Buffer> },
  partner: Partner,
  job: Job,
  marked: ReadonlyMap<string, FileHash>,
  at: string,
  staged: Map<string, string>,
  allowed: readonly AuditAllowEntry[],
): Promise<LedgerEntry> {
  const deliveries = join(stageRoot, 'deliveries');
  await mkdir(deliveries, { recursive: true });
  const tar = join(deliveries, `${partner.id}.tar`);
  await archiveBundle(dir, sealed.files, tar, archive.entries, archive.fresh);
  let delivery = `partners/${partner.id}.tar`;
  if (partner.recipient) {
    await encryptArchive(tar, partner.recipient, `${tar}.age`);
    await rm(tar);
    delivery += '.age';
    staged.set(delivery, `${tar}.age`);
  } else {
    staged.set(delivery, tar);
  }
  const view = job.projection.view;
  return {
    at,
    partner: partner.id,
    name: partner.name,
    tier: view.tier.id,
    withheld: [...view.withhold],
    ...(view.maxLead !== undefined ? { maxLeadHours: view.maxLead / 3_600_000 } : {}),
    bundle: sealed.files.find((file) => file.path === MANIFEST)!.sha256,
    delivery,
    advisories: receivedAdvisories(job.projection.advisories, view),
    marked: Object.fromEntries([...marked].map(([path, hash]) => [path, hash.sha256])),
    ...(allowed.length > 0 ? { audit_allowed: [...allowed] } : {}),
  };
}

/**
 * A render's name (its staging folder, its rows in the report): the view's key, and for a bundle served
 * elsewhere than its tier's URL, that URL's host and path (`partner~at~northwind.contoso.example-contoso`).
 */
function renderKey(view: View, baseUrl: string, tierUrl: string): string {
  if (baseUrl === tierUrl) return viewKey(view);
  const url = new URL(baseUrl);
  return `${viewKey(view)}~at~${`${url.host}${url.pathname}`.replace(/[^a-z0-9.]+/gi, '-').replace(/-+$/, '')}`;
}

/** Which tiers and partners to build: everything by default; only those named otherwise. */
function select(content: Content, options: BuildOptions): { tiers: string[]; partners: Partner[] } {
  const knownTiers = content.site.tiers.map((tier) => tier.id);
  const unknownTiers = options.tiers.filter((id) => !knownTiers.includes(id));
  if (unknownTiers.length > 0) throw new SelectionError(`--tier ${unknownTiers.join(', ')}: unknown tier; expected one of ${knownTiers.join(', ')}`);
  const knownPartners = content.partners.partners.map((partner) => partner.id);
  const unknownPartners = options.partners.filter((id) => !knownPartners.includes(id));
  if (unknownPartners.length > 0) {
    throw new SelectionError(`--partner ${unknownPartners.join(', ')}: unknown partner; expected one of ${knownPartners.join(', ') || '(none in partners.yaml)'}`);
  }
  if (options.tiers.length === 0 && options.partners.length === 0) return { tiers: knownTiers, partners: content.partners.partners };
  return {
    tiers: knownTiers.filter((id) => options.tiers.includes(id)),
    partners: content.partners.partners.filter((partner) => options.partners.includes(partner.id)),
  };
}


/**
 * What of a previous build must go with this one: the other form of each
 * partner archive delivered now (a plain `.tar` left beside a new `.tar.age`
 * would hand out what encryption was added to protect), and every bundle and
 * archive of a partner no longer in partners.yaml.
 */
async function outdatedDeliveries(out: string, content: Content, staged: ReadonlyMap<string, string>): Promise<string[]> {
  const current = new Set(content.partners.partners.map((partner) => partner.id));
  const names = await readdir(join(out, 'partners')).catch(() => [] as string[]);
  return names
    .filter((name) => !name.startsWith('.'))
    .map((name) => `partners/${name}`)
    .filter((name) => {
      if (staged.has(name)) return false;
      const id = name.slice('partners/'.length).replace(/\.tar(\.age)?$/, '');
      if (!current.has(id)) return true;
      // The delivery of this build replaces the other form of the same partner's archive.
      return name.endsWith('.tar') ? staged.has(`${name}.age`) : name.endsWith('.tar.age') ? staged.has(name.slice(0, -'.age'.length)) : false;
    })
    .sort();
}
