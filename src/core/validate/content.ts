import { advisorySchema } from '../schema/advisory.ts';
import type { AuditAllowEntry } from '../schema/audit-allow.ts';
import { partnersSchema, type Partners } from '../schema/partners.ts';
import { SiteSchema, type Site } from '../schema/site.ts';
import { parseAdvisory, type Advisory, type AdvisoryContext, type ContentFile } from './advisory.ts';
import { validateAuditAllow } from './audit-allow.ts';
import { parseConfig } from './config.ts';
import { sortProblems, type Problem } from './problem.ts';

/** The files of a content folder, as read from disk by the build shell. */
export interface ContentFiles {
  site: ContentFile;
  partners?: ContentFile;
  /** `audit-allow.yaml`, the reviewed exceptions to the audit (optional). */
  auditAllow?: ContentFile;
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
  /** Phrases of withheld text reviewers allowed in bundles, each checked against its advisory. */
  auditAllow: AuditAllowEntry[];
}

/** What every advisory is validated against: the site's config, its schema, the assets that exist. */
export interface ValidationContext {
  site: Site;
  partners?: Partners;
  assets: string[];
}

/** What validating one advisory file gives: the advisory when it is valid, its problems, and warnings that do not stop it. */
export interface ParsedAdvisory {
  advisory?: Advisory;
  problems: Problem[];
  warnings?: Problem[];
}

/** What validating a content folder gives: the content when no file has a problem, every problem, and every warning. */
export interface Validated {
  content?: Content;
  problems: Problem[];
  /** Things worth a look that do not stop a build (a severity far from its CVSS rating), sorted like problems. */
  warnings: Problem[];
}

/** Parses every advisory file of a run; the build supplies one that spreads the work over threads. */
export type ParseAdvisories = (files: ContentFile[], context: ValidationContext) => Promise<ParsedAdvisory[]> | ParsedAdvisory[];

/** Parses advisory files one after the other, in this thread. */
export const parseInline: ParseAdvisories = (files, context) => {
  const shared: AdvisoryContext = { site: context.site, schema: advisorySchema(context.site), assets: new Set(context.assets) };
  return files.map((file) => {
    try {
      return parseAdvisory(file, shared);
    } catch (error) {
      // A parser giving up (deep nesting exhausts the stack) still names the file; the run fails closed.
      const reason = error instanceof RangeError ? 'its Markdown nests too deeply to read' : (error as Error).message;
      return { problems: [{ file: file.name, line: 1, column: 1, message: `could not be parsed: ${reason}` }] };
    }
  });
};

/**
 * Validates a content folder: site config first (everything else depends on
 * it), then partners and every advisory, then the rules across files. All
 * problems are collected; content is returned only when there are none.
 */
export function validateContent(files: ContentFiles): Validated {
  const config = validateConfig(files);
  if (!config.context) return { problems: config.problems, warnings: [] };
  return assemble(files, config.context, config.problems, parseInline(files.advisories, config.context) as ParsedAdvisory[]);
}

/** `validateContent` with the advisories parsed by `parse`, for instance on several threads. */
export async function validateContentWith(files: ContentFiles, parse: ParseAdvisories): Promise<Validated> {
  const config = validateConfig(files);
  if (!config.context) return { problems: config.problems, warnings: [] };
  return assemble(files, config.context, config.problems, await parse(files.advisories, config.context));
}

/** The site config and partners, which every advisory is validated against. */
function validateConfig(files: ContentFiles): { context?: ValidationContext; problems: Problem[] } {
  const site = parseConfig(files.site, SiteSchema);
  if (!site.value) return { problems: sortProblems(site.problems) };
  const partners = files.partners ? parseConfig(files.partners, partnersSchema(site.value)) : { value: { groups: {}, partners: [] }, problems: [] };
  return { context: { site: site.value, ...(partners.value ? { partners: partners.value } : {}), assets: files.assets }, problems: partners.problems };
}

/** The rules across files (the allowlist against the advisories among them), then the content: only when no file had a problem. */
function assemble(files: ContentFiles, context: ValidationContext, configProblems: Problem[], results: ParsedAdvisory[]): Validated {
  const problems = [...configProblems, ...results.flatMap((result) => result.problems)];
  const warnings = sortProblems(results.flatMap((result) => result.warnings ?? []));
  const advisories = results.flatMap((result) => (result.advisory ? [result.advisory] : []));
  problems.push(...duplicateIds(advisories));
  const allow = files.auditAllow ? validateAuditAllow(files.auditAllow, advisories, files.advisories) : { entries: [], problems: [] };
  problems.push(...allow.problems);
  if (problems.length > 0 || !context.partners || !allow.entries) return { problems: sortProblems(problems), warnings };
  advisories.sort((a, b) => (a.fields.id < b.fields.id ? -1 : a.fields.id > b.fields.id ? 1 : 0));
  return { content: { site: context.site, partners: context.partners, advisories, assets: [...context.assets].sort(), auditAllow: allow.entries }, problems: [], warnings };
}

/** Ids are unique regardless of case; each duplicate names the other files. */
function duplicateIds(advisories: readonly Advisory[]): Problem[] {
  const byId = new Map<string, Advisory[]>();
  for (const advisory of advisories) {
    const key = advisory.fields.id.toUpperCase();
    const group = byId.get(key);
    if (group) group.push(advisory);
    else byId.set(key, [advisory]);
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
