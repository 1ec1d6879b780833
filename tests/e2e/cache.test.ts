import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesContaining, readBundle } from '../helpers/bundle.ts';
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

/** Files scanned afresh and taken from the cache, per render, from the build's `[render] audited …` lines. */
const auditScans = (stdout: string) =>
  [...stdout.matchAll(/^\[(.+)\] audited (\d+) files: (\d+) scanned, (\d+) from the cache/gm)].map(([, render, files, scanned, cached]) => ({
    render: render!,
    files: Number(files),
    scanned: Number(scanned),
    cached: Number(cached),
  }));

/** CSAF documents signed afresh and whose signatures came from the cache, per render, from the build's `[render] signed …` lines. */
const signatures = (stdout: string) =>
  [...stdout.matchAll(/^\[(.+)\] signed (\d+) CSAF documents, (\d+) from the cache$/gm)].map(([, render, signed, cached]) => ({
    render: render!,
    signed: Number(signed),
    cached: Number(cached),
  }));

const CANARY = 'Cache canary paragraph: CACHE-CANARY-7f3a in every view that may see it.';

/** Each view's search shards as its log line says: how many, and the names of those pagefind indexed (the rest came from the cache). */
function searchShards(stdout: string): Array<{ view: string; shards: number; indexed: string[] }> {
  return [...stdout.matchAll(/^\[([^\]]+)\] search index: indexed (\d+) of (\d+) shards(?: \(([^)]*)\))?, (\d+) from the cache$/gm)].map((m) => {
    const indexed = m[4] ? m[4].split(', ') : [];
    expect(indexed.length).toBe(Number(m[2]));
    expect(Number(m[5])).toBe(Number(m[3]) - indexed.length);
    return { view: m[1]!, shards: Number(m[3]), indexed };
  });
}

/** Each view's exports as its log line says: of how many advisories the CSAF and OSV files were made, and how many came from the cache. */
const exportCounts = (stdout: string) =>
  [...stdout.matchAll(/^\[([^\]]+)\] exports \(CSAF, OSV\): made for (\d+) of (\d+) advisories, (\d+) from the cache$/gm)].map(([, view, made, all, cached]) => {
    expect(Number(made) + Number(cached)).toBe(Number(all));
    return { view: view!, made: Number(made), cached: Number(cached) };
  });

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
    if (index === 1) {
      // Nothing changed: every render's audit judged all but a handful of its files from kept scans.
      const scans = auditScans(warmRun.stdout);
      expect(scans.length).toBeGreaterThan(0);
      for (const render of scans) {
        expect(render.scanned, render.render).toBeLessThanOrEqual(3);
        expect(render.cached, render.render).toBeGreaterThan(render.files - 20);
      }
    }
    // Seal signs again only the documents whose bytes changed, and every document when the instant (the signatures' date) moved.
    const signed = signatures(warmRun.stdout);
    expect(signed.length, warmRun.stdout).toBeGreaterThanOrEqual(4);
    for (const render of signed) {
      if (index === 1) expect(render, render.render).toMatchObject({ signed: 0, cached: expect.any(Number) });
      // The edited advisory's document: once for the render, or once per bundle when it carries a bundle's marks.
      if (index === 2) expect(render.signed, render.render).toBeLessThanOrEqual(render.render.split(': ')[1]!.split(', ').length);
      if (index === 6) expect(render, render.render).toMatchObject({ cached: 0 });
      if (index === 1 || index === 2) expect(render.cached, render.render).toBeGreaterThan(0);
    }
    if (index === 2) expect(signed.some((render) => render.signed > 0)).toBe(true);
    const coldRun = tierpress(['build', '--content', content, '--out', cold, '--at', at, '--no-cache', ...select]);
    expect(coldRun.status, coldRun.stderr + coldRun.stdout).toBe(0);
    expect(firstDifference(warm, cold)).toBeUndefined();
    // The search index follows: nothing re-indexed when nothing changed; after the paragraph, only its year's shard (2025),
    // in the views that see the advisory by then (at this instant it is still embargoed from some).
    const search = searchShards(warmRun.stdout);
    expect(search.length).toBeGreaterThanOrEqual(3);
    if (index === 1) for (const view of search) expect(view, view.view).toMatchObject({ indexed: [] });
    if (index === 2) {
      for (const view of search) expect([[], ['2025']], view.view).toContainEqual(view.indexed);
      expect(search.find((view) => view.view.startsWith('trusted view:'))?.indexed).toEqual(['2025']);
    }
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
    // A new instant alone renders no page again: only those of the advisory whose embargo passed (its status and dates
    // changed) and of one that names it (its link), in the views that show them; none of the others.
    if (index === 6) {
      for (const render of renders) {
        // The log names the pages rendered only when they are few (and not all of them).
        expect(render.rendered, render.label).toBeDefined();
        const ids = render.rendered === 'none' ? [] : render.rendered!.split(', ');
        expect(ids.length, `${render.label}: ${render.rendered}`).toBeLessThanOrEqual(2);
        // The public view has the fewest advisory pages at this instant (14 unchanged ones, then), the others more.
        expect(render.cached, render.label).toBeGreaterThanOrEqual(14);
      }
      expect(renders.some((render) => render.rendered?.includes('CTSA-2025-0007'))).toBe(true);
    }
    // The exports follow: no advisory's CSAF and OSV files made again when nothing changed; after the paragraph,
    // the changed advisory's alone, in each view that shows it.
    const exports = exportCounts(warmRun.stdout);
    expect(exports.map((view) => view.view)).toEqual(renders.map((render) => render.label));
    if (index === 1) for (const view of exports) expect(view, view.view).toMatchObject({ made: 0 });
    if (index === 2) {
      for (const view of exports) {
        const shows = existsSync(join(bundleOf(warm, view.view), 'osv', 'CTSA-2025-0007.json'));
        expect(view.made, view.view).toBe(shows ? 1 : 0);
      }
    }
    // The edits reached the output: the canary is in the trusted bundle once added, page and exports, and never in partner while gated.
    if (index >= 2) {
      const page = (bundle: string) => readFileSync(join(warm, bundle, 'advisories', 'CTSA-2025-0007', 'index.html'), 'utf8');
      const osv = (bundle: string) => readFileSync(join(warm, bundle, 'osv', 'CTSA-2025-0007.json'), 'utf8');
      const csaf = (bundle: string, tlp: string) => readFileSync(join(warm, bundle, '.well-known', 'csaf', tlp, '2025', 'ctsa-2025-0007.json'), 'utf8');
      expect(page('trusted')).toContain('CACHE-CANARY-7f3a');
      expect(osv('trusted')).toContain('CACHE-CANARY-7f3a');
      expect(csaf('trusted', 'amber')).toContain('CACHE-CANARY-7f3a');
      if (index === 3) {
        expect(page('partner')).not.toContain('CACHE-CANARY-7f3a');
        expect(osv('partner')).not.toContain('CACHE-CANARY-7f3a');
        expect(csaf('partner', 'amber')).not.toContain('CACHE-CANARY-7f3a');
      }
    }
  }, 600_000);
});

