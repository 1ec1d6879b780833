import { describeView } from '../core/project/describe-view.ts';
import { partnerView, viewKey } from '../core/project/partner-view.ts';
import { projectAll, type ViewProjection } from '../core/project/summary.ts';
import { tierView, type View } from '../core/project/view.ts';
import type { Partner } from '../core/schema/partners.ts';
import { bundleBaseUrl } from '../core/schema/site.ts';
import type { Content } from '../core/validate/content.ts';
import { NEUTRAL_FILL, partnerFill, type Fill } from '../bundle/derive.ts';
import { loadMarkKey } from '../partners/keys.ts';
import { partnerMarks } from '../partners/marks.ts';
import { SelectionError } from './errors.ts';
import { PROJECT_ROOT } from './root.ts';

/** A bundle to make from a render. */
export interface Target {
  name: string;
  fill: Fill;
  partner?: Partner;
}

/** A distinct view served at one URL, with the bundles made from its render. */
export interface Job {
  key: string;
  projection: ViewProjection;
  /** Where its bundles are served: every link, feed, search result and export of the render is below it. */
  baseUrl: string;
  targets: Target[];
}

/** Which tiers and partners to build, by id: all when both lists are empty. */
export interface Selection {
  tiers: string[];
  partners: string[];
}

/**
 * Stage project: one job per distinct view and URL, each with its
 * projection, in the order of trust (least trusted first). A partner with a
 * `url` of its own gets its own render (its pages link below that URL);
 * partners served at their tier's URL share the tier's render.
 */
export async function planRenders(content: Content, selection: Selection, at: number): Promise<Job[]> {
  const selected = select(content, selection);
  const markKey = selected.partners.length > 0 ? (await loadMarkKey(PROJECT_ROOT)).key : undefined;
  const jobs = new Map<string, Job>();
  const addTarget = (view: View, target: Target) => {
    const baseUrl = bundleBaseUrl(content.site, view.tier, target.partner);
    const key = renderKey(view, baseUrl, bundleBaseUrl(content.site, view.tier));
    const job = jobs.get(key) ?? { key, projection: projectAll(content, view, at), baseUrl, targets: [] };
    job.targets.push(target);
    jobs.set(key, job);
  };
  for (const tier of selected.tiers) addTarget(tierView(content.site, tier), { name: tier, fill: NEUTRAL_FILL });
  for (const partner of selected.partners) {
    addTarget(partnerView(content.site, content.partners, partner), { name: `partners/${partner.id}`, fill: partnerFill(partnerMarks(markKey!, partner.id), partner), partner });
  }
  return [...jobs.values()].sort((a, b) => a.projection.view.rank - b.projection.view.rank || b.projection.view.withhold.length - a.projection.view.withhold.length);
}

/** What the least trusted tier sees: the audit's positive control looks for what the most trusted render has beyond it. */
export function lowestProjection(content: Content, at: number): ViewProjection {
  return projectAll(content, tierView(content.site, content.site.tiers[0]!.id), at);
}

/** A render as progress lines name it: its view in words, and the tiers and partners it is for. */
export function renderLabel(job: Job): string {
  return `${describeView(job.projection.view)}: ${job.targets.map((target) => target.partner?.id ?? target.name).join(', ')}`;
}

/**
 * A render's name (its staging folder, its rows in the report): the view's key, and for a bundle served
 * elsewhere than its tier's URL, that URL's host and path (`partner~at~northwind.contoso.example-contoso`).
 */
function renderKey(view: View, baseUrl: string, tierUrl: string): string {
  if (baseUrl === tierUrl) return viewKey(view);
  const url = new URL(baseUrl);
  return `${viewKey(view)}~at~${`${url.host}${url.pathname}`.replace(/[^a-z0-9.]+/gi, '-').replace(/-+$/, '')}`;
}

/** Which tiers and partners to build: everything by default; only those named otherwise. */
function select(content: Content, selection: Selection): { tiers: string[]; partners: Partner[] } {
  const knownTiers = content.site.tiers.map((tier) => tier.id);
  const unknownTiers = selection.tiers.filter((id) => !knownTiers.includes(id));
  if (unknownTiers.length > 0) throw new SelectionError(`--tier ${unknownTiers.join(', ')}: unknown tier; expected one of ${knownTiers.join(', ')}`);
  const knownPartners = content.partners.partners.map((partner) => partner.id);
  const unknownPartners = selection.partners.filter((id) => !knownPartners.includes(id));
  if (unknownPartners.length > 0) {
    throw new SelectionError(`--partner ${unknownPartners.join(', ')}: unknown partner; expected one of ${knownPartners.join(', ') || '(none in partners.yaml)'}`);
  }
  if (selection.tiers.length === 0 && selection.partners.length === 0) return { tiers: knownTiers, partners: content.partners.partners };
  return {
    tiers: knownTiers.filter((id) => selection.tiers.includes(id)),
    partners: content.partners.partners.filter((partner) => selection.partners.includes(partner.id)),
  };
}
