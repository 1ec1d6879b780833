import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, type ProjectedAdvisory } from '../../../src/core/project/project.ts';
import { advisoryOf, TIERS, viewsOf } from '../../helpers/content.ts';
import { showTree } from '../../helpers/show.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const ASSETS = ['assets/flow.svg', 'assets/2025/poc.py'];
const AT = Date.parse('2026-01-01T00:00:00Z');
/** Canary words name the least tier that may see them: `trustedcanary4` is for trusted and above. */
const CANARY = /\b(public|partner|trusted|internal)canary\d+\b/g;

/** A projected advisory as readable Markdown: the fields a page shows, then body and notes. */
function show(view: ProjectedAdvisory): string {
  const lines = [
    `# ${view.title}`,
    '',
    `> ${view.summary}`,
    '',
    ...view.references.map((reference) => `- ${reference.type}: ${reference.url}${reference.tier ? ` (from ${reference.tier})` : ''}`),
    '',
    showTree(view.body).trimEnd(),
    ...view.notes.flatMap((note) => ['', `## Notes for ${note.tierName} (${note.tier})`, '', showTree(note.body).trimEnd()]),
    '',
    `assets: ${view.assets.join(', ') || 'none'}`,
    '',
  ];
  return lines.join('\n');
}

describe.each(readdirSync(FIXTURES))('fixture %s', (name) => {
  const input = readFileSync(join(FIXTURES, name, 'input.md'), 'utf8');
  const { advisory, content } = advisoryOf(input, ASSETS);
  const canaries = [...new Set(input.match(CANARY))];
  const views = viewsOf(content);

  it.each(TIERS)('projects for %s', async (tier) => {
    const projected = project(advisory, views[tier], AT)!;
    await expect(show(projected)).toMatchFileSnapshot(join(FIXTURES, name, `${tier}.md`));
    const everything = JSON.stringify(projected);
    const rank = TIERS.indexOf(tier);
    for (const canary of canaries) {
      const least = TIERS.indexOf(canary.replace(/canary\d+$/, '') as (typeof TIERS)[number]);
      if (least <= rank) expect(everything, `${tier} should see ${canary}`).toContain(canary);
      else expect(everything, `${tier} must not see ${canary}`).not.toContain(canary);
    }
  });
});

describe('what the fixtures show', () => {
  const load = (name: string) => advisoryOf(readFileSync(join(FIXTURES, name, 'input.md'), 'utf8'), ASSETS);

  it('copies an asset only into views whose visible content references it', () => {
    const { advisory, content } = load('assets');
    const views = viewsOf(content);
    expect(project(advisory, views.public, AT)!.assets).toEqual(['assets/flow.svg']);
    expect(project(advisory, views.partner, AT)!.assets).toEqual(['assets/flow.svg']);
    expect(project(advisory, views.trusted, AT)!.assets).toEqual(['assets/2025/poc.py', 'assets/flow.svg']);
  });

  it('applies overlays in tier order: titles replace, notes and references add with their tier', () => {
    const { advisory, content } = load('overlays');
    const views = viewsOf(content);
    const trusted = project(advisory, views.trusted, AT)!;
    expect(trusted.title).toBe('Partner title partnercanary1');
    expect(trusted.summary).toBe('Trusted summary trustedcanary2.');
    expect(trusted.notes.map((note) => note.tier)).toEqual(['partner']);
    expect(trusted.references.map((reference) => reference.tier)).toEqual([undefined, 'partner']);
    const internal = project(advisory, views.internal, AT)!;
    expect(internal.notes.map((note) => note.tier)).toEqual(['partner', 'trusted', 'internal']);
    const pub = project(advisory, views.public, AT)!;
    expect([pub.title, pub.summary, pub.notes, pub.references.length]).toEqual(['Base title, replaced for partners', 'Base summary, replaced for trusted.', [], 1]);
  });

  it('restores bare unknown text directives to the text they were written as', () => {
    const { advisory, content } = load('literal-text');
    const body = JSON.stringify(project(advisory, viewsOf(content).public, AT)!.body);
    expect(body).toContain('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H publiccanary1.');
    expect(body).toContain('The job runs at 11:57 on key:value hosts');
  });

  it('names, on every kept gate, the least tier that receives it (the internal review frame)', () => {
    const { advisory, content } = load('nested-gates');
    const gates: Array<[string, string]> = [];
    const walk = (node: { type: string; name?: string; tier?: string; children?: unknown[] }) => {
      if (node.type === 'gate') gates.push([node.name!, node.tier!]);
      (node.children as (typeof node)[] | undefined)?.forEach(walk);
    };
    walk(project(advisory, viewsOf(content).internal, AT)!.body);
    // The poc inside tier{min=partner} needs trusted; internal inside it needs internal.
    expect(gates).toEqual([
      ['tier', 'partner'], ['poc', 'trusted'], ['tier', 'partner'], ['internal', 'internal'], ['poc', 'trusted'],
      ['tier', 'trusted'], ['tier', 'partner'], ['poc', 'trusted'], ['tier', 'public'],
    ]);
  });
});
