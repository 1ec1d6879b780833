import type { Nodes, Parent, Root, RootContent } from 'mdast';
import type { Gate } from '../gates/types.ts';
import { usedDefinitions, type AnyDefinition } from './definitions.ts';
import { settle, type Layout } from './settle.ts';

export type { Layout } from './settle.ts';

/** A gate removed from a view, kept with its original node for reports and fingerprints. */
export interface RemovedGate {
  gate: Gate;
  /** Why: its tier is above the view, or its class is withheld. */
  reason: 'tier' | 'withheld';
}

/** What tree projection needs to know of a view. */
export interface TreeView {
  rank: number;
  withhold: readonly string[];
  rankOf: (tierId: string) => number;
  tierAt: (rank: number) => string;
  /** The review view (a tier that sees everything): it keeps definitions no reference uses, for authors to see. */
  review?: boolean;
}

/** A tree as a view may see it. */
export interface TreeProjection {
  tree: Root;
  /** Assets the kept content refers to, as paths below the content folder. */
  assets: string[];
  /** Definitions removed because no reference the view sees uses them. */
  definitions: AnyDefinition[];
}

/** Parents that stay even when emptied, because removing them would break their container. */
const STRUCTURAL = new Set(['root', 'tableCell', 'tableRow']);
/** Blocks whose inline content is one run of text: removal must not leave white space at their edges. */
const RUNS = new Set(['paragraph', 'heading', 'tableCell']);

/**
 * Returns a copy of a gated tree as `view` may see it, in three steps:
 * `prune` removes gates above the view or of a withheld class with
 * everything inside, definitions no kept reference uses, and parents left
 * empty; `settle` makes every structural property a function of what
 * remains (list looseness, adjacent lists, text edges), using `layout`;
 * `finish` drops positions (they would shift with removed text) and names
 * the strictest tier on each kept gate's path. The input is not modified.
 */
export function projectTree(root: Root, view: TreeView, removed: RemovedGate[] = [], layout?: Layout): TreeProjection {
  const hidden = (node: Nodes) => node.type === 'gate' && (view.rankOf(node.tier) > view.rank || view.withhold.includes(node.name));
  const used = view.review ? undefined : usedDefinitions(root, hidden);
  const definitions: AnyDefinition[] = [];
  const removedLines = new Set<number>(layout?.removed);
  const drop = (node: Nodes) => {
    for (let line = node.position?.start.line ?? 0; line <= (node.position?.end.line ?? -1); line++) removedLines.add(line);
  };

  const prune = (node: Nodes): Nodes | undefined => {
    if (hidden(node)) {
      const gate = node as Gate;
      removed.push({ gate, reason: view.rankOf(gate.tier) > view.rank ? 'tier' : 'withheld' });
      if (gate.form !== 'text') drop(gate);
      return undefined;
    }
    if ((node.type === 'definition' || node.type === 'footnoteDefinition') && used && !used.has(node)) {
      definitions.push(node);
      drop(node);
      return undefined;
    }
    if (!('children' in node)) return { ...node } as Nodes;
    let children = node.children.map((child) => prune(child as Nodes)).filter((child) => child !== undefined) as RootContent[];
    children = mergeTexts(children);
    if (RUNS.has(node.type)) children = trimEdges(children);
    if (children.length === 0 && !STRUCTURAL.has(node.type)) return undefined;
    return { ...node, children } as Nodes;
  };

  const pruned = (prune(root) as Root | undefined) ?? { type: 'root', children: [] };
  const settled = layout ? settle(pruned, layout, removedLines) : pruned;
  const assets = new Set<string>();
  const tree = finish(settled, 0, view, assets) as Root;
  return { tree, assets: [...assets].sort(), definitions };
}

/** Drops positions, names kept gates by the strictest tier on their path, collects assets. */
function finish(node: Nodes, pathRank: number, view: TreeView, assets: Set<string>): Nodes {
  if (node.type === 'gate') pathRank = Math.max(pathRank, view.rankOf(node.tier));
  const { position: _position, children, data, ...fields } = node as Nodes & Partial<Parent>;
  const out = { ...fields } as Record<string, unknown>;
  if (data) out.data = { ...data };
  if (Array.isArray(out.align)) out.align = [...(out.align as unknown[])];
  if (data?.asset) assets.add(data.asset);
  if (node.type === 'gate') out.tier = view.tierAt(pathRank);
  if (children) out.children = children.map((child) => finish(child as Nodes, pathRank, view, assets));
  return out as unknown as Nodes;
}

/** Joins neighbouring text nodes left side by side by a removal, as a parser would have read them. */
function mergeTexts(nodes: RootContent[]): RootContent[] {
  const merged: RootContent[] = [];
  for (const node of nodes) {
    const previous = merged[merged.length - 1];
    if (node.type === 'text' && previous?.type === 'text') {
      // White space at a line end or start is not kept by CommonMark: the junction reads as the parser would read it.
      const value = (previous.value + node.value).replace(/[ \t]+\n/g, '\n').replace(/\n[ \t]+/g, '\n');
      merged[merged.length - 1] = { type: 'text', value, position: spanOf(previous.position, node.position) };
    } else {
      merged.push(node);
    }
  }
  return merged;
}

/**
 * A run's leading and trailing white space goes, as a parser drops it: a
 * removed inline gate must not leave a space (or a run of nothing but
 * spaces) behind. CommonMark white space only: a deliberate `&nbsp;` stays.
 */
function trimEdges(children: RootContent[]): RootContent[] {
  const out = [...children];
  const first = out[0];
  if (first?.type === 'text') out[0] = { ...first, value: first.value.replace(/^[ \t\n]+/, '') };
  const lastIndex = out.length - 1;
  const last = out[lastIndex];
  if (last?.type === 'text') out[lastIndex] = { ...last, value: last.value.replace(/[ \t\n]+$/, '') };
  return out.filter((child) => child.type !== 'text' || child.value !== '');
}

function spanOf(a: Nodes['position'], b: Nodes['position']): Nodes['position'] {
  return a && b ? { start: a.start, end: b.end } : (a ?? b);
}
