import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import type { Point } from '../validate/problem.ts';

/** A problem inside a YAML text, before the file name is known. */
export interface YamlProblem extends Point {
  message: string;
}

/** Plain data read from YAML, with a way back from any path to the text that produced it. */
export interface YamlData {
  data: unknown;
  /**
   * Where the value at `path` is written. For a path that does not exist, the
   * mapping that lacks it; with `key`, the key itself rather than its value.
   */
  locate(path: readonly PropertyKey[], options?: { key?: boolean }): Point;
  /** The YAML node at `path`, for callers that need its style (e.g. block scalars). */
  nodeAt(path: readonly PropertyKey[]): YamlNode | undefined;
}

/** Keys that would reach Object.prototype or a class if the data were ever merged unsafely. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Reads YAML as plain JSON-compatible data, refusing everything beyond it:
 * anchors, aliases, merge keys, tags, directives, several documents,
 * duplicate keys, non-text keys and prototype-polluting keys. `lineOffset`
 * is added to every reported line, for YAML embedded in a larger file.
 */
export function parseYaml(text: string, lineOffset = 0): { value?: YamlData; problems: YamlProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    schema: 'core',
    merge: false,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    // Versions like 1.10 must stay text; core schema already keeps dates as strings.
    intAsBigInt: false,
  });
  const at = (offset: number): Point => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  const problems: YamlProblem[] = [];
  for (const error of [...doc.errors, ...doc.warnings]) {
    problems.push({ ...at(error.pos[0]), message: yamlMessage(error.code, error.message) });
  }
  const directives = doc.directives;
  if (directives.docStart || directives.docEnd || directives.yaml.explicit || Object.keys(directives.tags).length > 1) {
    problems.push({ ...at(0), message: 'YAML directives and document markers are not allowed' });
  }
  if (doc.contents && !isMap(doc.contents)) {
    problems.push({ ...at(doc.contents.range?.[0] ?? 0), message: 'expected a mapping of fields at the top level' });
  }
  if (doc.contents) checkNode(doc.contents, at, problems);
  if (problems.length > 0) return { problems };
  return {
    value: {
      data: doc.contents ? doc.toJS({ maxAliasCount: 0 }) : {},
      locate: (path, options) => locate(doc, path, options?.key ?? false, at),
      nodeAt: (path) => nodeAt(doc, path),
    },
    problems,
  };
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0] ?? message;
  if (code === 'DUPLICATE_KEY') return 'duplicate key: each key may appear once in a mapping';
  if (code === 'MULTIPLE_DOCS') return 'only one YAML document is allowed in the frontmatter';
  if (code === 'TAG_RESOLVE_FAILED') return `tags are not allowed (${first.replace(/^Unresolved tag: /, '')})`;
  return `invalid YAML: ${first.replace(/ at line \d+, column \d+.*$/, '')}`;
}

/** Walks every node and records what plain data must not contain. */
function checkNode(node: YamlNode, at: (offset: number) => Point, problems: YamlProblem[]): void {
  const here = () => at(node.range?.[0] ?? 0);
  if (isAlias(node)) {
    problems.push({ ...here(), message: `aliases (*${node.source}) are not allowed; write the value out` });
    return;
  }
  if (node.anchor) problems.push({ ...here(), message: `anchors (&${node.anchor}) are not allowed` });
  if (node.tag) problems.push({ ...here(), message: `tags are not allowed (${node.tag})` });
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      const keyAt = key?.range ? at(key.range[0]) : here();
      if (!isScalar(key) || typeof key.value !== 'string') {
        problems.push({ ...keyAt, message: 'keys must be plain text' });
      } else if (key.value === '<<') {
        problems.push({ ...keyAt, message: 'merge keys (<<) are not allowed' });
      } else if (FORBIDDEN_KEYS.has(key.value)) {
        problems.push({ ...keyAt, message: `the key "${key.value}" is not allowed` });
      }
      if (key && !isScalar(key)) continue;
      if (key) checkNode(key, at, problems);
      if (pair.value) checkNode(pair.value as YamlNode, at, problems);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) if (item) checkNode(item as YamlNode, at, problems);
  }
}

function nodeAt(doc: Document, path: readonly PropertyKey[]): YamlNode | undefined {
  const node = doc.getIn(path as unknown[], true);
  return node && typeof node === 'object' ? (node as YamlNode) : undefined;
}

/** The deepest existing node on `path`; for a missing key, its mapping; for `key`, the key node. */
function locate(doc: Document, path: readonly PropertyKey[], key: boolean, at: (offset: number) => Point): Point {
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth);
    if (key && depth === path.length && depth > 0) {
      const parent = nodeAt(doc, prefix.slice(0, -1)) ?? (depth === 1 ? doc.contents ?? undefined : undefined);
      const keyNode = isMap(parent)
        ? parent.items.find((pair) => isScalar(pair.key) && pair.key.value === prefix[prefix.length - 1])?.key
        : undefined;
      if (isScalar(keyNode) && keyNode.range) return at(keyNode.range[0]);
    }
    const node = depth === 0 ? doc.contents : nodeAt(doc, prefix);
    if (node && typeof node === 'object' && 'range' in node && node.range) return at(node.range[0]);
  }
  return at(0);
}
