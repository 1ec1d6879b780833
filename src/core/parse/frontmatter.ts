import matter from 'gray-matter';
import { parseYaml, type YamlData, type YamlProblem } from './yaml.ts';

/** Files above this size are refused before any parsing (docs/format.md#how-files-are-read). */
export const MAX_FILE_BYTES = 1024 * 1024;

/** An advisory file split into its frontmatter data and its Markdown body. */
export interface SplitFile {
  frontmatter: YamlData;
  /**
   * The Markdown body, preceded by one empty line per frontmatter line so that
   * positions in the body are positions in the file.
   */
  body: string;
  /** The full decoded text (BOM removed, CRLF as LF), for slicing source ranges. */
  text: string;
}

/** Decodes bytes as strict UTF-8 and normalises a BOM and CRLF line endings. */
export function decodeText(bytes: Uint8Array): { text?: string; problems: YamlProblem[] } {
  if (bytes.byteLength > MAX_FILE_BYTES) {
    return { problems: [{ line: 1, column: 1, message: `file is ${bytes.byteLength} bytes; the limit is 1 MiB` }] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { problems: [{ line: 1, column: 1, message: 'file is not valid UTF-8' }] };
  }
  text = text.replace(/\r\n/g, '\n');
  const stray = text.indexOf('\r');
  if (stray >= 0) {
    const line = text.slice(0, stray).split('\n').length;
    return { problems: [{ line, column: 1, message: 'stray carriage return; use LF or CRLF line endings' }] };
  }
  return { text, problems: [] };
}

/**
 * Splits an advisory into frontmatter and body. The opener must be a line
 * that is exactly `---` (no `---js` engines) and the closer the next such
 * line; gray-matter's split must agree with that, or the file is refused.
 */
export function splitFrontmatter(bytes: Uint8Array): { value?: SplitFile; problems: YamlProblem[] } {
  const decoded = decodeText(bytes);
  if (decoded.text === undefined) return { problems: decoded.problems };
  const text = decoded.text;
  const lines = text.split('\n');
  if (lines[0] !== '---') {
    return {
      problems: [{ line: 1, column: 1, message: 'the file must open with a frontmatter line that is exactly ---' }],
    };
  }
  const close = lines.indexOf('---', 1);
  if (close < 0) {
    return { problems: [{ line: 1, column: 1, message: 'the frontmatter is not closed by a line that is exactly ---' }] };
  }
  const yamlText = lines.slice(1, close).join('\n');
  const bodyText = lines.slice(close + 1).join('\n');

  // Options are always passed: gray-matter caches results only when called without them.
  let raw: string | undefined;
  const parsed = matter(text, {
    language: 'yaml',
    delimiters: '---',
    engines: { yaml: (source: string) => ((raw = source), {}) },
  });
  if (raw === undefined || raw.replace(/^\n/, '') !== yamlText || parsed.content.replace(/^\n/, '') !== bodyText.replace(/^\n/, '')) {
    return { problems: [{ line: 1, column: 1, message: 'the frontmatter could not be split unambiguously' }] };
  }

  const yaml = parseYaml(yamlText, 1);
  if (!yaml.value) return { problems: yaml.problems };
  return {
    value: { frontmatter: yaml.value, body: '\n'.repeat(close + 1) + bodyText, text },
    problems: [],
  };
}
