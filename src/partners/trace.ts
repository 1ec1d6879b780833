import { createHash } from 'node:crypto';
import { decodeFile } from '../audit/decode.ts';
import type { LedgerEntry } from './ledger.ts';
import { findInvisibleMarks, findMarkTokens, markBits, markToken } from './marks.ts';
import { NEUTRAL_MARK } from '../render/markdown-html.ts';

/** One piece of evidence tying an input to a partner. */
export interface Evidence {
  kind: 'mark token' | 'invisible mark' | 'file hash';
  /** What was found: the token, the mark's bits, or the hash. */
  value: string;
  advisory?: string;
  /** For a file hash: which file of which build. */
  detail?: string;
}

/** A partner the input is consistent with, and why. */
export interface Suspect {
  partner: string;
  name: string;
  evidence: Evidence[];
}

/** What tracing found. */
export interface TraceResult {
  suspects: Suspect[];
  /** Whether the input carries the neutral mark of a tier bundle. */
  tierBundle: boolean;
  /** Marks found that match no partner and advisory known: altered, or from another key. */
  unknownMarks: string[];
}

/**
 * Names the partners whose bundles a leaked file or excerpt is consistent
 * with: `{{mark}}` tokens and invisible marks are recomputed for every
 * partner and advisory with the mark key; the input's hash is looked up among
 * the marked files and manifests the ledger recorded.
 */
export function trace(
  input: { name: string; bytes: Uint8Array },
  known: { key: Uint8Array; partners: ReadonlyArray<{ id: string; name: string }>; advisories: readonly string[]; ledger: readonly LedgerEntry[] },
): TraceResult {
  const tokens = new Map<string, [string, string]>();
  const invisible = new Map<string, [string, string]>();
  for (const partner of known.partners) {
    for (const advisory of known.advisories) {
      tokens.set(markToken(known.key, partner.id, advisory), [partner.id, advisory]);
      invisible.set(markBits(known.key, partner.id, advisory).join(''), [partner.id, advisory]);
    }
  }
  const texts = decodeFile(input.name, input.bytes).map((view) => view.text);
  const evidence = new Map<string, Evidence[]>();
  const add = (partner: string, item: Evidence) => {
    const list = evidence.get(partner) ?? [];
    if (!list.some((e) => e.kind === item.kind && e.value === item.value)) list.push(item);
    evidence.set(partner, list);
  };
  const unknownMarks = new Set<string>();
  let tierBundle = false;
  for (const text of texts) {
    if (text.includes(NEUTRAL_MARK)) tierBundle = true;
    for (const token of findMarkTokens(text)) {
      const match = tokens.get(token);
      if (match) add(match[0], { kind: 'mark token', value: token, advisory: match[1] });
      else unknownMarks.add(token);
    }
    for (const bits of findInvisibleMarks(text)) {
      const match = invisible.get(bits);
      if (match) add(match[0], { kind: 'invisible mark', value: bits, advisory: match[1] });
      else unknownMarks.add(`invisible ${bits}`);
    }
  }
  const hash = createHash('sha256').update(input.bytes).digest('hex');
  for (const entry of known.ledger) {
    for (const [path, fileHash] of Object.entries(entry.marked)) {
      if (fileHash === hash) add(entry.partner, { kind: 'file hash', value: hash, detail: `${path} of the build at ${entry.at}` });
    }
    if (entry.bundle === hash) add(entry.partner, { kind: 'file hash', value: hash, detail: `manifest.json of the build at ${entry.at}` });
  }
  const names = new Map([...known.ledger.map((e) => [e.partner, e.name] as const), ...known.partners.map((p) => [p.id, p.name] as const)]);
  return {
    suspects: [...evidence.entries()].map(([partner, items]) => ({ partner, name: names.get(partner) ?? partner, evidence: items })).sort((a, b) => (a.partner < b.partner ? -1 : 1)),
    tierBundle,
    unknownMarks: [...unknownMarks],
  };
}
