import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem } from '../core/validate/problem.ts';
import type { PageData } from '../render/stage.ts';
import { STAGE } from '../pipeline/stage-files.ts';
import { running } from '../pipeline/staging.ts';

/** What the preview's pages say besides the content: the view in words, the instant, and the problems of the last save. */
export interface PreviewState {
  label: string;
  at: string;
  /** Content errors of the last save; empty when it was good. The pages are then the last good ones. */
  problems: Problem[];
}

/** The preview's state, beside the page data in the dev server's staging folder. */
export const STATE_FILE = 'preview.json';

/** Dev servers' staging folders are `dev-<pid>` below `.tierpress/`: the pid says whose. */
const DEV_STAGING = /^dev-(\d+)$/;

/**
 * The staging folder of this dev server, `<root>/dev-<pid>/`, made empty,
 * after removing those of dev servers that died without cleaning up. It is
 * what Astro reads (TIERPRESS_STAGE) and where its caches go; nothing is
 * ever written to an output folder.
 */
export function makeStageFolder(root: string): string {
  mkdirSync(root, { recursive: true });
  for (const name of readdirSync(root)) {
    const pid = DEV_STAGING.exec(name)?.[1];
    if (pid !== undefined && Number(pid) !== process.pid && !running(Number(pid))) rmSync(join(root, name), { recursive: true, force: true });
  }
  const stage = join(root, `dev-${process.pid}`);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  return stage;
}

/** Removes the staging folder; synchronous, so it also runs from an exit handler. */
export function removeStageFolder(stage: string): void {
  rmSync(stage, { recursive: true, force: true, maxRetries: 3 });
}

/** Writes a file whole or not at all: a page rendered meanwhile reads the old one or the new one, never half. */
async function replaceFile(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

/** Stages the page data the pages are rendered from (what `tierpress build`'s render process writes for Astro). */
export function stagePages(stage: string, data: PageData): Promise<void> {
  return replaceFile(join(stage, STAGE.pages), JSON.stringify(data));
}

/** Stages the preview's state, which every page's banner and error panel are made from. */
export function stageState(stage: string, state: PreviewState): Promise<void> {
  return replaceFile(join(stage, STATE_FILE), JSON.stringify(state));
}
