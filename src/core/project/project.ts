import type { Root } from 'mdast';
import type { Frontmatter, Reference } from '../schema/advisory.ts';
import type { Severity } from '../schema/cvss.ts';
import { formatInstant } from '../schema/fields.ts';
import type { Tier } from '../schema/site.ts';
import type { Advisory } from '../validate/advisory.ts';
import type { AnyDefinition } from './definitions.ts';
import { projectTree, type RemovedGate, type TreeView } from './tree.ts';
import { availableFrom, type View } from './view.ts';

/** Overlay notes as a view shows them: labelled with the tier that gave them. */
export interface ProjectedNote {
  tier: string;
  tierName: string;
  body: Root;
}

/** A reference, with the tier whose overlay added it (none for the base list). */
export interface ProjectedReference extends Reference {
  tier?: string;
}

/**
 * Everything a view may see of one advisory, and nothing else: the data a
 * tier's pages, feeds and exports are made from.
 */
export interface ProjectedAdvisory
  extends Omit<Frontmatter, 'tiers' | 'references' | 'withdrawn' | 'severity'> {
  /** The given severity, else the first CVSS vector's rating; undefined when not rated. */
  severity: Severity | undefined;
  /** Whether `severity` was written by the vendor rather than derived from CVSS. */
  severityGiven: boolean;
  references: ProjectedReference[];
  notes: ProjectedNote[];
  /** Present only once the withdrawal has happened as of the build instant. */
  withdrawn?: Frontmatter['withdrawn'];
  body: Root;
  /** Assets referenced by the content this view sees, as paths below the content folder. */
  assets: string[];
  /** When this view first received the advisory; absent for a tier that sees everything at once. */
  availableFrom?: string;
  /** The tier whose overlay gave the title and the summary, for each an overlay replaced: pages label what the lowest tier does not receive. */
  overlaid: { title?: string; summary?: string };
}

/** What projection took away from a view, for the audit's fingerprints and the summary. */
export type Removal =
  | { kind: 'advisory'; id: string }
  | ({ kind: 'gate'; id: string; part: 'body' | `notes.${string}` } & RemovedGate)
  | { kind: 'definition'; id: string; part: 'body' | `notes.${string}`; definition: AnyDefinition }
  | { kind: 'overlay'; id: string; tier: string };

/**
 * Projects an advisory for a view at instant `at` (milliseconds): null when
 * the view does not see it yet (or never, for drafts); otherwise a new value
 * with overlays applied up to the view's tier and restricted gates removed.
 * The input is never modified; `removed` receives what was taken away.
 */
export function project(advisory: Advisory, view: View, at: number, removed: Removal[] = []): ProjectedAdvisory | null {
  const { fields } = advisory;
  const id = fields.id;
  const from = availableFrom(fields, view.tier, view.maxLead);
  if (from === null || at < from) {
    removed.push({ kind: 'advisory', id });
    return null;
  }

  const treeView = treeViewOf(view);
  // A body or overlay's notes as the view sees it; what was taken away goes to `removed`, for the audit.
  const projectPart = (tree: Root, text: string, part: 'body' | `notes.${string}`) => {
    const gates: RemovedGate[] = [];
    const projected = projectTree(tree, treeView, gates, { text });
    removed.push(...gates.map((gate) => ({ kind: 'gate' as const, id, part, ...gate })));
    removed.push(...projected.definitions.map((definition) => ({ kind: 'definition' as const, id, part, definition })));
    return projected;
  };
  const visibleTiers = view.tiers.slice(0, view.rank + 1);
  for (const tier of view.tiers.slice(view.rank + 1)) {
    if (fields.tiers[tier.id]) removed.push({ kind: 'overlay', id, tier: tier.id });
  }

  const body = projectPart(advisory.body, advisory.bodySource, 'body');
  const assets = new Set(body.assets);

  let { title, summary } = fields;
  const references: ProjectedReference[] = fields.references.map((reference) => ({ ...reference }));
  const notes: ProjectedNote[] = [];
  const overlaid: ProjectedAdvisory['overlaid'] = {};
  for (const tier of visibleTiers) {
    const overlay = fields.tiers[tier.id];
    if (!overlay) continue;
    title = overlay.title ?? title;
    summary = overlay.summary ?? summary;
    if (overlay.title !== undefined) overlaid.title = tier.id;
    if (overlay.summary !== undefined) overlaid.summary = tier.id;
    references.push(...(overlay.references ?? []).map((reference) => ({ ...reference, tier: tier.id })));
    const tree = advisory.notes[tier.id];
    if (!tree || overlay.notes === undefined) continue;
    const note = projectPart(tree, overlay.notes, `notes.${tier.id}`);
    note.assets.forEach((asset) => assets.add(asset));
    if (note.tree.children.length > 0) notes.push({ tier: tier.id, tierName: tier.name, body: note.tree });
  }

  const { tiers: _overlays, references: _references, withdrawn, severity: given, ...base } = fields;
  return {
    ...structuredClone(base),
    title,
    summary,
    severity: advisory.severity,
    severityGiven: given !== undefined,
    references,
    notes,
    ...(withdrawn && Date.parse(withdrawn.at) <= at ? { withdrawn: { ...withdrawn } } : {}),
    body: body.tree,
    assets: [...assets].sort(),
    ...(Number.isFinite(from) ? { availableFrom: formatInstant(from) } : {}),
    overlaid,
  };
}

function treeViewOf(view: View): TreeView {
  const ranks = new Map(view.tiers.map((tier, index) => [tier.id, index]));
  return {
    rank: view.rank,
    withhold: view.withhold,
    rankOf: (tierId) => ranks.get(tierId) ?? Number.POSITIVE_INFINITY,
    tierAt: (rank) => (view.tiers[rank] as Tier).id,
    review: view.tier.lead === 'always',
  };
}
