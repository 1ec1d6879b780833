import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ledgerLine, readLedger, type LedgerEntry } from '../../src/partners/ledger.ts';
import { markToken } from '../../src/partners/marks.ts';
import { trace } from '../../src/partners/trace.ts';
import { whoKnew } from '../../src/partners/who-knew.ts';

const entry = (at: string, partner: string, advisories: LedgerEntry['advisories']): LedgerEntry => ({
  at, partner, name: partner.toUpperCase(), tier: 'trusted', withheld: [], bundle: `${partner}-${at}`, delivery: `partners/${partner}.tar`, advisories, marked: {},
});
const poc = { name: 'poc', tier: 'trusted', fingerprint: 'f' };

describe('who-knew', () => {
  const ledger = [
    entry('2026-11-28T12:00:00Z', 'a', [{ id: 'X-2026-0001', revision: 2, updated: '', gates: [poc] }]),
    entry('2026-11-25T12:00:00Z', 'a', [{ id: 'X-2026-0001', revision: 1, updated: '', gates: [poc] }]),
    entry('2026-11-25T12:00:00Z', 'b', []),
    entry('2026-11-28T12:00:00Z', 'b', [{ id: 'X-2026-0001', revision: 2, updated: '', gates: [] }]),
  ];
  it('lists each partner once with the first and last build that delivered the advisory', () => {
    expect(whoKnew(ledger, 'X-2026-0001').map((r) => [r.partner, r.from, r.last, r.revisions])).toEqual([
      ['a', '2026-11-25T12:00:00Z', '2026-11-28T12:00:00Z', [1, 2]],
      ['b', '2026-11-28T12:00:00Z', '2026-11-28T12:00:00Z', [2]],
    ]);
  });
  it('with --gate, only partners that received a gate of that class', () => {
    expect(whoKnew(ledger, 'X-2026-0001', 'poc').map((r) => r.partner)).toEqual(['a']);
    expect(whoKnew(ledger, 'X-2026-0002')).toEqual([]);
  });
});

describe('trace', () => {
  const key = new TextEncoder().encode('a test key that is long enough to be a secret');
  const known = { key, partners: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }], advisories: ['X-2026-0001'], ledger: [] };
  const run = (text: string) => trace({ name: 'excerpt.txt', bytes: new TextEncoder().encode(text) }, known);
  it('names the partner whose mark token is in an excerpt', () => {
    const result = run(`curl -A ${markToken(key, 'b', 'X-2026-0001')} https://target/`);
    expect(result.suspects.map((s) => [s.partner, s.evidence[0]!.kind, s.evidence[0]!.advisory])).toEqual([['b', 'mark token', 'X-2026-0001']]);
  });
  it('names nobody for text without marks, and says so for a tier bundle', () => {
    expect(run('The request reaches the parser.').suspects).toEqual([]);
    expect(run('X-Repro-Marker: tp-unmarked').tierBundle).toBe(true);
  });
  it('reports marks that match no partner (altered, or another key)', () => {
    expect(run('tp-aaaaaaaaaa').unknownMarks).toEqual(['tp-aaaaaaaaaa']);
  });
});

describe('reading the ledger', () => {
  const withLedger = async (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'tierpress-ledger-'));
    try {
      writeFileSync(join(dir, 'ledger.jsonl'), text);
      return await readLedger(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const line = JSON.stringify({ at: '2026-11-28T12:00:00Z', partner: 'p', advisories: [], marked: {} });

  it('names a broken line as an editor counts it, blank lines included', async () => {
    await expect(withLedger(`${line}\n\n{oops\n`)).rejects.toThrow('ledger.jsonl line 3 is not JSON');
  });

  it('refuses JSON that is not a delivery record', async () => {
    await expect(withLedger(`${line}\n{}\n`)).rejects.toThrow('ledger.jsonl line 2 is not a delivery record');
  });

  it('reads good lines', async () => {
    expect(await withLedger(`${line}\n${line}\n`)).toHaveLength(2);
  });
});

describe('ledger lines', () => {
  const gates = [{ name: 'poc', tier: 'trusted', fingerprint: 'b' }, { name: 'tier', tier: 'partner', fingerprint: 'a' }];
  const marked = [['advisories/X-2026-0002/index.html', 'c2'], ['osv/X-2026-0001.json', 'a1'], ['advisories/X-2026-0001/index.html', 'b1'], ['feed.json', 'd']] as const;
  // The same delivery, assembled in two orders, as concurrent renders and directory reads may assemble it.
  const first: LedgerEntry = {
    at: '2026-11-28T12:00:00Z', partner: 'a', name: 'A', tier: 'trusted', withheld: ['poc', 'internal'], maxLeadHours: 24, bundle: 'h', delivery: 'partners/a.tar',
    advisories: [
      { id: 'X-2026-0001', revision: 1, updated: 'u', availableFrom: 'f', gates },
      { id: 'X-2026-0002', revision: 0, updated: 'v', gates: [] },
    ],
    marked: Object.fromEntries(marked),
  };
  const second = {
    marked: Object.fromEntries([...marked].reverse()),
    advisories: [
      { gates: [], updated: 'v', revision: 0, id: 'X-2026-0002' },
      { gates: gates.map(({ fingerprint, tier, name }) => ({ fingerprint, tier, name })), availableFrom: 'f', updated: 'u', revision: 1, id: 'X-2026-0001' },
    ],
    delivery: 'partners/a.tar', bundle: 'h', maxLeadHours: 24, withheld: ['internal', 'poc'], tier: 'trusted', name: 'A', partner: 'a', at: '2026-11-28T12:00:00Z',
  } as LedgerEntry;

  it('are the same bytes for the same delivery, whatever order it was assembled in', () => {
    expect(JSON.stringify(first)).not.toBe(JSON.stringify(second));
    expect(ledgerLine(second)).toBe(ledgerLine(first));
    const line = JSON.parse(ledgerLine(first));
    expect(Object.keys(line.marked)).toEqual(['advisories/X-2026-0001/index.html', 'advisories/X-2026-0002/index.html', 'feed.json', 'osv/X-2026-0001.json']);
    expect(line.withheld).toEqual(['internal', 'poc']);
    expect(line.advisories[0].gates).toEqual(gates);
  });

  it('are one line of JSON that reads back as the entry', () => {
    const line = ledgerLine(first);
    expect(line.endsWith('\n') && !line.slice(0, -1).includes('\n')).toBe(true);
    expect(JSON.parse(line)).toEqual({ ...first, withheld: ['internal', 'poc'], marked: Object.fromEntries([...marked].sort()) });
  });
});
