import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { treeHash } from '../helpers/bundle.ts';
import { copyContent, ROOT, scratchDirs, tierpress } from '../helpers/cli.ts';

const AT = '2026-11-28T12:00:00Z';
const { keep: temp } = scratchDirs();
// Other test files build at the same time: only this build's own staging folder (named for its pid) counts.
const stagingLeftovers = (pid: number) => readdirSync(join(ROOT, '.tierpress')).filter((name) => name.startsWith(`build-${pid}-`));

describe('a failed build', () => {
  it('leaves an existing output folder byte-identical and no staging behind', () => {
    const content = temp(copyContent());
    const out = temp(mkdtempSync(join(tmpdir(), 'tierpress-out-')));
    expect(tierpress(['build', '--content', content, '--out', out, '--at', AT, '--tier', 'public', '--tier', 'partner']).status).toBe(0);
    const before = treeHash(out);

    appendFileSync(join(content, 'advisories', '2024', 'CTSA-2024-0002.md'), '\n:::poc\nan unclosed gate\n');
    const failed = tierpress(['build', '--content', content, '--out', out, '--at', AT]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/CTSA-2024-0002\.md:\d+:1: body: container :::poc is not closed/);
    expect(failed.stderr).toContain('nothing was built');
    expect(treeHash(out)).toBe(before);
    expect(stagingLeftovers(failed.pid)).toEqual([]);
  });

  it('cleans up its staging when it fails after rendering, at the swap', () => {
    // An output path that is a file cannot receive bundles: the failure comes after every render and audit.
    const file = join(temp(mkdtempSync(join(tmpdir(), 'tierpress-out-'))), 'not-a-folder');
    writeFileSync(file, 'keep me');
    const failed = tierpress(['build', '--out', file, '--at', AT, '--tier', 'public']);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('[public] sealed');
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    expect(stagingLeftovers(failed.pid)).toEqual([]);
  });

  it('rebuilds only the tiers named with --tier and leaves the others as they were', () => {
    const out = temp(mkdtempSync(join(tmpdir(), 'tierpress-out-')));
    expect(tierpress(['build', '--out', out, '--at', AT, '--tier', 'public', '--tier', 'trusted']).status).toBe(0);
    const trusted = treeHash(join(out, 'trusted'));
    const rebuilt = tierpress(['build', '--out', out, '--at', '2026-12-02T00:00:00Z', '--tier', 'public']);
    expect(rebuilt.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['public', 'trusted']);
    expect(treeHash(join(out, 'trusted'))).toBe(trusted);
    expect(rebuilt.stdout).toMatch(/^public\s+\d+\s+\d+/m);
  });

  it('exits 2 for an unknown --tier, building nothing', () => {
    const out = temp(mkdtempSync(join(tmpdir(), 'tierpress-out-')));
    const result = tierpress(['build', '--out', out, '--tier', 'gold']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--tier gold: unknown tier; expected one of public, partner, trusted, internal');
    expect(readdirSync(out)).toEqual([]);
  });
});
