import type { Root } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';

/**
 * Serialises an export tree (gates already unwrapped, see `exportTree`) as
 * CommonMark with the GFM extensions the body parser accepts (tables, task
 * lists, strikethrough, footnotes, autolinks).
 */
export function markdownText(tree: Root): string {
  return toMarkdown(tree, { extensions: [gfmToMarkdown()], bullet: '-', emphasis: '_', rule: '-' }).trimEnd();
}
