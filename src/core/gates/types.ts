import type { BlockContent, DefinitionContent, Parent, PhrasingContent } from 'mdast';

/**
 * A gated part of a body: everything inside is seen only by `tier` and the
 * tiers above it, and never by a view that withholds the class `name`.
 * Directives are replaced by these nodes once, at parse time.
 */
export interface Gate extends Parent {
  type: 'gate';
  /** The directive name: a class name, or `tier` for `tier{min=…}`. */
  name: string;
  /** The tier this gate admits. After projection, the strictest tier on the path (for review frames). */
  tier: string;
  form: 'container' | 'leaf' | 'text';
  children: Array<BlockContent | DefinitionContent | PhrasingContent>;
}

declare module 'mdast' {
  interface RootContentMap {
    gate: Gate;
  }
  interface BlockContentMap {
    gate: Gate;
  }
  interface PhrasingContentMap {
    gate: Gate;
  }
  interface Data {
    /** For a link or image to a local file: its path below the content folder, e.g. `assets/2025/flow.svg`. */
    asset?: string;
  }
}

/** What a reader must hold to see a place in the body: a tier rank and every class gating it. */
export interface Clearance {
  rank: number;
  classes: readonly string[];
}

export const OPEN: Clearance = { rank: 0, classes: [] };

/** Whether content needing `inner` is visible wherever `outer` is: no stricter tier, no extra class. */
export function covers(outer: Clearance, inner: Clearance): boolean {
  return inner.rank <= outer.rank && inner.classes.every((name) => outer.classes.includes(name));
}
