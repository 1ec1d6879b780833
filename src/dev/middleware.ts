// Astro middleware of the dev server only (added by its integration, never by a build): every page
// it serves gets the preview banner, the content errors of the last save, and its sentinels filled.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MiddlewareHandler } from 'astro';
import { STAGE_ENV } from '../render/load.ts';
import { previewPage } from './preview-html.ts';
import { STATE_FILE, type PreviewState } from './stage-folder.ts';

/** Read on every request: a save changes it without Astro knowing. */
function previewState(): PreviewState {
  const stage = process.env[STAGE_ENV];
  if (!stage) throw new Error(`${STAGE_ENV} is not set: the preview middleware runs only in tierpress dev`);
  return JSON.parse(readFileSync(join(stage, STATE_FILE), 'utf8')) as PreviewState;
}

export const onRequest: MiddlewareHandler = async (_context, next) => {
  const response = await next();
  if (!response.headers.get('content-type')?.includes('text/html')) return response;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  // Pages change with every save; a browser must not keep one.
  headers.set('cache-control', 'no-store');
  return new Response(previewPage(await response.text(), previewState()), { status: response.status, statusText: response.statusText, headers });
};
