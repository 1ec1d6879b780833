// A build at an instant where visible advisories share words with embargoed ones, with a reviewed allowlist:
// it lands, and every bundle whose audit applied an entry says so in its manifest and in the ledger.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyContent, scratchDirs, tierpress } from '../helpers/cli.ts';

const { temp, keep } = scratchDirs();
const ENTRY = {
  phrase: 'Reproduction steps',
  advisory: 'CTSA-2026-0004',
  allowed_by: 'Jane Doe (PSIRT lead)',
  reason: 'A heading many advisories use; it says nothing of the advisory.',
};
let out: string;
let build: ReturnType<typeof tierpress>;

beforeAll(() => {
  const content = keep(copyContent());
  writeFileSync(join(content, 'audit-allow.yaml'), `allow:\n  - ${Object.entries(ENTRY).map(([key, value]) => `${key}: ${value}`).join('\n    ')}\n`);
  out = temp('tierpress-allow-out-');
  // As of 2025-12-01 a CSAF product name of CTSA-2025-0010 matches the embargoed CTSA-2026-0004's text.
  build = tierpress(['build', '--content', content, '--out', out, '--at', '2025-12-01T00:00:00Z', '--tier', 'public', '--partner', 'fabrikam-mssp']);
});

describe('a build with an allowlist', () => {
  it('lands where visible text explains every match', () => {
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    expect(build.stdout).toMatch(/public .*clean \(\d+ files, (?:\d+ cached, )?\d+ fp, [\d.]+ s, 1 allowed\)/);
  });

  it('records the entries it applied in the manifest and the ledger', () => {
    expect(JSON.parse(readFileSync(join(out, 'public', 'manifest.json'), 'utf8')).audit_allowed).toEqual([ENTRY]);
    expect(JSON.parse(readFileSync(join(out, 'partners', 'fabrikam-mssp', 'manifest.json'), 'utf8')).audit_allowed).toEqual([ENTRY]);
    const ledger = readFileSync(join(out, 'ledger.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(ledger.map((line) => [line.partner, line.audit_allowed])).toEqual([['fabrikam-mssp', [ENTRY]]]);
  });
});
