import { fillSentinels, NEUTRAL_FILL } from '../bundle/derive.ts';
import { formatProblem } from '../core/validate/problem.ts';
import type { PreviewState } from './stage-folder.ts';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Inline styles: the preview's additions stay out of the bundles' stylesheet.
const BANNER_STYLE = 'position:sticky;top:0;z-index:10;background:#5b2a86;color:#fff;padding:.4rem 1.25rem;font:600 .9rem/1.4 system-ui,sans-serif';
const PANEL_STYLE = 'border:3px solid #b00020;background:#fff4f4;color:#1a1a1a;padding:.75rem 1.25rem;margin:0;font:.95rem/1.4 system-ui,sans-serif';

/** The banner every preview page carries, so it is never taken for a published bundle. */
export function previewBanner(state: Pick<PreviewState, 'label' | 'at'>): string {
  return `<div class="tierpress-preview" role="note" style="${BANNER_STYLE}">Preview: ${escapeHtml(state.label)} as of ${escapeHtml(state.at)}, served by tierpress dev. Not a published bundle: no marks, no search index, no feeds or exports.</div>`;
}

/** The content errors of the last save, each `file:line:column: message`, above the last good page. */
export function problemsPanel(problems: PreviewState['problems']): string {
  if (problems.length === 0) return '';
  const count = `${problems.length} content error${problems.length === 1 ? '' : 's'}`;
  const lines = problems.map((problem) => `<li><code>${escapeHtml(formatProblem(problem))}</code></li>`).join('');
  return `<section class="tierpress-problems" role="alert" style="${PANEL_STYLE}"><h2 style="margin:0 0 .5rem;color:#b00020">${count}: this page is the last good version</h2><ul style="margin:0;padding-left:1.25rem">${lines}</ul></section>`;
}

/**
 * A rendered page as the preview serves it: the sentinels a build fills per
 * bundle filled as in a tier bundle (the neutral mark, no recipient, never
 * a partner's marks), then the preview banner and any content errors at the
 * top of the body.
 */
export function previewPage(html: string, state: PreviewState): string {
  const filled = fillSentinels(html, NEUTRAL_FILL, false);
  const top = `${previewBanner(state)}${problemsPanel(state.problems)}`;
  const body = /<body[^>]*>/i.exec(filled);
  return body ? `${filled.slice(0, body.index + body[0].length)}${top}${filled.slice(body.index + body[0].length)}` : `${top}${filled}`;
}
