import { readFile } from 'node:fs/promises';
import { verifyBundle } from '../seal/verify.ts';
import { parseArguments, UsageError } from './usage.ts';

/** The options of `verify`, as its parser takes them. */
export const VERIFY_OPTIONS = { key: { type: 'string' } } as const;

/** `tierpress verify DIR [--key PUB]`: the manifest's signature and every file's hash. */
export async function verifyCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArguments(args, VERIFY_OPTIONS);
  if (positionals.length !== 1) throw new UsageError('verify takes exactly one bundle folder, e.g. npx tierpress verify dist/public');
  const dir = positionals[0]!;
  const key = values.key ? await readFile(values.key, 'utf8') : undefined;
  const result = await verifyBundle(dir, key);
  for (const problem of result.problems) console.log(problem);
  const files = result.manifest?.files.length ?? 0;
  if (result.ok) {
    const trust = result.key === 'given' ? `signed by ${values.key}` : 'signed by the key the bundle carries (pass --key to check who signed it)';
    console.log(`${dir}: verified, ${files} files, ${trust}.`);
    return 0;
  }
  console.log(`${dir}: NOT verified, ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}.`);
  return 1;
}
