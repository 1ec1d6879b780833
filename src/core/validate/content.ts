import type { z } from 'zod';
import { decodeText } from '../parse/frontmatter.ts';
import { parseYaml } from '../parse/yaml.ts';
import { advisorySchema } from '../schema/advisory.ts';
import { partnersSchema, type Partners } from '../schema/partners.ts';
import { SiteSchema, type Site } from '../schema/site.ts';
import { parseAdvisory, type Advisory, type ContentFile } from './advisory.ts';
import { sortProblems, type Problem } from './problem.ts';
import { zodProblems } from './zod-problems.ts';

/** The files of a content folder, as read from disk by the build shell. */
export interface ContentFiles {
  site: ContentFile;
  partners?: ContentFile;
  advisories: ContentFile[];
  /** Every file under `assets/`, as paths below the content folder. */
  assets: string[];
}

/** A whole content folder, parsed and validated once. */
export interface Content {
  site: Site;
  partners: Partners;
  /** Sorted by id. */
  advisories: Advisory[];
  assets: string[];
}

/**
 * Validates a content folder: site config first (everything else depends on
 * it), then partners and every advisory, then the rules across files. All
 * problems are collected; content is returned only when there are none.
 */
export function validateContent(files: ContentFiles): { content?: Content; problems: Problem[] } {
  const site = parseConfig(files.site, SiteSchema);
  if (!site.value) return { problems: sortProblems(site.problems) };

  const problems: Problem[] = [];
  const partners = files.partners ? parseConfig(files.partners, partnersSchema(site.value)) : { value: { groups: {}, partners: [] }, problems: [] };
  problems.push(...partners.problems);

  const context = { site: site.value, schema: advisorySchema(site.value), assets: new Set(files.assets) };
  const advisories: Advisory[] = [];
  for (const file of files.advisories) {
    const result = parseAdvisory(file, context);
    problems.push(...result.problems);
    if (result.advisory) advisories.push(result.advisory);
  }
  problems.push(...duplicateIds(advisories));

  if (problems.length > 0 || !partners.value) return { problems: sortProblems(problems) };
  advisories.sort((a, b) => (a.fields.id < b.fields.id ? -1 : a.fields.id > b.fields.id ? 1 : 0));
  return { content: { site: site.value, partners: partners.value, advisories, assets: [...files.assets].sort() }, problems: [] };
}

/** Reads a YAML config file (site.yaml, partners.yaml) against its schema. */
export function parseConfig<S extends z.ZodType>(file: ContentFile, schema: S): { value?: z.output<S>; problems: Problem[] } {
  const decoded = decodeText(file.bytes);
  const yaml = decoded.text === undefined ? { problems: decoded.problems } : parseYaml(decoded.text);
  if (!('value' in yaml) || !yaml.value) {
    return { problems: yaml.problems.map((p) => ({ file: file.name, line: p.line, column: p.column, message: p.message })) };
  }
  const parsed = schema.safeParse(yaml.value.data, { reportInput: true });
  if (!parsed.success) return { problems: zodProblems(parsed.error.issues, yaml.value, file.name) };
  return { value: parsed.data, problems: [] };
}

/** Ids are unique regardless of case; each duplicate names the other files. */
function duplicateIds(advisories: readonly Advisory[]): Problem[] {
  const byId = new Map<string, Advisory[]>();
  for (const advisory of advisories) {
    const key = advisory.fields.id.toUpperCase();
    byId.set(key, [...(byId.get(key) ?? []), advisory]);
  }
  const problems: Problem[] = [];
  for (const group of byId.values()) {
    if (group.length < 2) continue;
    for (const advisory of group) {
      const others = group.filter((other) => other !== advisory).map((other) => other.name);
      problems.push({ file: advisory.name, ...advisory.idAt, field: 'id', message: `duplicate id ${advisory.fields.id}, also in ${others.join(', ')}` });
    }
  }
  return problems;
}
