import { scanTokens, type Fingerprints, type Hit } from '../core/fingerprint/fingerprints.ts';
import { tokenize, tokenSpans } from '../core/fingerprint/tokens.ts';
import { excerpt } from './context.ts';
import { decodeFile } from './decode.ts';
import { findLinks, type AdvisoryLink } from './layout.ts';

/** A match of a restricted fingerprint in one reading of a text, before it is known whether visible text explains it. */
export interface TextMatch {
  /** How the text was read out of the file (e.g. `gunzip > pagefind > json strings`). */
  how: string;
  hit: Hit;
  /** The matching words, as found. */
  tokens: string[];
  /** The decoded text around the match, the match in brackets. */
  context: string;
}

/**
 * What reading one file for text finds, before any of it is judged: every
 * match of a restricted fingerprint in every reading of the file, the
 * sources of entitled fingerprints found, and, in a page, its links to
 * advisory pages. It depends on the file's path and bytes and on the two
 * fingerprint tables only (`Fingerprints.digest`), never on the rest of the
 * plan, so it can be kept and reused while those stay the same.
 */
export interface FileScan {
  matches: TextMatch[];
  /** Indexes of the entitled sources found, ascending. */
  entitled: number[];
  links: AdvisoryLink[];
}

/** Reads a file every way `decodeFile` knows and matches each reading against the restricted and entitled fingerprints. */
export function scanFile(file: string, bytes: Buffer, restricted: Fingerprints, entitled: Fingerprints): FileScan {
  const links = file.endsWith('.html') ? findLinks(bytes.toString('utf8')) : [];
  const matches: TextMatch[] = [];
  const found = new Set<number>();
  for (const view of decodeFile(file, bytes)) {
    const tokens = matchText(view.how, view.text, restricted, matches);
    for (const hit of scanTokens(tokens, entitled)) found.add(hit.source);
  }
  return { matches, entitled: [...found].sort((a, b) => a - b), links };
}

/** Scans a text against the fingerprints, adding every match to `matches`; returns its tokens. */
export function matchText(how: string, text: string, fingerprints: Fingerprints, matches: TextMatch[]): string[] {
  const tokens = tokenize(text);
  const hits = scanTokens(tokens, fingerprints);
  if (hits.length === 0) return tokens;
  const { text: read, spans } = tokenSpans(text);
  for (const hit of hits) {
    const from = spans[hit.start]?.[0] ?? 0;
    const context = excerpt(read, from, spans[hit.start + hit.length - 1]?.[1] ?? from);
    matches.push({ how, hit, tokens: tokens.slice(hit.start, hit.start + hit.length), context });
  }
  return tokens;
}

/**
 * Scans kept from earlier audits against the same fingerprint tables, by
 * file path and the sha256 of the file's bytes. `get` gives a scan only for
 * exactly those bytes at that path; `set` keeps a fresh one.
 */
export interface ScanMemo {
  get(file: string, sha256: string): FileScan | undefined;
  set(file: string, sha256: string, scan: FileScan): void;
}
