import { join } from 'node:path';
import { describeView } from '../core/project/describe-view.ts';
import { partnerView } from '../core/project/partner-view.ts';
import { tierView, type View } from '../core/project/view.ts';
import { bundleBaseUrl } from '../core/schema/site.ts';
import type { Content } from '../core/validate/content.ts';
import type { Problem } from '../core/validate/problem.ts';
import { didYouMean } from '../util/did-you-mean.ts';

/** Which view to preview: a tier, or a partner's view; the review tier when neither is named. */
export interface PreviewSelection {
  tier?: string | undefined;
  partner?: string | undefined;
}

/** The view a preview shows, in words for its banner, and the URL its pages link below. */
export interface PreviewView {
  view: View;
  /** "internal view", "partner view without PoC, no lead (partner tailspin-telecom)". */
  label: string;
  baseUrl: string;
}

/**
 * The view the dev server shows. Without a selection it is the authors'
 * review view: the first tier that sees everything at once (`lead: always`),
 * else the most trusted tier. A partner is previewed by its view alone: no
 * mark key is loaded, so no page carries its marks. Returns a problem,
 * placed on the file (below `contentDir`) that names tiers or partners,
 * when the selection is not (or is no longer) in the content.
 */
export function previewView(content: Content, selection: PreviewSelection, contentDir: string): { preview?: PreviewView; problem?: Problem } {
  if (selection.partner !== undefined) {
    const partner = content.partners.partners.find((candidate) => candidate.id === selection.partner);
    if (!partner) {
      const known = content.partners.partners.map((candidate) => candidate.id);
      return { problem: { file: join(contentDir, 'partners.yaml'), line: 1, column: 1, message: `--partner ${selection.partner}: no such partner; ${suggest(selection.partner, known, 'partners')}` } };
    }
    const view = partnerView(content.site, content.partners, partner);
    return { preview: { view, label: `${describeView(view)} (partner ${partner.id})`, baseUrl: bundleBaseUrl(content.site, view.tier, partner) } };
  }
  const tiers = content.site.tiers;
  const id = selection.tier ?? (tiers.find((tier) => tier.lead === 'always') ?? tiers[tiers.length - 1]!).id;
  if (!tiers.some((tier) => tier.id === id)) {
    const known = tiers.map((tier) => tier.id);
    return { problem: { file: join(contentDir, 'site.yaml'), line: 1, column: 1, message: `--tier ${id}: no such tier; ${suggest(id, known, 'tiers')}` } };
  }
  const view = tierView(content.site, id);
  return { preview: { view, label: describeView(view), baseUrl: bundleBaseUrl(content.site, view.tier) } };
}

/** `did you mean "internal"?`, or the list to choose from. */
function suggest(given: string, known: string[], what: string): string {
  const meant = didYouMean(given, known);
  return meant ? `did you mean "${meant}"?` : `the ${what} are ${known.join(', ') || '(none)'}`;
}
