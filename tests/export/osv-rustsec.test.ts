/**
 * Our OSV export against RustSec's own OSV records: the upstream truth.
 *
 * `tests/fixtures/rustsec/osv/` holds RustSec's OSV records of 75 of the 80
 * sample advisories (the 5 `CVE-*` toolchain advisories have none). Each of
 * ours is built as the build makes it: the sample content read and validated
 * (`readContent`, `validateContent`), projected for the public tier at an
 * instant when every advisory is out (`projectAll`, 2031-01-01), then
 * `osvRecord`. For every package of every record (matched by ecosystem and
 * name; RustSec may list several packages in one record, so packages are
 * compared by name, and one only they or only we name is reported) the two
 * must call the same versions affected.
 *
 * The events are not compared as written: RustSec writes Cargo's `X-0`
 * (`introduced: 0.0.0-0` for "from the start", `introduced: 0.7.0-0` where the
 * source says "not ^0.6.3") and ours write `0` and `0.7.0`; on every version
 * actually published these are the same intervals, but they differ on
 * pre-releases nobody named (`0.7.0-alpha`). So both records are evaluated,
 * with OSV's own rule (events sorted by SemVer precedence, `introduced` turns
 * affected on, `fixed` off at the version, `last_affected` off above it), on
 * a probe set made from every version either record mentions: the release
 * itself, the neighbouring patch, minor and major releases on both sides, and
 * for a named pre-release (`0.45.0-alpha.1`, never `X-0`) the pre-release and
 * its neighbours by the last number. Membership must agree on every probe.
 */
import { join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import semver from 'semver';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContent } from '../../src/pipeline/read.ts';
import { projectAll } from '../../src/core/project/summary.ts';
import { tierView } from '../../src/core/project/view.ts';
import { validateContent } from '../../src/core/validate/content.ts';
import { osvRecord } from '../../src/export/osv.ts';
import { ROOT } from '../helpers/cli.ts';
import { contextOf } from '../helpers/exports.ts';
import { osvProblems } from '../helpers/validators.ts';

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'rustsec');
const AT = '2031-01-01T00:00:00Z';

type Event = { introduced?: string; fixed?: string; last_affected?: string };
interface Affected {
  package?: { ecosystem: string; name: string };
  ranges?: { type: string; events: Event[] }[];
  versions?: string[];
}
interface Record {
  id: string;
  summary: string;
  affected: Affected[];
}

const theirs: Record[] = readdirSync(join(FIXTURES, 'osv'))
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(join(FIXTURES, 'osv', name), 'utf8')) as Record);

const ours = new Map<string, Record>();

beforeAll(async () => {
  const read = await readContent(join(FIXTURES, 'content'));
  const { content, problems } = validateContent(read.files!);
  if (!content) throw new Error(problems.map((problem) => problem.message).join('\n'));
  const context = contextOf(content, 'public', AT);
  for (const advisory of projectAll(content, tierView(content.site, 'public'), Date.parse(AT)).advisories) {
    ours.set(advisory.id, JSON.parse(JSON.stringify(osvRecord(advisory, context))) as Record);
  }
});

/** Whether OSV's evaluation of one affected entry (SEMVER ranges and versions) counts `version` as affected. */
function affects(entry: Affected, version: string): boolean {
  if (entry.versions?.some((listed) => semver.eq(listed, version))) return true;
  return (entry.ranges ?? []).some((range) => {
    expect(range.type).toBe('SEMVER');
    const at = (event: Event) => event.introduced ?? event.fixed ?? event.last_affected!;
    // `0` is "before every version"; Array.prototype.sort is stable, so events at one version keep their order.
    const events = [...range.events].sort((a, b) => (at(a) === '0' ? -1 : at(b) === '0' ? 1 : semver.compare(at(a), at(b))));
    let affected = false;
    for (const event of events) {
      if (event.introduced !== undefined && (event.introduced === '0' || semver.gte(version, event.introduced))) affected = true;
      else if (event.fixed !== undefined && semver.gte(version, event.fixed)) affected = false;
      else if (event.last_affected !== undefined && semver.gt(version, event.last_affected)) affected = false;
    }
    return affected;
  });
}

/** Every version an entry names, in its events and its versions list. */
function mentioned(entry: Affected): string[] {
  const events = (entry.ranges ?? []).flatMap((range) => range.events.map((event) => event.introduced ?? event.fixed ?? event.last_affected!));
  return [...events, ...(entry.versions ?? [])].filter((version) => version !== '0');
}

