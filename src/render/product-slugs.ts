import { createHash } from 'node:crypto';
import { slug } from 'github-slugger';

/**
 * The longest slug kept whole, counted as its percent-encoded URL segment
 * (at most the bytes of its folder name, whether written raw or encoded):
 * far below the 255 bytes a file name may take.
 */
const MAX_ENCODED = 100;
/** Hex digits of the name's sha256 that stand for the cut-off rest of a long slug. */
const HASH_DIGITS = 10;

/**
 * A URL slug for every distinct product name, each its own page. Readable
 * where possible (`contoso-server`); a long name is cut and gets a short
 * hash of the whole name; names with the same slug (`A B` and `a-b`, or
 * `+++` and `Product`) get `-1`, `-2`, … in the code-unit order of the names,
 * so the result depends on the set of names only, never on the order given.
 */
export function productSlugs(names: Iterable<string>): Map<string, string> {
  const slugs = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const base = baseSlug(name);
    let candidate = base;
    for (let n = 1; taken.has(candidate); n++) candidate = `${base}-${n}`;
    taken.add(candidate);
    slugs.set(name, candidate);
  }
  return slugs;
}

function baseSlug(name: string): string {
  // NFC first: one name typed in two Unicode forms gets one slug and then -1, not two folder names a form-insensitive disk would merge.
  const whole = slug(name.normalize('NFC')) || 'product';
  if (encodeURIComponent(whole).length <= MAX_ENCODED) return whole;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, HASH_DIGITS);
  let cut = '';
  let length = 0;
  for (const char of whole) {
    length += encodeURIComponent(char).length;
    if (length > MAX_ENCODED - HASH_DIGITS - 1) break;
    cut += char;
  }
  return `${cut.replace(/-+$/, '')}-${hash}`;
}
