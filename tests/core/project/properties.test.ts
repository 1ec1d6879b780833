import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { project } from '../../../src/core/project/project.ts';
import { projectAll } from '../../../src/core/project/summary.ts';
import { proveProjection } from '../../../src/core/proof/prove.ts';
import { tierView, type View } from '../../../src/core/project/view.ts';
import type { Advisory } from '../../../src/core/validate/advisory.ts';
import { advisoryOf, TIERS } from '../../helpers/content.ts';

// A small model of an advisory: gated blocks and inline gates, each text with two wordings
// (a, b) so a test can rewrite exactly the text a view must not see.
type Text = { a: string[]; b: string[]; canary: string };
type Gate = { name: 'poc' | 'internal' | 'tier'; min: (typeof TIERS)[number] };
type Inline = { kind: 'text'; text: Text } | { kind: 'gate'; gate: Gate; children: Inline[]; canary: string };
type Block =
  | { kind: 'para'; inlines: Inline[] }
  | { kind: 'code'; text: Text }
  | { kind: 'leaf'; gate: Gate; text: Text }
  | { kind: 'container'; gate: Gate; children: Block[] }
  | { kind: 'list'; items: Block[][] };
type Overlay = { title: Text; summary: Text; notes: Block[]; url: Text; releaseOffsetHours: number };
type Doc = { body: Block[]; overlays: Partial<Record<'partner' | 'trusted' | 'internal', Overlay>> };

const CLASS_TIER = { poc: 'trusted', internal: 'internal' } as const;
const RANK = Object.fromEntries(TIERS.map((t, i) => [t, i])) as Record<(typeof TIERS)[number], number>;
let counter = 0;
const word = fc.stringMatching(/^[a-z]{1,8}$/);
const words = fc.array(word, { minLength: 1, maxLength: 6 });
const text = fc.record({ a: words, b: words }).map((t) => ({ ...t, canary: `zq${++counter}x` }));
const gate: fc.Arbitrary<Gate> = fc.oneof(
  fc.constant<Gate>({ name: 'poc', min: 'trusted' }),
  fc.constant<Gate>({ name: 'internal', min: 'internal' }),
  fc.constantFrom(...TIERS).map((min): Gate => ({ name: 'tier', min })),
);
const inline: fc.Arbitrary<Inline> = fc.oneof(
  { weight: 3, arbitrary: text.map((t): Inline => ({ kind: 'text', text: t })) },
  { weight: 1, arbitrary: fc.tuple(gate, fc.array(text.map((t): Inline => ({ kind: 'text', text: t })), { minLength: 1, maxLength: 2 }), gate, text)
      .map(([g, children, inner, t]): Inline => ({ kind: 'gate', gate: g, children: [...children, { kind: 'gate', gate: inner, children: [{ kind: 'text', text: t }], canary: `zq${++counter}x` }], canary: `zq${++counter}x` })) },
);
const { block } = fc.letrec<{ block: Block }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.array(inline, { minLength: 1, maxLength: 4 }).map((inlines): Block => ({ kind: 'para', inlines })),
    text.map((t): Block => ({ kind: 'code', text: t })),
    fc.tuple(gate, text).map(([g, t]): Block => ({ kind: 'leaf', gate: g, text: t })),
    fc.tuple(gate, fc.array(tie('block'), { minLength: 1, maxLength: 3 })).map(([g, children]): Block => ({ kind: 'container', gate: g, children })),
    // Tight lists whose items hold blocks, gates among them: looseness must not depend on what a gate holds.
    fc.array(fc.array(tie('block'), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }).map((items): Block => ({ kind: 'list', items })),
  ),
}));
const blocks = fc.array(block, { minLength: 1, maxLength: 5 });
const overlay = (hours: fc.Arbitrary<number>) =>
  fc.record({ title: text, summary: text, notes: fc.array(block, { maxLength: 2 }), url: text, releaseOffsetHours: hours });
