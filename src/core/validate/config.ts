import type { z } from 'zod';
import { decodeText } from '../parse/frontmatter.ts';
import { parseYaml, type YamlData } from '../parse/yaml.ts';
import type { ContentFile } from './advisory.ts';
import type { Point, Problem } from './problem.ts';
import { zodProblems } from './zod-problems.ts';

/**
 * Reads a YAML config file (site.yaml, partners.yaml, audit-allow.yaml)
 * against its schema; with the value, a way to point at any part of it.
 */
export function parseConfig<S extends z.ZodType>(file: ContentFile, schema: S): { value?: z.output<S>; locate: YamlData['locate']; problems: Problem[] } {
  const nowhere = (): Point => ({ line: 1, column: 1 });
  const decoded = decodeText(file.bytes);
  const yaml = decoded.text === undefined ? { problems: decoded.problems } : parseYaml(decoded.text);
  if (!('value' in yaml) || !yaml.value) {
    return { locate: nowhere, problems: yaml.problems.map((p) => ({ file: file.name, line: p.line, column: p.column, message: p.message })) };
  }
  const parsed = schema.safeParse(yaml.value.data, { reportInput: true });
  if (!parsed.success) return { locate: yaml.value.locate, problems: zodProblems(parsed.error.issues, yaml.value, file.name) };
  return { value: parsed.data, locate: yaml.value.locate, problems: [] };
}
