import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import type { Gate } from '../../../src/core/gates/types.ts';
import { projectTree, type RemovedGate, type TreeView } from '../../../src/core/project/tree.ts';

const TIERS = ['public', 'partner', 'trusted', 'internal'];
const view = (rank: number, withhold: string[] = []): TreeView => ({
  rank,
  withhold,
  rankOf: (id) => TIERS.indexOf(id),
  tierAt: (r) => TIERS[r]!,
});
const pos = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } };
const gate = (name: string, tier: string, children: Gate['children']): Gate => ({ type: 'gate', name, tier, form: 'container', children, position: pos });
const para = (value: string) => ({ type: 'paragraph' as const, children: [{ type: 'text' as const, value, position: pos }], position: pos });

const input = (): Root => ({
  type: 'root',
  position: pos,
  children: [
    para('open'),
    gate('tier', 'partner', [para('for partners'), gate('poc', 'trusted', [para('exploit')])]),
    { type: 'list', ordered: false, spread: false, children: [{ type: 'listItem', spread: false, children: [gate('poc', 'trusted', [para('only gated')])] }] },
  ],
});

describe('projectTree: tree in, tree out', () => {
  it('removes gates above the view with everything inside, and parents left empty by that', () => {
    const removed: RemovedGate[] = [];
    const { tree } = projectTree(input(), view(1), removed);
    expect(tree).toEqual({
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', value: 'open' }] },
        { type: 'gate', name: 'tier', tier: 'partner', form: 'container', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'for partners' }] }] },
      ],
    });
    expect(removed.map((r) => [r.gate.name, r.reason])).toEqual([['poc', 'tier'], ['poc', 'tier']]);
  });

  it('removes a withheld class as if it were above the view', () => {
    const removed: RemovedGate[] = [];
    const { tree } = projectTree(input(), view(3, ['poc']), removed);
    expect(JSON.stringify(tree)).not.toContain('exploit');
    expect(JSON.stringify(tree)).not.toContain('only gated');
    expect(removed.map((r) => r.reason)).toEqual(['withheld', 'withheld']);
  });

  it('treats a gate naming an unknown tier as above every view', () => {
    const root: Root = { type: 'root', children: [gate('tier', 'nonexistent', [para('lost')])] };
    const unknown: TreeView = { ...view(3), rankOf: (id) => (TIERS.includes(id) ? TIERS.indexOf(id) : Number.POSITIVE_INFINITY) };
    expect(projectTree(root, unknown).tree.children).toEqual([]);
  });

  it('returns a new tree and leaves its input untouched', () => {
    const original = input();
    const before = structuredClone(original);
    const { tree } = projectTree(original, view(3));
    expect(original).toEqual(before);
    expect(tree.children[0]).not.toBe(original.children[0]);
  });

  it('drops positions, which would shift when removed text changes length', () => {
    expect(JSON.stringify(projectTree(input(), view(3)).tree)).not.toContain('"position"');
  });
});
