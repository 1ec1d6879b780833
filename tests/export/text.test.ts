import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { markdownText } from '../../src/export/markdown.ts';
import { plainText } from '../../src/export/plain-text.ts';
import { exportTree } from '../../src/export/tree.ts';
import { projectedOf } from '../helpers/exports.ts';

const OPTIONS = { mark: 'tp-unmarked', baseUrl: 'https://trusted.bundles.example/' };

/** The body of an inline advisory as the trusted tier sees it, prepared for export. */
const bodyOf = (body: string, tier = 'trusted') => {
  const { advisory } = projectedOf(
    `---\nid: CTSA-2025-0001\ntitle: Example flaw\nsummary: An example flaw.\nproducts:\n  - name: Contoso Server\n    affected: "< 2.0"\nrelease: 2025-07-22T17:00:00Z\n---\n${body}`,
    tier,
  );
  return advisory.body;
};

describe('exportTree', () => {
  it('unwraps kept gates in place and replaces the mark, leaving the projected tree as it was', () => {
    const tree: Root = {
      type: 'root',
      children: [
        {
          type: 'paragraph',
          children: [
            { type: 'text', value: 'Before ' },
            { type: 'gate', name: 'poc', tier: 'trusted', form: 'text', children: [{ type: 'inlineCode', value: 'ua={{mark}}' }] },
            { type: 'text', value: ' after.' },
          ],
        },
        { type: 'gate', name: 'poc', tier: 'trusted', form: 'container', children: [{ type: 'code', value: 'curl -A {{mark}}' }] },
      ],
    };
    const before = structuredClone(tree);
    expect(exportTree(tree, OPTIONS)).toEqual({
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', value: 'Before ' }, { type: 'inlineCode', value: 'ua=tp-unmarked' }, { type: 'text', value: ' after.' }] },
        { type: 'code', value: 'curl -A tp-unmarked' },
      ],
    });
    expect(tree).toEqual(before);
  });

  it('points links to local assets at their absolute URL in the bundle', () => {
    const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'link', url: '../../assets/a.py', data: { asset: 'assets/2026/a.py' }, children: [{ type: 'text', value: 'script' }] }] }] };
    const link = (exportTree(tree, OPTIONS).children[0] as { children: Array<{ url: string }> }).children[0]!;
    expect(link.url).toBe('https://trusted.bundles.example/assets/2026/a.py');
  });
});

describe('plainText', () => {
  it('renders blocks separated by blank lines: headings, lists, tables, code, quotes, links', () => {
    const body = [
      '## Impact',
      'Read the [release notes](https://contoso.example/notes) or <https://contoso.example/>.',
      '1. First\n2. Second\n   - nested',
      '| Product | Fixed |\n| --- | --- |\n| Server | 2.0 |',
      '```sh\necho hi\n```',
      '> Quoted *text*.',
    ].join('\n\n');
    expect(plainText(exportTree(bodyOf(body), OPTIONS))).toBe(
      [
        'Impact',
        'Read the release notes [https://contoso.example/notes] or https://contoso.example/.',
        '1. First\n2. Second\n   - nested',
        'Product | Fixed\nServer | 2.0',
        'echo hi',
        '> Quoted text.',
      ].join('\n\n'),
    );
  });

  it('keeps `AV:N` and times such as 11:57 as written', () => {
    expect(plainText(exportTree(bodyOf('Vector AV:N at 11:57.'), OPTIONS))).toBe('Vector AV:N at 11:57.');
  });
});

describe('markdownText', () => {
  it('serialises GFM: tables, task lists, strikethrough, and unwrapped gates', () => {
    const body = '| A | B |\n| --- | --- |\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n\n~~old~~ new\n\n:::poc\nSecret `{{mark}}` step.\n:::\n';
    expect(markdownText(exportTree(bodyOf(body), OPTIONS))).toBe('| A | B |\n| - | - |\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n\n~~old~~ new\n\nSecret `tp-unmarked` step.');
    expect(markdownText(exportTree(bodyOf(body, 'public'), OPTIONS))).not.toContain('Secret');
  });
});
