import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { fillSentinels, NEUTRAL_FILL, partnerFill } from '../../src/bundle/derive.ts';
import { project } from '../../src/core/project/project.ts';
import { tierView } from '../../src/core/project/view.ts';
import { codeMark, findInvisibleMarks, findMarkTokens, markBits, markToken, partnerMarks, proseMark } from '../../src/partners/marks.ts';
import { renderMarkdown } from '../../src/render/markdown-html.ts';
import { advisoryOf, frontmatter } from '../helpers/content.ts';

const KEY = new TextEncoder().encode('a test key that is long enough to be a secret');

describe('marks', () => {
  it('are keyed over partner and advisory: two partners, or two advisories, never share one', () => {
    expect(markToken(KEY, 'contoso-av', 'CTSA-2025-0007')).toMatch(/^tp-[a-z2-7]{10}$/);
    expect(markToken(KEY, 'contoso-av', 'CTSA-2025-0007')).toBe(markToken(KEY, 'contoso-av', 'CTSA-2025-0007'));
    expect(markToken(KEY, 'contoso-av', 'CTSA-2025-0007')).not.toBe(markToken(KEY, 'fabrikam-mssp', 'CTSA-2025-0007'));
    expect(markToken(KEY, 'contoso-av', 'CTSA-2025-0007')).not.toBe(markToken(KEY, 'contoso-av', 'CTSA-2025-0006'));
    expect(markToken(KEY, 'contoso-av', 'CTSA-2025-0007')).not.toBe(markToken(new TextEncoder().encode('another key, also long enough!!'), 'contoso-av', 'CTSA-2025-0007'));
  });

  it('hide 32 keyed bits in prose (zero-width characters) and in code (trailing spaces and tabs), found again in copied text', () => {
    const bits = markBits(KEY, 'contoso-av', 'CTSA-2025-0007').join('');
    const copied = `The request${proseMark(KEY, 'contoso-av', 'CTSA-2025-0007')} reaches the parser.\ncurl -X POST https://target/x${codeMark(KEY, 'contoso-av', 'CTSA-2025-0007')}\n  -d @payload\n`;
    expect(findInvisibleMarks(copied)).toEqual([bits, bits]);
    expect(copied.replace(/[\u200c\u200d\u2063]/g, '')).toContain('The request reaches the parser.');
  });

  it('finds mark tokens in text', () => {
    const token = markToken(KEY, 'a', 'CTSA-2025-0001');
    expect(findMarkTokens(`User-Agent: ctsa-repro/${token}\nX: ${token}`)).toEqual([token]);
  });

  it('finds a mark token upper-cased or glued to a word when copied', () => {
    const token = markToken(KEY, 'a', 'CTSA-2025-0001');
    expect(findMarkTokens(`X-REPRO: ${token.toUpperCase()}`)).toEqual([token]);
    expect(findMarkTokens(`marker_${token}.`)).toEqual([token]);
    expect(findMarkTokens(`${token}x`)).toEqual([]);
  });
});

describe('rendering marks into a shared render, then filling them per bundle', () => {
  const text = `${frontmatter()}\nPublic intro text.\n\n:::poc\nThe request below reaches the parser.\n\n\`\`\`http\nPOST /x HTTP/1.1\nX-Repro-Marker: {{mark}}\n\`\`\`\n:::\n`;
  const { advisory, content } = advisoryOf(text);
  const projected = project(advisory, tierView(content.site, 'trusted'), Date.parse('2026-01-01T00:00:00Z'))!;
  const html = renderMarkdown(projected.body, { advisory: 'CTSA-2025-0001', review: false, tierNames: {}, lowestTier: 'public', slugger: new GithubSlugger() });

  it('leaves sentinels in spans search skips, and none in unrestricted text', () => {
    expect(html).toContain('<p>Public intro text.</p>');
    expect(html).toContain('X-Repro-Marker: <span data-pagefind-ignore="">@@TPMARK:CTSA-2025-0001@@</span>');
    expect(html).toMatch(/<p>The<span data-pagefind-ignore="">@@TPPROSE:CTSA-2025-0001@@<\/span> request below/);
    expect(html).toMatch(/POST \/x HTTP\/1\.1<span data-pagefind-ignore="">@@TPCODE:CTSA-2025-0001@@<\/span>\n/);
  });

  it('fills a tier bundle with the neutral mark and no invisible marks', () => {
    const filled = fillSentinels(html, NEUTRAL_FILL, false);
    expect(filled).toContain('X-Repro-Marker: tp-unmarked');
    expect(filled).not.toContain('@@TP');
    // The spans that held sentinels go with them (the frame's label keeps its own data-pagefind-ignore).
    expect(filled).not.toContain('<span data-pagefind-ignore="">');
    expect(findInvisibleMarks(filled)).toEqual([]);
  });

  it("fills a partner bundle with that partner's marks, different from another partner's", () => {
    const one = fillSentinels(html, partnerFill(partnerMarks(KEY, 'contoso-av'), { id: 'contoso-av', name: 'Contoso <AV>' }), false);
    const two = fillSentinels(html, partnerFill(partnerMarks(KEY, 'fabrikam-mssp'), { id: 'fabrikam-mssp', name: 'Fabrikam' }), false);
    expect(one).toContain(`X-Repro-Marker: ${markToken(KEY, 'contoso-av', 'CTSA-2025-0001')}`);
    expect(findInvisibleMarks(one)).toEqual([markBits(KEY, 'contoso-av', 'CTSA-2025-0001').join(''), markBits(KEY, 'contoso-av', 'CTSA-2025-0001').join('')]);
    expect(one).not.toBe(two);
    expect(fillSentinels('@@TPRECIPIENT@@', partnerFill(partnerMarks(KEY, 'x'), { id: 'x', name: 'Contoso <AV>' }), false)).toBe('<span class="recipient">Recipient: Contoso &lt;AV&gt; (x)</span>');
  });

  it('escapes marks as JSON strings inside JSON files', () => {
    const json = JSON.stringify({ details: 'UA: @@TPCODE:CTSA-2025-0001@@' });
    const filled = fillSentinels(json, partnerFill(partnerMarks(KEY, 'a'), { id: 'a', name: 'A' }), true);
    expect(JSON.parse(filled).details).toBe(`UA: ${codeMark(KEY, 'a', 'CTSA-2025-0001')}`);
  });
});
