import type { Definition, FootnoteDefinition, Nodes } from 'mdast';

/** A link, image or footnote definition. */
export type AnyDefinition = Definition | FootnoteDefinition;

/**
 * The definitions of a tree that some reference still in it uses
 * (docs/format.md #definitions-and-footnotes: a definition is part of the
 * least restrictive gate among the references that use it). Only the first
 * definition of a label counts, as in CommonMark; a footnote definition's own
 * references count only once that footnote is used. `skip(node)` says which
 * subtrees are already gone (gates above the view). The tree is read, never
 * modified.
 */
export function usedDefinitions(root: Nodes, skip: (node: Nodes) => boolean): Set<AnyDefinition> {
  const links = new Map<string, Definition>();
  const footnotes = new Map<string, FootnoteDefinition>();
  const linkRefs = new Set<string>();
  const footnoteRefs = new Set<string>();
  const footnoteBodies: FootnoteDefinition[] = [];

  // References outside footnote definitions, and every definition in document order.
  const collect = (node: Nodes, intoFootnote: boolean) => {
    if (skip(node)) return;
    if (node.type === 'definition') {
      if (!links.has(node.identifier)) links.set(node.identifier, node);
      return;
    }
    if (node.type === 'footnoteDefinition') {
      if (!footnotes.has(node.identifier)) footnotes.set(node.identifier, node);
      if (!intoFootnote) {
        footnoteBodies.push(node);
        return;
      }
    }
    if (node.type === 'linkReference' || node.type === 'imageReference') linkRefs.add(node.identifier);
    if (node.type === 'footnoteReference') footnoteRefs.add(node.identifier);
    if ('children' in node) for (const child of node.children) collect(child as Nodes, intoFootnote);
  };
  collect(root, false);

  // A used footnote's body may use further definitions and footnotes: follow until nothing new.
  const used = new Set<AnyDefinition>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const body of footnoteBodies) {
      if (used.has(body) || footnotes.get(body.identifier) !== body || !footnoteRefs.has(body.identifier)) continue;
      used.add(body);
      grew = true;
      for (const child of body.children) collect(child as Nodes, true);
    }
  }
  for (const [identifier, definition] of links) if (linkRefs.has(identifier)) used.add(definition);
  return used;
}
