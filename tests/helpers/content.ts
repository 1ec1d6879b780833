import { tierView, type View } from '../../src/core/project/view.ts';
import type { Advisory } from '../../src/core/validate/advisory.ts';
import { validateContent, type Content, type ContentFiles } from '../../src/core/validate/content.ts';
import type { Problem } from '../../src/core/validate/problem.ts';

/** The site of the example content (content/site.yaml): four tiers, poc for trusted, internal for internal. */
export const SITE_YAML = `site:
  title: Contoso Security Advisories
  url: https://security.contoso.example
publisher:
  name: Contoso PSIRT
  namespace: https://contoso.example
tiers:
  - id: public
    name: Public
    tlp: CLEAR
    lead: 0h
  - id: partner
    name: Partner
    tlp: AMBER
    lead: 24h
  - id: trusted
    name: Trusted partner
    tlp: AMBER+STRICT
    lead: 5d
  - id: internal
    name: Internal
    tlp: RED
    lead: always
classes:
  poc: trusted
  internal: internal
`;

export const TIERS = ['public', 'partner', 'trusted', 'internal'] as const;

/** Frontmatter lines of a minimal valid advisory; tests splice their own lines in. */
export function frontmatter(id = 'CTSA-2025-0001', extra = ''): string {
  return `---
id: ${id}
title: Example flaw
summary: An example flaw.
products:
  - name: Contoso Server
    affected: "< 2.0"
release: 2025-07-22T17:00:00Z
${extra}---
`;
}

const encode = (text: string) => new TextEncoder().encode(text);

/**
 * Content files from strings: advisories keyed by path below the content
 * folder; shown as `content/<path>` in problems.
 */
export function files(
  advisories: Record<string, string | Uint8Array>,
  options: { site?: string; partners?: string; auditAllow?: string; assets?: string[] } = {},
): ContentFiles {
  return {
    site: { path: 'site.yaml', name: 'content/site.yaml', bytes: encode(options.site ?? SITE_YAML) },
    ...(options.partners === undefined
      ? {}
      : { partners: { path: 'partners.yaml', name: 'content/partners.yaml', bytes: encode(options.partners) } }),
    ...(options.auditAllow === undefined
      ? {}
      : { auditAllow: { path: 'audit-allow.yaml', name: 'content/audit-allow.yaml', bytes: encode(options.auditAllow) } }),
    advisories: Object.entries(advisories).map(([path, text]) => ({
      path,
      name: `content/${path}`,
      bytes: typeof text === 'string' ? encode(text) : text,
    })),
    assets: options.assets ?? [],
  };
}

/** Validates one advisory at the conventional path for its id; returns the problems. */
export function problemsOf(text: string | Uint8Array, options: Parameters<typeof files>[1] & { path?: string } = {}): Problem[] {
  const path = options.path ?? 'advisories/2025/CTSA-2025-0001.md';
  return validateContent(files({ [path]: text }, options)).problems;
}

/** Validates content that must be valid, failing the test with every problem otherwise. */
export function validContent(input: ContentFiles): Content {
  const { content, problems } = validateContent(input);
  if (!content) throw new Error(`expected valid content:\n${problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n')}`);
  return content;
}

/** One valid advisory from Markdown text (frontmatter included). */
export function advisoryOf(text: string, assets: string[] = []): { advisory: Advisory; content: Content } {
  const content = validContent(files({ 'advisories/2025/CTSA-2025-0001.md': text }, { assets }));
  return { advisory: content.advisories[0]!, content };
}

/** Views of every tier of a content's site, by id. */
export function viewsOf(content: Content): Record<(typeof TIERS)[number], View> {
  return Object.fromEntries(TIERS.map((id) => [id, tierView(content.site, id)])) as Record<(typeof TIERS)[number], View>;
}
