import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyContent, scratchDirs, tierpress } from '../helpers/cli.ts';
import { bundleOf, renderLines } from '../helpers/renders.ts';

const { temp, keep } = scratchDirs();

/** Partner archives encrypted with age differ on every build (a fresh ephemeral key): their contents are compared as bundle folders. */
const comparable = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.tar.age'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();

/** The first file that differs between two output folders, or undefined when they are byte-identical. */
function firstDifference(a: string, b: string): string | undefined {
  const [left, right] = [comparable(a), comparable(b)];
  if (left.join('\n') !== right.join('\n')) return `different files: ${left.filter((f) => !right.includes(f)).concat(right.filter((f) => !left.includes(f))).join(', ')}`;
  return left.find((file) => !readFileSync(join(a, file)).equals(readFileSync(join(b, file))));
}

const edit = (file: string, change: (text: string) => string) => {
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing: the test's anchor is gone`);
  writeFileSync(file, after);
};

const CANARY = 'Cache canary paragraph: CACHE-CANARY-7f3a in every view that may see it.';

describe('a warm build (with the cache) equals a cold one (without), byte for byte, after each edit', () => {
  const content = copyContent();
  keep(content);
  const cache = temp('tierpress-cache-');
  const advisory = join(content, 'advisories', '2025', 'CTSA-2025-0007.md');
  const partners = join(content, 'partners.yaml');
  let at = '2025-07-21T12:00:00Z';

  // Each step: what changes, and how many advisory files the warm build must parse again. Steps that
  // change no partner build three tiers and one partner (who withholds the PoC), to keep the test short.
  const some = ['--tier', 'public', '--tier', 'partner', '--tier', 'trusted', '--partner', 'litware-cert'];
  const steps: Array<{ name: string; apply: () => void; parsed: number; select?: string[] }> = [
    { name: 'the first build fills the cache', apply: () => {}, parsed: 31, select: some },
    { name: 'nothing changed', apply: () => {}, parsed: 0, select: some },
    { name: 'a public paragraph added', apply: () => edit(advisory, (t) => t.replace('## Impact\n\n', `## Impact\n\n${CANARY}\n\n`)), parsed: 1, select: some },
    { name: 'the paragraph moved into a trusted gate', apply: () => edit(advisory, (t) => t.replace(`${CANARY}\n`, `:::tier{min=trusted}\n${CANARY}\n:::\n`)), parsed: 1, select: some },
    // Back to the bytes of two steps before: content-addressed, so the entry made then is found again.
    { name: 'the paragraph moved out of the gate', apply: () => edit(advisory, (t) => t.replace(`:::tier{min=trusted}\n${CANARY}\n:::\n`, `${CANARY}\n`)), parsed: 0, select: some },
    {
      name: "the partner overlay's title changed",
      apply: () => edit(advisory, (t) => t.replace('    title: Widget Gallery deserialization RCE in Contoso Server\n', '    title: Widget Gallery RCE in Contoso Server, partner briefing\n')),
      parsed: 1,
      select: some,
    },
    { name: 'the embargo passed (--at moved past the release)', apply: () => (at = '2025-07-23T00:00:00Z'), parsed: 0, select: some },
    {
      name: 'a partner added',
      apply: () => edit(partners, (t) => `${t.trimEnd()}\n  - id: cache-test-partner\n    name: Cache Test Partner Ltd.\n    tier: partner\n    groups: []\n    withhold: []\n`),
      parsed: 0,
    },
    { name: 'a partner removed', apply: () => edit(partners, (t) => t.replace(/\n {2}- id: cache-test-partner\n(?: {4}.*\n?)*/, '\n')), parsed: 0 },
  ];

  it.each(steps.map((step, index) => ({ ...step, index })))('step $index: $name', ({ apply, parsed, index, select = [] }) => {
    apply();
    const warm = temp(`tierpress-warm-${index}-`);
    const cold = temp(`tierpress-cold-${index}-`);
    const warmRun = tierpress(['build', '--content', content, '--out', warm, '--at', at, '--cache', cache, ...select]);
    expect(warmRun.status, warmRun.stderr + warmRun.stdout).toBe(0);
    // The cache was used, not bypassed: only what changed was parsed again.
    expect(warmRun.stdout).toMatch(new RegExp(`parsed ${parsed} advisor(y|ies), ${31 - parsed} unchanged from the cache`));
    const coldRun = tierpress(['build', '--content', content, '--out', cold, '--at', at, '--no-cache', ...select]);
    expect(coldRun.status, coldRun.stderr + coldRun.stdout).toBe(0);
    expect(firstDifference(warm, cold)).toBeUndefined();
    const renders = renderLines(warmRun.stdout);
    expect(renders.length, warmRun.stdout).toBeGreaterThanOrEqual(4);
    // Nothing changed: every advisory page of every view came from the cache.
    if (index === 1) for (const render of renders) expect(render, render.label).toMatchObject({ rendered: 'none' });
    // One advisory changed: its page alone was rendered, in each view that shows it, and no page in the others.
    if (index === 2) {
      for (const render of renders) {
        const shows = existsSync(join(bundleOf(warm, render.label), 'advisories', 'CTSA-2025-0007', 'index.html'));
        expect(render.rendered, render.label).toBe(shows ? 'CTSA-2025-0007' : 'none');
      }
      expect(renders.some((render) => render.rendered === 'CTSA-2025-0007')).toBe(true);
    }
    // The edits reached the output: the canary is in the trusted bundle once added, and never in public while gated.
    if (index >= 2) {
      const page = (bundle: string) => readFileSync(join(warm, bundle, 'advisories', 'CTSA-2025-0007', 'index.html'), 'utf8');
      expect(page('trusted')).toContain('CACHE-CANARY-7f3a');
      if (index === 3) expect(page('partner')).not.toContain('CACHE-CANARY-7f3a');
    }
  }, 600_000);
});
