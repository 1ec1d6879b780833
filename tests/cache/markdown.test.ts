import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProjectedAdvisory } from '../../src/core/project/project.ts';
import { cachedMarkdown } from '../../src/cache/markdown.ts';
import { CacheStore } from '../../src/cache/store.ts';
import { advisoryHtml, type MarkdownView } from '../../src/render/stage.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const paragraph = (value: string) => ({ type: 'root', children: [{ type: 'heading', depth: 2, children: [{ type: 'text', value: 'Impact' }] }, { type: 'paragraph', children: [{ type: 'text', value }] }] });
const advisory = (id: string, text: string) =>
  ({ id, body: paragraph(text), notes: [{ tier: 'partner', tierName: 'Partner', body: paragraph(`${text} (note)`) }] }) as unknown as ProjectedAdvisory;
const VIEW: MarkdownView = { review: false, tierNames: { public: 'Public', partner: 'Partner' }, lowestTier: 'public', base: '/' };

describe("advisories' Markdown from the cache", () => {
  it('gives what advisoryHtml gives, renders again only a changed advisory or another view', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierpress-markdown-unit-'));
    dirs.push(dir);
    const store = await CacheStore.open(dir, 'v1', 'markdown');
    const [a, b] = [advisory('A-1', 'First.'), advisory('A-2', 'Second.')];
    const first = await cachedMarkdown(store, [a, b], VIEW);
    expect(first.html(a, VIEW)).toEqual(advisoryHtml(a, VIEW));
    first.html(b, VIEW);
    expect(await first.save()).toEqual({ rendered: 2, cached: 0 });

    const changed = advisory('A-1', 'First, changed.');
    const second = await cachedMarkdown(store, [changed, b], VIEW);
    expect(second.html(changed, VIEW)).toEqual(advisoryHtml(changed, VIEW));
    expect(second.html(b, VIEW)).toEqual(advisoryHtml(b, VIEW));
    // Another view than the one fetched for: rendered with it, never the entry of the first.
    const review = { ...VIEW, review: true, base: '/partner/' };
    expect(second.html(b, review)).toEqual(advisoryHtml(b, review));
    expect(await second.save()).toEqual({ rendered: 2, cached: 1 });
  });
});
