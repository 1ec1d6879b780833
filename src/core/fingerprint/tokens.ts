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
