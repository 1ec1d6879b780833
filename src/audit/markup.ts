import { decodeHTML } from 'entities';
import { QuoteType, Tokenizer } from 'htmlparser2';

/** Tags whose removal must not split a word: `ex<b>ploit</b>` reads as one word on the page. */
const INLINE = /^(a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var)$/i;
/** Elements whose content the HTML tokenizer passes on as text, unread: script, style, title and the like. */
const RAW_TEXT = new Set(['iframe', 'noembed', 'noframes', 'plaintext', 'script', 'style', 'textarea', 'title', 'xmp']);
/** An attribute name as markup writes one; any other (`"two words"`, `<i`) is text a stray quote or `<` turned into a name. */
const PLAIN_NAME = /^[\w:.-]+$/;

/** What a file of markup holds, read token by token. */
export interface MarkupReading {
  /** The text as a page shows it: tags removed (inline ones without a space), entities decoded; CDATA and the contents of script, style and title included. */
  shown: string;
  /** What the page does not show: attribute values (entities decoded), comments, declarations, processing instructions, odd attribute names, anything inside a closing tag. */
  hidden: string[];
  /** The content of every script element, as written. */
  scripts: string[];
}

/**
 * Reads markup with htmlparser2's tokenizer (in XML mode for XML), which
 * knows quoting, comments, CDATA and raw-text elements as a browser does.
 * Nothing of the file is dropped: what a tokenizer would ignore (an unfinished
 * tag at the end, attributes of a closing tag) is read as well.
 */
export function readMarkup(text: string, xml: boolean): MarkupReading {
  const read = tokens(text, xml, false);
  return { shown: decodeHTML(read.shown), hidden: read.hidden, scripts: read.scripts };
}

/** `readMarkup` before entities in the shown text are decoded; `nested` for the content of a raw-text element, read once more as markup. */
function tokens(text: string, xml: boolean, nested: boolean): { shown: string; hidden: string[]; scripts: string[] } {
  const shown: string[] = [];
  const hidden: string[] = [];
  const scripts: string[] = [];
  let tag = '';
  let names: string[] = [];
  let value = '';
  let raw: { tag: string; from: number } | undefined;
  // Where the last token the tokenizer finished ends: past it at the end, it dropped what it could not finish.
  let read = 0;
  const seen = (end: number) => (read = Math.max(read, end));
  const slice = (start: number, end: number) => text.slice(start, end);

  const tagEnd = (end: number, selfClosing: boolean) => {
    seen(end + 1);
    if (names.some((name) => !PLAIN_NAME.test(name))) hidden.push(names.join(' '));
    shown.push(INLINE.test(tag) ? '' : ' ');
    const name = tag.toLowerCase();
    if (nested) return;
    // In HTML a raw-text element's content follows even `<script/>`; in XML only scripts are noted, and `<script/>` is closed.
    if (!xml && RAW_TEXT.has(name)) raw = { tag: name, from: end + 1 };
    else if (xml && name === 'script' && !selfClosing) raw = { tag: name, from: end + 1 };
  };
  // Markup inside text that is not read as markup (a script's strings, CDATA), read once more as HTML,
  // so `'<p>ex<b>ploit</b></p>'` reads as the words it shows, not as tag names between them.
  const readNested = (body: string) => {
    const inner = nested ? { shown: body, hidden: [] } : tokens(body, false, true);
    shown.push(' ', inner.shown, ' ');
    hidden.push(...inner.hidden);
  };
  const rawEnd = (end: number) => {
    const body = slice(raw!.from, end);
    if (raw!.tag === 'script') scripts.push(body);
    raw = undefined;
    // In XML the content was read as markup already.
    if (!xml) readNested(body);
  };

  const tokenizer = new Tokenizer(
    { xmlMode: xml, decodeEntities: false },
    {
      ontext: (start, end) => {
        seen(end);
        if (!raw || xml) shown.push(slice(start, end));
      },
      // With decodeEntities off, entities stay in the text and attribute values, decoded with them.
      ontextentity: () => {},
      onattribentity: () => {},
      onopentagname: (start, end) => {
        tag = slice(start, end);
        names = [];
      },
      onattribname: (start, end) => {
        names.push(slice(start, end));
        value = '';
      },
      onattribdata: (start, end) => {
        value += slice(start, end);
      },
      onattribend: (quote) => {
        if (quote !== QuoteType.NoValue && value !== '') hidden.push(decodeHTML(value));
        value = '';
      },
      onopentagend: (end) => tagEnd(end, false),
      onselfclosingtag: (end) => tagEnd(end, true),
      onclosetag: (start, end) => {
        const name = slice(start, end);
        if (raw?.tag === name.toLowerCase()) rawEnd(start - 2);
        shown.push(INLINE.test(name) ? '' : ' ');
        // Browsers ignore what follows a closing tag's name; the file still holds it.
        const close = text.indexOf('>', end);
        const rest = slice(end, close < 0 ? text.length : close).trim();
        if (rest !== '') hidden.push(decodeHTML(rest));
        seen(close < 0 ? text.length : close + 1);
      },
      oncomment: (start, end, offset) => {
        seen(end + 1);
        hidden.push(slice(start, end - offset));
        shown.push(' ');
      },
      oncdata: (start, end, offset) => {
        seen(end + 1);
        readNested(slice(start, end - offset));
      },
      ondeclaration: (start, end) => {
        seen(end + 1);
        hidden.push(slice(start, end));
        shown.push(' ');
      },
      onprocessinginstruction: (start, end) => {
        seen(end + 2);
        hidden.push(slice(start, end));
        shown.push(' ');
      },
      onend: () => {
        if (raw) rawEnd(text.length);
        // An unfinished tag or declaration at the end, which the tokenizer drops: read as text.
        if (read < text.length) shown.push(' ', slice(read, text.length));
      },
    },
  );
  tokenizer.write(text);
  tokenizer.end();
  return { shown: shown.join(''), hidden, scripts };
}
