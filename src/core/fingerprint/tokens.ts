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
  return text.normalize('NFKC').replace(FORMAT, '').toLowerCase().match(TOKEN) ?? [];
}
