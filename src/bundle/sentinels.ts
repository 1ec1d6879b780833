/**
 * Placeholders a shared render carries where bundles differ: marks and the
 * recipient's name. Every bundle is made from a render by replacing them, so
 * partners with the same view share one render, and a render's audit covers
 * every bundle made from it. `@` is never escaped in HTML or JSON.
 */
export const SENTINEL = {
  /** `{{mark}}` of one advisory. */
  mark: (advisory: string) => `@@TPMARK:${advisory}@@`,
  /** An invisible mark in restricted prose of one advisory. */
  prose: (advisory: string) => `@@TPPROSE:${advisory}@@`,
  /** A trailing-whitespace mark on the first line of restricted code of one advisory. */
  code: (advisory: string) => `@@TPCODE:${advisory}@@`,
  /** The recipient beside the TLP label. */
  recipient: '@@TPRECIPIENT@@',
  /** The recipient as a bar of its own, on pages without a TLP label. */
  recipientBar: '@@TPRECIPIENTBAR@@',
} as const;

/** Any sentinel, for replacing them all in one pass. */
export const ANY_SENTINEL = /@@TP(MARK|PROSE|CODE):([^@]+)@@|@@TPRECIPIENT(BAR)?@@/g;

/** The text every sentinel starts with: a bundle that still holds it was not finished. */
export const SENTINEL_PREFIX = '@@TP';
