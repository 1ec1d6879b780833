import type { z } from 'zod';
import { didYouMean } from '../../util/did-you-mean.ts';
import type { YamlData } from '../parse/yaml.ts';
import { acceptedKeys } from '../schema/strict.ts';
import { describeValue, type Problem } from './problem.ts';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** `products[0].affected` from `['products', 0, 'affected']`. */
export function fieldName(path: Path): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

// zod's own wording; anything else is a message written in our schemas and kept as is.
const DEFAULT_MESSAGE = /^(Invalid input|Invalid option|Too small|Too big|Invalid string|Unrecognized key|Invalid element)/;

/**
 * Turns zod issues into positioned, plain-language problems: a wrong value
 * points at the value, a missing key at the mapping that lacks it, an
 * unknown key at the key. An unknown key within two edits of a key the
 * mapping accepts and lacks is reported as that key misspelt, and the
 * key's own "missing" problem is left out: it is the same mistake.
 */
export function zodProblems(issues: readonly Issue[], source: YamlData, file: string, basePath: Path = []): Problem[] {
  const problems: Problem[] = [];
  // Missing keys by full field name, and the keys suggested for a misspelling: those are not reported missing as well.
  const missingKeys = new Map<Problem, string>();
  const suggested = new Set<string>();
  for (const issue of issues) {
    const path = [...basePath, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const accepted = acceptedKeys(issue.message);
      // Only keys the mapping does not already have: a second `summary` under another name is not a typo of the first.
      const absent = accepted?.filter((key) => !has(source.data, [...path, key])) ?? [];
      for (const key of issue.keys) {
        const meant = didYouMean(key, absent);
        let message = DEFAULT_MESSAGE.test(issue.message) ? 'unknown field' : issue.message;
        if (meant !== undefined) {
          suggested.add(fieldName([...path, meant]));
          message = `${/^unknown \w+/.exec(message)![0]}; did you mean "${meant}"?`;
        }
        problems.push({
          file,
          ...source.locate([...path, key], { key: true }),
          field: fieldName([...path, key]),
          message: message.replace(/^unknown (\w+)/, `unknown $1 "${key}"`),
        });
      }
      continue;
    }
    if (issue.code === 'invalid_key') {
      const message = issue.issues[0]?.message ?? 'invalid key';
      problems.push({ file, ...source.locate(path, { key: true }), field: fieldName(path), message: `the key "${String(path[path.length - 1])}": ${message}` });
      continue;
    }
    const missing = path.length > 0 && !('input' in issue && issue.input !== undefined) && !has(source.data, path);
    if (missing) {
      const key = path[path.length - 1];
      const problem: Problem = { file, ...source.locate(path), field: fieldName(path.slice(0, -1)) || undefined, message: `missing required field "${String(key)}"` };
      missingKeys.set(problem, fieldName(path));
      problems.push(problem);
      continue;
    }
    problems.push({ file, ...source.locate(path), field: fieldName(path) || undefined, message: describeIssue(issue) });
  }
  return problems.filter((problem) => !suggested.has(missingKeys.get(problem) ?? ''));
}

function describeIssue(issue: Issue): string {
  const input = 'input' in issue ? issue.input : undefined;
  const found = input === undefined ? '' : `, found ${describeValue(input)}`;
  const custom = !DEFAULT_MESSAGE.test(issue.message);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = custom ? issue.message : `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
      return `${expected}${found}${quoteHint(issue.expected === 'string', input)}`;
    }
    case 'invalid_union': {
      const wantsText = issue.errors.some((branch) => branch.some((inner) => inner.code === 'invalid_type' && inner.expected === 'string'));
      return `${custom ? issue.message : 'invalid value'}${found}${quoteHint(wantsText, input)}`;
    }
    case 'invalid_value':
      return custom ? `${issue.message}${found}` : `expected one of ${issue.values.map(String).join(', ')}${found}`;
    case 'too_small':
      if (custom) return issue.message;
      return issue.origin === 'array' ? `expected at least ${issue.minimum} item(s)` : `must be at least ${issue.minimum}${found}`;
    case 'too_big':
      return custom ? issue.message : `must be at most ${issue.maximum}${found}`;
    case 'custom':
      // `params.shown`: the message already states the value (a score, an instant), so it is not repeated.
      return input === undefined || issue.message.includes('found') || issue.params?.shown === true ? issue.message : `${issue.message}${found}`;
    default:
      return custom ? `${issue.message}${found}` : `invalid value${found}`;
  }
}

/** YAML reads 2.10 as the number 2.1 and yes as text; quoting keeps what the author wrote. */
function quoteHint(wantsText: boolean, input: unknown): string {
  return wantsText && (typeof input === 'number' || typeof input === 'boolean') ? ' (put it in quotes to keep it as written)' : '';
}

function has(data: unknown, path: Path): boolean {
  let here: unknown = data;
  for (const key of path) {
    if (here === null || typeof here !== 'object' || !Object.hasOwn(here, key)) return false;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return true;
}
