/** A line's text after its indentation and blockquote markers, which fences and blank lines may sit behind. */
export function bareLine(line: string): string {
  return line.replace(/^(?:[ \t]*>)*[ \t]*/, '');
}

/** The numbers (from 1) of the lines that hold nothing but white space and blockquote markers. */
export function blankLines(text: string): Set<number> {
  const blank = new Set<number>();
  text.split('\n').forEach((line, index) => {
    if (bareLine(line).trim() === '') blank.add(index + 1);
  });
  return blank;
}
