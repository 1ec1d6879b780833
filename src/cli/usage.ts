import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatInstant, parseInstant } from '../core/schema/fields.ts';

/** Bad command-line usage: printed with the usage text, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage: tierpress <command> [options]

Commands:
  build               build every tier into dist/<tier>/ and every partner into dist/partners/<id>/
  check               validate content and show what each tier and partner would receive
  audit DIR           re-audit a built tier or partner bundle against the current content
  verify DIR          check a bundle's signature and every file's hash
  trace FILE|-        name the partner whose bundle a leaked file or excerpt came from
  who-knew ID         list the partners that received an advisory, and from when

Options:
  --content DIR       content folder (default: content)          [build, check, audit, trace]
  --out DIR           output folder (default: dist)               [build, trace, who-knew]
  --at INSTANT        as of this RFC 3339 instant (default: now) [build, check, audit]
  --tier ID           only this tier (repeatable; no partner bundles) [build, audit]
  --partner ID        only this partner's bundle (repeatable)     [build, audit]
  --key PUB           public key (PEM) to verify with              [verify]
  --explain           show each finding in its advisory and in the bundle file [audit]
  --gate NAME         only partners that received this gate class [who-knew]
  -h, --help          show this help

Exit status: 0 success, 1 content or audit errors, 2 bad usage.`;

/** Parses options strictly: an unknown flag or a stray argument is a usage error, not ignored. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  return parseArguments(args, options, false).values;
}

/** Like `parseOptions`, for commands that take positional arguments too. */
export function parseArguments<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, positionals = true) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: positionals });
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
}

/** The build instant from `--at`, or now: the only place Tierpress reads the clock. */
export function parseAt(value: string | undefined): { ms: number; text: string } {
  if (value === undefined) {
    const now = Math.floor(Date.now() / 1000) * 1000;
    return { ms: now, text: formatInstant(now) };
  }
  const ms = parseInstant(value);
  if (ms === undefined) throw new UsageError(`--at ${value}: expected an RFC 3339 instant such as 2025-07-22T17:00:00Z`);
  return { ms, text: formatInstant(ms) };
}
