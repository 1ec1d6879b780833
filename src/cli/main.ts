import { didYouMean } from '../util/did-you-mean.ts';
import { auditCommand } from './audit.ts';
import { buildCommand } from './build.ts';
import { check } from './check.ts';
import { devCommand } from './dev.ts';
import { commandHelp } from './help.ts';
import { newCommand } from './new.ts';
import { scheduleCommand } from './schedule.ts';
import { traceCommand } from './trace.ts';
import { verifyCommand } from './verify.ts';
import { whoKnewCommand } from './who-knew.ts';
import { USAGE, UsageError } from './usage.ts';

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  audit: auditCommand,
  build: buildCommand,
  check,
  dev: devCommand,
  new: newCommand,
  schedule: scheduleCommand,
  trace: traceCommand,
  verify: verifyCommand,
  'who-knew': whoKnewCommand,
};

/** Runs one tierpress command and returns its exit status. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '-h' || name === '--help') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  // `tierpress help build` is `tierpress build --help`.
  if (name === 'help') return main(args.length > 0 ? [args[0]!, '--help'] : ['--help']);
  const command = COMMANDS[name];
  try {
    if (!command) {
      const meant = didYouMean(name, Object.keys(COMMANDS));
      throw new UsageError(`unknown command "${name}"; ${meant ? `did you mean "${meant}"?` : `the commands are ${Object.keys(COMMANDS).join(', ')}`}`);
    }
    // Before any parsing, so `--help` works beside a bad option too.
    if (args.includes('-h') || args.includes('--help')) {
      console.log(commandHelp(name));
      return 0;
    }
    return await command(args);
  } catch (error) {
    // One line: the reason, not the whole usage text, which would push it off the screen.
    if (error instanceof UsageError) {
      console.error(`tierpress${command ? ` ${name}` : ''}: ${error.message}`);
      return 2;
    }
    // A plain reason (a missing file, a bad key), not a stack trace; TIERPRESS_DEBUG=1 shows where it came from.
    if (process.env.TIERPRESS_DEBUG) throw error;
    console.error(`tierpress ${name}: ${(error as Error).message ?? String(error)}`);
    return 1;
  }
}
