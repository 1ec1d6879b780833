import type { RootContent } from 'mdast';
import type { ProjectedAdvisory } from '../core/project/project.ts';
import type { CvssVersion } from '../core/schema/cvss.ts';
import { bundleUrl, type ExportContext } from './context.ts';
import { byPath, type ExportFile, jsonText } from './file.ts';
import { markdownText } from './markdown.ts';
import { osvAffected } from './osv-affected.ts';
import { exportTree } from './tree.ts';

/** The OSV schema version the records follow. */
export const OSV_SCHEMA_VERSION = '1.7.0';

/**
 * The OSV id of an advisory. The schema admits only the prefixes of
 * registered home databases, or `x_` for everyone else; a Tierpress
 * publisher is none of those databases (an id such as CVE-… or RUSTSEC-…
 * would claim to be that database's own record), so every id is `x_<id>`.
 */
export function osvId(advisoryId: string): string {
  return `x_${advisoryId}`;
}

const SEVERITY_TYPES: Record<CvssVersion, string> = { '2.0': 'CVSS_V2', '3.0': 'CVSS_V3', '3.1': 'CVSS_V3', '4.0': 'CVSS_V4' };

/**
 * The OSV record (schema 1.7) of one projected advisory, made from that
 * projection alone. `summary` is the title, on one line as OSV asks (the
 * summary paragraph is kept in `database_specific`); `details` is the body and
 * each tier's notes as Markdown; `published` is the release, absent for a
 * draft (never published), whose `modified` is its newest revision or else
 * the build instant. A withdrawal sets `withdrawn` and opens `details` with
 * its reason.
 */
export function osvRecord(advisory: ProjectedAdvisory, context: ExportContext) {
  const page = bundleUrl(context, `advisories/${advisory.id}/`);
  const dates = [advisory.release, ...advisory.revisions.map((revision) => revision.date), advisory.withdrawn?.at].filter(
    (date): date is string => date !== undefined,
  );
  const modified = dates.sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1) ?? context.at;
  const aliases = [...new Set([...advisory.cves, ...advisory.aliases])];
  return {
    schema_version: OSV_SCHEMA_VERSION,
    id: osvId(advisory.id),
    modified,
    ...(advisory.release ? { published: advisory.release } : {}),
    ...(advisory.withdrawn ? { withdrawn: advisory.withdrawn.at } : {}),
    ...(aliases.length > 0 ? { aliases } : {}),
    ...(advisory.related.length > 0 ? { related: [...advisory.related] } : {}),
    summary: oneLine(advisory.title),
    details: details(advisory, context),
    ...(advisory.cvss.length > 0 ? { severity: advisory.cvss.map((vector) => ({ type: SEVERITY_TYPES[vector.version], score: vector.vector })) } : {}),
    affected: advisory.products.map(osvAffected),
    references: [
      { type: 'ADVISORY', url: page },
      ...advisory.references.map((reference) => ({ type: reference.type.toUpperCase(), url: reference.url })),
    ],
    ...(advisory.credits.length > 0 ? { credits: advisory.credits.map((name) => ({ name })) } : {}),
    database_specific: {
      url: page,
      summary: advisory.summary,
      tlp: `TLP:${context.tier.tlp}`,
      status: advisory.status,
      kind: advisory.kind,
      ...(advisory.severity ? { severity: advisory.severity } : {}),
      ...(advisory.cwes.length > 0 ? { cwe_ids: [...advisory.cwes] } : {}),
      ...(advisory.withdrawn ? { withdrawn_reason: advisory.withdrawn.reason } : {}),
    },
  };
}

/** A title on one line: a YAML block scalar may break it, OSV's summary is one line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The body, then each tier's notes under a heading naming the tier, as Markdown; a withdrawal notice first. */
function details(advisory: ProjectedAdvisory, context: ExportContext): string {
  // Frontmatter strings are plain text: built as mdast text, the serialiser escapes whatever Markdown would read as syntax.
  const children: RootContent[] = [];
  if (advisory.withdrawn) {
    const notice = ` on ${advisory.withdrawn.at}: ${advisory.withdrawn.reason}`;
    children.push({ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: 'Withdrawn' }] }, { type: 'text', value: notice }] });
  }
  const options = { baseUrl: context.baseUrl, mark: context.mark(advisory.id) };
  children.push(...exportTree(advisory.body, options).children);
  for (const note of advisory.notes) {
    children.push({ type: 'heading', depth: 2, children: [{ type: 'text', value: `Notes for ${note.tierName}` }] });
    children.push(...exportTree(note.body, options).children);
  }
  return markdownText({ type: 'root', children });
}

/** The OSV record of one advisory as a file of its bundle, `osv/<ID>.json`. */
export function osvFile(advisory: ProjectedAdvisory, context: ExportContext): ExportFile {
  return { path: `osv/${advisory.id}.json`, content: jsonText(osvRecord(advisory, context)) };
}

/** Every OSV record of a tier's bundle, sorted by path. */
export function osvFiles(advisories: readonly ProjectedAdvisory[], context: ExportContext): ExportFile[] {
  return byPath(advisories.map((advisory) => osvFile(advisory, context)));
}
