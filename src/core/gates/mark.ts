/** The mark placeholder exactly as an advisory writes it, inside a gate: each bundle fills in its own mark there. */
export const MARK_PLACEHOLDER = '{{mark}}';

/**
 * The placeholder and its near misses (`{{ mark }}`, `{{Mark}}`): the one
 * pattern every reader of placeholders uses, so validation reports, the
 * fingerprints cut at, and rendering fills in the same spots. Global, so
 * it is used only through the functions below, which keep no state in it.
 */
const MARK = /\{\{\s*mark\s*\}\}/gi;

/** Every placeholder in a text, near misses included, as written. */
export function findMarks(text: string): string[] {
  return Array.from(text.matchAll(MARK), (match) => match[0]);
}

/** Whether a text holds a placeholder, near misses included. */
export function hasMark(text: string): boolean {
  return text.search(MARK) >= 0;
}

/** A text cut where it holds a placeholder: every bundle fills in a different token there, so no fingerprint may span one. */
export function splitAtMarks(text: string): string[] {
  return text.split(MARK);
}

/** A copy of a text with every placeholder replaced by `mark` (taken as it is, `$` included). */
export function fillMarks(text: string, mark: string): string {
  return text.replace(MARK, () => mark);
}
