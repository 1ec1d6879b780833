import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Nodes } from 'mdast';
import { describe, expect, inject, it } from 'vitest';
import { loadContent } from '../../src/cli/check.ts';
import type { Content } from '../../src/core/validate/content.ts';
import { scratchDirs, tierpress } from '../helpers/cli.ts';

// Every gated passage of the example content (body and overlay notes, canaries included) is planted into a copy of
// the public bundle, which sees no gate, in four places a leak could take: a page, a search fragment, a CSAF
// document and the Atom feed. The real `tierpress audit` must fail and name the advisory the passage came from.
// To keep audit runs few, one copy takes several passages, each from a different advisory and in files of its own.

const out = inject('out');
const contentDir = inject('content');
const { temp } = scratchDirs();

/**
 * Passages the byte scan may miss, as `passageLabel` gives them: only ones with fewer than about three
 * distinctive words, which are too common to tell apart from public text. None in the example content today.
 */
const KNOWN_GAPS: readonly string[] = [];

/** One gate's text, as a reader of the bundle that leaked it would meet it. */
interface Passage {
  advisory: string;
  label: string;
  text: string;
}

/** Parents whose children run on in one line of text; every other parent's children are separate blocks. */
const INLINE = new Set(['paragraph', 'heading', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'tableCell']);

/** The words of a node in reading order: literal values (code included), inline runs joined, blocks on lines of their own. */
function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if (!('children' in node)) return '';
  const inline = INLINE.has(node.type) || (node.type === 'gate' && node.form === 'text');
  return node.children.map((child) => textOf(child as Nodes)).join(inline ? '' : '\n');
}

/** Every gate of every advisory, nested ones too, with the project's own parser (gates are `gate` nodes after parsing). */
function gatedPassages(content: Content): Passage[] {
  const passages: Passage[] = [];
  for (const advisory of content.advisories) {
    const parts: Array<[string, Nodes]> = [['body', advisory.body], ...Object.entries(advisory.notes).map(([tier, tree]): [string, Nodes] => [`tiers.${tier}.notes`, tree])];
    for (const [part, tree] of parts) {
      let index = 0;
      const walk = (node: Nodes) => {
        if (node.type === 'gate') {
          const form = node.form === 'container' ? ':::' : node.form === 'leaf' ? '::' : ':';
          // Body positions are lines of the file; notes are numbered instead, their positions being inside YAML.
          const where = part === 'body' && node.position ? `line ${node.position.start.line}` : `#${++index}`;
          passages.push({ advisory: advisory.fields.id, label: `${advisory.fields.id} ${part} ${form}${node.name} ${where}`, text: textOf(node) });
        }
        if ('children' in node) node.children.forEach((child) => walk(child as Nodes));
      };
      walk(tree);
    }
  }
  return passages;
}

/** Rounds of passages: the n-th passage of each advisory, in groups no larger than `capacity`. */
function batches(passages: readonly Passage[], capacity: number): Passage[][] {
  const byAdvisory = Map.groupBy(passages, (passage) => passage.advisory);
  const rounds = Math.max(...[...byAdvisory.values()].map((list) => list.length));
  const result: Passage[][] = [];
  for (let round = 0; round < rounds; round++) {
    const batch = [...byAdvisory.values()].flatMap((list) => list[round] ?? []);
    for (let start = 0; start < batch.length; start += capacity) result.push(batch.slice(start, start + capacity));
  }
  return result;
}

const escapeMarkup = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const edit = (dir: string, path: string, change: (text: string) => string) => writeFileSync(join(dir, path), change(readFileSync(join(dir, path), 'utf8')));

/** (a) A paragraph at the end of a page's `<main>`. */
function plantInPage(dir: string, path: string, text: string): void {
  edit(dir, path, (html) => {
    expect(html).toContain('</main>');
    return html.replace('</main>', `<p>${escapeMarkup(text)}</p></main>`);
  });
}

/** (b) Appended to the content of a search fragment: gzip of `pagefind_dcd` and JSON. */
function plantInFragment(dir: string, path: string, text: string): void {
  const bytes = gunzipSync(readFileSync(join(dir, path)));
  expect(bytes.subarray(0, 12).toString()).toBe('pagefind_dcd');
  const fragment = JSON.parse(bytes.subarray(12).toString('utf8')) as { content: string };
  fragment.content += ` ${text}`;
  writeFileSync(join(dir, path), gzipSync(Buffer.concat([Buffer.from('pagefind_dcd'), Buffer.from(JSON.stringify(fragment))])));
}