/** The probe versions around every mentioned version (see the top comment). */
function probes(versions: readonly string[]): string[] {
  const found = new Set(['0.0.0', '0.0.1', '0.1.0', '1.0.0', '999.0.0']);
  for (const text of versions) {
    const { major, minor, patch, prerelease } = new semver.SemVer(text);
    for (const [a, b, c] of [
      [major, minor, patch],
      [major, minor, patch + 1],
      [major, minor, patch - 1],
      [major, minor + 1, 0],
      [major, minor - 1, 0],
      [major, minor - 1, 99],
      [major + 1, 0, 0],
      [major - 1, 0, 0],
    ] as const) {
      if (a >= 0 && b >= 0 && c >= 0) found.add(`${a}.${b}.${c}`);
    }
    const named = prerelease.length > 0 && !(prerelease.length === 1 && prerelease[0] === 0);
    if (named) {
      found.add(text);
      const last = prerelease.at(-1);
      if (typeof last === 'number') {
        const stem = `${major}.${minor}.${patch}-${prerelease.slice(0, -1).join('.')}${prerelease.length > 1 ? '.' : ''}`;
        for (const step of [last - 1, last + 1]) if (step >= 0) found.add(`${stem}${step}`);
      }
    }
  }
  return [...found].sort(semver.compare);
}

const byPackage = (record: Record) =>
  new Map(record.affected.filter((entry) => entry.package?.ecosystem === 'crates.io').map((entry) => [entry.package!.name, entry] as const));

describe('OSV export against RustSec’s own OSV records (75 of the 80 samples)', () => {
  it('has all 75 upstream records, and builds a valid record of ours for each', () => {
    expect(theirs).toHaveLength(75);
    const missing = theirs.filter((record) => !ours.has(record.id)).map((record) => record.id);
    expect(missing).toEqual([]);
    for (const record of theirs) expect(osvProblems(ours.get(record.id)), record.id).toEqual([]);
  });

  it('names the same crates.io packages as RustSec in every record', () => {
    // RustSec may name several packages in one record; in these 75 each names one, and so does ours.
    const differences: string[] = [];
    for (const record of theirs) {
      const upstream = byPackage(record);
      const own = byPackage(ours.get(record.id)!);
      for (const name of upstream.keys()) if (!own.has(name)) differences.push(`${record.id}: only RustSec names ${name}`);
      for (const name of own.keys()) if (!upstream.has(name)) differences.push(`${record.id}: only we name ${name}`);
    }
    expect(differences).toEqual([]);
  });

  it('calls the same versions affected as RustSec, package by package, in all 75 records', () => {
    const agreeing: string[] = [];
    const disagreements: string[] = [];
    let checked = 0;
    let affectedProbes = 0;
    for (const record of theirs) {
      const own = byPackage(ours.get(record.id)!);
      let agrees = true;
      for (const [name, upstream] of byPackage(record)) {
        const mine = own.get(name);
        if (!mine) continue; // reported by the test above
        for (const version of probes([...mentioned(upstream), ...mentioned(mine)])) {
          checked += 1;
          const expected = affects(upstream, version);
          if (expected) affectedProbes += 1;
          if (affects(mine, version) !== expected) {
            agrees = false;
            disagreements.push(`${record.id} ${name}@${version}: RustSec says ${expected ? '' : 'not '}affected`);
          }
        }
      }
      if (agrees) agreeing.push(record.id);
    }
    expect(disagreements).toEqual([]);
    expect(agreeing).toHaveLength(75);
    // The probes are not vacuous: both kinds of answer occur, many times.
    expect(affectedProbes).toBeGreaterThan(300);
    expect(checked - affectedProbes).toBeGreaterThan(300);
  });

  it('the exclusive lower bounds RustSec has (tracing, mdbook) agree exactly, events included', () => {
    expect(ours.get('RUSTSEC-2023-0078')!.affected[0]!.ranges).toEqual([{ type: 'SEMVER', events: [{ introduced: '0.1.38-0' }, { fixed: '0.1.40' }] }]);
    expect(ours.get('RUSTSEC-2021-0001')!.affected[0]!.ranges).toEqual([{ type: 'SEMVER', events: [{ introduced: '0.1.4-0' }, { fixed: '0.4.5' }] }]);
  });

  it('the summary is the title, as RustSec’s is, in all 75 records', () => {
    // RustSec's titles may hold Markdown code spans; the converted samples dropped the backticks (titles are plain text here).
    const plain = (title: string) => title.replaceAll('`', '');
    const different = theirs
      .filter((record) => ours.get(record.id)!.summary !== plain(record.summary))
      .map((record) => `${record.id}: ${ours.get(record.id)!.summary} ≠ ${record.summary}`);
    expect(different).toEqual([]);
  });

  it('the evaluation is live: a range off by one version disagrees', () => {
    const upstream = byPackage(theirs.find((record) => record.id === 'RUSTSEC-2023-0078')!).get('tracing')!;
    const shifted: Affected = { ranges: [{ type: 'SEMVER', events: [{ introduced: '0.1.37' }, { fixed: '0.1.40' }] }] };
    expect(affects(upstream, '0.1.37')).toBe(false);
    expect(affects(shifted, '0.1.37')).toBe(true);
    expect(probes(mentioned(upstream))).toContain('0.1.37');
  });
});
