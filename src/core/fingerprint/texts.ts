import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { ProjectedAdvisory, Removal } from '../project/project.ts';
import type { Advisory } from '../validate/advisory.ts';
import type { FingerprintSource, HiddenText } from './fingerprints.ts';

/** Blocks whose inline content reads as one run of text, as a page renders it. */
const RUNS = new Set(['paragraph', 'heading', 'tableCell']);

/**
 * The texts of a Markdown tree as a reader meets them: each paragraph,
 * heading, table cell and text gate as one run, each code block, and every
 * URL, title and alt text on its own.
 */
export function treeTexts(tree: Nodes): string[] {
  const texts: string[] = [];
  const walk = (node: Nodes) => {
    // A text gate (`:poc[…]`) holds inline content only: withheld on its own, it is a run of its own.
    if (RUNS.has(node.type) || (node.type === 'gate' && node.form === 'text')) texts.push(toString(node, { includeImageAlt: false }));
    if (node.type === 'code') texts.push(node.value);
    if ('url' in node && typeof node.url === 'string') texts.push(node.url);
    if ('title' in node && typeof node.title === 'string') texts.push(node.title);
    if ('alt' in node && typeof node.alt === 'string') texts.push(node.alt);
    if ('children' in node) node.children.forEach((child) => walk(child as Nodes));
  };
  walk(tree);
  return texts.filter((text) => text.trim() !== '');
}

/** Every string value in plain data (keys excluded), Markdown trees read as `treeTexts`. */
function stringsOf(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) value.forEach((item) => stringsOf(item, into));
  else if (value && typeof value === 'object') {
    if ((value as { type?: unknown }).type === 'root') into.push(...treeTexts(value as Root));
    else Object.values(value).forEach((item) => stringsOf(item, into));
  }
}

/**
 * Everything a view's pages may show of its advisories, as text: one text
 * per advisory, its fields and blocks in a row, because a page puts them
 * side by side and a run of words may cross from one block into the next.
 */
export function visibleTexts(advisories: readonly ProjectedAdvisory[]): string[] {
  return advisories.map((advisory) => visibleStrings(advisory).join('\n'));
}

/** Every string a view sees of one advisory, one by one: each frontmatter string, each run of its body and notes, each URL. */
export function visibleStrings(advisory: ProjectedAdvisory): string[] {
  const texts: string[] = [];
  stringsOf(advisory, texts);
  return texts;
}

/**
 * What projection withheld from a view, as texts with their sources: the
 * text of every removed gate, every overlay of a tier above the view, and
 * all of every advisory the view does not see yet.
 */
export function hiddenTexts(advisories: readonly Advisory[], removals: readonly Removal[]): HiddenText[] {
  const byId = new Map(advisories.map((advisory) => [advisory.fields.id, advisory]));
  const hidden: HiddenText[] = [];
  const push = (texts: string[], source: FingerprintSource) => texts.forEach((text) => hidden.push({ text, source }));
  for (const removal of removals) {
    const advisory = byId.get(removal.id);
    if (!advisory) continue;
    const base = { advisory: removal.id, file: advisory.name };
    if (removal.kind === 'gate') {
      const at = removal.part === 'body' ? removal.gate.position?.start : undefined;
      push(treeTexts(removal.gate), {
        ...base,
        what: `${removal.part === 'body' ? 'body' : `tiers.${removal.part.slice(6)}.notes`}: ${removal.gate.form === 'container' ? ':::' : removal.gate.form === 'leaf' ? '::' : ':'}${removal.gate.name} gate for ${removal.gate.tier}`,
        ...(at ? { line: at.line, column: at.column } : {}),
      });
    } else if (removal.kind === 'overlay') {
      const overlay = advisory.fields.tiers[removal.tier] ?? {};
      const notes = advisory.notes[removal.tier];
      push([overlay.title, overlay.summary, ...(overlay.references ?? []).map((r) => r.url)].filter((t): t is string => !!t), {
        ...base,
        what: `tiers.${removal.tier} overlay`,
      });
      if (notes) push(treeTexts(notes), { ...base, what: `tiers.${removal.tier}.notes` });
    } else if (removal.kind === 'definition') {
      // A definition only gated references use: its URL, title or footnote text is withheld like the gates it serves.
      const at = removal.part === 'body' ? removal.definition.position?.start : undefined;
      push(treeTexts(removal.definition), {
        ...base,
        what: `${removal.part === 'body' ? 'body' : `tiers.${removal.part.slice(6)}.notes`}: definition [${removal.definition.type === 'footnoteDefinition' ? '^' : ''}${removal.definition.label ?? removal.definition.identifier}] no visible reference uses`,
        ...(at ? { line: at.line, column: at.column } : {}),
      });
    } else {
      const source = { ...base, what: 'advisory not yet visible' };
      // Its identifiers, whole, are never explained by visible text: they name what the view must not know exists.
      const f = advisory.fields;
      for (const id of [f.id, ...f.cves, ...f.aliases]) hidden.push({ text: id, source, pinned: true });
      push(advisoryTexts(advisory), source);
    }
  }
  return hidden;
}

/**
 * The words of a whole advisory that identify it: id, titles, summaries,
 * identifiers, products, references, body and notes. Dates, scores and
 * enumerations are left out; they are shared by many advisories and say
 * nothing alone. Whatever a view could be denied of the advisory is in here.
 */
export function advisoryTexts(advisory: Advisory): string[] {
  const f = advisory.fields;
  const overlays = Object.values(f.tiers).filter((overlay) => overlay !== undefined);
  return [
    f.id,
    f.title,
    f.summary,
    ...f.cves,
    ...f.aliases,
    ...f.keywords,
    ...f.credits,
    ...f.products.flatMap((product) => [product.name, product.purl ?? '']),
    ...f.references.map((reference) => reference.url),
    ...f.revisions.map((revision) => revision.summary),
    f.withdrawn?.reason ?? '',
    ...overlays.flatMap((overlay) => [overlay.title ?? '', overlay.summary ?? '', ...(overlay.references ?? []).map((r) => r.url)]),
    ...treeTexts(advisory.body),
    ...Object.values(advisory.notes).flatMap((note) => treeTexts(note)),
  ].filter((text) => text.trim() !== '');
}
