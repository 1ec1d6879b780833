import type { Nodes, Root } from 'mdast';
import { fillMarks } from '../core/gates/mark.ts';

/** How a projected tree is prepared for a machine-readable export. */
export interface ExportTreeOptions {
  /** Replaces every `{{mark}}`: a partner's keyed mark, or the neutral token in tier bundles. */
  mark: string;
  /** Absolute base URL of the bundle, so links to local assets still resolve outside the site. */
  baseUrl: string;
}

/**
 * Copies a projected tree for export: every gate left by projection is one
 * the view may see, so it is unwrapped (its children take its place); every
 * `{{mark}}` is replaced and local assets become absolute URLs. The input is
 * never modified.
 */
export function exportTree(tree: Root, options: ExportTreeOptions): Root {
  const base = options.baseUrl.replace(/\/$/, '');
  const copy = (node: Nodes): Nodes[] => {
    if (node.type === 'gate') return node.children.flatMap((child) => copy(child));
    const out = { ...node } as Record<string, unknown>;
    for (const key of ['value', 'url', 'alt', 'title'] as const) {
      if (typeof out[key] === 'string') out[key] = fillMarks(out[key] as string, options.mark);
    }
    if (node.data?.asset) out.url = `${base}/${node.data.asset}`;
    if ('children' in node) out.children = node.children.flatMap((child) => copy(child as Nodes));
    return [out as unknown as Nodes];
  };
  return copy(tree)[0] as Root;
}