describe("a view's search shard never reaches another view through the cache", () => {
  const content = copyContent();
  keep(content);
  const cache = temp('tierpress-search-cache-');
  // Released on 2025-07-22: every view sees the advisory; the gated paragraph only the trusted tier and above.
  const at = '2026-11-28T12:00:00Z';
  const GATED = 'SEARCH-CACHE-CANARY-9c1e';
  edit(join(content, 'advisories', '2025', 'CTSA-2025-0007.md'), (t) => t.replace('## Impact\n\n', `## Impact\n\n:::tier{min=trusted}\nSearch canary ${GATED} for the trusted tier.\n:::\n\n`));
  /** The gunzipped files of a bundle's search index that hold the canary. */
  const inIndex = (out: string, bundle: string) => filesContaining(readBundle(join(out, bundle)).filter((file) => file.path.startsWith('pagefind/')), GATED);
  const build = (tiers: string[]) => {
    const out = temp('tierpress-search-');
    const run = tierpress(['build', '--content', content, '--out', out, '--at', at, '--cache', cache, ...tiers.flatMap((tier) => ['--tier', tier])]);
    expect(run.status, run.stderr + run.stdout).toBe(0);
    return { out, search: searchShards(run.stdout) };
  };

  it('keeps the trusted shard out of the public index, cold and warm, whichever view filled the cache first', () => {
    // The trusted view alone fills the cache, the gated canary in its 2025 shard.
    const trusted = build(['trusted']);
    expect(inIndex(trusted.out, 'trusted').some((path) => path.startsWith('pagefind/2025/fragment/'))).toBe(true);
    // The public view's pages of that year differ, so its 2025 shard is indexed afresh, never taken from the trusted's entry.
    const publicOnly = build(['public']);
    expect(publicOnly.search).toHaveLength(1);
    expect(publicOnly.search[0]!.indexed).toContain('2025');
    expect(inIndex(publicOnly.out, 'public')).toEqual([]);
    // Both warm: every shard from the cache, each view's own.
    const both = build(['public', 'trusted']);
    for (const view of both.search) expect(view.indexed, view.view).toEqual([]);
    expect(inIndex(both.out, 'public')).toEqual([]);
    expect(inIndex(both.out, 'trusted').some((path) => path.startsWith('pagefind/2025/fragment/'))).toBe(true);
  }, 600_000);
});
