import type { List, ListItem, Nodes, RootContent } from 'mdast';
import { blankLines } from '../parse/lines.ts';

/** Where a tree came from, for structural decisions that must depend only on what remains of it. */
export interface Layout {
  /** The text the tree's offsets point into (a list's marker is read from it). */
  text: string;
  /** Blank lines of the source, in the line numbers of the tree's positions; read from `text` when absent. */
  blank?: ReadonlySet<number>;
  /** Lines that held removed content before this tree was parsed (the projection proof blanks them). */
  removed?: Iterable<number>;
}

/**
 * Makes the structure of a pruned tree a function of what remains (so a
 * removal leaves no trace in it), in place on the pruned copy: lists left
 * side by side by a removal become one list, as CommonMark reads them; a list
 * or list item is loose only when a blank line that is not part of removed
 * content separates two of the blocks that remain in it. Kept gates count as
 * the blocks inside them, since that is how a page shows them.
 */
export function settle<T extends Nodes>(tree: T, layout: Layout, removed: ReadonlySet<number>): T {
  let blank = layout.blank;
  const separated = (after: number, before: number) => {
    blank ??= blankLines(layout.text);
    for (let line = after + 1; line < before; line++) if (blank.has(line) && !removed.has(line)) return true;
    return false;
  };
  const marker = (list: List) => {
    const offset = list.position?.start.offset;
    if (offset === undefined) return undefined;
    // A bullet list is known by its bullet, an ordered one by its delimiter: lists only merge when they match.
    return list.ordered ? /^\d+([.)])/.exec(layout.text.slice(offset, offset + 11))?.[1] : layout.text[offset];
  };

  const visit = (node: Nodes) => {
    if (!('children' in node)) return;
    node.children = mergeLists(node.children as RootContent[], marker) as typeof node.children;
    for (const child of node.children) visit(child as Nodes);
    if (node.type === 'listItem') node.spread = anySeparated(blocks(node.children as RootContent[]), separated);
    if (node.type === 'list') {
      const items = node.children;
      node.spread = items.some((item, i) => i > 0 && separated(lastLine(items[i - 1]!), firstLine(item)));
    }
  };
  visit(tree);
  return tree;
}

/** Neighbouring lists of the same kind become one list: the first's start, every item in order. */
function mergeLists(children: RootContent[], marker: (list: List) => string | undefined): RootContent[] {
  const out: RootContent[] = [];
  for (const child of children) {
    const previous = out[out.length - 1];
    if (child.type === 'list' && previous?.type === 'list' && previous.ordered === child.ordered && marker(previous) === marker(child)) {
      out[out.length - 1] = { ...previous, children: [...previous.children, ...child.children] as ListItem[], position: previous.position };
    } else {
      out.push(child);
    }
  }
  return out;
}

/** The blocks a reader sees in a container: kept gates opened up, definitions (which show nothing) left out. */
function blocks(children: readonly RootContent[]): RootContent[] {
  return children.flatMap((child) => {
    if (child.type === 'definition' || child.type === 'footnoteDefinition') return [];
    if (child.type === 'gate' && child.form !== 'text') {
      // A leaf gate's paragraph is made at parse time and has no position of its own: it stands where the gate does.
      return blocks(child.children as RootContent[]).map((inner) => (inner.position ? inner : { ...inner, position: child.position }));
    }
    return [child];
  });
}

function anySeparated(nodes: readonly RootContent[], separated: (after: number, before: number) => boolean): boolean {
  return nodes.some((node, i) => i > 0 && separated(lastLine(nodes[i - 1]!), firstLine(node)));
}

function firstLine(node: Nodes): number {
  return node.position?.start.line ?? 0;
}

/** The last line of what remains of a node: a container ends where its last remaining block ends. */
function lastLine(node: Nodes): number {
  if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote' || node.type === 'footnoteDefinition' || node.type === 'gate') {
    const inner = blocks(node.children as RootContent[]);
    const last = inner[inner.length - 1];
    if (last) return lastLine(last);
  }
  return node.position?.end.line ?? 0;
}
