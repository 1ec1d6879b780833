import { splitAtMarks } from '../gates/mark.ts';
import { advisoryTexts } from '../fingerprint/texts.ts';
import { tokenize } from '../fingerprint/tokens.ts';
import { AuditAllowSchema, type AuditAllowEntry } from '../schema/audit-allow.ts';
import type { Advisory, ContentFile } from './advisory.ts';
import { parseConfig } from './config.ts';
import type { Problem } from './problem.ts';

/** The allowlist's file name in the content folder; optional. */
export const AUDIT_ALLOW = 'audit-allow.yaml';

/**
 * Validates `audit-allow.yaml` against the content: every entry names an
 * advisory that exists, its phrase occurs (as tokens, the way the audit
 * compares text) in that advisory's own text, and no entry is listed twice.
 * These do not depend on the build instant, so a build at any instant
 * accepts or refuses the same allowlist. `files` are every advisory file
 * read, so an entry naming one that failed to parse is left to that file's
 * own problems.
 */
export function validateAuditAllow(file: ContentFile, advisories: readonly Advisory[], files: readonly ContentFile[]): { entries?: AuditAllowEntry[]; problems: Problem[] } {
  const parsed = parseConfig(file, AuditAllowSchema);
  if (!parsed.value) return { problems: parsed.problems };
  const { value, locate } = parsed;
  const byId = new Map(advisories.map((advisory) => [advisory.fields.id, advisory]));
  const unparsed = new Set(files.map((candidate) => candidate.path.split('/').pop()!.replace(/\.md$/, '')));
  const problems: Problem[] = [];
  const at = (path: PropertyKey[], field: string, message: string) => problems.push({ file: file.name, ...locate(path), field, message });
  const seen = new Map<string, number>();
  value.allow.forEach((entry, index) => {
    const field = `allow[${index}]`;
    const tokens = tokenize(entry.phrase);
    if (tokens.length === 0) at(['allow', index, 'phrase'], `${field}.phrase`, 'has no words (letters or digits) to match');
    const advisory = byId.get(entry.advisory);
    if (!advisory) {
      if (!unparsed.has(entry.advisory)) at(['allow', index, 'advisory'], `${field}.advisory`, `unknown advisory ${entry.advisory}`);
    } else if (tokens.length > 0 && !occursInAdvisory(tokens, advisory)) {
      at(['allow', index, 'phrase'], `${field}.phrase`, `does not occur in the text of ${entry.advisory}: the entry would never apply; correct the phrase or remove the entry`);
    }
    const key = `${entry.advisory}\0${tokens.join(' ')}`;
    const first = seen.get(key);
    if (first !== undefined) at(['allow', index], field, `duplicate of allow[${first}] (the same phrase of ${entry.advisory})`);
    else seen.set(key, index);
  });
  return problems.length > 0 ? { problems } : { entries: value.allow, problems };
}

/** Whether a phrase's tokens occur in a row in one piece of an advisory's text, as the audit fingerprints it. */
function occursInAdvisory(phrase: readonly string[], advisory: Advisory): boolean {
  const needle = phrase.join(' ');
  return advisoryTexts(advisory).some((text) => splitAtMarks(text).some((piece) => ` ${tokenize(piece).join(' ')} `.includes(` ${needle} `)));
}
