import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Advisory, ContentFile } from '../core/validate/advisory.ts';
import { parseInline, type ParseAdvisories, type ValidationContext } from '../core/validate/content.ts';
import type { Problem } from '../core/validate/problem.ts';

/**
 * A parser that spreads advisory files over one thread per core (Markdown
 * parsing is most of the work of a large build's first step), with at least
 * `perThread` files each: below that, starting a thread costs more than it
 * saves. Results come back in the order of the files.
 */
export function threadedParser(perThread = 400): ParseAdvisories {
  return (files, context) => parseOnThreads(files, context, perThread);
}

async function parseOnThreads(files: ContentFile[], context: ValidationContext, perThread: number): Promise<Array<{ advisory?: Advisory; problems: Problem[] }>> {
  const threads = Math.min(availableParallelism(), Math.ceil(files.length / perThread));
  if (threads <= 1) return parseInline(files, context);
  const shares = Array.from({ length: threads }, (_, thread) => files.filter((_file, index) => index % threads === thread));
  const results = await Promise.all(shares.map((share) => parseShare(share, context)));
  return files.map((_file, index) => results[index % threads]![Math.floor(index / threads)]!);
}

function parseShare(files: ContentFile[], context: ValidationContext): Promise<Array<{ advisory?: Advisory; problems: Problem[] }>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./parse-thread.ts', import.meta.url), { workerData: { files, context } });
    worker.once('message', (results) => {
      resolve(results);
      void worker.terminate();
    });
    worker.once('error', (error) => reject(new Error(`a parsing thread failed: ${error.message}`, { cause: error })));
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a parsing thread exited with status ${code}`));
    });
  });
}
