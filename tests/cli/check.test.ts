import { appendFileSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyContent, tierpress } from '../helpers/cli.ts';

const AT = '2026-11-28T12:00:00Z';
const scratch: string[] = [];
const broken = () => {
  const dir = copyContent();
  scratch.push(dir);
  return dir;
};
afterEach(() => scratch.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('tierpress check', () => {
  it('passes the example content and prints one line per tier', () => {
    const { status, stdout, stderr } = tierpress(['check', '--at', AT]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('content: 31 advisories, no errors. As of 2026-11-28T12:00:00Z');
    // The embargo plan of content/README.md: 27 public, 28 partner, 29 trusted, 31 internal.
    expect(stdout).toMatch(/^public\s+TLP:CLEAR\s+27\s+4\s/m);
    expect(stdout).toMatch(/^partner\s+TLP:AMBER\s+28\s+3\s/m);
    expect(stdout).toMatch(/^trusted\s+TLP:AMBER\+STRICT\s+29\s+2\s/m);
    expect(stdout).toMatch(/^internal\s+TLP:RED\s+31\s+0\s/m);
  });

  it('passes the RustSec samples', () => {
    const { status, stdout } = tierpress(['check', '--content', 'tests/fixtures/rustsec/content', '--at', AT]);
    expect(status).toBe(0);
    expect(stdout).toContain('80 advisories, no errors');
  });

  it('exits 1 and names file, line and reason for a broken advisory, listing every error', () => {
    const dir = broken();
    const file = join(dir, 'advisories', '2025', 'CTSA-2025-0003.md');
    appendFileSync(file, '\n<script>alert(1)</script>\n\n:::poc\nunclosed\n');
    const { status, stderr, stdout } = tierpress(['check', '--content', dir, '--at', AT]);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`${file}:\\d+:1: body: raw HTML is not allowed`));
    expect(stderr).toMatch(new RegExp(`${file}:\\d+:1: body: container :::poc is not closed`));
    expect(stderr).toContain('nothing would be published');
  });

  it('prints a warning with its file, line and column, and still passes', () => {
    const dir = broken();
    const file = join(dir, 'advisories', '2025', 'CTSA-2025-0005.md');
    // CVSS 3.1 8.1 rates high: low is two steps from it.
    writeFileSync(file, readFileSync(file, 'utf8').replace('\ncvss:', '\nseverity: low\ncvss:'));
    const { status, stdout, stderr } = tierpress(['check', '--content', dir, '--at', AT]);
    expect(status).toBe(0);
    expect(stderr.trim()).toBe(`${file}:5:11: warning: severity: low is two steps from the CVSS rating high (CVSS 3.1, score 8.1); check it, unless the vendor rates it so on purpose`);
    expect(stdout).toContain('31 advisories, no errors, 1 warning.');
  });

  it('exits 1 for a file that does not belong under advisories/', () => {
    const dir = broken();
    writeFileSync(join(dir, 'advisories', 'notes.txt'), 'scratch');
    const { status, stderr } = tierpress(['check', '--content', dir]);
    expect(status).toBe(1);
    expect(stderr).toContain(`${join(dir, 'advisories', 'notes.txt')}:1:1: only advisory files (.md) may sit under advisories/`);
  });

  it('exits 1 for a symbolic link, which could reach outside the content folder', () => {
    const dir = broken();
    symlinkSync('/etc/hostname', join(dir, 'assets', 'link.txt'));
    const { status, stderr } = tierpress(['check', '--content', dir]);
    expect(status).toBe(1);
    expect(stderr).toContain('symbolic links are not followed');
  });

  it('exits 1 when the content folder does not exist', () => {
    const { status, stderr } = tierpress(['check', '--content', 'no-such-folder']);
    expect(status).toBe(1);
    expect(stderr).toContain('no-such-folder:1:1: content folder not found');
  });

  it.each([
    [['check', '--contents', 'x'], /^tierpress check: unknown option --contents; did you mean --content\?$/],
    [['check', '--at', '2025-07-22 17:00'], /^tierpress check: --at 2025-07-22 17:00: 2025-07-22 17:00 has a space between date and time; RFC 3339 writes T/],
    [['check', 'stray'], /^tierpress check: unexpected argument "stray"/],
    [['frobnicate'], /^tierpress: unknown command "frobnicate"/],
  ])('exits 2 on bad usage with one line, the reason: %s', (args, message) => {
    const { status, stderr } = tierpress(args);
    expect(status).toBe(2);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(message);
  });
});
