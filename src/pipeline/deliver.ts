import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ArchiveEntries, archiveBundle, encryptArchive } from '../bundle/deliver.ts';
import { MANIFEST } from '../bundle/manifest.ts';
import type { Partner } from '../core/schema/partners.ts';
import type { Content } from '../core/validate/content.ts';
import { LEDGER, receivedAdvisories, stageLedger, type LedgerEntry } from '../partners/ledger.ts';
import type { Job } from './plan.ts';
import type { SealedBundle } from './seal.ts';

/**
 * Stage deliver, per partner bundle: archived (encrypted to its recipient
 * when it has one) into `<stageRoot>/deliveries/`, recorded in `staged` under
 * its place in the output, and described by the ledger entry returned.
 */
export async function deliverBundle(stageRoot: string, bundle: SealedBundle, partner: Partner, job: Job, entries: ArchiveEntries, staged: Map<string, string>): Promise<LedgerEntry> {
  const { sealed, dir, contents, marked } = bundle;
  const deliveries = join(stageRoot, 'deliveries');
  await mkdir(deliveries, { recursive: true });
  const tar = join(deliveries, `${partner.id}.tar`);
  await archiveBundle(dir, sealed.files, tar, entries, contents);
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
  const allowed = sealed.manifest.audit_allowed ?? [];
  return {
    at: sealed.manifest.at,
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

/** The build's ledger lines, appended to the output's ledger and staged to replace it. */
export async function stageDeliveries(out: string, stageRoot: string, ledger: LedgerEntry[], staged: Map<string, string>): Promise<void> {
  if (ledger.length === 0) return;
  const stagedLedger = join(stageRoot, LEDGER);
  await stageLedger(out, ledger.sort((a, b) => (a.partner < b.partner ? -1 : 1)), stagedLedger);
  staged.set(LEDGER, stagedLedger);
}

/**
 * What of a previous build must go with this one: the other form of each
 * partner archive delivered now (a plain `.tar` left beside a new `.tar.age`
 * would hand out what encryption was added to protect), and every bundle and
 * archive of a partner no longer in partners.yaml.
 */
export async function outdatedDeliveries(out: string, content: Content, staged: ReadonlyMap<string, string>): Promise<string[]> {
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
