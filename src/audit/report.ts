import { readFile } from 'node:fs/promises';
import { formatFinding, type Finding } from './audit.ts';
import { locateTokens } from './context.ts';

/**
 * A finding with where its words are on both sides: in the source (the
 * advisory file, line and column, and the withheld text around them) and in
 * the output (the decoded text around the match, and how it was decoded).
 * `read` gives a source file's text; a file that cannot be read is named only.
 */
export async function explainFinding(finding: Finding, read: (file: string) => Promise<string> = (file) => readFile(file, 'utf8')): Promise<string> {
  const lines = [formatFinding(finding)];
  const source = finding.source;
  if (source?.file && finding.excerpt) {
    const text = await read(source.file).catch(() => undefined);
    const near = source.line ? { line: source.line, column: source.column ?? 1 } : undefined;
    const found = text === undefined ? undefined : locateTokens(text, finding.excerpt.split(' '), near);
    lines.push(found ? `    in the source  ${source.file}:${found.line}:${found.column}: ${found.context}` : `    in the source  ${source.file}: (the words are not in a row in the file; ${source.what})`);
  }
  if (finding.context) lines.push(`    in the output  ${finding.file}${finding.how ? ` [${finding.how}]` : ''}: ${finding.context}`);
  return lines.join('\n');
}

/** What to do about a finding that is not a leak, for the end of a failed audit's report. */
export const ALLOW_HINT =
  'A match that is not a leak (the same words made from what the view may see) can be allowed by a reviewer in content/audit-allow.yaml: see "Audit and seal" in README.md.';
