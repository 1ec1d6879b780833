import { z } from 'zod';

const ACCEPTED = '; expected one of ';

/**
 * A strict object whose unknown-key error names the keys it does accept, so
 * a misspelt field gets a useful message (and `acceptedKeys` can read them
 * back to suggest the nearest).
 */
export function strict<Shape extends z.ZodRawShape>(shape: Shape, what = 'field') {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown ${what}${ACCEPTED}${known.join(', ')}`
        : issue.code === 'invalid_type'
          ? 'expected a mapping of fields'
          : undefined,
  });
}

/** The keys a `strict` mapping accepts, from its unknown-key message; undefined for any other message. */
export function acceptedKeys(message: string): string[] | undefined {
  const match = /^unknown \w+; expected one of (.*)$/.exec(message);
  return match ? match[1]!.split(', ') : undefined;
}
