/**
 * Rolling hashes over windows of token ids. Two 32-bit polynomial lanes make
 * a 53-bit key, so a window of any length is hashed in constant time from
 * prefix sums; the chance of a false match is about 2^-53 per window.
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
  return combine(a, b);
}

function combine(a: number, b: number): number {
  return (a >>> 0) * SPLIT + ((b >>> 0) >>> 11);
}

/**
 * Calls `visit` with the key, start and length of every window of the given
 * lengths that contains no unknown token.
 */
export function eachWindow(ids: Int32Array, lengths: readonly number[], visit: (key: number, start: number, length: number) => void): void {
  const n = ids.length;
  const prefixA = new Int32Array(n + 1);
  const prefixB = new Int32Array(n + 1);
  // lastZero[i]: index of the last unknown token at or before i-1, so a window [s, s+L) is clean when lastZero[s+L] < s.
  const lastZero = new Int32Array(n + 1);
  lastZero[0] = -1;
  for (let i = 0; i < n; i++) {
    prefixA[i + 1] = (Math.imul(prefixA[i]!, BASE_A) + ids[i]!) | 0;
    prefixB[i + 1] = (Math.imul(prefixB[i]!, BASE_B) + ids[i]!) | 0;
    lastZero[i + 1] = ids[i] === 0 ? i : lastZero[i]!;
  }
  const powers = lengths.map((length) => [power(BASE_A, length), power(BASE_B, length)] as const);
  for (let start = 0; start < n; start++) {
    if (ids[start] === 0) continue;
    for (let l = 0; l < lengths.length; l++) {
      const length = lengths[l]!;
      const end = start + length;
      if (end > n || lastZero[end]! >= start) continue;
      const [powA, powB] = powers[l]!;
      const a = (prefixA[end]! - Math.imul(prefixA[start]!, powA)) | 0;
      const b = (prefixB[end]! - Math.imul(prefixB[start]!, powB)) | 0;
      visit(combine(a, b), start, length);
    }
  }
}

function power(base: number, exponent: number): number {
  let result = 1;
  for (let i = 0; i < exponent; i++) result = Math.imul(result, base);
  return result;
}
