import { copyFile, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import pMap from 'p-map';
import { PAGE_TEXT } from '../render/labels.ts';
import { NEUTRAL_MARK } from '../render/markdown-html.ts';
import type { MarkSet } from '../partners/marks.ts';
import type { FileHash } from './manifest.ts';
import { listFiles } from '../util/files.ts';
import { rethrowCollected } from '../util/pool.ts';
import { ANY_SENTINEL, SENTINEL_PREFIX } from './sentinels.ts';

/** What one bundle puts where its render left sentinels. */
export interface Fill extends MarkSet {
  /** HTML beside the TLP label. */
  recipient: string;
  /** HTML bar at the top of pages without a TLP label. */
  recipientBar: string;
}

/** A tier bundle: the neutral mark, no invisible marks, no recipient. */
export const NEUTRAL_FILL: Fill = { mark: () => NEUTRAL_MARK, prose: () => '', code: () => '', recipient: '', recipientBar: '' };

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A partner bundle: its marks, and its name on every page. */
export function partnerFill(marks: MarkSet, partner: { id: string; name: string }): Fill {
  const who = `${escapeHtml(partner.name)} (${escapeHtml(partner.id)})`;
  return {
    ...marks,
    recipient: `<span class="recipient">${PAGE_TEXT.recipient(who)}</span>`,
    recipientBar: `<div class="recipient-bar" role="note">${PAGE_TEXT.preparedFor(who)}</div>`,
  };
}

/** What filling a bundle changed, for its audit and its seal. */
export interface Derived {
  /** Files written with their sentinels filled in; every other file is the render's own. */
  filled: string[];
  /** Every distinct value put in place of a sentinel. */
  values: Set<string>;
  /** Size and sha256 of each filled file. */
  hashes: Map<string, FileHash>;
  /** With `keepContents`, the bytes of each filled file, for the archive to take without reading them back. */
  contents: Map<string, Buffer>;
}

/**
 * The text of a render's files that hold sentinels. With `keep`, for a
 * render that makes several bundles, each is read once for all of them (not
 * once per partner); without, nothing is held in memory.
 */
export class Templates {
  readonly #texts = new Map<string, Promise<string>>();
  readonly #render: string;
  readonly #keep: boolean;

  constructor(render: string, keep: boolean) {
    this.#render = render;
    this.#keep = keep;
  }

  text(path: string): Promise<string> {
    let text = this.#texts.get(path);
    if (text) return text;
    text = readFile(join(this.#render, path), 'utf8');
    if (this.#keep) this.#texts.set(path, text);
    return text;
  }
}

/**
 * Makes a bundle from a render: its `templates` (the files holding
 * sentinels, as the render's audit found them) are written with the
 * sentinels filled in; every other file is hard-linked, being byte-identical.
 * With `target` equal to `render`, fills the render in place (its last bundle).
 * `files` is the render's listing when the caller has it; `sources` shares
 * the templates' text between the bundles of one render.
 */
export async function deriveBundle(
  render: string,
  target: string,
  fill: Fill,
  templates: readonly string[],
  options: { sources?: Templates; keepContents?: boolean; files?: readonly string[] } = {},
): Promise<Derived> {
  const derived: Derived = { filled: [...templates], values: new Set(), hashes: new Map(), contents: new Map() };
  const recorded: Fill = recording(fill, derived.values);
  const sources = options.sources ?? new Templates(render, false);
  const isTemplate = new Set(templates);
  if (target !== render) {
    const others = (options.files ?? (await listFiles(render))).filter((path) => !isTemplate.has(path));
    // Each folder made once (sorted, a parent before its children), then every file linked into it.
    const folders = [...new Set([...others, ...templates].map((path) => dirname(join(target, path))))].sort();
    for (const folder of folders) await mkdir(folder, { recursive: true });
    const linkOne = (path: string) => link(join(render, path), join(target, path)).catch(() => copyFile(join(render, path), join(target, path)));
    await pMap(others, linkOne, { concurrency: 32, stopOnError: false }).catch(rethrowCollected);
  }
  const fillOne = async (path: string) => {
    const filled = fillSentinels(await sources.text(path), recorded, path.endsWith('.json'));
    if (filled.includes(SENTINEL_PREFIX)) throw new Error(`${path}: a mark placeholder could not be filled in`);
    const bytes = Buffer.from(filled);
    const to = join(target, path);
    if (target === render) await rm(to);
    await writeFile(to, bytes);
    derived.hashes.set(path, { size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });
    if (options.keepContents) derived.contents.set(path, bytes);
  };
  await pMap(templates, fillOne, { concurrency: 32, stopOnError: false }).catch(rethrowCollected);
  return derived;
}

/** The same fill, noting every value it hands out. */
function recording(fill: Fill, values: Set<string>): Fill {
  const note = (value: string) => (values.add(value), value);
  return {
    mark: (advisory) => note(fill.mark(advisory)),
    prose: (advisory) => note(fill.prose(advisory)),
    code: (advisory) => note(fill.code(advisory)),
    recipient: note(fill.recipient),
    recipientBar: note(fill.recipientBar),
  };
}

/** Replaces every sentinel; in JSON the value is escaped as a JSON string, in HTML a sentinel's search-skip span goes too. */
export function fillSentinels(text: string, fill: Fill, json: boolean): string {
  const value = (kind: string | undefined, advisory: string | undefined, bar: string | undefined) => {
    const raw =
      kind === 'MARK' ? fill.mark(advisory!) : kind === 'PROSE' ? fill.prose(advisory!) : kind === 'CODE' ? fill.code(advisory!) : bar ? fill.recipientBar : fill.recipient;
    return json ? JSON.stringify(raw).slice(1, -1) : raw;
  };
  const unwrapped = json
    ? text
    : text.replace(new RegExp(`<span data-pagefind-ignore="">(${ANY_SENTINEL.source})</span>`, 'g'), (_all, _sentinel, kind, advisory, bar) => value(kind, advisory, bar));
  return unwrapped.replace(ANY_SENTINEL, (_all, kind, advisory, bar) => value(kind, advisory, bar));
}
