import type { Nodes, Parent, Root, RootContent } from 'mdast';
import type { Gate } from '../gates/types.ts';

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
}

/** Parents that stay even when emptied, because removing them would break their container. */
const STRUCTURAL = new Set(['root', 'tableCell', 'tableRow']);

/**
 * Returns a copy of a gated tree as `view` may see it: gates above the view
 * or of a withheld class are removed with everything inside them, parents
 * emptied by that removal go too, positions are dropped (they would shift
 * with removed text), and kept gates name the strictest tier on their path.
 * The input is not modified.
 */
export function projectTree(root: Root, view: TreeView, removed: RemovedGate[] = []): { tree: Root; assets: string[] } {
  const assets = new Set<string>();
  const copy = (node: Nodes, pathRank: number): Nodes | undefined => {
    if (node.type === 'gate') {
      const rank = view.rankOf(node.tier);
      if (rank > view.rank || view.withhold.includes(node.name)) {
        removed.push({ gate: node, reason: rank > view.rank ? 'tier' : 'withheld' });
        return undefined;
      }
      pathRank = Math.max(pathRank, rank);
    }
    const { position: _position, children, data, ...fields } = node as Nodes & Partial<Parent>;
    const out = { ...fields } as Record<string, unknown>;
    if (data) out.data = { ...data };
    if (Array.isArray(out.align)) out.align = [...(out.align as unknown[])];
    if (data?.asset) assets.add(data.asset);
    if (node.type === 'gate') out.tier = view.tierAt(pathRank);
    if (children) {
      const kept = children.map((child) => copy(child as Nodes, pathRank)).filter((child) => child !== undefined);
      if (kept.length === 0 && children.length > 0 && !STRUCTURAL.has(node.type)) return undefined;
      out.children = kept as RootContent[];
    }
    return out as unknown as Nodes;
  };
  const tree = (copy(root, 0) as Root | undefined) ?? { type: 'root', children: [] };
  return { tree, assets: [...assets].sort() };
}
