import { parseArgs, type ParseArgsConfig } from 'node:util';
import { instantProblem } from '../core/schema/instant-problem.ts';
import { formatInstant, parseInstant } from '../core/schema/fields.ts';
import { didYouMean } from '../util/did-you-mean.ts';
import { COMMAND_HELP } from './help.ts';

/** Bad command-line usage: printed as one line with the reason, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const commandList = Object.entries(COMMAND_HELP)
  .map(([name, help]) => `  ${`${name}${help.args ? ` ${help.args}` : ''}`.padEnd(18)}  ${help.summary}`)
  .join('\n');

export const USAGE = `Usage: tierpress <command> [options]

Commands:
${commandList}

Options most commands take:
  --content DIR       content folder (default: content)
  --out DIR           output folder (default: dist)
  --at INSTANT        as of this RFC 3339 instant (default: now)
  -h, --help          show this help; tierpress <command> --help shows a command's own options

Exit status: 0 success, 1 content or audit errors, 2 bad usage.`;

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses options strictly: an unknown flag or a stray argument is a usage error, not ignored. */
export function parseOptions<T extends Options>(args: string[], options: T) {
  return parseArguments(args, options, false).values;
}

/** Like `parseOptions`, for commands that take positional arguments too. */
export function parseArguments<T extends Options>(args: string[], options: T, positionals = true) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: positionals });
  } catch (error) {
    throw new UsageError(usageProblem(error as NodeJS.ErrnoException, options), { cause: error });
  }
}

/** node:util's parse error in a person's words, with the flag a misspelt one most likely meant. */
function usageProblem(error: NodeJS.ErrnoException, options: Options): string {
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  const flags = Object.keys(options).map((name) => `--${name}`);
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const flag = quoted.split('=')[0]!;
      const meant = didYouMean(flag.replace(/^-+/, ''), Object.keys(options));
      return meant ? `unknown option ${flag}; did you mean --${meant}?` : `unknown option ${flag}; the options here are ${[...flags, '--help'].join(', ')}`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}": this command takes only options (${flags.join(', ')})`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const flag = quoted.split(' ')[0]!;
      return /does not take an argument/.test(error.message) ? `${flag} takes no value` : `${flag} needs a value`;
    }
    default:
      return error.message;
  }
}

/** The build instant from `--at`, or now: the only place Tierpress reads the clock. */
export function parseAt(value: string | undefined): { ms: number; text: string } {
  if (value === undefined) {
    const now = Math.floor(Date.now() / 1000) * 1000;
    return { ms: now, text: formatInstant(now) };
  }
  const ms = parseInstant(value);
  if (ms === undefined) throw new UsageError(`--at ${value}: ${instantProblem(value)}`);
  return { ms, text: formatInstant(ms) };
}
