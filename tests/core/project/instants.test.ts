import { describe, expect, it } from 'vitest';
import { visibilityInstants } from '../../../src/core/project/instants.ts';
import { files, validContent } from '../../helpers/content.ts';

// Leads of the helper's site: public 0h, partner 24h, trusted 5d, internal always.
const PARTNERS = `groups:
  no-notice:
    max_lead: 0h
partners:
  - { id: early, name: Early, tier: trusted }
  - { id: late, name: Late, tier: trusted, groups: [no-notice] }
`;

const advisory = (id: string, lines: string) => `---
id: ${id}
title: Example flaw
summary: An example flaw.
products:
  - name: Contoso Server
    affected: "< 2.0"
${lines}---
`;

const content = validContent(
  files(
    {
      // A trusted release override earlier than the 5d lead; "late" waits for the release all the same.
      'advisories/2025/CTSA-2025-0001.md': advisory('CTSA-2025-0001', 'release: 2025-07-22T17:00:00Z\ntiers:\n  trusted:\n    release: 2025-07-10T00:00:00Z\n'),
      // Withdrawn two weeks after a release given as a plain date (midnight UTC).
      'advisories/2025/CTSA-2025-0002.md': advisory('CTSA-2025-0002', 'release: 2025-09-01\nwithdrawn:\n  at: 2025-09-15T12:00:00Z\n  reason: Not a flaw.\n'),
      // A draft: only the internal tier sees it, and it sees it in every build.
      'advisories/2025/CTSA-2025-0003.md': advisory('CTSA-2025-0003', 'status: draft\n'),
      // Withdrawn while embargoed: partner and public first see it already withdrawn.
      'advisories/2025/CTSA-2025-0004.md': advisory('CTSA-2025-0004', 'release: 2025-10-01T00:00:00Z\nwithdrawn:\n  at: 2025-09-29T00:00:00Z\n  reason: Duplicate.\n'),
      // Its partner lead ends when CTSA-2025-0001 goes public: one instant, two changes.
      'advisories/2025/CTSA-2025-0005.md': advisory('CTSA-2025-0005', 'release: 2025-07-23T17:00:00Z\n'),
    },
    { partners: PARTNERS },
  ),
);

describe('visibilityInstants', () => {
  it('lists every instant a tier or partner starts to see an advisory or sees it withdrawn, oldest first', () => {
    expect(visibilityInstants(content).map(({ at, changes }) => ({ at, changes }))).toEqual([
      { at: '2025-07-10T00:00:00Z', changes: ['CTSA-2025-0001: trusted, early'] },
      { at: '2025-07-18T17:00:00Z', changes: ['CTSA-2025-0005: trusted, early'] },
      { at: '2025-07-21T17:00:00Z', changes: ['CTSA-2025-0001: partner'] },
      { at: '2025-07-22T17:00:00Z', changes: ['CTSA-2025-0001: public, late', 'CTSA-2025-0005: partner'] },
      { at: '2025-07-23T17:00:00Z', changes: ['CTSA-2025-0005: public, late'] },
      { at: '2025-08-27T00:00:00Z', changes: ['CTSA-2025-0002: trusted, early'] },
      { at: '2025-08-31T00:00:00Z', changes: ['CTSA-2025-0002: partner'] },
      { at: '2025-09-01T00:00:00Z', changes: ['CTSA-2025-0002: public, late'] },
      { at: '2025-09-15T12:00:00Z', changes: ['CTSA-2025-0002 withdrawn: public, partner, trusted, internal, early, late'] },
      { at: '2025-09-26T00:00:00Z', changes: ['CTSA-2025-0004: trusted, early'] },
      { at: '2025-09-29T00:00:00Z', changes: ['CTSA-2025-0004 withdrawn: trusted, internal, early'] },
      { at: '2025-09-30T00:00:00Z', changes: ['CTSA-2025-0004: partner'] },
      { at: '2025-10-01T00:00:00Z', changes: ['CTSA-2025-0004: public, late'] },
    ]);
  });

  it('gives the instant in milliseconds too', () => {
    expect(visibilityInstants(content)[0]!.ms).toBe(Date.UTC(2025, 6, 10));
  });

  it('keeps to the tiers and partners selected, as a build with --tier or --partner does', () => {
    expect(visibilityInstants(content, { tiers: ['public'] }).map(({ at, changes }) => `${at} ${changes.join('; ')}`)).toEqual([
      '2025-07-22T17:00:00Z CTSA-2025-0001: public',
      '2025-07-23T17:00:00Z CTSA-2025-0005: public',
      '2025-09-01T00:00:00Z CTSA-2025-0002: public',
      '2025-09-15T12:00:00Z CTSA-2025-0002 withdrawn: public',
      '2025-10-01T00:00:00Z CTSA-2025-0004: public',
    ]);
    expect(visibilityInstants(content, { partners: ['late'] }).map(({ at }) => at)).toEqual([
      '2025-07-22T17:00:00Z',
      '2025-07-23T17:00:00Z',
      '2025-09-01T00:00:00Z',
      '2025-09-15T12:00:00Z',
      '2025-10-01T00:00:00Z',
    ]);
  });

  it('has no instant for a tier that sees everything at once, except withdrawals', () => {
    expect(visibilityInstants(content, { tiers: ['internal'] }).map(({ at, changes }) => `${at} ${changes.join('; ')}`)).toEqual([
      '2025-09-15T12:00:00Z CTSA-2025-0002 withdrawn: internal',
      '2025-09-29T00:00:00Z CTSA-2025-0004 withdrawn: internal',
    ]);
  });
});
