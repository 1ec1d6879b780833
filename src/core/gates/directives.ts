import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { classTier, type Site } from '../schema/site.ts';

export type Directive = ContainerDirective | LeafDirective | TextDirective;

/** How a directive node is to be treated: a gate, literal text, or an error. */
export type DirectiveMeaning =
  | { kind: 'gate'; tier: string }
  | { kind: 'text'; value: string }
  | { kind: 'error'; message: string };

const SYNTAX = { containerDirective: ':::', leafDirective: '::', textDirective: ':' } as const;

/** The names that open gates on a site: every class, and `tier`. */
export function gateNames(site: Site): string[] {
  return [...Object.keys(site.classes), 'tier'];
}

/**
 * Decides what a directive means (docs/format.md#gates). `raw` is the exact
 * source text of the node, used to tell `:poc` from `:poc[]` and `{}`.
 */
export function interpretDirective(node: Directive, raw: string, site: Site): DirectiveMeaning {
  const syntax = `${SYNTAX[node.type]}${node.name}`;
  const isGate = node.name === 'tier' || classTier(site, node.name) !== undefined;
  const firstLine = raw.split('\n')[0] ?? raw;
  const attributeKeys = Object.keys(node.attributes ?? {});
  const writesAttributes = attributeKeys.length > 0 || (node.type === 'containerDirective' ? /\}\s*$/.test(firstLine) : raw.endsWith('}'));

  if (!isGate) {
    if (node.type !== 'textDirective') {
      return { kind: 'error', message: `unknown directive ${syntax}; the gates here are ${gateNames(site).map((n) => `:::${n}`).join(', ')}` };
    }
    if (raw === `:${node.name}`) return { kind: 'text', value: raw };
    return { kind: 'error', message: `unknown directive ${syntax} with a label or attributes; only gates take them` };
  }

  if (node.type === 'containerDirective' && node.children[0]?.type === 'paragraph' && node.children[0].data?.directiveLabel) {
    return { kind: 'error', message: `${syntax} takes no label; put the gated text inside the container` };
  }
  // The names as written: `attributes` keeps one value per name, the last, so a repeat would change the gate unseen.
  const names = node.data?.attributeNames ?? attributeKeys;
  const seen = new Set<string>();
  const repeated = names.find((name) => seen.has(name) || !seen.add(name));
  if (repeated !== undefined) {
    const fix = node.name === 'tier' ? 'write {min=TIER} once' : 'a class gate takes no attributes';
    return { kind: 'error', message: `${syntax} gives the attribute ${repeated} more than once (only the last would count); ${fix}` };
  }
  let tier: string;
  if (node.name === 'tier') {
    const min = node.attributes?.min;
    const others = [...new Set([...names, ...attributeKeys])].filter((key) => key !== 'min');
    if (others.length > 0) return { kind: 'error', message: `${syntax} takes only min=, not ${others.join(', ')}` };
    if (min === undefined || min === null) return { kind: 'error', message: `${syntax} needs {min=TIER}` };
    if (!site.tiers.some((t) => t.id === min)) {
      return { kind: 'error', message: `${syntax}{min=${min}} names an unknown tier; expected one of ${site.tiers.map((t) => t.id).join(', ')}` };
    }
    tier = min;
  } else {
    if (writesAttributes) return { kind: 'error', message: `${syntax} is a class gate and takes no attributes` };
    tier = classTier(site, node.name)!;
  }
  if (isEmpty(node)) return { kind: 'error', message: `${syntax} has nothing to gate` };
  return { kind: 'gate', tier };
}

function isEmpty(node: Directive): boolean {
  if (node.children.length === 0) return true;
  // Only text and whitespace, no images or code: nothing a reader would see.
  return toString(node).trim() === '' && !node.children.some((child) => child.type !== 'text' && child.type !== 'paragraph');
}
