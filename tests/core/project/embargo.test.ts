import { describe, expect, it } from 'vitest';
import { project } from '../../../src/core/project/project.ts';
import { availableFrom, tierView, type View } from '../../../src/core/project/view.ts';
import { advisoryOf, frontmatter, TIERS, viewsOf } from '../../helpers/content.ts';

const RELEASE = Date.parse('2025-07-22T17:00:00Z');
const HOUR = 3_600_000;
const sees = (text: string, view: (views: ReturnType<typeof viewsOf>) => View, at: number) => {
  const { advisory, content } = advisoryOf(text);
  return project(advisory, view(viewsOf(content)), at) !== null;
};

describe('embargo boundaries (docs/format.md#embargo-and-lead-arithmetic)', () => {
  // from(T) = release - lead(T): public 0h, partner 24h, trusted 5d.
  it.each([
    ['public', RELEASE],
    ['partner', RELEASE - 24 * HOUR],
    ['trusted', RELEASE - 5 * 24 * HOUR],
  ] as const)('%s sees the advisory exactly at from(T) and not 1 ms before', (tier, from) => {
    expect(sees(frontmatter(), (v) => v[tier], from)).toBe(true);
    expect(sees(frontmatter(), (v) => v[tier], from - 1)).toBe(false);
  });

  it('a lead: always tier sees every advisory at any instant, drafts included', () => {
    const draft = frontmatter().replace('release: 2025-07-22T17:00:00Z\n', 'status: draft\n');
    expect(sees(frontmatter(), (v) => v.internal, 0)).toBe(true);
    expect(sees(draft, (v) => v.internal, 0)).toBe(true);
  });

  it('no other tier ever sees a draft, even with a release date long past', () => {
    const draft = frontmatter('CTSA-2025-0001', 'status: draft\n');
    for (const tier of ['public', 'partner', 'trusted'] as const) {
      expect(sees(draft, (v) => v[tier], Date.parse('2100-01-01T00:00:00Z'))).toBe(false);
    }
  });

  it('an interim advisory is visible like a final one', () => {
    const interim = frontmatter('CTSA-2025-0001', 'status: interim\n');
    expect(sees(interim, (v) => v.public, RELEASE)).toBe(true);
    expect(sees(interim, (v) => v.public, RELEASE - 1)).toBe(false);
  });

  it('a per-tier release override moves that tier only, to the millisecond', () => {
    const override = Date.parse('2025-07-20T17:00:00Z');
    const text = frontmatter('CTSA-2025-0001', 'tiers:\n  partner:\n    release: 2025-07-20T17:00:00Z\n  trusted:\n    release: 2025-07-20T17:00:00Z\n');
    expect(sees(text, (v) => v.partner, override)).toBe(true);
    expect(sees(text, (v) => v.partner, override - 1)).toBe(false);
    expect(sees(text, (v) => v.public, RELEASE - 1)).toBe(false);
    expect(sees(text, (v) => v.public, RELEASE)).toBe(true);
  });

  it('a view with a maximum lead receives the advisory no earlier than release - max_lead', () => {
    const { advisory, content } = advisoryOf(frontmatter());
    const restricted: View = { ...tierView(content.site, 'trusted'), id: 'restricted', maxLead: 0 };
    expect(project(advisory, restricted, RELEASE - 1)).toBeNull();
    expect(project(advisory, restricted, RELEASE)).not.toBeNull();
    expect(availableFrom(advisory.fields, restricted.tier, restricted.maxLead)).toBe(RELEASE);
  });

  it('reports when each view first received the advisory', () => {
    const { advisory, content } = advisoryOf(frontmatter());
    const views = viewsOf(content);
    expect(TIERS.map((tier) => project(advisory, views[tier], RELEASE)!.availableFrom)).toEqual([
      '2025-07-22T17:00:00Z',
      '2025-07-21T17:00:00Z',
      '2025-07-17T17:00:00Z',
      undefined,
    ]);
  });

  it('shows a withdrawal only once it has happened as of the build instant', () => {
    const text = frontmatter('CTSA-2025-0001', 'withdrawn:\n  at: 2025-08-01T09:00:00Z\n  reason: Duplicate.\n');
    const { advisory, content } = advisoryOf(text);
    const at = Date.parse('2025-08-01T09:00:00Z');
    expect(project(advisory, viewsOf(content).public, at - 1)!.withdrawn).toBeUndefined();
    expect(project(advisory, viewsOf(content).public, at)!.withdrawn).toEqual({ at: '2025-08-01T09:00:00Z', reason: 'Duplicate.' });
  });
});
