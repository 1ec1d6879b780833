import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import type { Position } from 'unist';
import { covers, type Clearance } from './types.ts';

/** Labels match as CommonMark matches them: case-folded, inner white space collapsed. */
const key = (label: string) => normalizeIdentifier(label).toLowerCase();

interface Placed {
  clearance: Clearance;
  position: Position | undefined;
}

/** Definitions, references and bracketed text of one Markdown document, in document order. */
export interface Definitions {
  links: Array<Placed & { identifier: string }>;
  footnotes: Array<Placed & { identifier: string }>;
  references: Array<Placed & { kind: 'link' | 'footnote'; identifier: string; label: string }>;
  texts: Array<Placed & { value: string }>;
}

/**
 * Definitions by label, only the first of each clearance, in document order.
 * Only the clearance decides the check, so a definition repeated thousands of
 * times must not make every reference walk every copy (nor the index copy
 * its list once per definition).
 */
function index(list: Definitions['links']): Map<string, Placed[]> {
  const map = new Map<string, Map<string, Placed>>();
  for (const def of list) {
    const label = key(def.identifier);
    let byClearance = map.get(label);
    if (!byClearance) map.set(label, (byClearance = new Map()));
    const clearance = `${def.clearance.rank} ${[...def.clearance.classes].sort().join(' ')}`;
    if (!byClearance.has(clearance)) byClearance.set(clearance, def);
  }
  // Maps iterate in insertion order: each list stays in document order.
  return new Map([...map].map(([label, byClearance]) => [label, [...byClearance.values()]]));
}

/**
 * A reference must not depend on a definition gated more strictly than
 * itself: where the definition is removed, the reference would change and
 * show that something was there. Definitions inside containers do not
 * resolve outside them, so a `[label]` left as literal text counts too.
 */
export function checkReferences(found: Definitions): Array<{ position: Position | undefined; message: string }> {
  const problems: Array<{ position: Position | undefined; message: string }> = [];
  const links = index(found.links);
  const footnotes = index(found.footnotes);
  // The first definition (in document order) that the reader of `clearance` could not see.
  const stricter = (kind: 'link' | 'footnote', label: string, clearance: Clearance) =>
    (kind === 'link' ? links : footnotes).get(key(label))?.find((def) => !covers(clearance, def.clearance));

  for (const ref of found.references) {
    const def = stricter(ref.kind, ref.identifier, ref.clearance);
    if (def) {
      problems.push({
        position: ref.position,
        message: `the ${ref.kind === 'link' ? 'definition' : 'footnote'} [${ref.kind === 'footnote' ? '^' : ''}${ref.label}] (line ${def.position?.start.line}) is gated more strictly than this reference to it`,
      });
    }
  }
  for (const text of found.texts) {
    for (const match of text.value.matchAll(/\[(\^?)([^[\]]+)\]/g)) {
      const kind = match[1] ? 'footnote' : 'link';
      const def = stricter(kind, match[2]!, text.clearance);
      if (def) {
        problems.push({
          position: text.position,
          message: `[${match[1]}${match[2]}] refers to a ${kind === 'link' ? 'definition' : 'footnote'} (line ${def.position?.start.line}) gated more strictly than this text`,
        });
      }
    }
  }
  return problems;
}
