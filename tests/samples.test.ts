import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { readContent } from '../src/pipeline/read.ts';
import { project } from '../src/core/project/project.ts';
import { tierView } from '../src/core/project/view.ts';
import { validateContent } from '../src/core/validate/content.ts';

// 80 real RustSec advisories converted to our format (tests/fixtures/rustsec/README.md), kept read-only.
const SAMPLES = 'tests/fixtures/rustsec/content';

describe('the RustSec samples', async () => {
  const read = await readContent(SAMPLES);
  const { content, problems } = validateContent(read.files!);

  it('are taken without an error', () => {
    expect(read.problems).toEqual([]);
    expect(problems).toEqual([]);
    expect(content!.advisories).toHaveLength(80);
  });

  it.each(['1970-01-01T00:00:00Z', '2019-10-03T00:00:00Z', '2024-06-01T12:00:00Z', '2100-01-01T00:00:00Z'])(
    'project for every tier at %s',
    (at) => {
      for (const tier of content!.site.tiers) {
        for (const advisory of content!.advisories) project(advisory, tierView(content!.site, tier.id), Date.parse(at));
      }
    },
  );

  it('keep every line of PoC text out of the public and partner views', () => {
    let checked = 0;
    for (const advisory of content!.advisories) {
      const pocLines: string[] = [];
      const collect = (node: Nodes) => {
        if (node.type === 'gate' && node.name === 'poc') pocLines.push(...toString(node, { includeImageAlt: true }).split('\n'));
        else if ('children' in node) node.children.forEach((child) => collect(child as Nodes));
        if (node.type === 'code' || node.type === 'inlineCode') return;
      };
      collect(advisory.body);
      // Code lines are not in toString's output for code nodes: take the code values too.
      const codeIn = (node: Nodes, inPoc: boolean): void => {
        const here = inPoc || (node.type === 'gate' && node.name === 'poc');
        if (here && node.type === 'code') pocLines.push(...node.value.split('\n'));
        if ('children' in node) node.children.forEach((child) => codeIn(child as Nodes, here));
      };
      codeIn(advisory.body, false);
      const distinctive = pocLines.map((line) => line.trim()).filter((line) => line.length >= 24);
      for (const tier of ['public', 'partner']) {
        const seen = JSON.stringify(project(advisory, tierView(content!.site, tier), Date.parse('2100-01-01T00:00:00Z')));
        for (const line of distinctive) {
          expect(seen, `${advisory.fields.id} ${tier}`).not.toContain(JSON.stringify(line).slice(1, -1));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('keep the PARTNERNOTE canaries out of the public view and in the partner view', () => {
    const withNotes = content!.advisories.filter((advisory) => advisory.fields.tiers.partner?.notes?.includes('PARTNERNOTE-'));
    expect(withNotes.length).toBeGreaterThan(0);
    for (const advisory of withNotes) {
      const at = Date.parse('2100-01-01T00:00:00Z');
      const canary = `PARTNERNOTE-${advisory.fields.id}`;
      expect(JSON.stringify(project(advisory, tierView(content!.site, 'public'), at))).not.toContain('PARTNERNOTE-');
      expect(JSON.stringify(project(advisory, tierView(content!.site, 'partner'), at))).toContain(canary);
    }
  });
});
