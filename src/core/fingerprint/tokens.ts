/** Format characters (zero-width spaces and joiners, bidi marks, soft hyphens): invisible, so dropped. */
const FORMAT = /\p{Cf}/gu;
/** A token is a run of letters and digits; everything else separates tokens. */
const TOKEN = /[\p{L}\p{N}]+/gu;

/**
 * Splits text into comparable tokens: Unicode NFKC, format characters
 * removed, case-folded, split on anything that is not a letter or digit (so
 * white space, markup and punctuation never decide a match).
 */
export function tokenize(text: string): string[] {
  // Fast path: plain ASCII needs no normalisation and has no format characters; the result is the same.
  if (!NON_ASCII.test(text)) return text.toLowerCase().match(ASCII_TOKEN) ?? [];
  return text.normalize('NFKC').replace(FORMAT, '').toLowerCase().match(TOKEN) ?? [];
}

const NON_ASCII = /[^\x00-\x7f]/;
const ASCII_TOKEN = /[a-z0-9]+/g;

/**
 * The text `tokenize` reads (normalised like it) and where each of its
 * tokens is in it, to show a match in its surroundings.
 */
export function tokenSpans(text: string): { text: string; spans: Array<[number, number]> } {
  const read = NON_ASCII.test(text) ? text.normalize('NFKC').replace(FORMAT, '') : text;
  return { text: read, spans: Array.from(read.matchAll(TOKEN), (match): [number, number] => [match.index, match.index + match[0].length]) };
}
