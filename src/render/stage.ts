import GithubSlugger from 'github-slugger';
import type { ProjectedAdvisory } from '../core/project/project.ts';
import { bundleBaseUrl, type Site, type Tier } from '../core/schema/site.ts';
import { renderMarkdown, type HtmlOptions } from './markdown-html.ts';
import { productSlugs } from './product-slugs.ts';
import { bundleBase, type BundleBase } from './urls.ts';

/** An advisory as a tier's pages show it: the projection with its Markdown already rendered. */
export interface PageAdvisory extends Omit<ProjectedAdvisory, 'body' | 'notes'> {
  bodyHtml: string;
  notes: Array<{ tier: string; tierName: string; html: string }>;
  /** The instant it is listed under: release, else when this view got it, else the build instant. */
  date: string;
  /** The release year, or the year in the id for a draft. */
  year: number;
  /** The newest of release and revision dates. */
  updated: string;
}

/**
 * Everything one bundle's pages are made from, written to the tier's staging
 * folder for Astro to read. It holds nothing of the tiers above.
 */
export interface PageData {
  site: Site['site'];
  publisher: Site['publisher'];
  tier: Tier;
  /** Where the bundle is served: every link, asset and feed URL of its pages starts with it. */
  base: BundleBase;
  /** The tiers up to and including this one, for labels. */
  tiers: Tier[];
  /** The build instant, printed on pages. */
  at: string;
  /** Whether every kept gate is framed with the tier that receives it (the authors' review view, never the lowest tier). */
  review: boolean;
  /** The first tier with TLP:CLEAR: indexable, absolute links. Every other bundle is noindex and disallows robots. */
  isPublic: boolean;
  /** Newest first. */
  advisories: PageAdvisory[];
  products: Array<{ name: string; slug: string; ids: string[] }>;
}

/** What a view's Markdown is rendered with besides the trees: the same for every advisory of the view. */
export type MarkdownView = Omit<HtmlOptions, 'advisory' | 'slugger'>;

/** An advisory's Markdown as HTML: its body and each of its notes, in order. */
export interface AdvisoryHtml {
  bodyHtml: string;
  notes: string[];
}

/** Renders an advisory's body and then its notes with `view`, one slugger for all, so heading ids stay unique on the page. */
export function advisoryHtml(advisory: Pick<ProjectedAdvisory, 'id' | 'body' | 'notes'>, view: MarkdownView): AdvisoryHtml {
  const options: HtmlOptions = { ...view, advisory: advisory.id, slugger: new GithubSlugger() };
  return { bodyHtml: renderMarkdown(advisory.body, options), notes: advisory.notes.map((note) => renderMarkdown(note.body, options)) };
}

/** Where a view's bundle is served, its rank, the tiers up to its own, and whether it is the review view. */
function viewFrame(input: { site: Site; tier: Tier; baseUrl?: string }) {
  const base = bundleBase(input.baseUrl ?? bundleBaseUrl(input.site, input.tier));
  const rank = input.site.tiers.findIndex((tier) => tier.id === input.tier.id);
  const tiers = input.site.tiers.slice(0, rank + 1);
  // A lowest tier that sees everything is still the public advisory: it never frames its gates.
  const review = input.tier.lead === 'always' && rank > 0;
  return { base, rank, tiers, review };
}

/** The options a view's Markdown is rendered with (`pageData` renders with exactly these). */
export function markdownView(input: { site: Site; tier: Tier; baseUrl?: string }): MarkdownView {
  const { base, tiers, review } = viewFrame(input);
  return { review, tierNames: Object.fromEntries(tiers.map((tier) => [tier.id, tier.name])), lowestTier: input.site.tiers[0]!.id, base: base.path };
}

/** Renders a view's projection into the data its pages need, marks left as sentinels; `html` renders each advisory's Markdown (a cache may stand in). */
export function pageData(
  input: {
    site: Site;
    tier: Tier;
    at: string;
    advisories: readonly ProjectedAdvisory[];
    /** The URL the bundle is served at; by default its tier's. */
    baseUrl?: string;
  },
  html: (advisory: ProjectedAdvisory, view: MarkdownView) => AdvisoryHtml = advisoryHtml,
): PageData {
  const { base, rank, tiers, review } = viewFrame(input);
  const view = markdownView(input);
  const advisories = input.advisories.map((advisory): PageAdvisory => {
    const { body, notes, ...fields } = advisory;
    const rendered = html(advisory, view);
    const date = advisory.release ?? advisory.availableFrom ?? input.at;
    const revisionDates = advisory.revisions.map((revision) => revision.date);
    return {
      ...fields,
      bodyHtml: rendered.bodyHtml,
      notes: notes.map((note, index) => ({ tier: note.tier, tierName: note.tierName, html: rendered.notes[index]! })),
      date,
      year: Number(advisory.release?.slice(0, 4) ?? /-(\d{4})-/.exec(advisory.id)?.[1]),
      // A withdrawal the view sees is an update: feeds and pages date it like a revision.
      updated: [date, ...revisionDates, ...(advisory.withdrawn ? [advisory.withdrawn.at] : [])].sort().at(-1)!,
    };
  });
  advisories.sort((a, b) => (a.date === b.date ? (a.id < b.id ? 1 : -1) : a.date < b.date ? 1 : -1));
  return {
    site: input.site.site,
    publisher: input.site.publisher,
    tier: input.tier,
    base,
    tiers,
    at: input.at,
    review,
    isPublic: rank === 0 && input.tier.tlp === 'CLEAR',
    advisories,
    products: productIndex(advisories),
  };
}

/** Every product name with a unique, bounded URL slug and the advisories that affect it, by name. */
export function productIndex(advisories: readonly PageAdvisory[]): PageData['products'] {
  const byName = new Map<string, string[]>();
  for (const advisory of advisories) {
    for (const product of advisory.products) {
      const ids = byName.get(product.name) ?? [];
      // Advisories come one at a time: a product listed twice in one advisory repeats only the last id.
      if (ids.at(-1) !== advisory.id) ids.push(advisory.id);
      byName.set(product.name, ids);
    }
  }
  const slugs = productSlugs(byName.keys());
  return [...byName.keys()]
    .sort((a, b) => a.localeCompare(b, 'en') || (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => ({ name, slug: slugs.get(name)!, ids: byName.get(name)! }));
}
