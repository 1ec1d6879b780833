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
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', /^lacks the base metric A \(Availability Impact: N, L or H\)$/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H', /^lacks the base metrics I \(Integrity Impact: N, L or H\); A \(Availability Impact: N, L or H\)$/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X', /^has A:X, but the base metric A \(Availability Impact\) takes N, L or H \(a base metric cannot be X, Not Defined\)$/],
    ['AV:N/AC:L/Au:N/C:P/I:P/A:ND', /^has A:ND, but the base metric A \(Availability Impact\) takes N, P or C \(a base metric cannot be ND/],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N', /^lacks the base metric SA \(Subsequent System Availability Impact: H, L or N\)$/],
    // The calculator reads S (Safety) for SI and SA, but the specification allows it only for MSI and MSA.
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N', /^has SI:S, but the base metric SI \(Subsequent System Integrity Impact\) takes H, L or N; S is valid only for the modified metric MSI$/],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:S', /^has SA:S, but the base metric SA .* takes H, L or N; S is valid only for the modified metric MSA$/],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:S/SI:N/SA:N', /^has SC:S, but the base metric SC \(Subsequent System Confidentiality Impact\) takes H, L or N$/],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSC:S', /^has MSC:S, but MSC \(.*\) takes X, H, L or N$/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:L', /names the metric A twice/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/', /is not a CVSS vector/],
    ['CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /the base metric AV \(Attack Vector\) takes N, A, L or P \(a base metric cannot be X/],
    ['cvss:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h', /is not a CVSS vector/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1', /is not a CVSS vector/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:Q', /^has the metric ZZ, which CVSS 3.1 does not define \(its metrics are AV, AC, PR, UI, S, C, I, A, E, /],
    ['CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /^has AV:Q, but the base metric AV \(Attack Vector\) takes N, A, L or P$/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:Q', /^has E:Q, but E \(Exploit Code Maturity\) takes X, U, P, F or H$/],
  ])('refuses %s', (vector, message) => {
    const scored = scoreVector(vector);
    expect(typeof scored).toBe('string');
    expect(scored).toMatch(message);
  });

  it.each([
    'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S/MSA:S',
    'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/S:P/U:Clear',
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/MAV:X',
    'AV:N/AC:L/Au:N/C:P/I:P/A:P/E:ND/CDP:ND',
  ])('accepts Not Defined and Safety where the specification allows them: %s', (vector) => {
    expect(typeof scoreVector(vector)).toBe('object');
  });

  it('rates v2 scores without a critical band', () => {
    expect([ratingOf(9.9, '2.0'), ratingOf(9.0, '3.1'), ratingOf(0.1, '4.0')]).toEqual(['high', 'critical', 'low']);
  });
});
