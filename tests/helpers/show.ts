import type { Nodes, Root } from 'mdast';
import { directiveToMarkdown } from 'mdast-util-directive';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import type { Gate } from '../../src/core/gates/types.ts';

/**
 * Serialises a projected tree to Markdown for fixtures: a kept gate shows as
 * a `kept` directive naming its tier, so expected outputs read like the input.
 */
export function showTree(tree: Root): string {
  const asDirective = (node: Nodes): Nodes => {
    if (node.type === 'gate') {
      const gate = node as Gate;
      const type = gate.form === 'container' ? 'containerDirective' : gate.form === 'leaf' ? 'containerDirective' : 'textDirective';
      return { type, name: 'kept', attributes: { tier: gate.tier, gate: gate.name }, children: gate.children.map((c) => asDirective(c as Nodes)) } as Nodes;
    }
    if ('children' in node) return { ...node, children: node.children.map((c) => asDirective(c as Nodes)) } as Nodes;
    return node;
  };
  return toMarkdown(asDirective(tree), { extensions: [directiveToMarkdown(), gfmToMarkdown()] });
}
