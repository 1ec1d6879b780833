import { auditCommand } from './audit.ts';
import { buildCommand } from './build.ts';
import { check } from './check.ts';
import { traceCommand } from './trace.ts';
import { verifyCommand } from './verify.ts';
import { whoKnewCommand } from './who-knew.ts';
import { USAGE, UsageError } from './usage.ts';

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = { audit: auditCommand, build: buildCommand, check, trace: traceCommand, verify: verifyCommand, 'who-knew': whoKnewCommand };

/** Runs one tierpress command and returns its exit status. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    if (args.includes('-h') || args.includes('--help')) {
      console.log(USAGE);
      return 0;
    }
    return await command(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`tierpress: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    // A plain reason (a missing file, a bad key), not a stack trace; TIERPRESS_DEBUG=1 shows where it came from.
    if (process.env.TIERPRESS_DEBUG) throw error;
    console.error(`tierpress ${name}: ${(error as Error).message ?? String(error)}`);
    return 1;
  }
}
