import { createHmac } from 'node:crypto';

/** What a partner's bundle gets in place of each sentinel. */
export interface MarkSet {
  mark: (advisory: string) => string;
  prose: (advisory: string) => string;
  code: (advisory: string) => string;
}

/** Base32 (RFC 4648, lower case): tokens that survive case-insensitive copying and URL encoding. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
/** Invisible characters for bits of a prose mark; the separator frames it. */
export const ZERO = '\u200c';
export const ONE = '\u200d';
export const FRAME = '\u2063';
/** Trailing-whitespace code mark: a fixed lead-in, then one space or tab per bit. */
export const CODE_LEAD = ' \t\t ';

function hmac(key: Uint8Array, purpose: string, partner: string, advisory: string): Buffer {
  return createHmac('sha256', key).update(`${purpose}\0${partner}\0${advisory}`).digest();
}

function bits(bytes: Buffer, count: number): number[] {
  return Array.from({ length: count }, (_, i) => (bytes[i >> 3]! >> (7 - (i & 7))) & 1);
}

/** `tp-` and ten base32 characters (50 bits) keyed over partner and advisory: what `{{mark}}` becomes. */
export function markToken(key: Uint8Array, partner: string, advisory: string): string {
  const digest = hmac(key, 'mark', partner, advisory);
  let out = '';
  for (let i = 0; i < 10; i++) {
    const bit = i * 5;
    const value = ((digest[bit >> 3]! << 8) | digest[(bit >> 3) + 1]!) >> (11 - (bit & 7));
    out += ALPHABET[value & 31];
  }
  return `tp-${out}`;
}

/** 32 keyed bits, shared by both invisible marks. */
export function markBits(key: Uint8Array, partner: string, advisory: string): number[] {
  return bits(hmac(key, 'invisible', partner, advisory), 32);
}

/** The invisible prose mark: framed zero-width characters, kept when text is copied out of a browser. */
export function proseMark(key: Uint8Array, partner: string, advisory: string): string {
  return `${FRAME}${markBits(key, partner, advisory).map((bit) => (bit ? ONE : ZERO)).join('')}${FRAME}`;
}

/** The code mark: trailing spaces and tabs, harmless at the end of a line of code. */
export function codeMark(key: Uint8Array, partner: string, advisory: string): string {
  return `${CODE_LEAD}${markBits(key, partner, advisory).map((bit) => (bit ? '\t' : ' ')).join('')}`;
}

/** Every mark of one partner. */
export function partnerMarks(key: Uint8Array, partner: string): MarkSet {
  return {
    mark: (advisory) => markToken(key, partner, advisory),
    prose: (advisory) => proseMark(key, partner, advisory),
    code: (advisory) => codeMark(key, partner, advisory),
  };
}

/** The 32-bit values of every prose and code mark found in a text. */
export function findInvisibleMarks(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(new RegExp(`${FRAME}([${ZERO}${ONE}]{32})${FRAME}`, 'g'))) {
    found.push([...match[1]!].map((char) => (char === ONE ? '1' : '0')).join(''));
  }
  for (const match of text.matchAll(new RegExp(`${CODE_LEAD}([ \\t]{32})(?=\\r?\\n|$)`, 'g'))) {
    found.push([...match[1]!].map((char) => (char === '\t' ? '1' : '0')).join(''));
  }
  return found;
}

/**
 * Every mark token in a text, however it was cased or glued to its
 * neighbours when copied. A candidate that is no partner's token is reported
 * as such by `trace`, never attributed, so reading widely is safe.
 */
export function findMarkTokens(text: string): string[] {
  return [...new Set((text.match(/tp-[a-z2-7]{10}(?![a-z2-7])/gi) ?? []).map((token) => token.toLowerCase()))];
}
