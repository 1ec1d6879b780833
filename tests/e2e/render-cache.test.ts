import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyContent, scratchDirs, tierpress } from '../helpers/cli.ts';
import { renderLines } from '../helpers/renders.ts';

const { temp, keep } = scratchDirs();

const edit = (file: string, change: (text: string) => string) => {
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing: the test's anchor is gone`);
  writeFileSync(file, after);
};

/** Every file of a bundle folder, as text. */
const everything = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'latin1'))
    .join('\n');

/** A build into a fresh folder with the shared cache; the output folder and the advisory pages each render made. */
function build(content: string, cache: string, at: string, tiers: string[]) {
  const out = temp('tierpress-render-cache-');
  const run = tierpress(['build', '--content', content, '--out', out, '--at', at, '--cache', cache, ...tiers.flatMap((tier) => ['--tier', tier])]);
  expect(run.status, run.stderr + run.stdout).toBe(0);
  const renders = renderLines(run.stdout);
  expect(renders.length, run.stdout).toBe(tiers.length);
  const rendered = (tier: string) => renders.find((render) => render.label.endsWith(`: ${tier}`))?.rendered;
  const page = (tier: string, id: string) => readFileSync(join(out, tier, 'advisories', id, 'index.html'), 'utf8');
  return { out, rendered, page };
}

describe('a page the cache gives a view is one made for that view', () => {
  const content = keep(copyContent());
  const cache = temp('tierpress-cache-');
  const CANARY = 'RENDER-CACHE-CANARY-5d1e';
  edit(join(content, 'advisories', '2025', 'CTSA-2025-0007.md'), (t) => t.replace('## Impact\n\n', `## Impact\n\n:::tier{min=trusted}\nGated paragraph ${CANARY} for trusted readers only.\n:::\n\n`));
  const at = '2025-07-23T00:00:00Z';

  it('keeps a gated canary out of the public bundle when every page comes from the cache', () => {
    const first = build(content, cache, at, ['public', 'trusted']);
    expect(first.page('trusted', 'CTSA-2025-0007')).toContain(CANARY);
    expect(everything(join(first.out, 'public'))).not.toContain(CANARY);
    // Warm: every advisory page of both views from the cache, which now holds the trusted page with the canary.
    const second = build(content, cache, at, ['public', 'trusted']);
    expect(second.rendered('public')).toBe('none');
    expect(second.rendered('trusted')).toBe('none');
    expect(second.page('trusted', 'CTSA-2025-0007')).toContain(CANARY);
    expect(second.page('public', 'CTSA-2025-0007')).toContain('<meta name="tlp" content="CLEAR">');
    expect(everything(join(second.out, 'public'))).not.toContain(CANARY);
  }, 300_000);
});

describe("an advisory's page is rendered again when an advisory it names becomes visible", () => {
  const content = keep(copyContent());
  const cache = temp('tierpress-cache-');
  // CTSA-2026-0005 (released in May) names CTSA-2026-0011, under embargo until 2026-12-20.
  const naming = join(content, 'advisories', '2026', 'CTSA-2026-0005.md');
  const named = join(content, 'advisories', '2026', 'CTSA-2026-0011.md');
  edit(naming, (t) => t.replace('related: [CTSA-2024-0004]', 'related: [CTSA-2024-0004, CTSA-2026-0011]'));
  const link = /<a href="\/advisories\/CTSA-2026-0011\/">CTSA-2026-0011<\/a>/;

  it('when the embargo of the named advisory is moved before the build instant (no other change)', () => {
    const at = '2026-11-28T12:00:00Z';
    const before = build(content, cache, at, ['public']);
    expect(before.page('public', 'CTSA-2026-0005')).toContain('CTSA-2026-0011');
    expect(before.page('public', 'CTSA-2026-0005')).not.toMatch(link);
    // The naming advisory's file and the build instant stay as they were: only what its page shows of the other changed.
    edit(named, (t) => t.replaceAll('2026-12-20T17:00:00Z', '2026-11-20T17:00:00Z'));
    const after = build(content, cache, at, ['public']);
    expect(after.rendered('public')).toBe('CTSA-2026-0011, CTSA-2026-0005');
    expect(after.page('public', 'CTSA-2026-0005')).toMatch(link);
    edit(named, (t) => t.replaceAll('2026-11-20T17:00:00Z', '2026-12-20T17:00:00Z'));
  }, 300_000);

  it('when --at moves past the embargo', () => {
    const before = build(content, cache, '2026-12-19T12:00:00Z', ['public']);
    expect(before.page('public', 'CTSA-2026-0005')).not.toMatch(link);
    const after = build(content, cache, '2026-12-21T12:00:00Z', ['public']);
    expect(after.page('public', 'CTSA-2026-0005')).toMatch(link);
  }, 300_000);
});
