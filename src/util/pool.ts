import pMap from 'p-map';

/**
 * Rethrows what `pMap(…, { stopOnError: false })` rejected with: its one error
 * as it is, several as one AggregateError whose message lists theirs (p-map's
 * own has none), so a failed build names every failure.
 */
export function rethrowCollected(error: unknown): never {
  const errors = error instanceof AggregateError ? error.errors : [error];
  if (errors.length === 1) throw errors[0];
  throw new AggregateError(errors, errors.map((each) => (each as Error).message).join('\n'));
}

/**
 * Runs `work` over `items` with at most `limit` at a time and returns the
 * results in order. Every item runs even when one fails; then the errors are
 * thrown as `rethrowCollected` does. Kept for the pipeline's callers; new code
 * calls p-map itself.
 */
export async function runPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  return pMap(items, work, { concurrency: limit, stopOnError: false }).catch(rethrowCollected);
}
