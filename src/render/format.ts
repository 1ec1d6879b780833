import type { Severity } from '../core/schema/cvss.ts';
import type { Tlp } from '../core/schema/site.ts';

/** `2025-07-22`: dates are shown as ISO dates, the same in every locale. */
export function day(instant: string): string {
  return instant.slice(0, 10);
}

/** `2025-07-22 17:00 UTC`: the instant an advisory is released or a build was made. */
export function moment(instant: string): string {
  return `${instant.slice(0, 10)} ${instant.slice(11, 16)} UTC`;
}

export const SEVERITY_LABEL: Record<Severity | 'unrated', string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: 'None',
  unrated: 'Not rated',
};

/** Severities from worst to best, then advisories without a rating. */
export const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'none', 'unrated'] as const;

export const REFERENCE_LABEL: Record<string, string> = {
  advisory: 'Advisory',
  article: 'Article',
  detection: 'Detection',
  fix: 'Fix',
  report: 'Report',
  web: 'Web',
};

/** Whether a TLP label must be shown: every label but CLEAR restricts sharing. */
export function isRestricted(tlp: Tlp): boolean {
  return tlp !== 'CLEAR';
}

/** What each TLP 2.0 label lets the reader do, in the words of the standard. */
export const TLP_MEANING: Record<Tlp, string> = {
  CLEAR: 'Disclosure is not limited.',
  GREEN: 'Limited disclosure: recipients may share this with peers and partner organisations within their community, not publicly.',
  AMBER: 'Limited disclosure: recipients may share this only on a need-to-know basis within their organisation and its clients.',
  'AMBER+STRICT': 'Limited disclosure: recipients may share this only on a need-to-know basis within their own organisation.',
  RED: 'For the eyes and ears of individual recipients only; no further disclosure.',
};

/** Links for well-known identifiers; anything else is shown as text. */
export function identifierUrl(id: string): string | undefined {
  if (/^CVE-\d{4}-\d{4,}$/.test(id)) return `https://www.cve.org/CVERecord?id=${id}`;
  if (/^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/.test(id)) return `https://github.com/advisories/${id}`;
  const cwe = /^CWE-(\d+)$/.exec(id);
  if (cwe) return `https://cwe.mitre.org/data/definitions/${cwe[1]}.html`;
  return undefined;
}
