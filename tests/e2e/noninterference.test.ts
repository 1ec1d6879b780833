import { generateKeyPairSync } from 'node:crypto';
import { cpSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Nodes } from 'mdast';
import { parseDocument } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContent } from '../../src/pipeline/read.ts';
import { tierView, isVisible } from '../../src/core/project/view.ts';
import { validateContent, type Content } from '../../src/core/validate/content.ts';
import { treeHash } from '../helpers/bundle.ts';
import { copyContent, scratchDirs, tierpress } from '../helpers/cli.ts';
import { AT } from './setup.ts';

const { temp, keep } = scratchDirs();

/** Different letters, different length: every word of withheld text is rewritten. */
const scramble = (text: string) => text.replace(/[A-Za-z]+/g, (word) => `${[...word].reverse().join('')}${'q'.repeat((word.length % 3) + 1)}`);

/**
 * Rewrites, in a content folder, everything the partner tier (and so the
 * public tier) may not see at AT: the text inside every gate for trusted or
 * internal, every trusted and internal overlay, and every advisory still
 * embargoed for partners. What partners see is left byte for byte.
 */
function rewriteAbovePartner(dir: string, content: Content): number {
  const partner = tierView(content.site, 'partner');
  const rankOf = (tier: string) => content.site.tiers.findIndex((t) => t.id === tier);
  let rewritten = 0;
  for (const advisory of content.advisories) {
    const path = join(dir, advisory.file);
    let text = readFileSync(path, 'utf8');
    const hidden = !isVisible(advisory.fields, partner, Date.parse(AT));
    // Body positions give file lines and columns (offsets are not file offsets): map them.
    const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
    const offset = (point: { line: number; column: number }) => lineStarts[point.line - 1]! + point.column - 1;
    const ranges: Array<[number, number]> = [];
    const collect = (node: Nodes, inside: boolean) => {
      const here = inside || hidden || (node.type === 'gate' && rankOf(node.tier) > partner.rank);
      if (here && node.type === 'text') ranges.push([offset(node.position!.start), offset(node.position!.end)]);
      if (here && node.type === 'code') {
        const start = text.indexOf('\n', offset(node.position!.start)) + 1;
        const end = text.lastIndexOf('\n', offset(node.position!.end) - 1);
        if (end > start) ranges.push([start, end]);
      }
      if ('children' in node) node.children.forEach((child) => collect(child as Nodes, here));
    };
    collect(advisory.body, false);
    for (const [start, end] of ranges.sort((a, b) => b[0] - a[0])) text = text.slice(0, start) + scramble(text.slice(start, end)) + text.slice(end);
    rewritten += ranges.length;

    const close = text.indexOf('\n---\n', 4);
    const doc = parseDocument(text.slice(4, close + 1));
    for (const tier of hidden ? ['public', 'partner', 'trusted', 'internal'] : ['trusted', 'internal']) {
      for (const field of ['title', 'summary']) {
        const value = doc.getIn(['tiers', tier, field]);
        if (typeof value === 'string') doc.setIn(['tiers', tier, field], scramble(value)), rewritten++;
      }
      if (doc.hasIn(['tiers', tier, 'notes'])) doc.setIn(['tiers', tier, 'notes'], `Rewritten ${scramble('notes for this tier only')}.\n`), rewritten++;
      const references = doc.getIn(['tiers', tier, 'references']) as { items?: unknown[] } | undefined;
      references?.items?.forEach((_, i) => doc.setIn(['tiers', tier, 'references', i, 'url'], `https://partners.contoso.example/${scramble('moved-elsewhere')}`));
    }
    if (hidden) for (const field of ['title', 'summary']) doc.setIn([field], scramble(String(doc.getIn([field]))));
    writeFileSync(path, `---\n${doc.toString({ lineWidth: 0 })}${text.slice(close + 1)}`);
  }
  return rewritten;
}

