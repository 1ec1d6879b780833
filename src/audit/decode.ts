import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { decode as decodeCbor } from 'cbor-x';
import { readMarkup } from './markup.ts';

/** One way of reading a file's bytes as text, named for the finding. */
export interface TextView {
  /** How the text was obtained, e.g. `gunzip > pagefind > json strings`. */
  how: string;
  text: string;
}

const PAGEFIND = Buffer.from('pagefind_dcd');
const UTF8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Every text a file could show a reader or a tool, after undoing what hides
 * text: gzip and brotli, pagefind's `pagefind_dcd` framing, JSON string
 * escapes, HTML tags, entities, attributes, comments and JSON in scripts,
 * percent-encoding and base64 runs.
 */
export function decodeFile(path: string, bytes: Uint8Array): TextView[] {
  return layers(path, Buffer.from(bytes), []).flatMap((view) => [view, ...hiddenEncodings(view)]);
}

function layers(path: string, bytes: Buffer, how: string[]): TextView[] {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    // Random bytes (a signature, say) may start like gzip: read those as they are.
    const unzipped = attempt(() => gunzipSync(bytes));
    if (unzipped) return layers(path, unzipped, [...how, 'gunzip']);
  }
  if (path.endsWith('.br') && how.length === 0) {
    const unpacked = attempt(() => brotliDecompressSync(bytes));
    if (unpacked) return layers(path.slice(0, -3), unpacked, [...how, 'brotli']);
  }
  if (bytes.subarray(0, PAGEFIND.length).equals(PAGEFIND)) {
    const payload = bytes.subarray(PAGEFIND.length);
    // Pagefind's index, filter and meta files are CBOR: read their strings, not the bytes around them.
    const strings = payload[0] === 0x7b ? undefined : cborStrings(payload);
    if (strings !== undefined) return [{ how: [...how, 'pagefind', 'cbor strings'].join(' > '), text: strings }];
    return layers(`${path}.pagefind`, payload, [...how, 'pagefind']);
  }
  const text = UTF8.decode(bytes);
  const label = (step: string) => [...how, step].join(' > ');
  const trimmed = text.trimStart();
  // Parsed JSON and markup are read through their structure, which shows strictly more than the raw text.
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const strings = jsonStrings(text);
    if (strings !== undefined) return [{ how: label('json strings'), text: strings }];
  }
  if (/\.(html?|xml|svg)$/i.test(path) || /^<(!doctype|\?xml|html|svg|feed)/i.test(trimmed)) {
    return markupViews(text, /\.(xml|svg)$/i.test(path) || /^<(\?xml|feed|svg)/i.test(trimmed), label);
  }
  return [{ how: label('text'), text }];
}

function attempt(decode: () => Buffer): Buffer | undefined {
  try {
    return decode();
  } catch {
    return undefined;
  }
}

/** Every string of a CBOR document, one per line; undefined when the bytes are not CBOR. */
function cborStrings(bytes: Buffer): string | undefined {
  let parsed: unknown;
  try {
    parsed = decodeCbor(bytes);
  } catch {
    return undefined;
  }
  return stringsOf(parsed);
}

/** Every string of a JSON document, keys included, unescaped, one per line. */
function jsonStrings(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return stringsOf(parsed);
}

/** Every string in parsed data, keys included, one per line. */
function stringsOf(parsed: unknown): string {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    // CBOR can also carry text as byte strings, maps and sets.
    else if (value instanceof Uint8Array) out.push(UTF8.decode(value));
    else if (value instanceof Map) value.forEach((item, key) => (walk(key), walk(item)));
    else if (value instanceof Set) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        out.push(key);
        walk(item);
      }
    }
  };
  walk(parsed);
  return out.join('\n');
}

/**
 * The text of markup as a browser shows it; every attribute value and
 * comment; and the strings of each script that holds JSON (JSON-LD, import
 * maps), unescaped.
 */
function markupViews(text: string, xml: boolean, label: (step: string) => string): TextView[] {
  const { shown, hidden, scripts } = readMarkup(text, xml);
  const views = [
    { how: label('markup text'), text: shown },
    { how: label('markup attributes and comments'), text: hidden.join('\n') },
  ];
  const json = scripts
    .filter((script) => /^\s*[[{]/.test(script))
    .map(jsonStrings)
    .filter((strings) => strings !== undefined);
  if (json.length > 0) views.push({ how: label('markup script json strings'), text: json.join('\n') });
  return views;
}

/** Percent-encoded and base64-encoded runs inside a text, decoded. */
function hiddenEncodings(view: TextView): TextView[] {
  const views: TextView[] = [];
  if (/%[0-9a-f]{2}/i.test(view.text)) {
    const decoded = view.text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
    views.push({ how: `${view.how} > percent-decoded`, text: decoded });
  }
  // Encoded payloads hide in attributes, JSON and raw files; visible page text is read as it is shown.
  if (view.how.endsWith('markup text')) return views;
  const runs: string[] = [];
  for (const run of base64Runs(view.text)) {
    // A run may start with characters that are not part of the payload (`d=`, `/api/`): try each of the four alignments.
    for (let offset = 0; offset < 4 && run.length - offset >= 24; offset++) {
      const bytes = Buffer.from(run.slice(offset).replace(/-/g, '+').replace(/_/g, '/'), 'base64');
      const text = UTF8.decode(bytes);
      // Keep what decodes to mostly printable text; random identifiers decode to noise.
      const printable = text.replace(/[^\x20-\x7e\s\u00a0-\uffff]/g, '').length;
      if (text.length > 0 && printable / text.length > 0.9 && !text.includes('\ufffd')) runs.push(text);
    }
  }
  if (runs.length > 0) views.push({ how: `${view.how} > base64`, text: runs.join('\n') });
  return views;
}

/** Base64 (standard or URL-safe) alphabet, by character code. */
const BASE64 = new Uint8Array(128);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-=') BASE64[char.charCodeAt(0)] = 1;

/**
 * Runs of at least 24 base64 characters that hold a digit, `+` or `/` (plain
 * words and dashed names do not), found in one linear pass.
 */
function base64Runs(text: string): string[] {
  const runs: string[] = [];
  let start = -1;
  let coded = false;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0;
    if (code < 128 && BASE64[code]) {
      if (start < 0) {
        start = i;
        coded = false;
      }
      if ((code >= 48 && code <= 57) || code === 43 || code === 47) coded = true;
    } else if (start >= 0) {
      if (coded && i - start >= 24) runs.push(text.slice(start, i));
      start = -1;
    }
  }
  return runs;
}
