import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { validateContentWith, type Validated } from '../core/validate/content.ts';
import { ContentError, formatProblems, formatWarnings, type Problem } from '../core/validate/problem.ts';
import { SelectionError } from '../pipeline/errors.ts';
import { threadedParser } from '../pipeline/parse-threads.ts';
import { PROJECT_ROOT } from '../pipeline/root.ts';
import { startAstro, type AstroPreview } from './astro-server.ts';
import { ContentSnapshot } from './content-snapshot.ts';
import { memoParser, type MemoParser } from './memo-parse.ts';
import { previewView, type PreviewSelection, type PreviewView } from './preview-view.ts';
import { makeStageFolder, removeStageFolder, stagePages, stageState } from './stage-folder.ts';
import { ViewPages } from './view-pages.ts';
import { watchContent } from './watch.ts';

export interface DevOptions {
  /** The content folder, as the user typed it: messages name files below it. */
  content: string;
  selection: PreviewSelection;
  /** The preview's instant, milliseconds and canonical text: fixed for the session. */
  at: { ms: number; text: string };
  port: number;
  log: (line: string) => void;
  /** Where content errors and warnings go (the terminal's standard error). */
  report: (text: string) => void;
}

export interface DevServer {
  url: string;
  label: string;
  stop(): Promise<void>;
}

/**
 * Serves one view of the content (by default the review view: every advisory,
 * every gate framed; docs/commands.md#dev) with Astro's dev server, from a
 * staging folder of its own below `.tierpress/`, and keeps it current: each
 * save is read, validated and projected again for the files it touched only,
 * staged, and every open browser reloads. A save with content errors shows
 * them on every page and in the terminal, over the last good pages. Nothing
 * is written to an output folder, and no page carries a partner's marks.
 * Starts only from content that passes `check`.
 */
export async function startDevServer(options: DevOptions): Promise<DevServer> {
  const snapshot = await ContentSnapshot.open(options.content);
  const parser = memoParser(threadedParser());
  const first = await validate(snapshot, parser);
  if (!first.content) throw new ContentError(first.problems);
  if (first.warnings.length > 0) options.report(formatWarnings(first.warnings));
  const selected = previewView(first.content, options.selection, options.content);
  if (!selected.preview) throw new SelectionError(selected.problem!.message);
  let preview: PreviewView = selected.preview;
  const pages = new ViewPages();
  let made = pages.pages(first.content, preview, options.at);

  const stage = makeStageFolder(join(PROJECT_ROOT, '.tierpress'));
  // Also when the process ends another way (Vite's `q` shortcut exits at once).
  const removeStage = () => removeStageFolder(stage);
  process.on('exit', removeStage);
  let astro: AstroPreview;
  try {
    await stagePages(stage, made.data);
    await stageState(stage, { label: preview.label, at: options.at.text, problems: [] });
    astro = await startAstro({ stage, baseUrl: preview.baseUrl, port: options.port, contentDir: resolve(options.content), assets: () => made.assets });
  } catch (error) {
    removeStage();
    process.off('exit', removeStage);
    throw error;
  }

  /** One batch of saves: read, validate, project and stage what changed, then reload the browsers. */
  const refresh = async (paths: string[]) => {
    const started = performance.now();
    const change = await snapshot.update(paths);
    if (change === 'none') return;
    // Named as the author knows them: not an editor's temporary file that came and went.
    const what = paths.filter((path) => /\.(md|yaml)$/.test(path) || existsSync(join(options.content, path))).join(', ') || 'the content folder';
    if (change === 'asset') {
      await astro.reload(false);
      options.log(`${what}: reloaded`);
      return;
    }
    const validated = await validate(snapshot, parser);
    const warnings = validated.warnings.filter((warning) => paths.some((path) => warning.file.endsWith(path)));
    if (warnings.length > 0) options.report(formatWarnings(warnings));
    const problems = validated.content ? await adopt(validated) : validated.problems;
    await stageState(stage, { label: preview.label, at: options.at.text, problems });
    await astro.reload(problems.length === 0);
    const ms = (performance.now() - started).toFixed(0);
    if (problems.length > 0) {
      options.report(`${formatProblems(problems)}\n${problems.length} error${problems.length === 1 ? '' : 's'}; the preview keeps the last good pages (${ms} ms)`);
    } else {
      options.log(`${what}: ${parser.last.parsed} parsed, ${pages.projected} projected, reloaded (${ms} ms)`);
    }
  };
  /** Takes valid content into the preview, unless the view is gone or would move; returns the problems that stop it. */
  const adopt = async (validated: Validated): Promise<Problem[]> => {
    const content = validated.content!;
    const next = previewView(content, options.selection, options.content);
    if (!next.preview) return [next.problem!];
    if (next.preview.baseUrl !== preview.baseUrl) {
      const message = `the view is now served at ${next.preview.baseUrl}, not ${preview.baseUrl}: restart the dev server to preview it there`;
      return [{ file: join(options.content, 'site.yaml'), line: 1, column: 1, message }];
    }
    preview = next.preview;
    made = pages.pages(content, preview, options.at);
    await stagePages(stage, made.data);
    return [];
  };
  const stopWatching = watchContent(resolve(options.content), (paths) =>
    refresh(paths).catch((error: unknown) => options.report(`could not update the preview: ${(error as Error).message}`)),
  );

  return {
    url: astro.url,
    label: preview.label,
    async stop() {
      stopWatching();
      try {
        await astro.stop();
      } finally {
        removeStage();
        process.off('exit', removeStage);
      }
    },
  };
}

/** The content as last read, validated: only files new or changed since the last time are parsed. */
async function validate(snapshot: ContentSnapshot, parser: MemoParser): Promise<Validated> {
  const { files, problems } = snapshot.current;
  if (!files) return { problems, warnings: [] };
  return validateContentWith(files, parser.parse);
}
