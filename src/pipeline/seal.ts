import { performance } from 'node:perf_hooks';
import { auditFillValues } from '../audit/audit.ts';
import { deriveBundle, Templates } from '../bundle/derive.ts';
import { SignaturePack } from '../cache/signatures.ts';
import type { CacheStore } from '../cache/store.ts';
import { isCsafDocument, sealBundle, signCsafDocuments, type FileHash, type Sealed } from '../bundle/manifest.ts';
import type { SigningKey } from '../seal/keys.ts';
import { listFiles } from '../util/files.ts';
import { failOn, type Audited } from './audit.ts';
import type { Job, Target } from './plan.ts';

/** A bundle made from a render, filled in, audited where it differs, and sealed. */
export interface SealedBundle {
  target: Target;
  dir: string;
  sealed: Sealed;
  /** Size and sha256 of each file filled in for this bundle. */
  marked: Map<string, FileHash>;
  /** The bytes of those files, for a partner's archive (empty for tier bundles). */
  contents: Map<string, Buffer>;
  /** Files the fill wrote: the audit read these again with this bundle's values. */
  rescanned: number;
  seconds: number;
}

/** What every bundle of one render shares: its listing, its signed unmarked CSAF documents, the templates' text, and the signatures kept for its documents. */
export interface SealPlan {
  render: string;
  job: Job;
  audited: Audited;
  files: string[];
  known: Map<string, FileHash>;
  sources: Templates;
  /** Signs the render's documents and its bundles' filled-in ones; saved once every bundle is sealed. */
  signatures: SignaturePack;
}

/**
 * Stage seal, first half, once per render: unmarked CSAF documents are the
 * same in every bundle of the render, so they are signed once, here. With
 * a `cache`, the signatures of documents whose bytes are those signed by
 * an earlier build with the same keys at the same instant are taken from it.
 */
export async function prepareSeal(render: string, job: Job, audited: Audited, key: SigningKey, cache?: CacheStore): Promise<SealPlan> {
  const { result } = audited;
  const templates = new Set(result.templates);
  const unmarked = [...result.hashes.keys()].filter((path) => isCsafDocument(path) && !templates.has(path));
  const signatures = await SignaturePack.open(cache, job.key, key);
  const known = new Map([...result.hashes, ...(await signCsafDocuments(render, unmarked, signatures.sign, false))]);
  for (const path of result.templates) known.delete(path);
  return { render, job, audited, files: await listFiles(render), known, sources: new Templates(render, job.targets.length > 1), signatures };
}

/**
 * Stage seal, per bundle: the render's files with this bundle's sentinels
 * filled in (into `dir`, or in place when `dir` is the render), the filled-in
 * values audited, then the manifest written and signed.
 */
export async function sealTarget(plan: SealPlan, target: Target, dir: string, key: SigningKey, at: string): Promise<SealedBundle> {
  const started = performance.now();
  const { job, audited } = plan;
  const { filled, values, hashes, contents } = await deriveBundle(plan.render, dir, target.fill, audited.result.templates, {
    sources: plan.sources,
    keepContents: target.partner !== undefined,
    files: plan.files,
  });
  await failOn(target.name, auditFillValues(target.name, values, audited.plan, target.partner));
  const view = job.projection.view;
  const sealed = await sealBundle(
    dir,
    {
      bundle: target.partner?.id ?? target.name,
      tier: view.tier.id,
      tlp: view.tier.tlp,
      at,
      url: job.baseUrl,
      ...(target.partner ? { recipient: target.partner.name } : {}),
      ...(audited.plan.allowed.length > 0 ? { audit_allowed: audited.plan.allowed } : {}),
    },
    key,
    { known: new Map([...plan.known, ...hashes]), filled, files: plan.files, signer: plan.signatures.sign },
  );
  return { target, dir, sealed, marked: hashes, contents, rescanned: filled.length, seconds: (performance.now() - started) / 1000 };
}
