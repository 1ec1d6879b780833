import type { Nodes, Root } from 'mdast';
import { gateMarkdown } from '../gates/gate.ts';
import type { Gate } from '../gates/types.ts';
import { blankLines } from '../parse/lines.ts';
import type { ProjectedAdvisory } from '../project/project.ts';
import type { ViewProjection } from '../project/summary.ts';
import { projectTree, type RemovedGate, type TreeView } from '../project/tree.ts';
import type { Advisory } from '../validate/advisory.ts';
import type { Content } from '../validate/content.ts';
import { blankOut } from './blank-out.ts';
import { firstDifference } from './compare.ts';

/** An advisory whose projection and its derivation from the source text disagree. */
export interface ProofFailure {
  advisory: string;
  file: string;
  view: string;
  /** The first place they differ. */
  difference: string;
}

/**
 * The projection proof: every visible advisory from which a
 * view lost anything is derived a second way, straight from its source
 * text — every gate above the view cut out of the text, overlays of higher
 * tiers dropped from the data — then parsed and projected again, which must
 * remove nothing more and give a deep-equal result. A difference means
 * something of the removed parts (text, structure, a count) still shapes
 * what the view gets. Returns the advisories where that happens, for every
 * view given; views that cut the same text out of an advisory share one parse.
 * What it guarantees: docs/deployment.md#what-the-audit-and-the-projection-proof-guarantee.
 */
export function proveProjection(content: Content, projections: ViewProjection | readonly ViewProjection[]): ProofFailure[] {
  return proveItems(content, proofWork('view' in projections ? [projections] : projections));
}

/** One advisory as one view gets it: a unit of the proof. */
export interface ProofItem {
  projection: ViewProjection;
  projected: ProjectedAdvisory;
}

/** What the proof must check: per view, every visible advisory from which the view lost anything. */
export function proofWork(projections: readonly ViewProjection[]): ProofItem[] {
  const items: ProofItem[] = [];
  for (const projection of projections) {
    const lost = new Set(projection.removed.filter((removal) => removal.kind !== 'advisory').map((removal) => removal.id));
    for (const projected of projection.advisories) if (lost.has(projected.id)) items.push({ projection, projected });
  }
  return items;
}

/** Proves the items given (a build leaves out those its cache holds proven); items of one advisory share its parses. */
export function proveItems(content: Content, items: readonly ProofItem[]): ProofFailure[] {
  const byId = new Map(content.advisories.map((advisory) => [advisory.fields.id, advisory]));
  const work = new Map<string, ProofItem[]>();
  for (const item of items) work.set(item.projected.id, [...(work.get(item.projected.id) ?? []), item]);
  const failures: ProofFailure[] = [];
  for (const [id, views] of work) {
    const advisory = byId.get(id)!;
    const parses = new Map<string, Root>();
    for (const { projection, projected } of views) {
      const difference = proveAdvisory(content, advisory, projection, projected, parses);
      if (difference) failures.push({ advisory: id, file: advisory.name, view: projection.view.id, difference });
    }
  }
  return failures;
}

function proveAdvisory(
  content: Content,
  advisory: Advisory,
  projection: ViewProjection,
  projected: ProjectedAdvisory,
  parses: Map<string, Root>,
): string | undefined {
  const { view } = projection;
  const ranks = new Map(view.tiers.map((tier, index) => [tier.id, index]));
  const treeView: TreeView = {
    rank: view.rank,
    withhold: view.withhold,
    rankOf: (id) => ranks.get(id) ?? Number.POSITIVE_INFINITY,
    tierAt: (rank) => view.tiers[rank]!.id,
    review: view.tier.lead === 'always',
  };
  const hidden = (gate: Gate) => treeView.rankOf(gate.tier) > view.rank || view.withhold.includes(gate.name);
  const options = { site: content.site, file: advisory.file, assets: new Set(content.assets) };
  const assets = new Set<string>();

  const derive = (tree: Root, source: string) => {
    const blanked = blankOut(source, tree, hidden);
    // Nothing cut: the text is the source, whose parse is the tree already made. Views that cut the same share one parse.
    const key = `${blanked.lines.join(',')}\n${blanked.text}`;
    let reparsed = blanked.text === source ? tree : parses.get(key);
    if (!reparsed) {
      reparsed = gateMarkdown(blanked.text, options).tree;
      relocate(reparsed, blanked.lines);
      parses.set(key, reparsed);
    }
    const removed: RemovedGate[] = [];
    const result = projectTree(reparsed, treeView, removed, { text: blanked.text, blank: blankLines(source), removed: blanked.removed });
    result.assets.forEach((asset) => assets.add(asset));
    return { tree: result.tree, leftover: removed.length };
  };

  const body = derive(advisory.body, advisory.bodySource);
  if (body.leftover > 0) return `body: ${body.leftover} gate(s) above the view are still there after cutting them out of the text`;
  const bodyDifference = firstDifference(projected.body, body.tree, 'body');
  if (bodyDifference) return bodyDifference;

  // Fields from the frontmatter with every overlay above the view dropped, folded in tier order.
  let { title, summary } = advisory.fields;
  const references: unknown[] = advisory.fields.references.map((reference) => ({ ...reference }));
  const notes: Array<{ tier: string; body: Root }> = [];
  for (const tier of view.tiers.slice(0, view.rank + 1)) {
    const overlay = advisory.fields.tiers[tier.id];
    if (!overlay) continue;
    title = overlay.title ?? title;
    summary = overlay.summary ?? summary;
    references.push(...(overlay.references ?? []).map((reference) => ({ ...reference, tier: tier.id })));
    const tree = advisory.notes[tier.id];
    if (tree && overlay.notes !== undefined) {
      const note = derive(tree, overlay.notes);
      if (note.leftover > 0) return `tiers.${tier.id}.notes: gates above the view are still there after cutting them out of the text`;
      if (note.tree.children.length > 0) notes.push({ tier: tier.id, body: note.tree });
    }
  }
  return (
    firstDifference(projected.title, title, 'title') ??
    firstDifference(projected.summary, summary, 'summary') ??
    firstDifference(projected.references, references, 'references') ??
    firstDifference(
      projected.notes.map((note) => ({ tier: note.tier, body: note.body })),
      notes,
      'notes',
    ) ??
    firstDifference(projected.assets, [...assets].sort(), 'assets')
  );
}

/** Points the positions of a tree parsed from cut text back at the original lines. */
function relocate(node: Nodes, lines: readonly number[]): void {
  if (node.position) {
    node.position = {
      start: { ...node.position.start, line: lines[node.position.start.line] ?? node.position.start.line },
      end: { ...node.position.end, line: lines[node.position.end.line] ?? node.position.end.line },
    };
  }
  if ('children' in node) node.children.forEach((child) => relocate(child as Nodes, lines));
}
