import type { Nodes } from 'mdast';
import { formatInstant } from '../schema/fields.ts';
import type { Site } from '../schema/site.ts';
import type { Advisory } from '../validate/advisory.ts';
import type { Content } from '../validate/content.ts';
import { selectedViews } from './instants.ts';
import { availableFrom, type View } from './view.ts';

/**
 * Whether a view that sees an advisory sees its PoC: `with` it, not
 * because the PoC is above its tier (`without`), not because its class is
 * withheld from the view (`withheld`); `none` when the advisory has no PoC.
 */
export type PocAccess = 'with' | 'without' | 'withheld' | 'none';

/** One change of what some views see, at one instant, for one advisory. */
export interface ScheduledChange {
  ms: number;
  /** Canonical instant text, as `--at` takes it. */
  at: string;
  advisory: string;
  /** `sees`: the views start to see the advisory; `withdrawn`: views that saw it now see it withdrawn. */
  change: 'sees' | 'withdrawn';
  /** For `sees`: whether they see its PoC from then on. */
  poc?: PocAccess;
  /** For `sees`: it was withdrawn before they first see it, so they see it withdrawn at once. */
  alreadyWithdrawn?: boolean;
  /** Tier ids in the site's order, then partner ids in the order of partners.yaml. */
  views: string[];
}

/**
 * The classes whose gates are an advisory's PoC: the class `poc` when the
 * site has one, else every class (on such a site any class gate is the
 * part held back longest, so it is what "PoC" stands for).
 */
export function pocClasses(site: Pick<Site, 'classes'>): string[] {
  const classes = Object.keys(site.classes);
  return classes.includes('poc') ? ['poc'] : classes;
}

/**
 * The classes of the gates whose content a view sees some of, in the body
 * and in the overlay notes of the tiers it sees. A gate is hidden, with
 * everything inside, when its tier is above the view or its class is
 * withheld: the rule `projectTree` removes gates by. It does not depend on
 * the instant: a view sees a gate from the moment it sees the advisory, or
 * never.
 */
export function gateClassesSeen(advisory: Pick<Advisory, 'body' | 'notes'>, view: Pick<View, 'rank' | 'withhold' | 'tiers'>): Set<string> {
  const ranks = new Map(view.tiers.map((tier, index) => [tier.id, index]));
  const seen = new Set<string>();
  const visit = (node: Nodes) => {
    if (node.type === 'gate') {
      if ((ranks.get(node.tier) ?? Number.POSITIVE_INFINITY) > view.rank || view.withhold.includes(node.name)) return;
      if (node.name !== 'tier') seen.add(node.name);
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(advisory.body);
  for (const tier of view.tiers.slice(0, view.rank + 1)) {
    const notes = advisory.notes[tier.id];
    if (notes) visit(notes);
  }
  return seen;
}

/** Whether a view sees an advisory's PoC, and if not, why not. */
export function pocAccess(advisory: Pick<Advisory, 'body' | 'notes'>, view: View, poc: readonly string[]): PocAccess {
  const has = (classes: Set<string>) => poc.some((name) => classes.has(name));
  if (has(gateClassesSeen(advisory, view))) return 'with';
  const top = view.tiers.length - 1;
  if (!has(gateClassesSeen(advisory, { tiers: view.tiers, rank: top, withhold: [] }))) return 'none';
  return has(gateClassesSeen(advisory, { ...view, withhold: [] })) ? 'withheld' : 'without';
}

/** The window of a schedule: from `from` (milliseconds, included) to `to` (excluded; no end when absent). */
export interface ScheduleWindow {
  from: number;
  to?: number;
}

const CHANGE_ORDER = { sees: 0, withdrawn: 1 } as const;
const POC_ORDER: Record<PocAccess, number> = { with: 0, withheld: 1, without: 2, none: 3 };

/**
 * Every change of what a tier or partner sees within a window, oldest
 * first: when views start to see an advisory (release overrides, max_tier,
 * withheld classes and max_lead included, as `visibilityInstants` finds
 * them), whether they see its PoC from then, and when views that see it
 * see it withdrawn. Views that change alike at one instant are one entry.
 * Tiers with `lead: always` see everything at any time: they have no
 * start, only withdrawals.
 */
export function visibilitySchedule(content: Content, window: ScheduleWindow): ScheduledChange[] {
  const views = selectedViews(content, {});
  const poc = pocClasses(content.site);
  const entries = new Map<string, ScheduledChange>();
  const note = (entry: Omit<ScheduledChange, 'at' | 'views'>, view: string) => {
    if (entry.ms < window.from || (window.to !== undefined && entry.ms >= window.to)) return;
    const key = JSON.stringify([entry.ms, entry.advisory, entry.change, entry.poc ?? '', entry.alreadyWithdrawn ?? false]);
    const existing = entries.get(key) ?? { ...entry, at: formatInstant(entry.ms), views: [] };
    existing.views.push(view);
    entries.set(key, existing);
  };
  for (const advisory of content.advisories) {
    const { fields } = advisory;
    const withdrawn = fields.withdrawn ? Date.parse(fields.withdrawn.at) : undefined;
    for (const view of views) {
      const from = availableFrom(fields, view.tier, view.maxLead);
      if (from === null) continue;
      if (Number.isFinite(from)) {
        const late = withdrawn !== undefined && withdrawn <= from;
        note({ ms: from, advisory: fields.id, change: 'sees', poc: pocAccess(advisory, view, poc), ...(late ? { alreadyWithdrawn: true } : {}) }, view.id);
      }
      if (withdrawn !== undefined && withdrawn > from) note({ ms: withdrawn, advisory: fields.id, change: 'withdrawn' }, view.id);
    }
  }
  return [...entries.values()].sort(
    (a, b) =>
      a.ms - b.ms ||
      (a.advisory < b.advisory ? -1 : a.advisory > b.advisory ? 1 : 0) ||
      CHANGE_ORDER[a.change] - CHANGE_ORDER[b.change] ||
      POC_ORDER[a.poc ?? 'none'] - POC_ORDER[b.poc ?? 'none'],
  );
}
