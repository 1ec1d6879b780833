import { tokenize } from './tokens.ts';
import { Dictionary, eachWindow, sequenceKey } from './windows.ts';

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

/** Everything a view may not see, as window keys over a token dictionary. */
export interface Fingerprints {
  dictionary: Dictionary;
  /** Window lengths that occur among the keys. */
  lengths: number[];
  /** Window key to the index of its source. */
  keys: Map<number, number>;
  sources: FingerprintSource[];
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
  const dictionary = new Dictionary();
  const keys = new Map<number, number>();
  const sources: FingerprintSource[] = [];
  const lengths = new Set<number>();
  const add = (key: number, length: number, source: number) => {
    if (!keys.has(key)) keys.set(key, source);
    lengths.add(length);
  };

  for (const { text, source } of hidden) {
    const tokens = tokenize(text);
    if (tokens.length === 0) continue;
    const index = sources.push(source) - 1;
    const ids = Int32Array.from(tokens, (token) => dictionary.add(token));
    if (tokens.length >= SHINGLE) {
      eachWindow(ids, [SHINGLE], (key) => add(key, SHINGLE, index));
    } else if (distinctive(tokens)) {
      add(sequenceKey(ids), tokens.length, index);
    }
    tokens.forEach((token, i) => {
      if (distinctiveToken(token)) add(sequenceKey([ids[i]!]), 1, index);
    });
    for (const run of identifiers(text)) add(sequenceKey(run.map((token) => dictionary.add(token))), run.length, index);
  }

  const fingerprints: Fingerprints = { dictionary, lengths: [...lengths].sort((a, b) => a - b), keys, sources };
  for (const text of visible) {
    for (const hit of scanTokens(tokenize(text), fingerprints)) keys.delete(hit.key);
  }
  return fingerprints;
}

/** A window of scanned text that matches a fingerprint. */
export interface Hit {
  key: number;
  source: number;
  /** Token offset and length within the scanned tokens. */
  start: number;
  length: number;
}

/** Every window of `tokens` that is a fingerprint. */
export function scanTokens(tokens: readonly string[], fingerprints: Fingerprints): Hit[] {
  const hits: Hit[] = [];
  if (fingerprints.keys.size === 0 || tokens.length === 0) return hits;
  const ids = fingerprints.dictionary.lookup(tokens);
  eachWindow(ids, fingerprints.lengths, (key, start, length) => {
    const source = fingerprints.keys.get(key);
    if (source !== undefined) hits.push({ key, source, start, length });
  });
  return hits;
}
