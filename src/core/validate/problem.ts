/** A point in a source file, 1-based as editors show it. */
export interface Point {
  line: number;
  column: number;
}

/** One error found in the content, positioned for a person to fix it. */
export interface Problem extends Point {
  /** Path of the file, relative to the content folder's parent as the user typed it. */
  file: string;
  /** The frontmatter field or body construct at fault, e.g. `products[0].affected`. */
  field?: string;
  /** What was expected and what was found, in plain language. */
  message: string;
}

/** Thrown when content cannot be used; carries every problem of the run. */
export class ContentError extends Error {
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    super(formatProblems(problems));
    this.name = 'ContentError';
    this.problems = sortProblems(problems);
  }
}

/** Orders problems by file, then line, then column, so output reads top to bottom. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}

/** One problem as `file:line:column: field: message`, the form editors and CI annotate. */
export function formatProblem(problem: Problem): string {
  const field = problem.field ? `${problem.field}: ` : '';
  return `${problem.file}:${problem.line}:${problem.column}: ${field}${problem.message}`;
}

/** Every problem, sorted, one per line. */
export function formatProblems(problems: readonly Problem[]): string {
  return sortProblems(problems).map(formatProblem).join('\n');
}

/** Every warning, sorted, one per line as `file:line:column: warning: field: message`: placed like a problem, and marked as not one. */
export function formatWarnings(warnings: readonly Problem[]): string {
  return sortProblems(warnings)
    .map(({ file, line, column, field, message }) => `${file}:${line}:${column}: warning: ${field ? `${field}: ` : ''}${message}`)
    .join('\n');
}

/** Shows a value the way the user wrote it, short enough for one line of an error. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}
