import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContent } from '../../../src/pipeline/read.ts';
import { partnerView } from '../../../src/core/project/partner-view.ts';
import { projectAll } from '../../../src/core/project/summary.ts';
import { tierView } from '../../../src/core/project/view.ts';
import { proveProjection } from '../../../src/core/proof/prove.ts';
import { validateContent, type Content } from '../../../src/core/validate/content.ts';
import { advisoryOf, frontmatter, TIERS } from '../../helpers/content.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const FIXTURES = join(ROOT, 'tests', 'core', 'project', 'fixtures');
const ASSETS = ['assets/flow.svg', 'assets/2025/poc.py'];
const AT = Date.parse('2026-01-01T00:00:00Z');

/** Every tier's and partner's view of a content folder. */
function views(content: Content) {
  return [
    ...content.site.tiers.map((tier) => tierView(content.site, tier.id)),
    ...content.partners.partners.map((partner) => partnerView(content.site, content.partners, partner)),
  ];
}

function failuresOf(content: Content, at: number) {
  return views(content).flatMap((view) => proveProjection(content, projectAll(content, view, at)));
}

describe('projection proof: no false alarm on real content', () => {
  it.each([
    ['the example content', 'content'],
    ['the 80 RustSec samples', 'tests/fixtures/rustsec/content'],
  ])('%s agrees at every tier and partner, embargoes in force or not', async (_name, dir) => {
    const { content } = validateContent((await readContent(join(ROOT, dir))).files!);
    let proven = 0;
    for (const at of ['2019-06-01T00:00:00Z', '2025-12-01T00:00:00Z', '2026-11-28T12:00:00Z', '2031-01-01T00:00:00Z']) {
      expect(failuresOf(content!, Date.parse(at))).toEqual([]);
      proven += views(content!).length;
    }
    expect(proven).toBeGreaterThan(8);
  });

  it.each(readdirSync(FIXTURES))('the projection fixture %s agrees for every tier', (name) => {
    const { content } = advisoryOf(readFileSync(join(FIXTURES, name, 'input.md'), 'utf8'), ASSETS);
    expect(failuresOf(content, AT)).toEqual([]);
  });

  it.each([
    ['a gate in a blockquote', '> Before.\n>\n> :::poc\n> Exploit.\n>\n> > nested quote\n> :::\n>\n> After.\n'],
    ['an inline gate over two lines', 'Run :poc[the exploit\nwith care] then restart.\n\nNext.\n'],
    ['a gate as the whole of a list item', '- one\n- ::poc[two]\n- three\n'],
    ['a gate after a list item marker line', '-\n  :::poc\n  hidden\n  :::\n- kept\n'],
    ['an ordered list split by a gate', '1. a\n:::poc\nx\n:::\n2. b\n\n3) c\n'],
    ['bullets that differ stay two lists', '- a\n:::poc\nx\n:::\n* b\n'],
    ['an inline gate alone in a heading', '## :poc[Secret heading]\n\nText.\n'],
    ['nested gates of every form', ':::tier{min=partner}\nPartner :poc[poc inline] text.\n\n::internal[internal leaf]\n:::\n'],
  ])('%s agrees for every tier', (_name, body) => {
    const { content } = advisoryOf(frontmatter() + '\n' + body);
    expect(failuresOf(content, AT)).toEqual([]);
  });
});

describe('projection proof: it finds what the text does not explain', () => {
  const { content } = advisoryOf(`${frontmatter()}\n- Update.\n- Restart.\n  :::poc\n  First.\n\n  Second.\n  :::\n\n[tool]: https://exploit.example/x\n\n:::poc\nUse [the tool][tool].\n:::\n`);
  const publicView = tierView(content.site, 'public');

  it('names the advisory and the node when a removed gate changed the list shape', () => {
    const projection = projectAll(content, publicView, AT);
    const list = projection.advisories[0]!.body.children.find((node) => node.type === 'list')!;
    list.children[1]!.spread = true;
    const [failure] = proveProjection(content, projection);
    expect(failure).toMatchObject({ advisory: 'CTSA-2025-0001', file: 'content/advisories/2025/CTSA-2025-0001.md', view: 'public' });
    expect(failure!.difference).toBe('body > list[0] > listItem[1].spread: true in the projection, false derived from the text');
  });

  it('names a definition that only a removed gate used', () => {
    const projection = projectAll(content, publicView, AT);
    projection.advisories[0]!.body.children.push({ type: 'definition', identifier: 'tool', label: 'tool', url: 'https://exploit.example/x', title: null });
    expect(proveProjection(content, projection)[0]!.difference).toBe('body: 2 items in the projection, 1 derived from the text');
  });

  it('names a field of a higher overlay that reached the view', () => {
    const { content: withOverlay } = advisoryOf(frontmatter('CTSA-2025-0001', 'tiers:\n  trusted:\n    title: Trusted title\n'));
    const projection = projectAll(withOverlay, publicView, AT);
    projection.advisories[0]!.title = 'Trusted title';
    expect(proveProjection(withOverlay, projection)[0]!.difference).toBe('title: "Trusted title" in the projection, "Example flaw" derived from the text');
  });

  it('proves every tier of the model advisory', () => {
    for (const tier of TIERS) expect(proveProjection(content, projectAll(content, tierView(content.site, tier), AT))).toEqual([]);
  });
});
