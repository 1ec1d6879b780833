import { resolve, join } from 'node:path';
import type { Content } from '../core/validate/content.ts';
import type { OpenPgpSigner } from '../seal/openpgp.ts';
import { copyAssets } from './assets.ts';
import { renderLabel, type Job } from './plan.ts';
import { renderInProcess, stageView, type RenderStats } from './render-process.ts';
import { PROJECT_ROOT } from './root.ts';
import { STAGE } from './stage-files.ts';

/** A view's render: its folder, what it cost, and how many assets it was given. */
export interface Rendered {
  dir: string;
  stats: RenderStats;
  assets: number;
}

/**
 * Stages render, export and index, for one job: its projection is staged
 * alone into its own folder, and a process of its own renders the pages,
 * writes feeds, CSAF and OSV, and indexes for search. Then exactly the
 * assets its visible content refers to are copied in.
 */
export async function renderJob(
  job: Job,
  context: { content: Content; contentDir: string; at: string; stageRoot: string; openpgp?: OpenPgpSigner | undefined; log: (line: string) => void; cache?: { root: string; version: string } | undefined },
): Promise<Rendered> {
  const stage = join(context.stageRoot, 'views', job.key);
  await stageView(stage, context.content, job.projection, context.at, job.baseUrl, context.openpgp, context.cache);
  const stats = await renderInProcess(PROJECT_ROOT, stage, renderLabel(job), job.projection.advisories.length, context.log);
  const dir = join(stage, STAGE.site);
  const assets = await copyAssets(resolve(context.contentDir), dir, job.projection.advisories);
  return { dir, stats, assets };
}
