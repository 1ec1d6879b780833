import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUDIT_OPTIONS } from '../../src/cli/audit.ts';
import { BUILD_OPTIONS } from '../../src/cli/build.ts';
import { CHECK_OPTIONS } from '../../src/cli/check.ts';
import { DEV_OPTIONS } from '../../src/cli/dev.ts';
import { COMMAND_HELP } from '../../src/cli/help.ts';
import { main } from '../../src/cli/main.ts';
import { NEW_OPTIONS } from '../../src/cli/new.ts';
import { SCHEDULE_OPTIONS } from '../../src/cli/schedule.ts';
import { TRACE_OPTIONS } from '../../src/cli/trace.ts';
import { USAGE } from '../../src/cli/usage.ts';
import { VERIFY_OPTIONS } from '../../src/cli/verify.ts';
import { WHO_KNEW_OPTIONS } from '../../src/cli/who-knew.ts';

/** Runs the CLI in this process and returns what it printed and its exit status. */
async function run(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  const status = await main(argv);
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}
afterEach(() => vi.restoreAllMocks());

const PARSERS: Record<string, object> = {
  audit: AUDIT_OPTIONS,
  build: BUILD_OPTIONS,
  check: CHECK_OPTIONS,
  dev: DEV_OPTIONS,
  new: NEW_OPTIONS,
  schedule: SCHEDULE_OPTIONS,
  trace: TRACE_OPTIONS,
  verify: VERIFY_OPTIONS,
  'who-knew': WHO_KNEW_OPTIONS,
};

describe('help', () => {
  it('documents every command, with exactly the options its parser takes', () => {
    expect(Object.keys(COMMAND_HELP).sort()).toEqual(Object.keys(PARSERS).sort());
    for (const [name, options] of Object.entries(PARSERS)) expect(Object.keys(COMMAND_HELP[name]!.options).sort(), name).toEqual(Object.keys(options).sort());
  });

  it("prints a command's own help for <command> --help: synopsis, options with defaults, an example", async () => {
    const { status, stdout } = await run('build', '--help');
    expect(status).toBe(0);
    expect(stdout).toMatchInlineSnapshot(`
      "Usage: tierpress build [--content DIR] [--out DIR] [--at INSTANT] [--tier ID]… [--partner ID]… [--cache DIR] [--no-cache]

      Validates the content, renders each distinct view once, audits and seals every bundle,
      and replaces the previous bundles only when all succeeded. Ctrl-C leaves the output folder unchanged.

      Options:
        --content DIR  content folder (default: content)
        --out DIR      output folder (default: dist)
        --at INSTANT   as of this RFC 3339 instant, e.g. 2026-11-28T12:00:00Z (default: now)
        --tier ID      only this tier; no partner bundles then (repeatable; default: every tier and partner)
        --partner ID   only this partner's bundle; no tier bundles then (repeatable)
        --cache DIR    keep what is reused between builds here (safe to delete) (default: .tierpress/cache)
        --no-cache     neither read nor write the cache: build everything afresh
        -h, --help     show this help

      Example:
        npx tierpress build --at 2026-11-28T12:00:00Z --tier public --tier partner"
    `);
  });

  it('prints it for help <command> and -h too, before reading any other argument', async () => {
    expect((await run('help', 'schedule')).stdout).toBe((await run('schedule', '--days', 'x', '-h')).stdout);
    expect((await run('schedule', '-h')).stdout).toMatch(/^Usage: tierpress schedule \[--content DIR\] \[--at INSTANT\] \[--days N\]$/m);
  });

  it('keeps tierpress --help global, listing every command', async () => {
    const { status, stdout } = await run('--help');
    expect(status).toBe(0);
    expect(stdout).toBe(USAGE);
    for (const name of Object.keys(COMMAND_HELP)) expect(stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });
});

describe('usage errors', () => {
  it.each([
    [['build', '--tire', 'public'], 'tierpress build: unknown option --tire; did you mean --tier?'],
    [['check', '--contnet', 'x'], 'tierpress check: unknown option --contnet; did you mean --content?'],
    [['check', '--frobnicate'], 'tierpress check: unknown option --frobnicate; the options here are --content, --at, --help'],
    [['check', 'stray'], 'tierpress check: unexpected argument "stray": this command takes only options (--content, --at)'],
    [['check', '--at'], 'tierpress check: --at needs a value'],
    [['audit', 'dist/public', '--explain=yes'], 'tierpress audit: --explain takes no value'],
    [['check', '--at', '2026-11-31T17:00:00Z'], 'tierpress check: --at 2026-11-31T17:00:00Z: 2026-11-31 is not a date: November has 30 days'],
    [['schedule', '--days', 'soon'], 'tierpress schedule: --days soon: expected a whole number of days above 0, or all'],
    [['dev', '--tier', 'public', '--partner', 'contoso-av'], 'tierpress dev: --tier and --partner: give one of them'],
    [['dev', '--port', '80a'], 'tierpress dev: --port 80a: expected a port number from 1 to 65535'],
    [['dev', '--out', 'dist'], 'tierpress dev: unknown option --out; the options here are --content, --tier, --partner, --at, --port, --help'],
    [['buidl'], 'tierpress: unknown command "buidl"; did you mean "build"?'],
    [['frobnicate'], 'tierpress: unknown command "frobnicate"; the commands are audit, build, check, dev, new, schedule, trace, verify, who-knew'],
  ])('%j prints one line and exits 2', async (argv, line) => {
    const { status, stdout, stderr } = await run(...argv);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(line);
  });
});
