import type { Root } from 'mdast';
import { isScalar, Scalar } from 'yaml';
import { gateNames } from '../gates/directives.ts';
import { gateMarkdown } from '../gates/gate.ts';
import { hasMark } from '../gates/mark.ts';
import { splitFrontmatter } from '../parse/frontmatter.ts';
import { availableFrom } from '../project/view.ts';
import { ADVISORY_ID, advisorySchema, type Frontmatter } from '../schema/advisory.ts';
import { ratingOf, SEVERITIES, type Severity } from '../schema/cvss.ts';
import { formatInstant } from '../schema/fields.ts';
import type { Site } from '../schema/site.ts';
import type { YamlData } from '../parse/yaml.ts';
import type { Point, Problem } from './problem.ts';
import { fieldName, zodProblems } from './zod-problems.ts';

/** A file handed to the core: its path below the content folder, the name to show, and its bytes. */
export interface ContentFile {
  path: string;
  name: string;
  bytes: Uint8Array;
}

/** An advisory parsed and validated once, ready to be projected for any view. */
export interface Advisory {
  /** Path below the content folder, e.g. `advisories/2025/CTSA-2025-0007.md`. */
  file: string;
  /** The path shown in messages. */
  name: string;
  fields: Frontmatter;
  /** The body with gates as `gate` nodes; positions are file positions. */
  body: Root;
  /** The body's source text, padded so that its lines are the file's: the projection proof re-derives views from it. */
  bodySource: string;
  /** Overlay notes by tier id, gated like the body. */
  notes: Record<string, Root>;
  /** The given severity, else the rating of the first CVSS vector; undefined when not rated. */
  severity: Severity | undefined;
  /** Where the id is written, for errors that involve the whole advisory. */
  idAt: Point;
}

/** Context every advisory of a run shares. */
export interface AdvisoryContext {
  site: Site;
  schema: ReturnType<typeof advisorySchema>;
  assets: ReadonlySet<string>;
}

/** Parses and validates one advisory file, collecting every problem in it, and the warnings of a valid one. */
export function parseAdvisory(file: ContentFile, context: AdvisoryContext): { advisory?: Advisory; problems: Problem[]; warnings?: Problem[] } {
  const at = (point: Point, message: string, field?: string): Problem => ({ file: file.name, ...point, field, message });
  const split = splitFrontmatter(file.bytes);
  if (!split.value) return { problems: split.problems.map((p) => at(p, p.message)) };
  const { frontmatter, body, text } = split.value;

  const problems: Problem[] = [];
  const parsed = context.schema.safeParse(frontmatter.data, { reportInput: true });
  if (!parsed.success) problems.push(...zodProblems(parsed.error.issues, frontmatter, file.name));
  problems.push(...plainTextProblems(frontmatter, file.name, context.site));

  const options = { site: context.site, file: file.path, assets: context.assets };
  const gatedBody = gateMarkdown(body, options);
  problems.push(...gatedBody.problems.map((p) => at(p, p.message, 'body')));

  // Read from the data as written, so a wrong id is reported with the schema's problems rather than after they are fixed.
  const id = idProblem(frontmatter.data, file.path);
  if (id) problems.push(at(frontmatter.locate(['id']), id, 'id'));

  if (!parsed.success) return { problems };
  const fields = parsed.data;

  const notes: Record<string, Root> = {};
  for (const tier of context.site.tiers) {
    const source = fields.tiers[tier.id]?.notes;
    if (source === undefined) continue;
    const path = ['tiers', tier.id, 'notes'];
    const gated = gateMarkdown(source, options);
    const toFile = notesPosition(frontmatter, path, text);
    problems.push(...gated.problems.map((p) => at(toFile(p), p.message, path.join('.'))));
    notes[tier.id] = gated.tree;
  }
  problems.push(...embargoProblems(fields, context.site, frontmatter, file.name));
  if (problems.length > 0) return { problems };

  const first = fields.cvss[0];
  const severity = fields.severity ?? (first ? ratingOf(first.score, first.version) : undefined);
  const idAt = frontmatter.locate(['id']);
  const warnings = severityWarnings(fields).map((message) => at(frontmatter.locate(['severity']), message, 'severity'));
  return { advisory: { file: file.path, name: file.name, fields, body: gatedBody.tree, bodySource: body, notes, severity, idAt }, problems, warnings };
}

/** Why a well-formed id cannot be this file's: it must equal the file name. Ids the schema refuses are left to it. */
function idProblem(data: unknown, path: string): string | undefined {
  const id = data && typeof data === 'object' ? (data as Record<string, unknown>).id : undefined;
  const expected = path.split('/').pop()!.replace(/\.md$/, '');
  if (typeof id !== 'string' || !ADVISORY_ID.test(id) || id === expected) return undefined;
  return `the id ${id} must equal the file name ${expected}`;
}

/**
 * A given severity two or more steps from what every CVSS vector rates
 * (low where the vectors say high) is more likely a slip than a judgement;
 * but a vendor may rate its own product differently, so it is a warning.
 */
function severityWarnings(fields: Frontmatter): string[] {
  if (fields.severity === undefined || fields.cvss.length === 0) return [];
  const given = SEVERITIES.indexOf(fields.severity);
  const steps = fields.cvss.map((vector) => Math.abs(SEVERITIES.indexOf(ratingOf(vector.score, vector.version)) - given));
  if (Math.min(...steps) < 2) return [];
  const rated = [...new Set(fields.cvss.map((vector) => `${ratingOf(vector.score, vector.version)} (CVSS ${vector.version}, score ${vector.score})`))];
  const words = ['', 'one', 'two', 'three', 'four'];
  const ratings = rated.length === 1 ? `the CVSS rating ${rated[0]}` : `the CVSS ratings ${rated.join(' and ')}`;
  return [`${fields.severity} is ${words[Math.min(...steps)]} steps from ${ratings}; check it, unless the vendor rates it so on purpose`];
}

