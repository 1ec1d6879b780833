import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Nodes } from 'mdast';
import { tokenize } from '../core/fingerprint/tokens.ts';
import { treeTexts } from '../core/fingerprint/texts.ts';
import type { ProjectedAdvisory } from '../core/project/project.ts';
import type { View } from '../core/project/view.ts';
import type { AuditAllowEntry } from '../core/schema/audit-allow.ts';

/** The ledger's file name, at the root of the output folder. */
export const LEDGER = 'ledger.jsonl';

/** One partner's delivery in one build: what it received, and how to recognise it. */
export interface LedgerEntry {
  at: string;
  partner: string;
  name: string;
  /** The tier whose content the partner's view shows, after its groups' caps. */
  tier: string;
  withheld: string[];
  maxLeadHours?: number;
  /** sha256 of the bundle's manifest.json, which names the hash of every file. */
  bundle: string;
  delivery: string;
  advisories: Array<{ id: string; revision: number; updated: string; availableFrom?: string; gates: Array<{ name: string; tier: string; fingerprint: string }> }>;
  /** sha256 of each file that carries the partner's marks: an exact copy of one names the partner. */
  marked: Record<string, string>;
  /** The reviewed exceptions (content/audit-allow.yaml) the audit of this bundle applied, when any did. */
  audit_allowed?: AuditAllowEntry[];
}

/** A short, stable fingerprint of a gate's text: the same gate text gives the same value in every build. */
export function gateFingerprint(gate: Nodes): string {
  return createHash('sha256').update(treeTexts(gate).flatMap(tokenize).join(' ')).digest('hex').slice(0, 16);
}

/** The advisories of a partner's view, with their revision and the restricted gates they carry. */
export function receivedAdvisories(advisories: readonly ProjectedAdvisory[], view: View): LedgerEntry['advisories'] {
  const lowest = view.tiers[0]!.id;
  return advisories.map((advisory) => {
    const gates: LedgerEntry['advisories'][number]['gates'] = [];
    const walk = (node: Nodes) => {
      if (node.type === 'gate' && node.tier !== lowest) gates.push({ name: node.name, tier: node.tier, fingerprint: gateFingerprint(node) });
      if ('children' in node) node.children.forEach((child) => walk(child as Nodes));
    };
    walk(advisory.body);
    advisory.notes.forEach((note) => walk(note.body));
    const updated = [advisory.release ?? '', ...advisory.revisions.map((r) => r.date)].sort().at(-1)!;
    return { id: advisory.id, revision: advisory.revisions.length, updated, ...(advisory.availableFrom ? { availableFrom: advisory.availableFrom } : {}), gates };
  });
}

/**
 * Writes to `staged` the ledger as it will be after this build: the current
 * one, byte for byte, and one line per partner bundle. It replaces the
 * ledger together with the bundles, so a build that fails records nothing
 * and a build that lands cannot leave its deliveries unrecorded.
 */
export async function stageLedger(out: string, entries: readonly LedgerEntry[], staged: string): Promise<void> {
  const current = await readFile(join(out, LEDGER)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  });
  await writeFile(staged, Buffer.concat([current, Buffer.from(entries.map(ledgerLine).join(''))]));
}

/**
 * One entry as its ledger line. Identical builds must write identical lines,
 * but `marked` is filled as files finish, in any order, and the advisories
 * come in the order files were read: every key is written in a fixed order,
 * `marked` by path, lists sorted (gates stay in document order, which the
 * content fixes).
 */
export function ledgerLine(entry: LedgerEntry): string {
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const record: LedgerEntry = {
    at: entry.at,
    partner: entry.partner,
    name: entry.name,
    tier: entry.tier,
    withheld: [...entry.withheld].sort(byText),
    ...(entry.maxLeadHours !== undefined ? { maxLeadHours: entry.maxLeadHours } : {}),
    bundle: entry.bundle,
    delivery: entry.delivery,
    advisories: [...entry.advisories]
      .sort((a, b) => byText(a.id, b.id))
      .map((advisory) => ({
        id: advisory.id,
        revision: advisory.revision,
        updated: advisory.updated,
        ...(advisory.availableFrom !== undefined ? { availableFrom: advisory.availableFrom } : {}),
        gates: advisory.gates.map((gate) => ({ name: gate.name, tier: gate.tier, fingerprint: gate.fingerprint })),
      })),
    marked: Object.fromEntries(Object.entries(entry.marked).sort(([a], [b]) => byText(a, b))),
    ...(entry.audit_allowed?.length ? { audit_allowed: entry.audit_allowed.map((e) => ({ phrase: e.phrase, advisory: e.advisory, allowed_by: e.allowed_by, reason: e.reason })) } : {}),
  };
  return `${JSON.stringify(record)}\n`;
}

/** Every entry of the ledger, oldest first; none when there is no ledger yet. */
export async function readLedger(out: string): Promise<LedgerEntry[]> {
  let text: string;
  try {
    text = await readFile(join(out, LEDGER), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text.split('\n').flatMap((line, index) => {
    if (line.trim() === '') return [];
    // Numbered as an editor shows the file: blank lines count.
    let entry: Partial<LedgerEntry> | null;
    try {
      entry = JSON.parse(line) as Partial<LedgerEntry> | null;
    } catch (error) {
      throw new Error(`${LEDGER} line ${index + 1} is not JSON`, { cause: error });
    }
    if (typeof entry?.partner !== 'string' || typeof entry.at !== 'string' || !Array.isArray(entry.advisories) || !entry.marked || typeof entry.marked !== 'object') {
      throw new Error(`${LEDGER} line ${index + 1} is not a delivery record (partner, at, advisories, marked)`);
    }
    return [entry as LedgerEntry];
  });
}