const doc: fc.Arbitrary<Doc> = fc.record({
  body: blocks,
  overlays: fc.record(
    // Overrides chosen so a more trusted tier never sees later: partner in [24h, 48h], trusted in [120h, 240h] before release.
    { partner: overlay(fc.integer({ min: 24, max: 48 })), trusted: overlay(fc.integer({ min: 120, max: 240 })), internal: overlay(fc.constant(0)) },
    { requiredKeys: [] },
  ),
});

interface Clearance { rank: number; classes: string[] }
const enter = (c: Clearance, g: Gate): Clearance => ({
  rank: Math.max(c.rank, RANK[g.name === 'tier' ? g.min : CLASS_TIER[g.name]]),
  classes: g.name === 'tier' ? c.classes : [...c.classes, g.name],
});
const hiddenFrom = (view: View, c: Clearance) => c.rank > view.rank || c.classes.some((name) => view.withhold.includes(name));

/** Renders the model as an advisory file, writing the `b` wording wherever `rewrite` says so. */
function render(model: Doc, rewrite: (c: Clearance) => boolean, rewriteOverlay: (tier: string) => boolean): string {
  const say = (t: Text, c: Clearance, rewritten = rewrite(c)) => [...(rewritten ? t.b : t.a), t.canary].join(' ');
  const open = { rank: 0, classes: [] };
  const attrs = (g: Gate) => (g.name === 'tier' ? `{min=${g.min}}` : '');
  const inlines = (list: Inline[], c: Clearance): string =>
    list.map((i) => (i.kind === 'text' ? say(i.text, c) : `:${i.gate.name}[${inlines(i.children, enter(c, i.gate))} ${i.canary}]${attrs(i.gate)}`)).join(' ');
  const height = (b: Block): number =>
    b.kind === 'container' ? 1 + Math.max(0, ...b.children.map(height)) : b.kind === 'list' ? Math.max(0, ...b.items.flat().map(height)) : 0;
  const blocksOf = (list: Block[], c: Clearance, forceRewrite?: boolean): string =>
    list
      .map((b) => {
        if (b.kind === 'para') return inlines(b.inlines, c);
        if (b.kind === 'code') return `\`\`\`text\n${say(b.text, c)}\n\`\`\``;
        if (b.kind === 'leaf') return `::${b.gate.name}[${say(b.text, enter(c, b.gate))}]${attrs(b.gate)}`;
        if (b.kind === 'list') {
          // Items are tight: their blocks follow each other without blank lines, continuation lines indented.
          return b.items.map((item) => `- ${item.map((inner) => blocksOf([inner], c, forceRewrite)).join('\n').replace(/\n/g, '\n  ')}`).join('\n');
        }
        const fence = ':'.repeat(2 + height(b));
        const inner = enter(c, b.gate);
        // Rewritten, a hidden container also gains a paragraph after a blank line: more structure, not only other words.
        const extra = rewrite(inner) ? '\n\nextra paragraph zqextra' : '';
        return `${fence}${b.gate.name}${attrs(b.gate)}\n${blocksOf(b.children, inner, forceRewrite)}${extra}\n${fence}`;
      })
      .join('\n\n');
  const overlays = Object.entries(model.overlays)
    .map(([tier, o]) => {
      const r = rewriteOverlay(tier);
      const notes = o.notes.length ? `    notes: |\n${blocksOf(o.notes, open).replace(/^/gm, '      ')}\n` : '';
      const release = tier === 'internal' ? '' : `    release: ${new Date(Date.parse('2025-07-22T17:00:00Z') - o.releaseOffsetHours * 3_600_000).toISOString().replace('.000', '')}\n`;
      return `  ${tier}:\n    title: ${say(o.title, open, r)}\n    summary: ${say(o.summary, open, r)}\n${notes}    references:\n      - url: https://x.example/${(r ? o.url.b : o.url.a).join('/')}\n        type: web\n${release}`;
    })
    .join('');
  return `---
id: CTSA-2025-0001
title: Base
summary: Base summary.
products:
  - name: Contoso Server
    affected: "< 2.0"
release: 2025-07-22T17:00:00Z
${overlays ? `tiers:\n${overlays}` : ''}---

${blocksOf(model.body, open)}
`;
}

