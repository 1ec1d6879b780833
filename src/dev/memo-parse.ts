import { Buffer } from 'node:buffer';
import type { ParseAdvisories, ParsedAdvisory } from '../core/validate/content.ts';

/** A parser that remembers, and how many files its last run parsed and took unchanged. */
export interface MemoParser {
  parse: ParseAdvisories;
  last: { parsed: number; reused: number };
}

/**
 * Remembers each advisory file's result by its path, and gives it again
 * while the file's bytes and what it is validated against (site.yaml, the
 * list of assets) are the same: a saved advisory is the only one parsed
 * again. Results are returned as the same objects, so what is made from an
 * unchanged advisory downstream can be kept too. Files no longer present
 * are forgotten.
 */
export function memoParser(parse: ParseAdvisories): MemoParser {
  let memo = new Map<string, { bytes: Uint8Array; against: string; result: ParsedAdvisory }>();
  const last = { parsed: 0, reused: 0 };
  const run: ParseAdvisories = async (files, context) => {
    const against = JSON.stringify([context.site, context.assets]);
    const known = (index: number) => {
      const entry = memo.get(files[index]!.path);
      return entry && entry.against === against && Buffer.from(entry.bytes).equals(files[index]!.bytes) ? entry.result : undefined;
    };
    const found = files.map((_file, index) => known(index));
    const missing = files.filter((_file, index) => found[index] === undefined);
    const parsed = await parse(missing, context);
    let next = 0;
    const results = found.map((result) => result ?? parsed[next++]!);
    memo = new Map(files.map((file, index) => [file.path, { bytes: file.bytes, against, result: results[index]! }]));
    last.parsed = missing.length;
    last.reused = files.length - missing.length;
    return results;
  };
  return { parse: run, last };
}
