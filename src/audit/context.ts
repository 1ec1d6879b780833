import { tokenSpans } from '../core/fingerprint/tokens.ts';
import type { Point } from '../core/validate/problem.ts';

/** How many characters of the surroundings a finding shows on each side of a match. */
export const CONTEXT = 60;

/** `text[from, to)` with up to CONTEXT characters on each side, on one line, the match in brackets. */
export function excerpt(text: string, from: number, to: number): string {
  const start = Math.max(0, from - CONTEXT);
  const end = Math.min(text.length, to + CONTEXT);
  const flat = (part: string) => part.replace(/\s+/g, ' ');
  return `${start > 0 ? '…' : ''}${flat(text.slice(start, from))}[${flat(text.slice(from, to))}]${flat(text.slice(to, end))}${end < text.length ? '…' : ''}`;
}

/**
 * Where a run of tokens occurs in a source file: line and column (1-based)
 * and its surroundings. The first occurrence at or after `near` wins, else
 * the first; undefined when the tokens do not occur in a row.
 */
export function locateTokens(source: string, tokens: readonly string[], near?: Point): (Point & { context: string }) | undefined {
  if (tokens.length === 0) return undefined;
  const { text, spans } = tokenSpans(source);
  const word = (i: number) => text.slice(spans[i]![0], spans[i]![1]).toLowerCase();
  let found: (Point & { context: string }) | undefined;
  for (let i = 0; i + tokens.length <= spans.length; i++) {
    if (tokens.some((token, k) => word(i + k) !== token)) continue;
    const from = spans[i]![0];
    const before = text.slice(0, from);
    const line = before.split('\n').length;
    const point = { line, column: from - before.lastIndexOf('\n'), context: excerpt(text, from, spans[i + tokens.length - 1]![1]) };
    if (!near || line > near.line || (line === near.line && point.column >= near.column)) return point;
    found ??= point;
  }
  return found;
}
