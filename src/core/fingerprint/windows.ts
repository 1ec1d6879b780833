/**
 * Hashes over windows of token ids. Two 32-bit polynomial lanes make a
 * 53-bit key, computed in constant time per window from prefix sums; the
 * chance of a false match is about 2^-53 per window.
 */
const BASE_A = 0x01000193;
const BASE_B = 0x5bd1e995;
const SPLIT = 2 ** 21;

/** Maps tokens to small ids; tokens it has never seen map to 0, which no fingerprint contains. */
export class Dictionary {
  private readonly ids = new Map<string, number>();

  /** The id of a token, adding it if new. */
  add(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) this.ids.set(token, (id = this.ids.size + 1));
    return id;
  }

  /** Every token, in the order the ids were given (a token's id is its place in this order, from 1). */
  tokens(): IterableIterator<string> {
    return this.ids.keys();
  }

  /** The ids of tokens, 0 for a token no fingerprint uses. */
  lookup(tokens: readonly string[]): Int32Array {
    const out = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) out[i] = this.ids.get(tokens[i]!) ?? 0;
    return out;
  }
}

/** The key of one whole sequence of ids, equal to the key of the same window inside a longer one. */
export function sequenceKey(ids: ArrayLike<number>): number {
  let a = 0;
  let b = 0;
  for (let i = 0; i < ids.length; i++) {
    a = (Math.imul(a, BASE_A) + ids[i]!) | 0;
    b = (Math.imul(b, BASE_B) + ids[i]!) | 0;
  }
  return (a >>> 0) * SPLIT + ((b >>> 0) >>> 11);
}

/** The key of a pair of ids: the first two tokens of a short fingerprint. */
export function pairKey(first: number, second: number): number {
  return first * 4_194_304 + second;
}

/** Prefix hashes of a run of ids, to key any window of it in constant time. */
export class Windows {
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  /** lastZero[i]: the last unknown token before position i, so a window [s, e) is clean when lastZero[e] < s. */
  private readonly lastZero: Int32Array;
  private static readonly powers = new Map<number, [number, number]>();

  readonly ids: Int32Array;

  constructor(ids: Int32Array) {
    this.ids = ids;
    const n = ids.length;
    this.a = new Int32Array(n + 1);
    this.b = new Int32Array(n + 1);
    this.lastZero = new Int32Array(n + 1);
    this.lastZero[0] = -1;
    for (let i = 0; i < n; i++) {
      this.a[i + 1] = (Math.imul(this.a[i]!, BASE_A) + ids[i]!) | 0;
      this.b[i + 1] = (Math.imul(this.b[i]!, BASE_B) + ids[i]!) | 0;
      this.lastZero[i + 1] = ids[i] === 0 ? i : this.lastZero[i]!;
    }
  }

  /** The key of the window [start, start + length), or -1 when it runs out or holds an unknown token. */
  key(start: number, length: number): number {
    const end = start + length;
    if (end > this.ids.length || this.lastZero[end]! >= start) return -1;
    const [powA, powB] = Windows.power(length);
    const a = (this.a[end]! - Math.imul(this.a[start]!, powA)) | 0;
    const b = (this.b[end]! - Math.imul(this.b[start]!, powB)) | 0;
    return (a >>> 0) * SPLIT + ((b >>> 0) >>> 11);
  }

  private static power(length: number): [number, number] {
    let cached = Windows.powers.get(length);
    if (!cached) {
      let a = 1;
      let b = 1;
      for (let i = 0; i < length; i++) {
        a = Math.imul(a, BASE_A);
        b = Math.imul(b, BASE_B);
      }
      Windows.powers.set(length, (cached = [a, b]));
    }
    return cached;
  }
}
