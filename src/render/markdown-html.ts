import GithubSlugger from 'github-slugger';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Nodes, Root } from 'mdast';
import { toHast, type State } from 'mdast-util-to-hast';
import type { Gate } from '../core/gates/types.ts';

/** Options for turning one projected tree into HTML for one bundle. */
export interface HtmlOptions {
  /** Replaces every `{{mark}}`: a partner's keyed mark, or a neutral token in tier bundles. */
  mark: string;
  /** Frame each kept gate with the name of the least tier that receives it (the review view). */
  review: boolean;
  /** Tier names by id, for the review frames. */
  tierNames: Readonly<Record<string, string>>;
  /** Shared per page, so heading ids stay unique across body and notes. */
  slugger: GithubSlugger;
}

/** What `{{mark}}` becomes in a tier bundle, where no partner is named. */
export const NEUTRAL_MARK = 'tp-unmarked';

const MARK = /\{\{mark\}\}/g;

/**
 * Renders a projected (already gated) mdast tree to an HTML string. Gates
 * are unwrapped, or framed in the review view; local assets point into the
 * bundle's `assets/`; external links carry no referrer. Any node type this
 * renderer does not know is an error rather than silently dropped or passed through.
 */
export function renderMarkdown(tree: Root, options: HtmlOptions): string {
  const hast = toHast(withMarks(tree, options.mark), {
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
 * Copies the tree with every `{{mark}}` in text, code and URLs replaced, and
 * local files pointed at their copy under the bundle's `assets/`.
 */
function withMarks(tree: Root, mark: string): Root {
  const copy = (node: Nodes): Nodes => {
    const out = { ...node } as Record<string, unknown>;
    for (const key of ['value', 'url', 'alt', 'title'] as const) {
      if (typeof out[key] === 'string') out[key] = (out[key] as string).replace(MARK, mark);
    }
    if (node.data?.asset) out.url = `/${node.data.asset}`;
    if ('children' in node) out.children = node.children.map((child) => copy(child as Nodes));
    return out as unknown as Nodes;
  };
  return copy(tree) as Root;
}

function gateElement(state: State, node: Gate, options: HtmlOptions): ElementContent | ElementContent[] {
  const children = state.all(node);
  if (!options.review) return children;
  const inline = node.form === 'text';
  const label: Element = {
    type: 'element',
    tagName: inline ? 'span' : 'p',
    properties: { className: ['gate-label'] },
    children: [{ type: 'text', value: `${options.tierNames[node.tier] ?? node.tier}${inline ? '' : ' and above'}` }],
  };
  return {
    type: 'element',
    tagName: inline ? 'span' : 'div',
    properties: { className: ['gate', `gate-${node.tier}`], dataGate: node.name, dataGateTier: node.tier },
    children: [label, ...(inline ? [{ type: 'text' as const, value: ' ' }] : []), ...children],
  };
}

/** Heading ids, bundle-relative asset URLs and no-referrer external links. */
function decorate(root: HastRoot, slugger: GithubSlugger): void {
  const visit = (node: HastRoot | ElementContent) => {
    if (node.type === 'element') {
      const { tagName, properties } = node;
      if (/^h[2-6]$/.test(tagName) && !properties.id) properties.id = slugger.slug(textOf(node));
      if (tagName === 'a' && typeof properties.href === 'string' && /^(https?|mailto):/i.test(properties.href)) {
        properties.rel = ['noreferrer', 'noopener'];
      }
      if (tagName === 'img') properties.loading = 'lazy';
    }
    if ('children' in node) node.children.forEach((child) => visit(child as ElementContent));
  };
  visit(root);
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map((child) => textOf(child as ElementContent)).join('') : '';
}
