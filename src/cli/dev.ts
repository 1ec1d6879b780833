import { ContentError, formatProblems } from '../core/validate/problem.ts';
import { startDevServer } from '../dev/server.ts';
import { SelectionError } from '../pipeline/errors.ts';
import { parseAt, parseOptions, UsageError } from './usage.ts';

/** The options of `dev`, as its parser takes them. */
export const DEV_OPTIONS = {
  content: { type: 'string', default: 'content' },
  tier: { type: 'string' },
  partner: { type: 'string' },
  at: { type: 'string' },
  port: { type: 'string', default: '4321' },
} as const;

/**
 * `tierpress dev`: a live preview of one view of the content, until Ctrl-C.
 * Content errors at start are printed as `check` prints them (exit 1);
 * later ones are shown on the pages and here, and the server goes on.
 */
export async function devCommand(args: string[]): Promise<number> {
  const options = parseOptions(args, DEV_OPTIONS);
  if (options.tier !== undefined && options.partner !== undefined) throw new UsageError('--tier and --partner: give one of them');
  const port = Number(options.port);
  if (!/^\d+$/.test(options.port) || port < 1 || port > 65535) throw new UsageError(`--port ${options.port}: expected a port number from 1 to 65535`);
  const at = parseAt(options.at);
  let server;
  try {
    server = await startDevServer({
      content: options.content,
      selection: { tier: options.tier, partner: options.partner },
      at,
      port,
      log: (line) => console.log(line),
      report: (text) => console.error(text),
    });
  } catch (error) {
    if (error instanceof SelectionError) throw new UsageError(error.message, { cause: error });
    if (!(error instanceof ContentError)) throw error;
    console.error(formatProblems(error.problems));
    console.error(`\n${error.problems.length} error${error.problems.length === 1 ? '' : 's'} in ${options.content}: the preview starts from content that passes check.`);
    return 1;
  }
  console.log(`Previewing the ${server.label} of ${options.content} as of ${at.text} at ${server.url}`);
  console.log('Saving an advisory, site.yaml or an asset reloads the page. Ctrl-C stops.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.stop();
  console.log('preview stopped; its staging folder is removed');
  return 0;
}
