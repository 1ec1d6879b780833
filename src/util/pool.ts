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
