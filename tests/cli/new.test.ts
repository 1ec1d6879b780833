import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { idPrefix, nextId } from '../../src/core/scaffold/next-id.ts';
import { copyContent, tierpress } from '../helpers/cli.ts';

const AT = '2026-11-28T12:00:00Z';
const scratch: string[] = [];
const contentCopy = () => {
  const dir = copyContent();
  scratch.push(dir);
  return dir;
};
afterEach(() => scratch.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('tierpress new', () => {
  it('writes a draft with the next free id that check accepts as written, and a second with the next one', () => {
    const dir = contentCopy();
    const first = tierpress(['new', '--content', dir, '--at', AT]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout.trim()).toBe(join(dir, 'advisories', '2026', 'CTSA-2026-0013.md'));
    const second = tierpress(['new', '--content', dir, '--at', AT, '--title', 'Path traversal: in the Gateway "admin" API', '--product', 'Contoso Gateway']);
    expect(second.stdout.trim()).toBe(join(dir, 'advisories', '2026', 'CTSA-2026-0014.md'));

    const text = readFileSync(second.stdout.trim(), 'utf8');
    expect(text).toMatch(/^id: CTSA-2026-0014$/m);
    expect(text).toMatch(/^title: "Path traversal: in the Gateway \\"admin\\" API"$/m);
    expect(text).toMatch(/^ {2}- name: "Contoso Gateway"$/m);
    expect(text).toMatch(/^status: draft\b/m);
    // The site's first class and its second tier, as gates.
    expect(text).toMatch(/^:::poc$/m);
    expect(text).toMatch(/^:::tier\{min=partner\}$/m);

    const check = tierpress(['check', '--content', dir, '--at', AT]);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('33 advisories, no errors');
  });

  it('never overwrites a file: the id of any file in the folder counts as taken', () => {
    const dir = contentCopy();
    const taken = join(dir, 'advisories', '2026', 'CTSA-2026-0013.md');
    // Not an advisory yet (someone's work in progress): its number is taken all the same.
    writeFileSync(taken, 'mine\n');
    const result = tierpress(['new', '--content', dir, '--at', AT]);
    expect(result.stdout.trim()).toBe(join(dir, 'advisories', '2026', 'CTSA-2026-0014.md'));
    expect(readFileSync(taken, 'utf8')).toBe('mine\n');
  });

  it('starts a new year at 0001 in its own folder, and takes --prefix', () => {
    const dir = contentCopy();
    expect(tierpress(['new', '--content', dir, '--at', '2027-01-02T00:00:00Z']).stdout.trim()).toBe(join(dir, 'advisories', '2027', 'CTSA-2027-0001.md'));
    expect(tierpress(['new', '--content', dir, '--at', AT, '--prefix', 'PSA']).stdout.trim()).toBe(join(dir, 'advisories', '2026', 'PSA-2026-0001.md'));
    expect(tierpress(['new', '--content', dir, '--prefix', 'psa']).stderr).toMatch(/^tierpress new: --prefix psa: expected an uppercase letter/);
  });

  it('uses ADV in a content folder without advisories, and a site with a single tier and no class gets no gates', () => {
    const dir = contentCopy();
    rmSync(join(dir, 'advisories'), { recursive: true });
    rmSync(join(dir, 'partners.yaml'));
    rmSync(join(dir, 'assets'), { recursive: true });
    const site = readFileSync(join(dir, 'site.yaml'), 'utf8');
    writeFileSync(join(dir, 'site.yaml'), site.slice(0, site.indexOf('  - id: partner')));
    const result = tierpress(['new', '--content', dir, '--at', AT]);
    expect(result.stdout.trim()).toBe(join(dir, 'advisories', '2026', 'ADV-2026-0001.md'));
    expect(readFileSync(result.stdout.trim(), 'utf8')).not.toMatch(/^:::/m);
    expect(tierpress(['check', '--content', dir, '--at', AT]).status).toBe(0);
  });

  it('exits 1 without site.yaml and writes nothing', () => {
    const dir = contentCopy();
    rmSync(join(dir, 'site.yaml'));
    const result = tierpress(['new', '--content', dir, '--at', AT]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('site.yaml:1:1: missing site.yaml');
    expect(existsSync(join(dir, 'advisories', '2026', 'CTSA-2026-0013.md'))).toBe(false);
  });
});

describe('ids of new advisories', () => {
  it('takes the most common prefix, and the number after the highest of the year', () => {
    expect(idPrefix(['CTSA-2025-0001', 'CTSA-2025-0002', 'XYZ-2025-0001', 'notes'])).toBe('CTSA');
    expect(idPrefix(['BB-2025-0001', 'AB-2025-0001'])).toBe('AB');
    expect(idPrefix(['readme'])).toBeUndefined();
    expect(nextId(['CTSA-2025-0001', 'CTSA-2025-0007', 'ctsa-2025-0009', 'CTSA-2024-0100'], 'CTSA', '2025')).toBe('CTSA-2025-0010');
    expect(nextId(['CTSA-2025-9999'], 'CTSA', '2025')).toBe('CTSA-2025-10000');
    expect(nextId([], 'CTSA', '2026')).toBe('CTSA-2026-0001');
  });
});
