// Small bundles for audit unit tests: content from strings, a view's plan, files written to a scratch folder and audited.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { auditBundle, type AuditPlan, type AuditResult } from '../../src/audit/audit.ts';
import { auditPlan } from '../../src/audit/plan.ts';
import { projectAll } from '../../src/core/project/summary.ts';
import { tierView } from '../../src/core/project/view.ts';
import { formatInstant } from '../../src/core/schema/fields.ts';
import { bundleBaseUrl } from '../../src/core/schema/site.ts';
import type { Content } from '../../src/core/validate/content.ts';
import type { ExportContext } from '../../src/export/context.ts';
import { csafProviderFiles } from '../../src/export/csaf/provider.ts';
import { osvFiles } from '../../src/export/osv.ts';
import { NEUTRAL_MARK } from '../../src/render/markdown-html.ts';
import { files, SITE_YAML, validContent } from '../helpers/content.ts';

/** One advisory file: frontmatter lines (without the fences) and a body. */
export function advisory(fields: string, body = 'Details follow.\n'): string {
  return `---\n${fields.trim()}\n---\n\n${body}`;
}

/** Frontmatter of a minimal advisory released at `release`, with extra lines. */
export function fields(id: string, release: string, extra = ''): string {
  return `id: ${id}
title: Flaw in ${id}
summary: A flaw described in ${id}.
products:
  - name: Contoso Server
    affected: "< 2.0"
release: ${release}
${extra}`;
}

/** Valid content from advisories keyed by id (placed under their year), with optional site.yaml, partners.yaml and allowlist. */
export function contentOf(advisories: Record<string, string>, options: { site?: string; partners?: string; auditAllow?: string } = {}): Content {
  const byPath = Object.fromEntries(Object.entries(advisories).map(([id, text]) => [`advisories/${id.split('-')[1]}/${id}.md`, text]));
  return validContent(files(byPath, { site: SITE_YAML, ...options }));
}

/** The plan a build makes for one tier's render at `at`, with the positive control when `lowest` is named. */
export function tierPlan(content: Content, tier: string, at: string, lowest?: string): AuditPlan {
  const ms = Date.parse(at);
  return auditPlan(content, projectAll(content, tierView(content.site, tier), ms), new Map(), lowest ? projectAll(content, tierView(content.site, lowest), ms) : undefined);
}

/** CSAF provider files and OSV records of one tier's view, as its render writes them at the tier's URL, signed when given an OpenPGP key. */
export function exportsOf(content: Content, tier: string, at: string, openpgp?: ExportContext['openpgp']): Record<string, string> {
  const projection = projectAll(content, tierView(content.site, tier), Date.parse(at));
  const tierConfig = content.site.tiers.find((candidate) => candidate.id === tier)!;
  const context: ExportContext = {
    site: content.site,
    tier: tierConfig,
    at: formatInstant(Date.parse(at)),
    baseUrl: bundleBaseUrl(content.site, tierConfig),
    mark: () => NEUTRAL_MARK,
    ...(openpgp ? { openpgp } : {}),
  };
  return Object.fromEntries([...csafProviderFiles(projection.advisories, context), ...osvFiles(projection.advisories, context)].map((file) => [file.path, file.content]));
}

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Writes `bundle` (paths to contents) into a fresh folder and audits it as a finished bundle. */
export async function auditFiles(plan: AuditPlan, bundle: Record<string, string | Uint8Array>): Promise<AuditResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tierpress-audit-unit-'));
  scratch.push(dir);
  for (const [path, data] of Object.entries(bundle)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
  return auditBundle(dir, plan);
}

/** Findings about text (not layout), as lines, for readable failures. */
export function leaks(result: AuditResult): string[] {
  return result.findings.filter((finding) => finding.source).map((finding) => `${finding.file}: ${finding.source!.advisory} (${finding.source!.what}): ${finding.excerpt}`);
}

/** A page as the templates write one, around `main`. */
export function page(main: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8" />${head}</head><body><main id="content">${main}</main></body></html>`;
}
