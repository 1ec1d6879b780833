import { createHash, type Hash } from 'node:crypto';
import { splitAtMarks } from '../gates/mark.ts';
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
  /** An identifier of an advisory the view may not see (its id, a CVE, an alias): a match on it is never explained away. */
  pinned?: boolean;
}

/** A phrase of one advisory's withheld text that reviewers allowed in bundles (content/audit-allow.yaml). */
export interface AllowedPhrase {
  advisory: string;
  phrase: string;
}

/** Windows of a run of ids that are not fingerprinted: an allowed phrase's own windows. */
interface Exempt {
  singles: ReadonlySet<number>;
  keys: ReadonlySet<number>;
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
  /** Keys (ids for singles) of the exact identifiers of invisible advisories, which visible text never explains. */
  private readonly pinnedSingles = new Set<number>();
  private readonly pinnedKeys = new Set<number>();
  /** Indexes of the allowed phrases that occurred in the hidden text. */
  readonly allowedUsed = new Set<number>();

  /** How many fingerprints there are. */
  get size(): number {
    return this.singles.size + this.shorts.size + this.shingles.size;
  }

  /** How many distinct sources the fingerprints come from. */
  get sourceCount(): number {
    return new Set([...this.singles.values(), ...this.shorts.values(), ...this.shingles.values()]).size;
  }

  /** Adds every fingerprint of a run of token ids (all known) from one source, except the `exempt` windows. */
  add(ids: Int32Array, kind: 'single' | 'short' | 'shingles', source: number, exempt?: Exempt): void {
    if (kind === 'single') {
      if (exempt?.singles.has(ids[0]!)) return;
      if (!this.singles.has(ids[0]!)) this.singles.set(ids[0]!, source);
    } else if (kind === 'short') {
      const key = sequenceKey(ids);
      if (exempt?.keys.has(key)) return;
      if (!this.shorts.has(key)) this.shorts.set(key, source);
      const pair = pairKey(ids[0]!, ids[1]!);
      this.starts.set(pair, (this.starts.get(pair) ?? 0) | (1 << ids.length));
    } else {
      const windows = new Windows(ids);
      for (let start = 0; start + SHINGLE <= ids.length; start++) {
        const key = windows.key(start, SHINGLE);
        if (exempt?.keys.has(key)) continue;
        if (!this.shingles.has(key)) this.shingles.set(key, source);
      }
    }
  }

  /** Marks a run of ids (an identifier of an invisible advisory, whole) as never explained by visible text. */
  pin(ids: Int32Array): void {
    if (ids.length === 1) this.pinnedSingles.add(ids[0]!);
    else this.pinnedKeys.add(sequenceKey(ids));
  }

