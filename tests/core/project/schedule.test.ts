import type { Nodes } from 'mdast';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectedViews, visibilityInstants } from '../../../src/core/project/instants.ts';
import { project } from '../../../src/core/project/project.ts';
import { pocAccess, pocClasses, visibilitySchedule, type ScheduledChange } from '../../../src/core/project/schedule.ts';
import type { Content } from '../../../src/core/validate/content.ts';
import { exampleContent } from '../../helpers/exports.ts';

// Instants computed by hand from content/site.yaml (leads: public 0h, partner 24h, trusted 5d, internal always),
// content/partners.yaml and the advisories' frontmatter, with plain date arithmetic.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

// Who sees what, by the views of content/partners.yaml, in its order after the tiers.
const TRUSTED = 'trusted, contoso-av, fabrikam-mssp, adventure-works';
// litware-cert: trusted, but withholds poc.
const LITWARE = 'litware-cert';
const PARTNER = 'partner, adatum-hosting, northwind-integrators';
// tailspin-telecom (trusted), wingtip-reseller and proseware-cloud (partner) are in restricted-jurisdiction: capped at
// the partner tier, without poc, max_lead 0h, so they see an advisory at its release, with the public tier.
const AT_RELEASE = 'public, tailspin-telecom, wingtip-reseller, proseware-cloud, woodgrove-bank';

const line = (change: ScheduledChange) => `${change.at} ${change.advisory} ${change.change}${change.poc ? ` ${change.poc}` : ''}${change.alreadyWithdrawn ? ' already-withdrawn' : ''}: ${change.views.join(', ')}`;

let content: Content;
beforeAll(async () => {
  content = await exampleContent();
});

describe('visibilitySchedule on the example content', () => {
  it('lists when each tier and partner starts to see each advisory and its PoC, oldest first', () => {
    const from = Date.UTC(2026, 10, 15);
    // CTSA-2026-0010: release 2026-12-01T17:00:00Z, its trusted overlay releases it on 2026-11-20T17:00:00Z; its PoC is in the trusted notes.
    const release10 = Date.UTC(2026, 11, 1, 17);
    const trusted10 = Date.UTC(2026, 10, 20, 17);
    // CTSA-2026-0009: release 2026-11-29T09:00:00Z, a :::poc gate in the body.
    const release9 = Date.UTC(2026, 10, 29, 9);
    // CTSA-2026-0011: release 2026-12-20T17:00:00Z, a :::poc gate in the body.
    const release11 = Date.UTC(2026, 11, 20, 17);
    expect(visibilitySchedule(content, { from, to: from + 40 * DAY }).map(line)).toEqual([
      `${iso(trusted10)} CTSA-2026-0010 sees with: ${TRUSTED}`,
      `${iso(trusted10)} CTSA-2026-0010 sees withheld: ${LITWARE}`,
      `${iso(release9 - 5 * DAY)} CTSA-2026-0009 sees with: ${TRUSTED}`,
      `${iso(release9 - 5 * DAY)} CTSA-2026-0009 sees withheld: ${LITWARE}`,
      `${iso(release9 - 24 * HOUR)} CTSA-2026-0009 sees without: ${PARTNER}`,
      `${iso(release9)} CTSA-2026-0009 sees without: ${AT_RELEASE}`,
      `${iso(release10 - 24 * HOUR)} CTSA-2026-0010 sees without: ${PARTNER}`,
      // max_lead 0h: the restricted partners wait for the release although their tier's lead is 24h.
      `${iso(release10)} CTSA-2026-0010 sees without: ${AT_RELEASE}`,
      `${iso(release11 - 5 * DAY)} CTSA-2026-0011 sees with: ${TRUSTED}`,
      `${iso(release11 - 5 * DAY)} CTSA-2026-0011 sees withheld: ${LITWARE}`,
      `${iso(release11 - 24 * HOUR)} CTSA-2026-0011 sees without: ${PARTNER}`,
      `${iso(release11)} CTSA-2026-0011 sees without: ${AT_RELEASE}`,
    ]);
  });

  it('lists a withdrawal for every view that saw the advisory, the always tier included', () => {
    // CTSA-2024-0006: release 2024-08-27T17:00:00Z, withdrawn 2024-09-03T09:00:00Z, no PoC.
    const release = Date.UTC(2024, 7, 27, 17);
    const from = Date.UTC(2024, 7, 20);
    expect(visibilitySchedule(content, { from, to: from + 20 * DAY }).map(line)).toEqual([
      `${iso(release - 5 * DAY)} CTSA-2024-0006 sees none: trusted, contoso-av, fabrikam-mssp, litware-cert, adventure-works`,
      `${iso(release - 24 * HOUR)} CTSA-2024-0006 sees none: ${PARTNER}`,
      `${iso(release)} CTSA-2024-0006 sees none: ${AT_RELEASE}`,
      `${iso(Date.UTC(2024, 8, 3, 9))} CTSA-2024-0006 withdrawn: public, partner, trusted, internal, contoso-av, fabrikam-mssp, litware-cert, adatum-hosting, northwind-integrators, tailspin-telecom, wingtip-reseller, proseware-cloud, woodgrove-bank, adventure-works`,
    ]);
  });

  it('includes the start of the window and leaves out its end', () => {
    const release = Date.UTC(2026, 11, 20, 17);
    expect(visibilitySchedule(content, { from: release, to: release + 1 }).map((change) => change.at)).toEqual([iso(release)]);
    expect(visibilitySchedule(content, { from: release - DAY, to: release })).toHaveLength(1);
    expect(visibilitySchedule(content, { from: release + 1 })).toEqual([]);
  });

  it('has the instants visibilityInstants finds for the builds, no more and no fewer', () => {
    const scheduled = [...new Set(visibilitySchedule(content, { from: Number.NEGATIVE_INFINITY }).map((change) => change.at))];
    expect(scheduled).toEqual(visibilityInstants(content).map((instant) => instant.at));
  });

  it('says a view sees the PoC exactly when its projection keeps a poc gate', () => {
    const hasPoc = (node: Nodes): boolean => (node.type === 'gate' && node.name === 'poc') || ('children' in node && node.children.some((child) => hasPoc(child as Nodes)));
    for (const advisory of content.advisories) {
      for (const view of selectedViews(content, {})) {
        const projected = project(advisory, view, 8.64e15);
        if (!projected) continue;
        const seen = hasPoc(projected.body) || projected.notes.some((note) => hasPoc(note.body));
        expect(pocAccess(advisory, view, ['poc']) === 'with', `${advisory.fields.id} for ${view.id}`).toBe(seen);
      }
    }
  });
});

describe('pocClasses', () => {
  it('is the poc class when the site has one, else every class', () => {
    expect(pocClasses({ classes: { poc: 'trusted', internal: 'internal' } })).toEqual(['poc']);
    expect(pocClasses({ classes: { exploit: 'trusted', internal: 'internal' } })).toEqual(['exploit', 'internal']);
    expect(pocClasses({ classes: {} })).toEqual([]);
  });
});
