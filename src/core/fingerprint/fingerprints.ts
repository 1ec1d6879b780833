import { tokenize } from './tokens.ts';
import { Dictionary, pairKey, sequenceKey, Windows } from './windows.ts';

/** Shingle length: a copied run of this many words anywhere is found. */
export const SHINGLE = 8;

/** Where a fingerprint came from, for a finding a person can act on. */
export interface FingerprintSource {
  advisory: string;
  file: string;
  /** What was withheld: a gate, an overlay field, a whole advisory. */
  what: string;
  line?: number;
  column?: number;
}

/** A piece of text a view may not see, with its source. */
export interface HiddenText {
  text: string;
  source: FingerprintSource;
}

/**
 * Everything a view may not see, as keys over a token dictionary, split by
 * kind so a scan looks up only what can match: single distinctive tokens by
 * id, short runs (2 to 7 tokens) through the pair of ids they start with,
 * shingles of eight tokens at every position.
 */
export class Fingerprints {
  readonly dictionary = new Dictionary();
  readonly sources: FingerprintSource[] = [];
  private readonly singles = new Map<number, number>();
  private readonly shorts = new Map<number, number>();
  /** Pair of first ids to a bit set of the short lengths starting with it. */
  private readonly starts = new Map<number, number>();
  private readonly shingles = new Map<number, number>();

  /** How many fingerprints there are. */
  get size(): number {
    return this.singles.size + this.shorts.size + this.shingles.size;
  }

  /** How many distinct sources the fingerprints come from. */
  get sourceCount(): number {
    return new Set([...this.singles.values(), ...this.shorts.values(), ...this.shingles.values()]).size;
  }

  /** Adds every fingerprint of a run of token ids (all known) from one source. */
  add(ids: Int32Array, kind: 'single' | 'short' | 'shingles', source: number): void {
    if (kind === 'single') {
      if (!this.singles.has(ids[0]!)) this.singles.set(ids[0]!, source);
    } else if (kind === 'short') {
      const key = sequenceKey(ids);
      if (!this.shorts.has(key)) this.shorts.set(key, source);
      const pair = pairKey(ids[0]!, ids[1]!);
      this.starts.set(pair, (this.starts.get(pair) ?? 0) | (1 << ids.length));
    } else {
      const windows = new Windows(ids);
      for (let start = 0; start + SHINGLE <= ids.length; start++) {
        const key = windows.key(start, SHINGLE);
        if (!this.shingles.has(key)) this.shingles.set(key, source);
      }
    }
  }

  /** Every window of `tokens` that is a fingerprint. */
  scan(tokens: readonly string[]): Hit[] {
    const hits: Hit[] = [];
    if (this.size === 0 || tokens.length === 0) return hits;
    const ids = this.dictionary.lookup(tokens);
    const windows = new Windows(ids);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id === 0) continue;
      const single = this.singles.get(id);
      if (single !== undefined) hits.push({ kind: 'single', key: id, source: single, start: i, length: 1 });
      const next = ids[i + 1];
      if (next) {
        const lengths = this.starts.get(pairKey(id, next));
        for (let length = 2; lengths !== undefined && length < SHINGLE; length++) {
          if (!(lengths & (1 << length))) continue;
          const key = windows.key(i, length);
          const source = key < 0 ? undefined : this.shorts.get(key);
          if (source !== undefined) hits.push({ kind: 'short', key, source, start: i, length });
        }
      }
      if (this.shingles.size > 0) {
        const key = windows.key(i, SHINGLE);
        const source = key < 0 ? undefined : this.shingles.get(key);
        if (source !== undefined) hits.push({ kind: 'shingles', key, source, start: i, length: SHINGLE });
      }
    }
    return hits;
  }

  /** Drops a fingerprint that matched text the view may see. */
  drop(hit: Hit): void {
    if (hit.kind === 'single') this.singles.delete(hit.key);
    else if (hit.kind === 'short') this.shorts.delete(hit.key);
    else this.shingles.delete(hit.key);
  }
}

/**
 * Whether a short token run is distinctive enough to fingerprint whole: long
 * enough, or an identifier (letters and digits), so common words alone never are.
 */
function distinctive(tokens: readonly string[]): boolean {
  const joined = tokens.join(' ');
  if (joined.length >= 16) return true;
  return joined.length >= 8 && tokens.some((token) => /\d/.test(token)) && tokens.some((token) => /\p{L}/u.test(token));
}

/** A single token distinctive on its own (a marker, a hash, a long compound), found even where text is split into words. */
function distinctiveToken(token: string): boolean {
  return token.length >= 16 || (token.length >= 6 && /\d/.test(token) && /\p{L}/u.test(token));
}

/** URLs, and runs like CVE-2025-53771, spinstall0.aspx or 10.2.3-rc1: identifiers, whatever surrounds them. */
const IDENTIFIER = /https?:\/\/[^\s<>"'`)\]]+|[\p{L}\p{N}]+(?:[-_.:/@][\p{L}\p{N}]+)+/gu;

/** The identifiers inside a text, as token runs distinctive on their own. */
function identifiers(text: string): string[][] {
  const runs: string[][] = [];
  for (const match of text.matchAll(IDENTIFIER)) {
    const tokens = tokenize(match[0]);
    // Mixed letters and digits, or long: `application/json` or `text/html` alone is common, `CVE-2025-53771` is not.
    const joined = tokens.join(' ');
    const mixed = tokens.some((token) => /\d/.test(token)) && tokens.some((token) => /\p{L}/u.test(token));
    if (tokens.length > 1 && tokens.length < SHINGLE && (joined.length >= 24 || (mixed && joined.length >= 8))) runs.push(tokens);
  }
  return runs;
}

/**
 * Builds the fingerprints of `hidden`: every shingle of eight tokens, every
 * short text that is distinctive whole, every identifier or URL inside a
 * text, every distinctive single token. Any
 * of them that also occurs in `visible` (what the view may see) is dropped,
 * so shared words never raise an alarm.
 */
export function buildFingerprints(hidden: readonly HiddenText[], visible: readonly string[]): Fingerprints {
  const fingerprints = new Fingerprints();
  const { dictionary } = fingerprints;
  for (const { text, source } of hidden) {
    const tokens = tokenize(text);
    if (tokens.length === 0) continue;
    const index = fingerprints.sources.push(source) - 1;
    const ids = Int32Array.from(tokens, (token) => dictionary.add(token));
    if (tokens.length >= SHINGLE) fingerprints.add(ids, 'shingles', index);
    else if (tokens.length > 1 && distinctive(tokens)) fingerprints.add(ids, 'short', index);
    tokens.forEach((token, i) => {
      if (distinctiveToken(token)) fingerprints.add(ids.subarray(i, i + 1), 'single', index);
    });
    for (const run of identifiers(text)) fingerprints.add(Int32Array.from(run, (token) => dictionary.add(token)), 'short', index);
  }
  for (const text of visible) {
    for (const hit of fingerprints.scan(tokenize(text))) fingerprints.drop(hit);
  }
  return fingerprints;
}

/** A window of scanned text that matches a fingerprint. */
export interface Hit {
  kind: 'single' | 'short' | 'shingles';
  key: number;
  source: number;
  /** Token offset and length within the scanned tokens. */
  start: number;
  length: number;
}

/** Every window of `tokens` that is a fingerprint. */
export function scanTokens(tokens: readonly string[], fingerprints: Fingerprints): Hit[] {
  return fingerprints.scan(tokens);
}
