import GithubSlugger from 'github-slugger';
import type { Element, ElementContent, Root as HastRoot, Text } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Nodes, Root } from 'mdast';
import { toHast, type State } from 'mdast-util-to-hast';
import { fillMarks } from '../core/gates/mark.ts';
import type { Gate } from '../core/gates/types.ts';
import { ANY_SENTINEL, SENTINEL } from '../bundle/sentinels.ts';
import { PASSAGE_TEXT } from './labels.ts';
import { passageLabel } from './passages.ts';
import { sitePath } from './urls.ts';

/** Options for turning one projected tree into HTML for one render. */
export interface HtmlOptions {
  /** The advisory the tree belongs to: marks are keyed on it. */
  advisory: string;
  /** Frame every kept gate with the name of the least tier that receives it (the review view). */
  review: boolean;
  /** Names of the tiers up to the view's, by id, for the labels. */
  tierNames: Readonly<Record<string, string>>;
  /** The least trusted tier: gated content above it is restricted, carries invisible marks and is labelled. */
  lowestTier: string;
  /** Shared per page, so heading ids stay unique across body and notes. */
  slugger: GithubSlugger;
  /** The path the bundle is served below (`/`, `/partner/`): local assets are linked under it. */
  base?: string;
}

/** What `{{mark}}` becomes in a tier bundle, where no partner is named. */
export const NEUTRAL_MARK = 'tp-unmarked';

/**
 * Renders a projected (already gated) mdast tree to an HTML string. Gates
 * the lowest tier receives are unwrapped (but in the review view), others are
 * framed with a label; local assets point into the
 * bundle's `assets/` below its base path; external links carry no referrer. `{{mark}}`, and an
 * invisible mark in every restricted paragraph and code block, are left as
 * sentinels for each bundle to fill in, inside spans search does not index.
 * Any node type this renderer does not know is an error.
 */
export function renderMarkdown(tree: Root, options: HtmlOptions): string {
  const hast = toHast(prepare(tree, options), {
    handlers: { gate: (state: State, node: Gate) => gateElement(state, node, options) } as never,
    unknownHandler: (_state, node) => {
      throw new Error(`cannot render a "${node.type}" node`);
    },
    allowDangerousHtml: false,
  }) as HastRoot;
  decorate(hast, options.slugger);
  return toHtml(hast);
}

/**
 * Copies the tree with `{{mark}}` replaced by its sentinel, local files
 * pointed at their copy under `assets/`, and a mark sentinel added to every
 * paragraph and code block inside a restricted gate.
 */
function prepare(tree: Root, options: HtmlOptions): Root {
  const mark = SENTINEL.mark(options.advisory);
  const copy = (node: Nodes, restricted: boolean): Nodes => {
    const out = { ...node } as Record<string, unknown>;
    for (const key of ['value', 'url', 'alt', 'title'] as const) {
      if (typeof out[key] === 'string') out[key] = fillMarks(out[key] as string, mark);
    }
    if (node.data?.asset) out.url = sitePath({ path: options.base ?? '/' }, node.data.asset);
    const inside = restricted || (node.type === 'gate' && node.tier !== options.lowestTier);
    if (inside && node.type === 'code') out.value = (out.value as string).replace(/^[^\n]*/, (line) => line + SENTINEL.code(options.advisory));
    if ('children' in node) {
      let children = node.children.map((child) => copy(child as Nodes, inside));
      if (inside && node.type === 'paragraph') children = withProseMark(children as Nodes[], options.advisory);
      out.children = children;
    }
    return out as unknown as Nodes;
  };
  return copy(tree, false) as Root;
}

/** Puts the prose sentinel after the first word of a paragraph's first text, where copying any sentence keeps it. */
function withProseMark(children: Nodes[], advisory: string): Nodes[] {
  const index = children.findIndex((child) => child.type === 'text' && /\S\s/.test(child.value));
  if (index < 0) return [...children, { type: 'text', value: SENTINEL.prose(advisory) }];
  const text = children[index] as { type: 'text'; value: string };
  const value = text.value.replace(/\S(?=\s)/, (char) => char + SENTINEL.prose(advisory));
  return children.map((child, i) => (i === index ? { ...text, value } : child));
}

/**
 * A kept gate: framed with its label when the lowest tier does not receive
 * it, or in the review view with the tier that first receives it; otherwise
 * unwrapped. The label is left out of search.
 */
function gateElement(state: State, node: Gate, options: HtmlOptions): ElementContent | ElementContent[] {
  const children = state.all(node);
  const tiers = { lowest: options.lowestTier, names: options.tierNames };
  const name = options.tierNames[node.tier] ?? node.tier;
  const text = passageLabel(node.tier, tiers) ?? (options.review ? PASSAGE_TEXT.from(name) : undefined);
  if (text === undefined) return children;
  const inline = node.form === 'text';
  const label: Element = {
    type: 'element',
    tagName: inline ? 'span' : 'p',
    properties: { className: ['gate-label'], dataPagefindIgnore: '' },
    children: [{ type: 'text', value: text }],
  };
  return {
    type: 'element',
    tagName: inline ? 'span' : 'div',
    properties: { className: ['gate', `gate-${node.tier}`], dataGate: node.name, dataGateTier: node.tier },
    children: [label, ...(inline ? [{ type: 'text' as const, value: ' ' }] : []), ...children],
  };
}

/** A table in a box of its own that scrolls sideways, as the page's own tables are (components/ScrollBox.astro). */
function scrollBox(table: Element): Element {
  return { type: 'element', tagName: 'div', properties: { className: ['table-scroll'], tabIndex: 0 }, children: [table] };
}

/** Heading ids, no-referrer external links, lazy images, focusable code and table boxes, and every sentinel in a span search skips. */
function decorate(root: HastRoot, slugger: GithubSlugger): void {
  const visit = (node: HastRoot | Element) => {
    if (node.type === 'element') {
      const { tagName, properties } = node;
      if (/^h[2-6]$/.test(tagName) && !properties.id) properties.id = slugger.slug(textOf(node).replace(ANY_SENTINEL, ''));
      if (tagName === 'a' && typeof properties.href === 'string' && /^(https?|mailto):/i.test(properties.href)) {
        properties.rel = ['noreferrer', 'noopener'];
      }
      if (tagName === 'img') properties.loading = 'lazy';
      // Code scrolls sideways in its own box on a phone: focusable, so it scrolls from the keyboard too.
      if (tagName === 'pre') properties.tabIndex = 0;
    }
    const children: Array<HastRoot['children'][number]> = [];
    for (const child of node.children) {
      if (child.type === 'text') children.push(...splitSentinels(child));
      else {
        if (child.type === 'element') visit(child);
        children.push(child.type === 'element' && child.tagName === 'table' ? scrollBox(child) : child);
      }
    }
    node.children = children as typeof node.children;
  };
  visit(root);
}

/** A text node with each sentinel moved into `<span data-pagefind-ignore>`: marks differ per bundle, the index must not. */
function splitSentinels(text: Text): ElementContent[] {
  const parts: ElementContent[] = [];
  let last = 0;
  for (const match of text.value.matchAll(ANY_SENTINEL)) {
    if (match.index > last) parts.push({ type: 'text', value: text.value.slice(last, match.index) });
    parts.push({ type: 'element', tagName: 'span', properties: { dataPagefindIgnore: '' }, children: [{ type: 'text', value: match[0] }] });
    last = match.index + match[0].length;
  }
  if (last === 0) return [text];
  if (last < text.value.length) parts.push({ type: 'text', value: text.value.slice(last) });
  return parts;
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map((child) => textOf(child as ElementContent)).join('') : '';
}