  /** Whether a hit is on the exact identifier of an advisory the view may not see. */
  isPinned(hit: Hit): boolean {
    return hit.kind === 'single' ? this.pinnedSingles.has(hit.key) : this.pinnedKeys.has(hit.key);
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

  /**
   * A sha256 of everything `scan` reads: the dictionary and the tables of
   * singles, shorts, their starts and shingles, sources included. Equal
   * digests give equal hits for the same tokens, so a scan's hits can be kept
   * and reused under it. Sources' descriptions and the pinned identifiers are
   * left out: they only interpret hits, after the scan.
   */
  digest(): string {
    const hash = createHash('sha256');
    let count = 0;
    for (const token of this.dictionary.tokens()) {
      // Tokens are letters and digits only, so a NUL separates them unambiguously.
      hash.update(token).update('\0');
      count++;
    }
    hash.update(`${count} tokens\0`);
    hashEntries(hash, 'singles', this.singles);
    hashEntries(hash, 'shorts', this.shorts);
    hashEntries(hash, 'starts', this.starts);
    hashEntries(hash, 'shingles', this.shingles);
    return hash.digest('hex');
  }

  /**
   * Every table of the fingerprints as plain values (Maps, Sets, arrays), to
   * keep between builds; `restore` makes the same fingerprints again, equal
   * in `digest`, pinned identifiers, sources and allowed phrases used.
   */
  snapshot(): FingerprintSnapshot {
    return {
      tokens: [...this.dictionary.tokens()],
      sources: this.sources,
      singles: this.singles,
      shorts: this.shorts,
      starts: this.starts,
      shingles: this.shingles,
      pinnedSingles: this.pinnedSingles,
      pinnedKeys: this.pinnedKeys,
      allowedUsed: this.allowedUsed,
    };
  }

  /** The fingerprints a `snapshot` was taken of. */
  static restore(snapshot: FingerprintSnapshot): Fingerprints {
    const fingerprints = new Fingerprints();
    for (const token of snapshot.tokens) fingerprints.dictionary.add(token);
    fingerprints.sources.push(...snapshot.sources);
    const copy = <K, V>(from: ReadonlyMap<K, V>, to: Map<K, V>) => from.forEach((value, key) => to.set(key, value));
    copy(snapshot.singles, fingerprints.singles);
    copy(snapshot.shorts, fingerprints.shorts);
    copy(snapshot.starts, fingerprints.starts);
    copy(snapshot.shingles, fingerprints.shingles);
    snapshot.pinnedSingles.forEach((key) => fingerprints.pinnedSingles.add(key));
    snapshot.pinnedKeys.forEach((key) => fingerprints.pinnedKeys.add(key));
    snapshot.allowedUsed.forEach((index) => fingerprints.allowedUsed.add(index));
    return fingerprints;
  }

  /** Drops a fingerprint that matched text the view may see. */
  drop(hit: Hit): void {
    if (hit.kind === 'single') this.singles.delete(hit.key);
    else if (hit.kind === 'short') this.shorts.delete(hit.key);
    else this.shingles.delete(hit.key);
  }
}

/** The tables of `Fingerprints` as plain values (see `snapshot`). */
export interface FingerprintSnapshot {
  /** The dictionary's tokens in the order of their ids. */
  tokens: string[];
  sources: FingerprintSource[];
  singles: ReadonlyMap<number, number>;
  shorts: ReadonlyMap<number, number>;
  starts: ReadonlyMap<number, number>;
  shingles: ReadonlyMap<number, number>;
  pinnedSingles: ReadonlySet<number>;
  pinnedKeys: ReadonlySet<number>;
  allowedUsed: ReadonlySet<number>;
}

/** What `buildFingerprints` makes fingerprints of: its arguments, as one value. */
export interface FingerprintInput {
  hidden: readonly HiddenText[];
  visible: readonly string[];
  allowed?: readonly AllowedPhrase[];
}

/** Feeds a table of numbers to a hash, labelled and counted, its entries in order, in blocks. */
function hashEntries(hash: Hash, label: string, table: ReadonlyMap<number, number>): void {
  hash.update(`${label}:${table.size}\0`);
  const block = new Float64Array(8192);
  let filled = 0;
  for (const [key, value] of table) {
    block[filled++] = key;
    block[filled++] = value;
    if (filled === block.length) {
      hash.update(block);
      filled = 0;
    }
  }
  hash.update(block.subarray(0, filled));
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
 * text, every distinctive single token; no fingerprint spans a `{{mark}}`.
 * Any of them that also occurs in `visible` (what the view may see) is
 * dropped, so shared words never raise an alarm; so is any window of an
 * `allowed` phrase inside hidden text of the advisory it names.
 */
export function buildFingerprints(hidden: readonly HiddenText[], visible: readonly string[], options: { allowed?: readonly AllowedPhrase[] } = {}): Fingerprints {
  const fingerprints = new Fingerprints();
  const { dictionary } = fingerprints;
  const allowed = allowedByAdvisory(options.allowed ?? [], dictionary);
  for (const { text, source, pinned } of hidden) {
    let index = -1;
    for (const piece of splitAtMarks(text)) {
      const tokens = tokenize(piece);
      if (tokens.length === 0) continue;
      if (index < 0) index = fingerprints.sources.push(source) - 1;
      const ids = Int32Array.from(tokens, (token) => dictionary.add(token));
      const exempt = exemptWindows(ids, allowed.get(source.advisory), fingerprints.allowedUsed);
      if (tokens.length >= SHINGLE) fingerprints.add(ids, 'shingles', index, exempt);
      else if (tokens.length > 1 && distinctive(tokens)) fingerprints.add(ids, 'short', index, exempt);
      tokens.forEach((token, i) => {
        if (distinctiveToken(token)) fingerprints.add(ids.subarray(i, i + 1), 'single', index, exempt);
      });
      for (const run of identifiers(piece)) fingerprints.add(Int32Array.from(run, (token) => dictionary.add(token)), 'short', index, exempt);
      if (pinned) fingerprints.pin(ids);
    }
  }
  dropVisible(fingerprints, visible);
  return fingerprints;
}

/**
 * Drops from `fingerprints` every one that occurs in a `visible` text. The
 * result does not depend on the order of the texts, or on whether they come
 * in one call or several: a table can be kept without some visible texts and
 * given them afterwards.
 */
export function dropVisible(fingerprints: Fingerprints, visible: readonly string[]): Fingerprints {
  for (const text of visible) {
    for (const hit of fingerprints.scan(tokenize(text))) fingerprints.drop(hit);
  }
  return fingerprints;
}

/** The allowed phrases as token ids, by advisory, each with its index in the list. */
function allowedByAdvisory(allowed: readonly AllowedPhrase[], dictionary: Dictionary): Map<string, Array<{ index: number; ids: Int32Array }>> {
  const byAdvisory = new Map<string, Array<{ index: number; ids: Int32Array }>>();
  allowed.forEach((entry, index) => {
    const ids = Int32Array.from(tokenize(entry.phrase), (token) => dictionary.add(token));
    if (ids.length === 0) return;
    byAdvisory.set(entry.advisory, [...(byAdvisory.get(entry.advisory) ?? []), { index, ids }]);
  });
  return byAdvisory;
}

/**
 * The windows of the allowed phrases that occur in `ids` (a piece of hidden
 * text of their advisory), every length a fingerprint can have; notes each
 * phrase that occurred in `used`. Undefined when none does.
 */
function exemptWindows(ids: Int32Array, phrases: ReadonlyArray<{ index: number; ids: Int32Array }> | undefined, used: Set<number>): Exempt | undefined {
  if (!phrases) return undefined;
  const singles = new Set<number>();
  const keys = new Set<number>();
  for (const phrase of phrases) {
    if (!occursIn(phrase.ids, ids)) continue;
    used.add(phrase.index);
    const windows = new Windows(phrase.ids);
    for (let start = 0; start < phrase.ids.length; start++) {
      singles.add(phrase.ids[start]!);
      for (let length = 2; length <= SHINGLE && start + length <= phrase.ids.length; length++) keys.add(windows.key(start, length));
    }
  }
  return singles.size > 0 ? { singles, keys } : undefined;
}

/** Whether `needle` occurs as a contiguous run in `haystack`. */
export function occursIn(needle: ArrayLike<number>, haystack: ArrayLike<number>): boolean {
  outer: for (let start = 0; start + needle.length <= haystack.length; start++) {
    for (let i = 0; i < needle.length; i++) if (haystack[start + i] !== needle[i]) continue outer;
    return true;
  }
  return false;
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