describe('non-interference on the real build', () => {
  let original: string;
  let first: string;
  let second: string;
  let changed: string;
  let edited: string;
  beforeAll(async () => {
    original = keep(copyContent());
    const content = validateContent((await readContent(original)).files!).content!;
    edited = keep(copyContent(original));
    expect(rewriteAbovePartner(edited, content)).toBeGreaterThan(50);
    const build = (from: string) => {
      const out = temp('tierpress-ni-');
      const result = tierpress(['build', '--content', from, '--out', out, '--at', AT, '--tier', 'public', '--tier', 'partner']);
      expect(result.status, result.stderr).toBe(0);
      return out;
    };
    first = build(original);
    second = build(original);
    changed = build(edited);
  }, 600_000);

  it('gives byte-identical bundles for the same content, key and --at', () => {
    for (const tier of ['public', 'partner']) expect(treeHash(join(second, tier)), tier).toBe(treeHash(join(first, tier)));
  });

  it('gives identical manifests after everything above partner was rewritten', () => {
    for (const tier of ['public', 'partner']) {
      expect(readFileSync(join(changed, tier, 'manifest.json'), 'utf8'), tier).toBe(readFileSync(join(first, tier, 'manifest.json'), 'utf8'));
      expect(treeHash(join(changed, tier)), tier).toBe(treeHash(join(first, tier)));
    }
  });

  it('really changed what the trusted tier would see (the rewrite is not a no-op)', () => {
    const out = temp('tierpress-ni-');
    const a = tierpress(['build', '--content', original, '--out', out, '--at', AT, '--tier', 'trusted']);
    const before = readFileSync(join(out, 'trusted', 'manifest.json'), 'utf8');
    const b = tierpress(['build', '--content', edited, '--out', out, '--at', AT, '--tier', 'trusted']);
    expect([a.status, b.status]).toEqual([0, 0]);
    expect(readFileSync(join(out, 'trusted', 'manifest.json'), 'utf8')).not.toBe(before);
  });
});

describe('tierpress verify', () => {
  let out: string;
  beforeAll(() => {
    out = temp('tierpress-verify-');
    expect(tierpress(['build', '--out', out, '--at', AT, '--tier', 'public']).status).toBe(0);
  }, 300_000);
  const copy = () => {
    const dir = temp('tierpress-bundle-');
    cpSync(join(out, 'public'), dir, { recursive: true });
    return dir;
  };
  const verify = (dir: string, key = join(out, 'public', 'signing-key.pub.pem')) => tierpress(['verify', dir, '--key', key]);

  it('passes an untouched bundle, with the given key and with its own', () => {
    expect(verify(join(out, 'public')).stdout).toMatch(/verified, \d+ files, signed by /);
    expect(verify(join(out, 'public')).status).toBe(0);
    expect(tierpress(['verify', join(out, 'public')]).stdout).toContain('signed by the key the bundle carries');
  });

  it.each<[string, (dir: string) => void, RegExp]>([
    ['a changed file', (dir) => writeFileSync(join(dir, 'feed.xml'), 'changed'), /^changed: feed\.xml$/m],
    ['an added file', (dir) => writeFileSync(join(dir, 'extra.html'), 'x'), /^extra: extra\.html \(not in the manifest\)$/m],
    ['a deleted file', (dir) => unlinkSync(join(dir, 'robots.txt')), /^missing: robots\.txt$/m],
    ['an altered signature', (dir) => writeFileSync(join(dir, 'manifest.json.sig'), Buffer.alloc(64, 1)), /signature does not match manifest\.json/],
    ['an edited manifest', (dir) => writeFileSync(join(dir, 'manifest.json'), readFileSync(join(dir, 'manifest.json'), 'utf8').replace('"tier": "public"', '"tier": "partner"')), /signature does not match/],
    ['a manifest without its file list', (dir) => writeFileSync(join(dir, 'manifest.json'), '{"format":"x"}'), /manifest\.json does not list files as \{path, size, sha256\}/],
  ])('fails for %s', (_name, tamper, message) => {
    const dir = copy();
    tamper(dir);
    const result = verify(dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(message);
    expect(result.stdout).toContain('NOT verified');
  });

  it('names a key file that does not exist, without a stack trace', () => {
    const result = verify(join(out, 'public'), join(out, 'no-such-key.pem'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^tierpress verify: ENOENT: no such file or directory, open '.*no-such-key\.pem'$/m);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('fails with another key', () => {
    const other = join(temp('tierpress-key-'), 'other.pem');
    writeFileSync(other, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    const result = verify(join(out, 'public'), other);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/signature does not match/);
  });
});
