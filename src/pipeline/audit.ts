import { performance } from 'node:perf_hooks';
import { auditBundle, type AuditPlan, type AuditResult, type Finding } from '../audit/audit.ts';
import { auditPlan, auditPlanParts, fingerprintsOf } from '../audit/plan.ts';
import type { BuildFacts } from '../audit/vocabulary.ts';
import { cachedFingerprints } from '../cache/fingerprints.ts';
import { ALLOW_HINT, explainFinding } from '../audit/report.ts';
import { ScanPack } from '../cache/scans.ts';
import type { CacheStore } from '../cache/store.ts';
import type { ViewProjection } from '../core/project/summary.ts';
import type { Content } from '../core/validate/content.ts';
import { BuildError } from './errors.ts';
import type { Job } from './plan.ts';

/** A render that passed its audit: the plan it was held to, what the audit read, and its cost. */
export interface Audited {
  plan: AuditPlan;
  result: AuditResult;
  seconds: number;
  /** Files read for text afresh, and files whose scan came from the cache (pagefind's runtime files are neither). */
  scans: { scanned: number; cached: number };
  /** The positive control, when this render ran it. */
  control?: { found: number; expected: number };
}

/**
 * Stage audit, for one render: every byte decoded and matched against
 * fingerprints of what the view may not see, and the layout checked. Any
 * finding stops the build. On the most trusted render (`lowest` given), the
 * positive control must find what this view sees beyond the lowest view,
 * or the scanner is blind and the build stops too. What the `build` itself
 * writes (its instant, its OpenPGP key's fingerprint) is the bundle's own
 * text, never a leak of a passage that holds it. With a `cache`, files
 * scanned by an earlier build against the same fingerprints are judged from
 * their kept scans; every file is still read and hashed.
 */
export async function auditRender(
  dir: string,
  content: Content,
  job: Job,
  build: BuildFacts,
  runtime: ReadonlyMap<string, string>,
  label: string,
  lowest?: ViewProjection,
  cache?: CacheStore,
): Promise<Audited> {
  const started = performance.now();
  const plan = cache ? await cachedPlan(cache, content, job, runtime, build, lowest) : auditPlan(content, job.projection, runtime, lowest, job.baseUrl, build);
  const scans = cache ? await ScanPack.open(cache, job.key, plan) : undefined;
  const result = await auditBundle(dir, plan, { render: true, ...(scans ? { scans } : {}) });
  // Kept whatever the verdict: a scan is a fact about bytes, judged afresh on every audit.
  await scans?.save();
  await failOn(label, result.findings);
  if (plan.entitled.size > 0 && result.control.found === 0) {
    throw new BuildError(`[${label}] the audit's positive control found none of the ${result.control.expected} passages this view is entitled to: the scanner cannot be trusted`);
  }
  return {
    plan,
    result,
    seconds: (performance.now() - started) / 1000,
    scans: scans ? { scanned: scans.scanned, cached: scans.reused } : { scanned: [...result.hashes.keys()].filter((file) => !plan.runtime.has(file)).length, cached: 0 },
    ...(plan.entitled.size > 0 ? { control: result.control } : {}),
  };
}

/** `auditPlan`, with its fingerprint tables taken from the cache when made from exactly the same texts before. */
async function cachedPlan(cache: CacheStore, content: Content, job: Job, runtime: ReadonlyMap<string, string>, build: BuildFacts, lowest?: ViewProjection): Promise<AuditPlan> {
  const parts = auditPlanParts(content, job.projection, runtime, lowest, job.baseUrl, build);
  const restricted = await cachedFingerprints(cache, parts.restricted, fingerprintsOf);
  const entitled = await cachedFingerprints(cache, parts.entitled, fingerprintsOf);
  return parts.finish(restricted.fingerprints, entitled.fingerprints);
}

/** Fails the build on any finding, each shown where its words are in the source and in the output. */
export async function failOn(name: string, findings: readonly Finding[]): Promise<void> {
  if (findings.length === 0) return;
  const explained = await Promise.all(findings.map(async (finding) => `  ${await explainFinding(finding)}`));
  const hint = findings.some((finding) => finding.source) ? `\n${ALLOW_HINT}` : '';
  throw new BuildError(`[${name}] the audit found ${findings.length} thing${findings.length === 1 ? '' : 's'} this view may not have:\n${explained.join('\n')}${hint}`);
}
