// The audit reads markup with an HTML tokenizer: withheld text hidden in the corners of HTML and XML is
// still found, whichever way it is written. One canary, withheld from the public view, in each corner.
import { describe, expect, it } from 'vitest';
import { decodeFile } from '../../src/audit/decode.ts';
import { readMarkup } from '../../src/audit/markup.ts';
import { advisory, auditFiles, contentOf, fields, page, tierPlan } from './harness.ts';

const AT = '2025-12-01T00:00:00Z';
const CANARY = 'CANARY-POC-4F7Q2X';
const content = contentOf({
  'CTSA-2025-0001': advisory(fields('CTSA-2025-0001', '2025-07-22T17:00:00Z'), `Public text.\n\n:::poc\nReplay with ${CANARY} in the header.\n:::\n`),
});
const plan = tierPlan(content, 'public', AT);
const PAGE = 'advisories/CTSA-2025-0001/index.html';

/** The findings of withheld text in a one-file public bundle, as `file [how]`. */
async function found(path: string, text: string): Promise<string[]> {
  const result = await auditFiles(plan, { [path]: text });
  return result.findings.filter((finding) => finding.source?.advisory === 'CTSA-2025-0001').map((finding) => `${finding.file} [${finding.how}]`);
}

describe('withheld text in markup is found', () => {
  const TEXT = `${PAGE} [markup text]`;
  const HIDDEN = `${PAGE} [markup attributes and comments]`;
  it.each([
    ['in an unquoted attribute', `<div data-state=${CANARY}>x</div>`, HIDDEN],
    ['in a single-quoted attribute holding double quotes', `<a href="/x" title='say "${CANARY}"'>x</a>`, HIDDEN],
    ['in an attribute holding > and entities', `<div title="a &gt; b > &#x43;ANARY&#45;POC&#x2D;4F7Q2X&amp;">x</div>`, HIDDEN],
    ['in an attribute whose name is a stray quoted phrase', `<div "${CANARY} in the header">x</div>`, HIDDEN],
    ['after the name of a closing tag', `<div>x</div title="${CANARY}">`, HIDDEN],
    ['in a comment', `<p>x</p><!-- ${CANARY} --><p>y</p>`, HIDDEN],
    ['in a comment that never closes', `<p>x</p><!-- ${CANARY}`, HIDDEN],
    ['in text, as character references', '<p>&#67;ANARY-POC-&#x34;F7Q2X</p>', TEXT],
    ['in text split by inline tags', '<p>CANA<b>RY</b>-POC-4F7<span class="x">Q2X</span></p>', TEXT],
    ['in CDATA', `<p>x</p><![CDATA[ ${CANARY} ]]>`, TEXT],
    ['in a title element', `<title>${CANARY}</title>`, TEXT],
    ["in markup in a script's string", `<script>el.innerHTML = '<p>CANA<b>RY</b>-POC-4F7Q2X</p>';</script>`, TEXT],
    ['in a tag the file ends inside', `<p>x</p><div title="${CANARY}`, TEXT],
  ])('%s', async (_case, main, how) => {
    expect(await found(PAGE, page(main))).toContain(how);
  });

  it('in JSON-LD, even as JSON escapes that no other reading undoes', async () => {
    const escaped = `{"@type": "Article", "description": "\\u0043ANARY-POC-\\u0034F7Q2X"}`;
    expect(await found(PAGE, page('<p>x</p>', `<script type="application/ld+json">${escaped}</script>`))).toEqual([`${PAGE} [markup script json strings]`]);
  });

  it('in an Atom feed: escaped text, CDATA, attributes', async () => {
    const feed = (entry: string) => `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><entry>${entry}</entry></feed>\n`;
    expect(await found('feed.xml', feed(`<summary type="text">Replay with CANARY&#45;POC-4F7Q2X &amp; more</summary>`))).toEqual(['feed.xml [markup text]']);
    expect(await found('feed.xml', feed(`<content type="html"><![CDATA[<p>${CANARY}</p>]]></content>`))).toEqual(['feed.xml [markup text]']);
    expect(await found('feed.xml', feed(`<category term='${CANARY}'/>`))).toEqual(['feed.xml [markup attributes and comments]']);
  });

  it('nowhere in a page without it (the cases above can fail)', async () => {
    expect(await found(PAGE, page('<p title="CANARY-POC">Public text.</p><!-- 4F7 --><script type="application/ld+json">{"a": "Q2X"}</script>'))).toEqual([]);
  });
});

describe('readMarkup', () => {
  it('shows text as a page does: inline tags join, other tags, comments and declarations separate', () => {
    const read = readMarkup('<!doctype html><p>ex<em>ploit</em></p><p>next<!-- note -->word</p>&lt;b&gt;', false);
    expect(read.shown.split(/\s+/).filter(Boolean)).toEqual(['exploit', 'next', 'word', '<b>']);
    expect(read.hidden).toEqual(['doctype html', ' note ']);
  });

  it('keeps every attribute value, entities decoded, whatever its quoting', () => {
    expect(readMarkup(`<a href=/x?a=1&amp;b=2 title='it&#39;s' data-x="say &quot;hi&quot;" hidden>x</a>`, false).hidden).toEqual(['/x?a=1&b=2', "it's", 'say "hi"']);
  });

  it("reads a script's content once, as text and as markup, and hands it on for JSON", () => {
    const read = readMarkup('<script type="application/ld+json">{"a": "<b>x</b>"}</script><p>after</p>', false);
    expect(read.scripts).toEqual(['{"a": "<b>x</b>"}']);
    expect(read.shown.match(/after/g)).toHaveLength(1);
  });

  it('reads XML as XML: CDATA is text, processing instructions and self-closed tags end where XML says', () => {
    const read = readMarkup('<?xml version="1.0"?><feed><title/><id>urn:x</id><summary><![CDATA[a <b>b</b>]]></summary></feed>', true);
    expect(read.shown.split(/\s+/).filter(Boolean)).toEqual(['urn:x', 'a', 'b']);
    expect(read.hidden).toEqual(['xml version="1.0"']);
  });

  it('is what decodeFile reads HTML and XML files with', () => {
    const views = decodeFile('page.html', Buffer.from('<p title="t">x</p>'));
    expect(views.map((view) => view.how)).toEqual(['markup text', 'markup attributes and comments']);
  });
});