/** Notes rewritten for a view must follow the same rule; overlay notes of tiers above are rewritten whole. */
function renderFor(model: Doc, view: View | undefined): string {
  if (!view) return render(model, () => false, () => false);
  return render(model, (c) => hiddenFrom(view, c), (tier) => RANK[tier as keyof typeof RANK] > view.rank);
}

const AT = Date.parse('2026-01-01T00:00:00Z');
const someView = fc.constantFrom<[string, number, string[]]>(
  ['public', 0, []], ['partner', 1, []], ['trusted', 2, []], ['internal', 3, []], ['no-poc', 2, ['poc']], ['no-internal', 3, ['internal']],
);
const viewFor = (advisory: { content: { site: Parameters<typeof tierView>[0] } }, [id, rank, withhold]: [string, number, string[]]): View => ({
  ...tierView(advisory.content.site, TIERS[rank]!),
  id,
  withhold,
});

describe('projection properties (fast-check)', () => {
  it('non-interference: rewriting everything above a view leaves its projection deep-equal', () => {
    fc.assert(
      fc.property(doc, someView, (model, v) => {
        const original = advisoryOf(renderFor(model, undefined));
        const view = viewFor(original, v);
        const rewritten = advisoryOf(renderFor(model, view));
        expect(project(rewritten.advisory, view, AT)).toEqual(project(original.advisory, view, AT));
      }),
      { numRuns: 150 },
    );
  });

  it('the projection proof agrees with the projection on every generated document and view', () => {
    fc.assert(
      fc.property(doc, someView, (model, v) => {
        const { content } = advisoryOf(renderFor(model, undefined));
        const projection = projectAll(content, viewFor({ content }, v), AT);
        expect(proveProjection(content, projection)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('projection never mutates its input', () => {
    fc.assert(
      fc.property(doc, (model) => {
        const { advisory, content } = advisoryOf(renderFor(model, undefined));
        const before: Advisory = structuredClone(advisory);
        for (const tier of TIERS) project(advisory, tierView(content.site, tier), AT);
        project(advisory, { ...tierView(content.site, 'internal'), withhold: ['poc', 'internal'] }, AT);
        expect(advisory).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  it('every canary above a view is absent from it, every canary at or below it present', () => {
    fc.assert(
      fc.property(doc, someView, (model, v) => {
        const loaded = advisoryOf(renderFor(model, undefined));
        const view = viewFor(loaded, v);
        const seen = JSON.stringify(project(loaded.advisory, view, AT));
        const check = (canary: string, visible: boolean) =>
          visible ? expect(seen, `${v[0]} should see ${canary}`).toContain(`${canary}`) : expect(seen, `${v[0]} must not see ${canary}`).not.toMatch(new RegExp(`\\b${canary}\\b`));
        const walkInline = (list: Inline[], c: Clearance) =>
          list.forEach((i) => {
            if (i.kind === 'text') return check(i.text.canary, !hiddenFrom(view, c));
            const inner = enter(c, i.gate);
            check(i.canary, !hiddenFrom(view, inner));
            walkInline(i.children, inner);
          });
        const walk = (list: Block[], c: Clearance) =>
          list.forEach((b) => {
            if (b.kind === 'para') walkInline(b.inlines, c);
            else if (b.kind === 'code') check(b.text.canary, !hiddenFrom(view, c));
            else if (b.kind === 'leaf') check(b.text.canary, !hiddenFrom(view, enter(c, b.gate)));
            else if (b.kind === 'list') b.items.forEach((item) => walk(item, c));
            else walk(b.children, enter(c, b.gate));
          });
        walk(model.body, { rank: 0, classes: [] });
        for (const [tier, o] of Object.entries(model.overlays)) {
          const overlayRank = RANK[tier as keyof typeof RANK];
          // Notes of a tier start at that tier's clearance: nothing in them reaches a view below it.
          walk(o.notes, { rank: overlayRank, classes: [] });
          if (overlayRank > view.rank) [o.title, o.summary].forEach((t) => check(t.canary, false));
        }
      }),
      { numRuns: 150 },
    );
  });
});
