import type { Nodes, Parent, Root, RootContent, Text } from 'mdast';
import type { Position } from 'unist';
import { parseMarkdown } from '../parse/markdown.ts';
import { tierRank, type Site } from '../schema/site.ts';
import { gateNames, interpretDirective } from './directives.ts';
import { findMarks, MARK_PLACEHOLDER } from './mark.ts';
import { checkReferences, type Definitions } from './references.ts';
import { checkSourceLines, type LineProblem } from './source-lines.ts';
import { OPEN, type Clearance, type Gate } from './types.ts';
import { interpretUrl } from './urls.ts';

/** What the gate rules need to know besides the Markdown. */
export interface GateOptions {
  site: Site;
  /** The advisory file, below the content folder (`advisories/2025/X.md`); local links resolve from it. */
  file: string;
  /** Every file under `assets/`, as paths below the content folder. */
  assets: ReadonlySet<string>;
}

/** A body (or overlay notes) with gates as `gate` nodes, ready to project per tier. */
export interface GatedMarkdown {
  tree: Root;
  problems: LineProblem[];
}

/**
 * Parses Markdown and applies the gate rules (docs/format.md#gates): every
 * fail-closed rule becomes a problem, directives that are gates become `gate`
 * nodes, bare unknown text directives (`AV:N`, `11:57`) become the text they
 * were written as. Returns a new tree; positions refer to `source`.
 */
