import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { appendFileSync, cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { moment } from '../../src/render/format.ts';
import { ROOT, scratchDirs, tierpress } from '../helpers/cli.ts';
import { AT, CANARIES } from './setup.ts';

const out = inject('out');
const content = inject('content');
const { temp } = scratchDirs();

describe('tierpress audit DIR', () => {
  it('re-audits a built bundle for the tier and instant in its manifest', () => {
    const result = tierpress(['audit', join(out, 'partner'), '--content', content]);
    expect(result.stdout).toMatch(/tier partner as of 2026-11-28T12:00:00Z, \d+ files, 0 findings; positive control found \d+ of \d+/);
    expect(result.status).toBe(0);
  });

  it('exits 1 and names the file when a bundle holds something above its tier', () => {
    const dir = temp('tierpress-leak-');
    cpSync(join(out, 'public'), dir, { recursive: true });
    const page = join(dir, 'advisories', 'CTSA-2024-0001', 'index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace('</main>', '<p>Triage: CANARY-INTERNAL-3J9D5V is the internal case.</p></main>'));
    const result = tierpress(['audit', dir, '--content', content]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^advisories\/CTSA-2024-0001\/index\.html \[markup text\]: holds text of CTSA-2025-0007 \(body: :::internal gate for internal\)/m);
  });

  it("takes the build instant and the published OpenPGP key's fingerprint for the bundle's own text, though a gate holds them; a canary in that gate is still found", () => {
    const fingerprints = readdirSync(join(out, 'public', '.well-known', 'csaf', 'openpgp')).flatMap((name) => /^([0-9A-F]{40})\.asc$/.exec(name)?.[1] ?? []);
    expect(fingerprints).toHaveLength(1);
    const canary = 'CANARY-BUILDFACT-9X4L2Q';
    const gated = temp('tierpress-build-facts-');
    cpSync(content, gated, { recursive: true });
    // Each alone in a paragraph of a PoC gate: the instant as the exports and the footer print it, the key's fingerprint.
    appendFileSync(join(gated, 'advisories', '2024', 'CTSA-2024-0001.md'), `\n:::poc\n${AT}\n\n${moment(AT)}\n\n${fingerprints[0]}\n\nReplay with ${canary} in the header.\n:::\n`);
    const clean = tierpress(['audit', join(out, 'public'), '--content', gated]);
    expect(clean.stdout).toMatch(/tier public as of 2026-11-28T12:00:00Z, \d+ files, 0 findings/);
    expect(clean.status).toBe(0);

    const dir = temp('tierpress-build-facts-leak-');
    cpSync(join(out, 'public'), dir, { recursive: true });
    const page = join(dir, 'advisories', 'CTSA-2024-0001', 'index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace('</main>', `<p>Replay with ${canary} in the header.</p></main>`));
    const leaked = tierpress(['audit', dir, '--content', gated]);
    expect(leaked.status).toBe(1);
    expect(leaked.stdout).toMatch(/^advisories\/CTSA-2024-0001\/index\.html \[markup text\]: holds text of CTSA-2024-0001 \(body: :::poc gate for trusted\)/m);
    expect(leaked.stdout).toMatch(/, 1 finding\b/);
  });

  it('with --explain, shows each match in the advisory and in the decoded file, with their surroundings', () => {
    const dir = temp('tierpress-explain-');
    cpSync(join(out, 'public'), dir, { recursive: true });
    const page = join(dir, 'advisories', 'CTSA-2024-0001', 'index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace('</main>', '<p>Triage: CANARY-INTERNAL-3J9D5V is the internal case.</p></main>'));
    const result = tierpress(['audit', dir, '--content', content, '--explain']);
    expect(result.status).toBe(1);
    const source = join(content, 'advisories', '2025', 'CTSA-2025-0007.md').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(result.stdout).toMatch(new RegExp(`^    in the source  ${source}:\\d+:1: .*:::internal \\[Triage: CANARY-INTERNAL-3J9D5V is the internal case\\]`, 'm'));
    expect(result.stdout).toMatch(/^    in the output  advisories\/CTSA-2024-0001\/index\.html \[markup text\]: .*\[Triage: CANARY-INTERNAL-3J9D5V is the internal case\]/m);
  });

  it('exits 2 without a bundle folder, or with one that does not exist', () => {
    expect(tierpress(['audit']).status).toBe(2);
    const missing = tierpress(['audit', join(out, 'no-such-bundle'), '--tier', 'public', '--at', AT, '--content', content]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no-such-bundle is not a folder');
  });

  it("re-audits a partner bundle against that partner's view, withheld classes included", () => {
    const clean = tierpress(['audit', join(out, 'partners', 'litware-cert'), '--content', content]);
    expect(clean.stdout).toMatch(/partner litware-cert \(trusted~without~poc\) as of 2026-11-28T12:00:00Z, \d+ files, 0 findings/);
    expect(clean.status).toBe(0);

    const dir = temp('tierpress-partner-leak-');
    cpSync(join(out, 'partners', 'litware-cert'), dir, { recursive: true });
    const page = join(dir, 'advisories', 'CTSA-2025-0007', 'index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace('</main>', `<p>The replay script sends ${CANARIES.poc} as the layout state.</p></main>`));
    const leaked = tierpress(['audit', dir, '--content', content]);
    expect(leaked.status).toBe(1);
    expect(leaked.stdout).toMatch(/^advisories\/CTSA-2025-0007\/index\.html \[markup text\]: holds text of CTSA-2025-0007 \(body: :::poc gate for trusted\)/m);
  });
});

describe('signing keys', () => {
  it('seals with TIERPRESS_SIGNING_KEY when it is set, and the bundle verifies with its public key only; without an OpenPGP key the summary says the development one signed the CSAF documents', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const dir = temp('tierpress-key-');
    writeFileSync(join(dir, 'key.pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'tierpress.ts'), 'build', '--out', dir, '--at', AT, '--tier', 'public'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TIERPRESS_OPENPGP_KEY: '', TIERPRESS_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    });
    expect(build.status, build.stderr).toBe(0);
    expect(build.stdout).toContain('Sealed with the key from environment.');
    expect(build.stdout).toContain(
      `CSAF documents signed (.asc) with the development OpenPGP key ${join(ROOT, '.tierpress', 'dev-openpgp-key.asc')}; set TIERPRESS_OPENPGP_KEY or signing.openpgp in site.yaml for real bundles.`,
    );
    expect(tierpress(['verify', join(dir, 'public'), '--key', join(dir, 'key.pub.pem')]).status).toBe(0);
    expect(tierpress(['verify', join(dir, 'public'), '--key', join(ROOT, '.tierpress', 'dev-signing-key.pem')]).status).toBe(1);
  });

  it('refuses a signing key that is not Ed25519', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const dir = temp('tierpress-key-');
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'tierpress.ts'), 'build', '--out', dir, '--at', AT, '--tier', 'public'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TIERPRESS_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    });
    expect(build.status).toBe(1);
    expect(build.stderr).toContain('the signing key from environment is rsa, not Ed25519');
  });
});
