import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Content } from '../../src/core/validate/content.ts';

/**
 * Lines of text inside gates of `name` (or every gate above `rank`), across all
 * advisories: the PoC code and prose a lower tier must never receive. Only
 * lines that no HTML or JSON escaping would change, and long enough to be
 * distinctive, so a plain substring search over a bundle is conclusive.
 */
export function gatedLines(content: Content, select: (gate: { name: string; rank: number }) => boolean): string[] {
  const rankOf = (tier: string) => content.site.tiers.findIndex((t) => t.id === tier);
  const lines = new Set<string>();
  const walk = (node: Nodes, inside: boolean) => {
    const here = inside || (node.type === 'gate' && select({ name: node.name, rank: rankOf(node.tier) }));
    if (here && (node.type === 'code' || node.type === 'text' || node.type === 'inlineCode')) {
      for (const line of node.value.split('\n')) lines.add(line.trim());
    }
    if (here && node.type === 'paragraph') lines.add(toString(node).trim());
    if ('children' in node) node.children.forEach((child) => walk(child as Nodes, here));
  };
  for (const advisory of content.advisories) {
    walk(advisory.body, false);
    Object.values(advisory.notes).forEach((note) => walk(note, false));
  }
  return [...lines].filter((line) => line.length >= 20 && /^[\w .,:;=/()-]+$/.test(line) && !line.includes('{{mark}}'));
}