export function gateMarkdown(source: string, options: GateOptions): GatedMarkdown {
  const parsed = parseMarkdown(source);
  const problems: LineProblem[] = checkSourceLines(parsed, source);
  const definitions: Definitions = { links: [], footnotes: [], references: [], texts: [] };
  // Read on the source: a whole run of colons whose first colon is not backslash-escaped (an even number of
  // backslashes before it), so `\\:poc[x]` and `\\:::poc{…}` written as text stay text.
  const lookalike = new RegExp(`(?<![:\\\\])(?:\\\\\\\\)*:+(${gateNames(options.site).map(escapeRegExp).join('|')})(?=[\\[{])`);
  const report = (position: Position | undefined, message: string) =>
    problems.push({ line: position?.start.line ?? 1, column: position?.start.column ?? 1, message });
  const raw = (position: Position | undefined) => source.slice(position?.start.offset ?? 0, position?.end.offset ?? 0);

  const checkMarks = (value: string | null | undefined, gated: boolean, position: Position | undefined) => {
    for (const written of findMarks(value ?? '')) {
      if (written !== MARK_PLACEHOLDER) report(position, `write the mark placeholder exactly as {{mark}}, not ${written}`);
      else if (!gated) report(position, '{{mark}} outside a gate; marks belong inside gated content');
    }
  };
  const checkUrl = (node: Nodes & { url: string }) => {
    const meaning = interpretUrl(node.url, options.file, options.assets);
    if (meaning.kind === 'error') report(node.position, meaning.message);
    if (meaning.kind === 'asset') node.data = { ...node.data, asset: meaning.path };
  };

  const walk = (node: Nodes, clearance: Clearance, gated: boolean): RootContent[] => {
    switch (node.type) {
      case 'html':
        report(node.position, node.value.trimStart().startsWith('<!--') ? 'HTML comments are not allowed' : 'raw HTML is not allowed; escape < as \\< or use a code span');
        return [];
      case 'containerDirective':
      case 'leafDirective':
      case 'textDirective': {
        const meaning = interpretDirective(node, raw(node.position), options.site);
        if (meaning.kind === 'text') return [{ type: 'text', value: meaning.value, position: node.position }];
        if (meaning.kind === 'gate' && node.type === 'textDirective' && escapedColonBefore(source, node.position?.start.offset ?? 0)) {
          // `\::poc[x]` reads as `:` then a gate: the writer meant text, the parser did not.
          report(node.position, `\\::${node.name}[…] escapes only its first colon, so :${node.name}[…] after it is still a gate; write \\:\\:${node.name}[…] for the text, or ::${node.name}[…] on a line of its own for a gate`);
          return [];
        }
        if (meaning.kind === 'error') {
          report(node.position, meaning.message);
          return [];
        }
        const inner: Clearance = {
          rank: Math.max(clearance.rank, tierRank(options.site, meaning.tier)),
          classes: node.name === 'tier' || clearance.classes.includes(node.name) ? clearance.classes : [...clearance.classes, node.name],
        };
        let children = walkChildren(node, inner, true);
        if (node.type === 'leafDirective') children = [{ type: 'paragraph', children: children as Text[] }];
        const form = node.type === 'containerDirective' ? 'container' : node.type === 'leafDirective' ? 'leaf' : 'text';
        const gate: Gate = { type: 'gate', name: node.name, tier: meaning.tier, form, children: children as Gate['children'], position: node.position };
        return [gate];
      }
      case 'text': {
        checkMarks(node.value, gated, node.position);
        // The source, not the value: `\:poc[x]` is the writer's own escape and stays text; `a::poc[x]` is a mistake.
        const written = node.position ? raw(node.position) : node.value;
        if (lookalike.test(written)) {
          report(node.position, `text looks like a ${lookalike.exec(written)![1]} gate but is not one; gates open at the start of a line (:::name, ::name[…]) or as :name[…] within text`);
        }
        if (node.value.includes('[')) definitions.texts.push({ value: node.value, clearance, position: node.position });
        return [{ ...node }];
      }
      case 'inlineCode':
        checkMarks(node.value, gated, node.position);
        return [{ ...node }];
      case 'code':
        checkMarks(node.value, gated, node.position);
        checkMarks(node.meta, gated, node.position);
        return [{ ...node }];
      case 'image':
      case 'imageReference':
        if (/:[A-Za-z0-9][\w-]*[[{]/.test(raw(node.position)) || lookalike.test(raw(node.position))) {
          report(node.position, 'directive syntax inside image alt text is not allowed (the alt text would show it to everyone)');
        }
        checkMarks(node.alt, gated, node.position);
        if (node.type === 'image') {
          const copy = { ...node };
          checkUrl(copy);
          checkMarks(copy.url + (copy.title ?? ''), gated, node.position);
          return [copy];
        }
        definitions.references.push({ kind: 'link', identifier: node.identifier, label: node.label ?? node.identifier, clearance, position: node.position });
        return [{ ...node }];
      case 'definition': {
        const copy = { ...node };
        checkUrl(copy);
        checkMarks(copy.url + (copy.title ?? ''), gated, node.position);
        definitions.links.push({ identifier: node.identifier, clearance, position: node.position });
        return [copy];
      }
      case 'footnoteDefinition':
        definitions.footnotes.push({ identifier: node.identifier, clearance, position: node.position });
        return [{ ...node, children: walkChildren(node, clearance, gated) as typeof node.children }];
      case 'footnoteReference':
        definitions.references.push({ kind: 'footnote', identifier: node.identifier, label: node.label ?? node.identifier, clearance, position: node.position });
        return [{ ...node }];
      case 'linkReference':
        definitions.references.push({ kind: 'link', identifier: node.identifier, label: node.label ?? node.identifier, clearance, position: node.position });
        return [{ ...node, children: walkChildren(node, clearance, gated) as typeof node.children }];
      case 'link': {
        const copy = { ...node, children: walkChildren(node, clearance, gated) as typeof node.children };
        checkUrl(copy);
        checkMarks(copy.url + (copy.title ?? ''), gated, node.position);
        return [copy];
      }
      default:
        if ('children' in node) return [{ ...node, children: walkChildren(node, clearance, gated) } as RootContent];
        return [{ ...node } as RootContent];
    }
  };
  const walkChildren = (parent: Parent, clearance: Clearance, gated: boolean): RootContent[] =>
    mergeTexts(parent.children.flatMap((child) => walk(child as Nodes, clearance, gated)));

  const tree: Root = { type: 'root', children: walkChildren(parsed, OPEN, false), position: parsed.position };
  for (const problem of checkReferences(definitions)) report(problem.position, problem.message);
  return { tree, problems };
}

/** Joins neighbouring text nodes, so a restored `AV:N/AC:L` reads as one run of text again. */
function mergeTexts(nodes: RootContent[]): RootContent[] {
  const merged: RootContent[] = [];
  for (const node of nodes) {
    const previous = merged[merged.length - 1];
    if (node.type === 'text' && previous?.type === 'text') {
      merged[merged.length - 1] = {
        type: 'text',
        value: previous.value + node.value,
        position: previous.position && node.position ? { start: previous.position.start, end: node.position.end } : undefined,
      };
    } else {
      merged.push(node);
    }
  }
  return merged;
}

/** Whether `source` has a backslash-escaped colon just before `offset` (an odd number of backslashes before the colon). */
function escapedColonBefore(source: string, offset: number): boolean {
  if (source[offset - 1] !== ':') return false;
  let start = offset - 1;
  while (source[start - 1] === '\\') start--;
  return (offset - 1 - start) % 2 === 1;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
