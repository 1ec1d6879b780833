import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LEDGER, readLedger } from '../partners/ledger.ts';
import { whoKnew } from '../partners/who-knew.ts';
import { table } from './table.ts';
import { parseArguments, UsageError } from './usage.ts';

/** The options of `who-knew`, as its parser takes them. */
export const WHO_KNEW_OPTIONS = { gate: { type: 'string' }, out: { type: 'string', default: 'dist' } } as const;

/** `tierpress who-knew ID [--gate poc]`: which partners received an advisory (or its gated part), from when. */
export async function whoKnewCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArguments(args, WHO_KNEW_OPTIONS);
  if (positionals.length !== 1) throw new UsageError('who-knew takes one advisory id, e.g. npx tierpress who-knew CTSA-2025-0007 --gate poc');
  const advisory = positionals[0]!;
  // No ledger is not "nobody": it means no partner build was recorded in this folder (or --out is wrong).
  if (!(await stat(join(values.out, LEDGER)).catch(() => undefined))) {
    console.error(`tierpress who-knew: there is no ${join(values.out, LEDGER)}; name the output folder of partner builds with --out`);
    return 1;
  }
  const receipts = whoKnew(await readLedger(values.out), advisory, values.gate);
  const what = values.gate ? `the ${values.gate} gates of ${advisory}` : advisory;
  if (receipts.length === 0) {
    console.log(`No partner has received ${what}, according to ${values.out}/ledger.jsonl.`);
    return 0;
  }
  console.log(`${receipts.length} partner${receipts.length === 1 ? '' : 's'} received ${what}:\n`);
  console.log(
    table(
      ['partner', 'name', 'tier', 'first received', 'last delivered', 'revisions'],
      receipts.map((r) => [r.partner, r.name, r.tier, r.from, r.last, r.revisions.join(', ')]),
    ),
  );
  return 0;
}
