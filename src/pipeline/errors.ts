/** A build that could not complete; nothing was written to the output folder. */
export class BuildError extends Error {
  override name = 'BuildError';
}

/** An unknown `--tier` or `--partner`: bad usage rather than bad content. */
export class SelectionError extends Error {
  override name = 'SelectionError';
}
