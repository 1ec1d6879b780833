import { readFile } from 'node:fs/promises';
import { buffer } from 'node:stream/consumers';
import { PROJECT_ROOT } from '../pipeline/root.ts';
import { formatProblems } from '../core/validate/problem.ts';
import { loadMarkKey } from '../partners/keys.ts';
import { readLedger } from '../partners/ledger.ts';
import { trace } from '../partners/trace.ts';
import { loadContent } from './check.ts';
import { parseArguments, UsageError } from './usage.ts';

/** The options of `trace`, as its parser takes them. */
export const TRACE_OPTIONS = { content: { type: 'string', default: 'content' }, out: { type: 'string', default: 'dist' } } as const;

/** `tierpress trace FILE|-`: which partner's bundle a leaked file or pasted excerpt came from. */
export async function traceCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArguments(args, TRACE_OPTIONS);
  if (positionals.length !== 1) throw new UsageError('trace takes one file, or - to read an excerpt from standard input');
  const source = positionals[0]!;
  // Bytes as they are: a pasted binary file must keep its exact hash for the ledger's file match.
  const bytes = source === '-' ? await buffer(process.stdin) : await readFile(source);
  const { content, problems } = await loadContent(values.content);
  if (!content) {
    console.error(formatProblems(problems));
    return 1;
  }
  const ledger = await readLedger(values.out);
  const result = trace(
    { name: source === '-' ? 'excerpt.txt' : source, bytes },
    { key: (await loadMarkKey(PROJECT_ROOT)).key, partners: content.partners.partners, advisories: content.advisories.map((a) => a.fields.id), ledger },
  );
  for (const suspect of result.suspects) {
    console.log(`${suspect.partner} (${suspect.name}):`);
    for (const item of suspect.evidence) {
      console.log(`  ${item.kind} ${item.kind === 'invisible mark' ? '' : `${item.value} `}${item.advisory ? `for ${item.advisory}` : ''}${item.detail ?? ''}`.trimEnd());
    }
  }
  if (result.suspects.length === 1) console.log(`\nThe input came from the bundle of ${result.suspects[0]!.partner}.`);
  else if (result.suspects.length > 1) console.log(`\nThe input is consistent with ${result.suspects.length} partners: ${result.suspects.map((s) => s.partner).join(', ')}.`);
  else {
    console.log('Nothing in this input identifies a partner: no mark token, no invisible mark, no file hash the ledger recorded.');
    if (result.tierBundle) console.log('It carries the neutral mark of a tier bundle (tp-unmarked), not a partner bundle.');
  }
  if (result.unknownMarks.length > 0) console.log(`Marks that match no partner and advisory (altered, or keyed with another mark key): ${result.unknownMarks.length}.`);
  return 0;
}
