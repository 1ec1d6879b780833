import { distance } from 'fastest-levenshtein';

/**
 * The candidate a misspelt word most likely meant: the nearest by edit
 * distance, at most 2 edits away (1 for words of three characters or
 * fewer, where two edits would reach nearly anything), ties going to the
 * earlier candidate. Case is ignored: `Summary` means `summary`.
 * Undefined when nothing is that near.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const limit = word.length <= 3 ? 1 : 2;
  let best: { candidate: string; edits: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const edits = distance(word.toLowerCase(), candidate.toLowerCase());
    if (edits <= limit && (best === undefined || edits < best.edits)) best = { candidate, edits };
  }
  return best?.candidate;
}
