import type { View } from './view.ts';

/** How a class is named to people: `poc` is a proof of concept, written PoC; other classes by their name. */
export function className(name: string): string {
  return name === 'poc' ? 'PoC' : name;
}

/**
 * A view in words, for progress lines and reports: its tier, the classes
 * it never receives and how early it may receive an advisory
 * ("partner view without PoC, no lead"). `viewKey` stays the name of
 * folders; this is what people read.
 */
export function describeView(view: Pick<View, 'tier' | 'withhold' | 'maxLead'>): string {
  const withhold = view.withhold.length > 0 ? ` without ${view.withhold.map(className).join(' and ')}` : '';
  const lead = view.maxLead === undefined ? '' : view.maxLead === 0 ? ', no lead' : `, lead at most ${view.maxLead / 3_600_000}h`;
  return `${view.tier.id} view${withhold}${lead}`;
}
