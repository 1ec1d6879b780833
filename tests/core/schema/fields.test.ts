import { describe, expect, it } from 'vitest';
import { formatInstant, Instant, parseInstant } from '../../../src/core/schema/fields.ts';
import { files, frontmatter } from '../../helpers/content.ts';
import { validateContent } from '../../../src/core/validate/content.ts';

describe('instants of every year RFC 3339 can write', () => {
  // Date.UTC reads the years 0 to 99 as 1900 to 1999: 0050 became 1950.
  it.each([
    ['0000-01-01T00:00:00Z', -62_167_219_200_000],
    ['0050-01-01T00:00:00Z', -60_589_296_000_000],
    ['0099-12-31T23:59:59Z', -59_011_459_201_000],
    ['0100-01-01T00:00:00Z', -59_011_459_200_000],
    ['9999-12-31T23:59:59Z', 253_402_300_799_000],
  ])('%s is exact and writes back as itself', (text, ms) => {
    expect(parseInstant(text)).toBe(ms);
    expect(parseInstant(text)).toBe(Date.parse(text));
    expect(formatInstant(ms)).toBe(text);
    expect(Instant.parse(text)).toBe(text);
  });

  it('normalises offsets and plain dates in the first centuries too', () => {
    expect(Instant.parse('0050-01-01T01:30:00+01:30')).toBe('0050-01-01T00:00:00Z');
    expect(Instant.parse('0099-12-31')).toBe('0099-12-31T00:00:00Z');
    expect(Instant.parse('0004-02-29T12:00:00.250Z')).toBe('0004-02-29T12:00:00.250Z');
  });

  it('refuses impossible dates of those years and offsets that leave 0000 to 9999', () => {
    for (const text of ['0100-02-29', '0050-02-29', '0000-01-01T00:00:00+00:01', '9999-12-31T23:59:59-00:01', '0050-13-01']) {
      expect(parseInstant(text), text).toBeUndefined();
    }
  });

  it('writes a derived instant before 0000 (a lead before the first year) as 0000-01-01, never in six digits', () => {
    expect(formatInstant(-62_167_219_200_000 - 5 * 86_400_000)).toBe('0000-01-01T00:00:00Z');
  });

  it('keeps the release of an advisory in year 0050 as written', () => {
    const text = frontmatter().replace('2025-07-22T17:00:00Z', '0050-01-01T00:00:00Z');
    const { content, problems } = validateContent(files({ 'advisories/2025/CTSA-2025-0001.md': text }));
    expect(problems).toEqual([]);
    expect(content!.advisories[0]!.fields.release).toBe('0050-01-01T00:00:00Z');
  });
});