/** (c) A note of a CSAF document. */
function plantInCsaf(dir: string, path: string, text: string): void {
  edit(dir, path, (json) => {
    const document = JSON.parse(json) as { document: { notes: Array<Record<string, string>> } };
    document.document.notes.push({ category: 'general', title: 'Details', text });
    return JSON.stringify(document, null, 2);
  });
}

/** (d) Appended to the summary of the `entry`-th entry of the Atom feed. */
function plantInFeed(dir: string, entry: number, text: string): void {
  edit(dir, 'feed.xml', (xml) => {
    let seen = -1;
    const planted = xml.replace(/<\/summary>/g, (end) => (++seen === entry ? ` ${escapeMarkup(text)}${end}` : end));
    expect(seen).toBeGreaterThanOrEqual(entry);
    return planted;
  });
}

/** File and advisory of each finding of `tierpress audit`: `FILE [how]: holds text of ID (what) …`. */
function findingsOf(stdout: string): Array<{ file: string; advisory: string }> {
  return stdout.split('\n').flatMap((line) => {
    const m = /^(\S+)(?: \[[^\]]*\])?: holds text of (\S+) \(/.exec(line);
    return m ? [{ file: m[1]!, advisory: m[2]! }] : [];
  });
}

const content = (await loadContent(contentDir)).content!;
const passages = gatedPassages(content);
const bundle = join(out, 'public');
const files = readdirSync(bundle, { recursive: true, encoding: 'utf8' }).sort();
const pages = files.filter((path) => /^advisories\/[^/]+\/index\.html$/.test(path));
// Fragments of every year's index: the newest year's in pagefind/, each other's in pagefind/<year>/.
const fragments = files.filter((path) => /^pagefind\/(\d{4}\/)?fragment\/[^/]+\.pf_fragment$/.test(path));
const csaf = files.filter((path) => /^\.well-known\/csaf\/white\/\d{4}\/[^/]+\.json$/.test(path));
const feedEntries = readFileSync(join(bundle, 'feed.xml'), 'utf8').split('</summary>').length - 1;
const BATCHES = batches(passages, Math.min(pages.length, fragments.length, csaf.length, feedEntries));

describe('every gated passage planted into the public bundle is found by tierpress audit', () => {
  it('has the gates of the example content to plant, from many advisories', () => {
    // 56 gates in content/, plus the five the e2e setup appends (four to CTSA-2025-0007, one inline to CTSA-2024-0003).
    expect(passages.length).toBeGreaterThanOrEqual(61);
    expect(new Set(passages.map((passage) => passage.advisory)).size).toBeGreaterThanOrEqual(30);
    expect(passages.every((passage) => passage.text.trim() !== '')).toBe(true);
    // Every passage is planted once in each of the four places.
    expect(BATCHES.flat()).toHaveLength(passages.length);
  });

  it.each(BATCHES.map((batch, index) => [index + 1, batch.length, batch] as const))(
    'batch %i: %i passages, each from its own advisory, in a page, a search fragment, a CSAF document and the feed',
    (_index, _size, batch) => {
      const dir = temp('tierpress-planted-');
      cpSync(bundle, dir, { recursive: true });
      const plants = batch.flatMap((passage, k) => {
        plantInPage(dir, pages[k]!, passage.text);
        plantInFragment(dir, fragments[k]!, passage.text);
        plantInCsaf(dir, csaf[k]!, passage.text);
        plantInFeed(dir, k, passage.text);
        return [pages[k]!, fragments[k]!, csaf[k]!, 'feed.xml'].map((file) => ({ passage, file }));
      });

      const result = tierpress(['audit', dir, '--content', contentDir]);
      expect(result.status, result.stderr).toBe(1);
      const findings = findingsOf(result.stdout);
      const missed = plants
        .filter(({ passage, file }) => !findings.some((finding) => finding.file === file && finding.advisory === passage.advisory))
        .map(({ passage, file }) => `${passage.label} in ${file}`);
      expect(missed.filter((miss) => !KNOWN_GAPS.some((gap) => miss.startsWith(`${gap} in `))), result.stdout).toEqual([]);
    },
    300_000,
  );
});
