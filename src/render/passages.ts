import { PASSAGE_TEXT } from './labels.ts';

/** What labelling a view's passages needs to know of its tiers. */
export interface PassageTiers {
  /** The least trusted tier of the site: the public advisory is what it receives. */
  lowest: string;
  /** Tier names by id, up to the view's own tier. */
  names: Readonly<Record<string, string>>;
}

/**
 * The label of a passage first seen by `tier` (a kept gate's tier, or the
 * tier of the overlay that gave a title, summary, note or reference), or
 * undefined when the lowest tier receives it too: then the passage is part
 * of the public advisory and carries no label. A view of the lowest tier
 * only ever holds passages of that tier, so its pages never show a label.
 */
export function passageLabel(tier: string | undefined, tiers: PassageTiers): string | undefined {
  if (tier === undefined || tier === tiers.lowest) return undefined;
  return PASSAGE_TEXT.beyond(tiers.names[tier] ?? tier, inSentence(tiers.names[tiers.lowest] ?? tiers.lowest));
}

/** A name as it reads inside a sentence: `Public` becomes `public`, an acronym such as `TLP Clear` stays. */
export function inSentence(name: string): string {
  return /^\p{Lu}\p{Ll}/u.test(name) ? name[0]!.toLowerCase() + name.slice(1) : name;
}
