import type { LedgerEntry } from './ledger.ts';

/** One partner's receipt of an advisory (or of one class of its gates), from the ledger. */
export interface Receipt {
  partner: string;
  name: string;
  /** The first build that delivered it. */
  from: string;
  /** The last build that delivered it. */
  last: string;
  tier: string;
  /** Revision counts delivered, oldest first. */
  revisions: number[];
}

/**
 * Who received an advisory, from when: for every partner, the first and last
 * builds whose bundle carried it, or with `gate`, carried a gate of that
 * class or tier name (e.g. `poc`).
 */
export function whoKnew(ledger: readonly LedgerEntry[], advisory: string, gate?: string): Receipt[] {
  const receipts = new Map<string, Receipt>();
  const entries = [...ledger].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const entry of entries) {
    const received = entry.advisories.find((a) => a.id === advisory);
    if (!received) continue;
    if (gate && !received.gates.some((g) => g.name === gate || g.tier === gate)) continue;
    const receipt = receipts.get(entry.partner) ?? { partner: entry.partner, name: entry.name, from: entry.at, last: entry.at, tier: entry.tier, revisions: [] };
    receipt.last = entry.at;
    receipt.tier = entry.tier;
    if (!receipt.revisions.includes(received.revision)) receipt.revisions.push(received.revision);
    receipts.set(entry.partner, receipt);
  }
  return [...receipts.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.partner < b.partner ? -1 : 1));
}
