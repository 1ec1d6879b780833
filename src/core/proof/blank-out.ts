import type { Nodes, Root } from 'mdast';
import type { Position } from 'unist';
import type { Gate } from '../gates/types.ts';

/** Directives no site can define (class names are lower case): the parse drops them. */
const PLACEHOLDER = '::Cut';
const INLINE_PLACEHOLDER = ':Cut[]';

/** Inline containers that disappear when all they hold is removed. */
const INLINE = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference']);

/** Source text with some gates taken out at the text level, and how its lines map back. */
export interface BlankedText {
  text: string;
  /** For each line of `text` (from 1), the line of the original it starts on. */
  lines: number[];
  /** Original lines that held a removed container or leaf gate: now blank but for their blockquote markers. */
  removed: Set<number>;
}

/**
 * Removes the outermost gates `hidden` selects straight from the source
 * text, the way an author would delete them: a container or leaf gate's
 * lines are emptied (blockquote markers stay, so the quote around them
 * goes on), a text gate's span `:name[…]{…}` is cut out of its line, with
 * emphasis or a link that held nothing else. The
 * gates are found by their positions in `tree`, which was parsed from `text`.
 */
export function blankOut(text: string, tree: Root, hidden: (gate: Gate) => boolean): BlankedText {
  const cuts: Array<{ position: Position; block: boolean }> = [];
  const gone = (node: Nodes): boolean =>
    (node.type === 'gate' && hidden(node)) ||
    (node.type === 'text' && node.value.trim() === '') ||
    (INLINE.has(node.type) && 'children' in node && node.children.length > 0 && node.children.every((child) => gone(child as Nodes)));
  const find = (node: Nodes) => {
    if (node.type === 'gate' && hidden(node)) cuts.push({ position: node.position!, block: node.form !== 'text' });
    // Emphasis or a link around nothing but removed gates goes with them, as an author deleting the gate would delete it.
    else if (INLINE.has(node.type) && gone(node)) cuts.push({ position: node.position!, block: false });
    else if ('children' in node) node.children.forEach((child) => find(child as Nodes));
  };
  find(tree);
  cuts.sort((a, b) => a.position.start.offset! - b.position.start.offset!);

  let out = '';
  const lines = [0, 1];
  let line = 1;
  const removed = new Set<number>();
  // Copies original text; every line break starts an output line that maps to the next original line.
  const copy = (piece: string) => {
    for (let at = piece.indexOf('\n'); at >= 0; at = piece.indexOf('\n', at + 1)) lines.push(++line);
    out += piece;
  };
  let cursor = 0;
  for (const cut of cuts) {
    const { start, end } = cut.position;
    copy(text.slice(cursor, start.offset!));
    const span = text.slice(start.offset!, end.offset!);
    if (!cut.block) {
      // Cut out whole, with a text directive no site can name in its place (the parse drops it), so the
      // rest of the line keeps its meaning: `- - - :poc[x]` must not become a thematic break.
      out += INLINE_PLACEHOLDER;
      line += span.split('\n').length - 1;
    } else {
      for (let n = start.line; n <= end.line; n++) removed.add(n);
      const rest = span.split('\n').slice(1).map((piece) => /^(?:[ \t]*>)*/.exec(piece)![0]);
      // After a list item's marker, blank lines would end the item: a directive no site can name holds its
      // place instead, and the parse drops it as an unknown directive.
      const lineStart = text.lastIndexOf('\n', start.offset! - 1) + 1;
      const opener = /[^\s>]/.test(text.slice(lineStart, start.offset!)) ? PLACEHOLDER : '';
      copy([opener, ...rest].join('\n'));
    }
    cursor = end.offset!;
  }
  copy(text.slice(cursor));
  return { text: out, lines, removed };
}
