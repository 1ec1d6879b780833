import { describe, expect, it } from 'vitest';
import { files, frontmatter } from '../../helpers/content.ts';
import { validateContent } from '../../../src/core/validate/content.ts';
import { formatProblems, formatWarnings } from '../../../src/core/validate/problem.ts';

const PATH = 'advisories/2025/CTSA-2025-0001.md';
const edited = (from: string, to: string) => frontmatter().replace(from, to);
const plus = (lines: string) => frontmatter('CTSA-2025-0001', lines);

/** Every problem of one advisory, as `check` prints them. */
const errors = (text: string) => formatProblems(validateContent(files({ [PATH]: text })).problems);
/** Every warning of one advisory, as `check` and `build` print them; the content must be valid. */
const warnings = (text: string) => {
  const result = validateContent(files({ [PATH]: text }));
  expect(result.problems).toEqual([]);
  expect(result.content).toBeDefined();
  return formatWarnings(result.warnings);
};

// Messages that teach: each says what is wrong in the words of the thing written, once.
describe('messages that teach', () => {
  it('names the month and its days for a day it does not have', () => {
    expect(errors(edited('release: 2025-07-22T17:00:00Z', 'release: 2026-11-31T17:00:00Z'))).toMatchInlineSnapshot(`"content/advisories/2025/CTSA-2025-0001.md:8:10: release: 2026-11-31 is not a date: November has 30 days, found "2026-11-31T17:00:00Z""`);
    expect(errors(edited('release: 2025-07-22T17:00:00Z', 'release: 2025-04-31'))).toMatchInlineSnapshot(`"content/advisories/2025/CTSA-2025-0001.md:8:10: release: 2025-04-31 is not a date: April has 30 days"`);
  });

  it('says when 29 February is not in a leap year, and accepts it in one', () => {
    expect(errors(edited('release: 2025-07-22T17:00:00Z', 'release: 2025-02-29T17:00:00Z'))).toMatchInlineSnapshot(`"content/advisories/2025/CTSA-2025-0001.md:8:10: release: 2025-02-29 is not a date: 2025 is not a leap year, so February has 28 days, found "2025-02-29T17:00:00Z""`);
    expect(errors(edited('release: 2025-07-22T17:00:00Z', 'release: 2024-02-29T17:00:00Z'))).toBe('');
  });

  it('gives one error for a misspelt required key: the key it meant, not also that key missing', () => {
    expect(errors(edited('summary:', 'sumary:'))).toMatchInlineSnapshot(`"content/advisories/2025/CTSA-2025-0001.md:4:1: sumary: unknown field "sumary"; did you mean "summary"?"`);
    expect(errors(edited('    affected:', '    afected:'))).toMatchInlineSnapshot(`"content/advisories/2025/CTSA-2025-0001.md:7:5: products[0].afected: unknown field "afected"; did you mean "affected"?"`);
  });

  it('does not suggest a key the mapping already has', () => {
    expect(errors(plus('sumary: A second summary.\n'))).toMatchInlineSnapshot(`"content/advisories/2025/CTSA-2025-0001.md:9:1: sumary: unknown field "sumary"; expected one of id, title, summary, kind, severity, cvss, cves, aliases, related, cwes, keywords, products, release, status, withdrawn, revisions, credits, references, tiers"`);
  });

  it('states a CVSS score that does not match its vector once, beside the right one', () => {
    expect(errors(plus('cvss:\n  - vector: CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H\n    score: 9.1\n'))).toMatchInlineSnapshot(`"content/advisories/2025/CTSA-2025-0001.md:11:12: cvss[0].score: the vector scores 8.8, not 9.1; write 8.8 or leave the score out (it is computed from the vector)"`);
  });

  it('reports an id that is not the file name together with the schema errors', () => {
    expect(errors(frontmatter('CTSA-2025-0002').replace('title:', 'titel:'))).toMatchInlineSnapshot(`
      "content/advisories/2025/CTSA-2025-0001.md:2:5: id: the id CTSA-2025-0002 must equal the file name CTSA-2025-0001
      content/advisories/2025/CTSA-2025-0001.md:3:1: titel: unknown field "titel"; did you mean "title"?"
    `);
  });

  it('warns, without failing, about a severity two or more steps from the CVSS rating', () => {
    expect(warnings(plus('severity: low\ncvss:\n  - vector: CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H\n'))).toMatchInlineSnapshot(`"content/advisories/2025/CTSA-2025-0001.md:9:11: warning: severity: low is two steps from the CVSS rating high (CVSS 3.1, score 8.1); check it, unless the vendor rates it so on purpose"`);
    expect(warnings(plus('severity: none\ncvss:\n  - vector: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n  - vector: CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\n'))).toMatchInlineSnapshot(`"content/advisories/2025/CTSA-2025-0001.md:9:11: warning: severity: none is four steps from the CVSS ratings critical (CVSS 3.1, score 9.8) and critical (CVSS 4.0, score 9.2); check it, unless the vendor rates it so on purpose"`);
  });

  it('does not warn about a severity one step from the rating, or near any of several vectors', () => {
    expect(warnings(plus('severity: medium\ncvss:\n  - vector: CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H\n'))).toBe('');
    expect(warnings(plus('severity: low\ncvss:\n  - vector: CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H\n  - vector: CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N\n'))).toBe('');
    expect(warnings(plus('cvss:\n  - vector: CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H\n'))).toBe('');
  });
});
