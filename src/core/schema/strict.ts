import { z } from 'zod';

/**
 * A strict object whose unknown-key error names the keys it does accept, so
 * a misspelt field gets a useful message.
 */
export function strict<Shape extends z.ZodRawShape>(shape: Shape, what = 'field') {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown ${what}; expected one of ${known.join(', ')}`
        : issue.code === 'invalid_type'
          ? 'expected a mapping of fields'
          : undefined,
  });
}
