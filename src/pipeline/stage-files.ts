import type { ProjectedAdvisory } from '../core/project/project.ts';
import type { Site, Tier } from '../core/schema/site.ts';

/** File names inside one tier's staging folder. */
export const STAGE = {
  /** Written by the orchestrator: the tier's projection, its only input. */
  projection: 'projection.json',
  /** Written by the tier process for Astro: the projection with Markdown rendered. */
  pages: 'pages.json',
  /** Written by the tier process for Astro: the ids of the advisory pages it renders (the others come from the cache). */
  render: 'render.json',
  /** The pages found in the cache, kept here while Astro builds (it empties its output folder first). */
  cached: 'cached-pages',
  /** Astro's output, then the whole bundle. */
  site: 'site',
} as const;

/** The input of one view's render: nothing the view may not see is in it. */
export interface TierInput {
  site: Pick<Site, 'site' | 'publisher'> & { tiers: Tier[] };
  tier: Tier;
  /** The URL its bundles are served at (ending in `/`): pages, search, feeds and exports link below it. */
  baseUrl: string;
  at: string;
  advisories: ProjectedAdvisory[];
  /** The public OpenPGP key that signs the CSAF documents, named in the provider metadata and published in the bundle. */
  openpgp?: { fingerprint: string; publicKey: string };
  /** The build's cache (its folder and code version), where the render process keeps what it made by the hash of what it was made from; absent with --no-cache. */
  cache?: { root: string; version: string };
}

/** The search index's shards, and which of them pagefind indexed (by name); the others were taken from the cache. */
export interface SearchShards {
  shards: number;
  indexed: string[];
}

/** Progress and results a tier process reports to the orchestrator. */
export type TierMessage =
  | { type: 'progress'; step: 'render' | 'index' }
  | {
      type: 'done';
      pages: number;
      /** The advisory pages Astro rendered (their ids), and how many were taken from the cache. */
      advisoryPages: { rendered: string[]; cached: number };
      /** Advisories whose CSAF and OSV files were made, and taken from the cache. */
      exports: { made: number; cached: number };
      renderSeconds: number;
      indexSeconds: number;
      maxRss: number;
      pagefindPeak: number;
      search: SearchShards;
    }
  | { type: 'failed'; message: string };
