import type { Nodes, Root, RootContent } from 'mdast';

/**
 * Renders an export tree (gates already unwrapped, see `exportTree`) as plain
 * text for formats whose text fields are not Markdown: blocks separated by a
 * blank line, list items with a dash, table cells with a bar, link targets in
 * brackets after their text. Definitions, which only serve links, are left out.
 */
export function plainText(tree: Root): string {
  return blocks(tree.children);
}

function blocks(nodes: readonly RootContent[], separator = '\n\n'): string {
  return nodes
    .map(block)
    .filter((text) => text.length > 0)
    .join(separator);
}

function block(node: RootContent): string {
  switch (node.type) {
    case 'code':
      return node.value;
    case 'blockquote':
      return prefixLines(blocks(node.children), '> ', '> ');
    case 'list':
      return node.children
        .map((item, index) => {
          const bullet = node.ordered ? `${(node.start ?? 1) + index}. ` : '- ';
          // A tight item's paragraph and nested list sit on consecutive lines, as written.
          return prefixLines(blocks(item.children, item.spread ? '\n\n' : '\n'), bullet, ' '.repeat(bullet.length));
        })
        .join('\n');
    case 'table':
      return node.children.map((row) => row.children.map((cell) => inline(cell).trim()).join(' | ')).join('\n');
    case 'footnoteDefinition':
      return `[^${node.label ?? node.identifier}]: ${blocks(node.children)}`;
    case 'definition':
    case 'thematicBreak':
    case 'html':
    case 'yaml':
      return '';
    default:
      return inline(node).trim();
  }
}

function inline(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return '\n';
    case 'image':
      return node.alt ?? '';
    case 'link': {
      const text = node.children.map(inline).join('');
      return text === node.url || node.url.startsWith('#') ? text : `${text} [${node.url}]`;
    }
    case 'footnoteReference':
      return `[^${node.label ?? node.identifier}]`;
    case 'html':
      return '';
    default:
      return 'children' in node ? (node.children as Nodes[]).map(inline).join('') : '';
  }
}

function prefixLines(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? first : line.length > 0 ? rest : rest.trimEnd()) + line)
    .join('\n');
}