/**
 * Checks every plain-text string of the frontmatter (all but overlay notes,
 * which are gated Markdown): it is published as written to every tier that
 * sees the field, so neither a mark nor gate syntax means anything there.
 */
function plainTextProblems(source: YamlData, file: string, site: Site): Problem[] {
  const problems: Problem[] = [];
  const gateSyntax = gateSyntaxFinder(site);
  const visit = (value: unknown, path: PropertyKey[]) => {
    if (typeof value === 'string') {
      const isNotes = path.length === 3 && path[0] === 'tiers' && path[2] === 'notes';
      if (isNotes) return;
      const at = () => ({ file, ...source.locate(path), field: fieldName(path) });
      if (hasMark(value)) problems.push({ ...at(), message: '{{mark}} outside a gate; marks belong inside gated Markdown' });
      const gate = gateSyntax(value);
      if (gate) {
        const container = gate.name === 'tier' ? ':::tier{min=…}' : `:::${gate.name}`;
        problems.push({
          ...at(),
          message: `\`${gate.written}\` would be a gate in the body; plain-text fields cannot hold gates — move this into the body inside a ${container} gate, or escape it (\`${gate.escaped}\`, the backslash is shown) if it is meant as text`,
        });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, index]));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    }
  };
  visit(source.data, []);
  return problems;
}

/**
 * Finds text that would open a gate in a body, or that a body would refuse as
 * looking like one: `:name[…]`, `::name[…]`, `:name{…}` anywhere, `:::name` at
 * the start of a line, for `tier` and every class. A backslash escapes as in
 * Markdown: `\:poc[…]` and `\:::poc[…]` are text, but `\::poc[…]` is still
 * a gate after the escaped colon. Colons in ordinary text (`10:30`, `AV:N`,
 * `host:8443`, `https://`, `:smile:`) do not match.
 */
function gateSyntaxFinder(site: Site): (text: string) => { name: string; written: string; escaped: string } | undefined {
  const names = gateNames(site).map(escapeRegExp).join('|');
  const inline = new RegExp(`(:+)(${names})([\\[{])`, 'g');
  const container = new RegExp(`^[ \\t]*(?:>[ \\t]*)*(:{3,})(${names})(?![\\w-])`, 'm');
  const escaped = (text: string, index: number) => {
    let backslashes = 0;
    while (text[index - 1 - backslashes] === '\\') backslashes++;
    return backslashes % 2 === 1;
  };
  const opens = (text: string, match: RegExpExecArray) => {
    const run = match[1]!.length;
    if (!escaped(text, match.index)) return true;
    // Only the first colon of a run can be escaped: `\:poc[` is text; after `\:` a single colon opens a gate again.
    return run === 2;
  };
  return (text) => {
    const match = [...text.matchAll(inline)].find((candidate) => opens(text, candidate)) ?? container.exec(text) ?? undefined;
    if (!match) return undefined;
    const [, colons, name, bracket] = match;
    const rest = `${name}${bracket === '[' ? '[…]' : bracket === '{' ? '{…}' : ''}`;
    // Escaping the colon before the name makes any run text.
    return { name: name!, written: `${colons}${rest}`, escaped: `${colons!.slice(0, -1)}\\:${rest}` };
  };
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Maps a position inside overlay notes to the file. Block scalars (`|`, `>`)
 * start on the line after the indicator, indented; other styles are mapped
 * to where the value starts.
 */
function notesPosition(source: YamlData, path: PropertyKey[], text: string): (point: Point) => Point {
  const node = source.nodeAt(path);
  const start = source.locate(path);
  if (!isScalar(node) || (node.type !== Scalar.BLOCK_LITERAL && node.type !== Scalar.BLOCK_FOLDED)) {
    return (point) => ({ line: start.line + point.line - 1, column: point.line === 1 ? start.column + point.column - 1 : point.column });
  }
  const lines = text.split('\n');
  const firstContent = lines.slice(start.line).find((line) => line.trim() !== '') ?? '';
  const indent = firstContent.length - firstContent.trimStart().length;
  return (point) => ({ line: start.line + point.line, column: point.column + indent });
}

/** A more trusted tier must never see an advisory later than a less trusted one (docs/format.md#embargo-and-lead-arithmetic). */
function embargoProblems(fields: Frontmatter, site: Site, source: YamlData, file: string): Problem[] {
  const problems: Problem[] = [];
  const timed = site.tiers.filter((tier) => tier.lead !== 'always');
  timed.forEach((later, j) => {
    const laterFrom = availableFrom(fields, later);
    if (laterFrom === null) return;
    for (const earlier of timed.slice(0, j)) {
      const earlierFrom = availableFrom(fields, earlier)!;
      if (laterFrom <= earlierFrom) continue;
      const blamed = fields.tiers[later.id]?.release !== undefined ? later.id : earlier.id;
      const path = fields.tiers[blamed]?.release !== undefined ? ['tiers', blamed, 'release'] : ['release'];
      problems.push({
        file,
        ...source.locate(path),
        field: path.join('.'),
        message: `"${later.id}" would see this advisory at ${formatInstant(laterFrom)}, later than the less trusted "${earlier.id}" at ${formatInstant(earlierFrom)}`,
      });
      return;
    }
  });
  return problems;
}
