import type { Code, Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import { bareLine as bare } from '../parse/lines.ts';

/** A problem found on the source text, positioned in the Markdown that was parsed. */
export interface LineProblem {
  line: number;
  column: number;
  message: string;
}


/**
 * Checks what only the source shows: every container gate and fenced code
 * block explicitly closed, and no line that starts with `:::` outside code
 * unless it opens or closes a container directive.
 */
export function checkSourceLines(tree: Root, source: string): LineProblem[] {
  const lines = source.split('\n');
  const lineAt = (n: number) => lines[n - 1] ?? '';
  const problems: LineProblem[] = [];
  const fenceLines = new Set<number>();
  const codeLines = new Set<number>();
  const closers = new Map<number, ContainerDirective[]>();

  visit(tree, (node) => {
    const position = node.position;
    if (!position) return;
    if (node.type === 'containerDirective') {
      const opener = /^:+/.exec(bare(lineAt(position.start.line)))?.[0].length ?? 3;
      const last = bare(lineAt(position.end.line)).trimEnd();
      const closed = position.end.line > position.start.line && /^:+$/.test(last) && last.length >= opener;
      if (!closed) {
        problems.push({ ...position.start, message: `container :::${node.name} is not closed; end it with a line of ${':'.repeat(opener)}` });
      } else {
        fenceLines.add(position.end.line);
        closers.set(position.end.line, [...(closers.get(position.end.line) ?? []), node]);
      }
      fenceLines.add(position.start.line);
    }
    if (node.type === 'code' || node.type === 'inlineCode') {
      for (let line = position.start.line; line <= position.end.line; line++) codeLines.add(line);
      if (node.type === 'code') {
        const problem = unclosedFence(node, source, lineAt);
        if (problem) problems.push(problem);
      }
    }
  });

  // Two containers ending on one line: the outer one was never closed explicitly.
  for (const [, containers] of closers) {
    const outer = containers.slice().sort((a, b) => a.position!.start.offset! - b.position!.start.offset!).slice(0, -1);
    for (const node of outer) {
      problems.push({ ...node.position!.start, message: `container :::${node.name} is not closed; end it with its own line of colons` });
    }
  }

  lines.forEach((text, index) => {
    const line = index + 1;
    if (fenceLines.has(line) || codeLines.has(line)) return;
    if (bare(text).startsWith(':::')) {
      problems.push({
        line,
        column: text.indexOf(':') + 1,
        message: 'this line starts with ::: but is not a directive (write :::name with no space, and close it)',
      });
    }
  });
  return problems;
}

function unclosedFence(node: Code, source: string, lineAt: (n: number) => string): LineProblem | undefined {
  const { start, end } = node.position!;
  const fence = /^(`{3,}|~{3,})/.exec(source.slice(start.offset!))?.[1];
  if (!fence) return undefined; // indented code has no fence to close
  const last = bare(lineAt(end.line).slice(0, end.column - 1)).trimEnd();
  const closed =
    end.line > start.line && last.length >= fence.length && [...last].every((char) => char === fence[0]);
  return closed ? undefined : { ...start, message: `fenced code block is not closed; end it with a line of ${fence}` };
}
