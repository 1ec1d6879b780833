import { describe, expect, it } from 'vitest';
import { ratingOf, scoreVector } from '../../../src/core/schema/cvss.ts';

describe('CVSS scoring with ae-cvss-calculator', () => {
  it.each([
    ['AV:N/AC:L/Au:N/C:P/I:P/A:P', '2.0', 7.5, 'high'],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.0', 9.8, 'critical'],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L', '3.1', 5.6, 'medium'],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:N', '3.1', 0, 'none'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', '4.0', 9.3, 'critical'],
    ['CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:N/VI:H/VA:L/SC:H/SI:H/SA:H', '4.0', 8.3, 'high'],
  ])('%s scores %s / %s', (vector, version, score, severity) => {
    expect(scoreVector(vector)).toMatchObject({ version, score, severity });
  });

  it('uses the base score of a 3.1 vector with temporal metrics', () => {
    expect(scoreVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P')).toMatchObject({ score: 9.8 });
  });

  it('breaks a vector into named metrics, in the order written', () => {
    const scored = scoreVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:L/A:N');
    expect(typeof scored).toBe('object');
    if (typeof scored === 'string') return;
    expect(scored.metrics.map((m) => `${m.key}:${m.value}`).join('/')).toBe('AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:L/A:N');
    expect(scored.metrics[0]).toEqual({ key: 'AV', name: 'Attack Vector', value: 'N', valueName: 'Network' });
  });

  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', /lacks one or more base metrics/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:L', /names the metric A twice/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/', /is not a CVSS vector/],
    ['CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /base metrics|does not read/],
    ['cvss:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h', /is not a CVSS vector/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1', /is not a CVSS vector/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:Q', /does not define/],
  ])('refuses %s', (vector, message) => {
    const scored = scoreVector(vector);
    expect(typeof scored).toBe('string');
    expect(scored).toMatch(message);
  });

  it('rates v2 scores without a critical band', () => {
    expect([ratingOf(9.9, '2.0'), ratingOf(9.0, '3.1'), ratingOf(0.1, '4.0')]).toEqual(['high', 'critical', 'low']);
  });
});
