import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../src/core/parse/markdown.ts';
import { toString } from 'mdast-util-to-string';
import { project } from '../../../src/core/project/project.ts';
import { advisoryOf, frontmatter, problemsOf, viewsOf } from '../../helpers/content.ts';

const FILE = 'content/advisories/2025/CTSA-2025-0001.md';
/** The minimal frontmatter is 9 lines, then one empty line: Markdown starts on line 11. */
const FIRST = 11;
const withBody = (markdown: string) => `${frontmatter()}\n${markdown}`;

interface Case {
  name: string;
  markdown: string;
  /** Line within the Markdown (1 = first body line) and what the message must say. */
  line: number;
  column?: number;
  message: RegExp;
  assets?: string[];
}

// Every fail-closed rule of the body (docs/format.md#body-and-notes), each triggered on its own.
const cases: Case[] = [
  { name: 'unknown container directive', markdown: ':::warning\ntext\n:::\n', line: 1, message: /unknown directive :::warning/ },
  { name: 'unknown leaf directive', markdown: '::youtube[x]\n', line: 1, message: /unknown directive ::youtube/ },
  { name: 'unknown text directive with a label', markdown: 'see :abbr[HTML] here\n', line: 1, column: 5, message: /unknown directive :abbr with a label/ },
  { name: 'unknown text directive with attributes', markdown: 'see :abbr{title=x} here\n', line: 1, column: 5, message: /unknown directive :abbr with a label or attributes/ },
  { name: 'bare class gate', markdown: 'a bare :poc here\n', line: 1, column: 8, message: /:poc has nothing to gate/ },
  { name: 'empty text gate', markdown: 'empty :poc[] here\n', line: 1, message: /:poc has nothing to gate/ },
  { name: 'blank text gate', markdown: 'blank :poc[ ] here\n', line: 1, message: /:poc has nothing to gate/ },
  { name: 'empty leaf gate', markdown: '::poc[]\n', line: 1, message: /::poc has nothing to gate/ },
  { name: 'empty container gate', markdown: 'x\n\n:::poc\n:::\n', line: 3, message: /:::poc has nothing to gate/ },
  { name: 'class gate with attributes', markdown: ':::poc{level=high}\nx\n:::\n', line: 1, message: /class gate and takes no attributes/ },
  { name: 'class gate with empty attributes', markdown: 'see :poc[x]{} here\n', line: 1, message: /takes no attributes/ },
  { name: 'tier gate without min', markdown: ':::tier\nx\n:::\n', line: 1, message: /:::tier needs \{min=TIER\}/ },
  { name: 'tier gate with an unknown tier', markdown: ':::tier{min=partners}\nx\n:::\n', line: 1, message: /min=partners\} names an unknown tier/ },
  { name: 'tier gate with another attribute', markdown: ':::tier{min=partner class=x}\nx\n:::\n', line: 1, message: /takes only min=, not class/ },
  // mdast-util-directive keeps the last of a repeated attribute: {min=trusted min=public} would publish trusted text.
  { name: 'container tier gate with min twice', markdown: ':::tier{min=trusted min=public}\nx\n:::\n', line: 1, column: 1, message: /:::tier gives the attribute min more than once/ },
  { name: 'leaf tier gate with min twice', markdown: '::tier[x]{min=trusted min=public}\n', line: 1, column: 1, message: /::tier gives the attribute min more than once/ },
  { name: 'text tier gate with min twice', markdown: 'see :tier[x]{min=trusted min=public} here\n', line: 1, column: 5, message: /:tier gives the attribute min more than once/ },
  { name: 'tier gate with min twice, quoted', markdown: ':::tier{min="trusted" min=\'public\'}\nx\n:::\n', line: 1, column: 1, message: /gives the attribute min more than once/ },
  { name: 'text tier gate with min twice, quoted', markdown: 'see :tier[x]{min="trusted" min=\'public\'}\n', line: 1, column: 5, message: /gives the attribute min more than once/ },
  { name: 'text tier gate with min twice across lines', markdown: 'see :tier[x]{min=trusted\nmin=public}\n', line: 1, column: 5, message: /gives the attribute min more than once/ },
  { name: 'tier gate with min and an id shortcut', markdown: ':::tier{min=trusted #x}\nx\n:::\n', line: 1, column: 1, message: /takes only min=, not id/ },
  { name: 'text tier gate with min and a class shortcut', markdown: 'see :tier[x]{min=trusted .a}\n', line: 1, column: 5, message: /takes only min=, not class/ },
  { name: 'tier gate with a class shortcut twice', markdown: ':::tier{min=partner .a .a}\nx\n:::\n', line: 1, column: 1, message: /gives the attribute class more than once/ },
  { name: 'tier gate with an id twice', markdown: '::tier[x]{min=partner #a id=b}\n', line: 1, column: 1, message: /gives the attribute id more than once/ },
  { name: 'class gate with a class shortcut twice', markdown: ':::poc{.a .a}\nx\n:::\n', line: 1, column: 1, message: /:::poc gives the attribute class more than once.*class gate takes no attributes/ },
  { name: 'text class gate with a class shortcut twice', markdown: 'see :poc[x]{.a .a}\n', line: 1, column: 5, message: /:poc gives the attribute class more than once/ },
  { name: 'leaf class gate with min twice', markdown: '::poc[x]{min=trusted min=public}\n', line: 1, column: 1, message: /::poc gives the attribute min more than once/ },
  { name: 'container gate with a label', markdown: ':::poc[Exploit]\nx\n:::\n', line: 1, message: /takes no label/ },
  { name: 'container not closed', markdown: 'intro\n\n:::poc\nsecret\n\nmore\n', line: 3, message: /container :::poc is not closed/ },
  {
    name: 'outer container not closed',
    markdown: '::::tier{min=partner}\n:::poc\nsecret\n:::\n\nrest\n',
    line: 1,
    message: /container :::tier is not closed/,
  },
  { name: 'a ::: line that is not a directive', markdown: '::: poc\nsecret\n:::\n', line: 1, message: /starts with ::: but is not a directive/ },
  { name: 'a ::: line in a blockquote', markdown: '> ::: poc\n> secret\n', line: 1, message: /starts with ::: but is not a directive/ },
  { name: 'a lone ::: line', markdown: 'text\n\n:::\n', line: 3, message: /starts with ::: but is not a directive/ },
  { name: 'directive syntax in image alt text', markdown: '![the :poc[secret] flow](https://x.example/a.png)\n', line: 1, message: /directive syntax inside image alt text/ },
  { name: 'raw HTML', markdown: 'a <b>bold</b> claim\n', line: 1, column: 3, message: /raw HTML is not allowed/ },
  { name: 'raw HTML block', markdown: '<div>\nhidden\n</div>\n', line: 1, message: /raw HTML is not allowed/ },
  { name: 'HTML comment', markdown: 'text\n\n<!-- secret reviewer note -->\n', line: 3, message: /HTML comments are not allowed/ },
  {
    name: 'link reference to a definition in a stricter gate',
    markdown: 'see [the patch][p]\n\n:::tier{min=partner}\n[p]: https://x.example/patch\n\nsee [the patch][p]\n:::\n',
    line: 1,
    message: /definition \[p\] \(line \d+\) is gated more strictly than this reference|\[p\] refers to a definition/,
  },
  {
    name: 'literal [label] whose definition sits in a gate',
    markdown: 'see [patch] for details\n\n:::poc\n[patch]: https://x.example/patch\n\nuse [patch]\n:::\n',
    line: 1,
    message: /\[patch\] refers to a definition \(line 14\) gated more strictly/,
  },
  {
    name: 'footnote defined inside a gate',
    markdown: 'as shown[^1]\n\n:::poc\nuse[^1]\n\n[^1]: the exploit needs root\n:::\n',
    line: 1,
    message: /\[\^1\] refers to a footnote/,
  },
  {
    name: 'reference inside a gate of another class',
    markdown: '[x]: https://x.example\n\n:::internal\n[y]: https://y.example\n:::\n\n:::tier{min=internal}\nsee [y]\n:::\n',
    line: 8,
    message: /\[y\] \(line 14\) is gated more strictly than this reference|\[y\] refers to a definition \(line 14\)/,
  },
  { name: 'fenced code not closed', markdown: 'text\n\n```sh\ncurl x\n', line: 3, message: /fenced code block is not closed/ },
  {
    name: 'fenced code inside a gate ended by the gate fence',
    markdown: ':::poc\n```sh\ncurl -X POST https://target/x\n:::\n\npublished rest\n',
    line: 2,
    message: /fenced code block is not closed/,
  },
  { name: 'mark outside a gate', markdown: 'User-Agent: {{mark}}\n', line: 1, message: /\{\{mark\}\} outside a gate/ },
  { name: 'mark in code outside a gate', markdown: '```\nUA: {{mark}}\n```\n', line: 1, message: /\{\{mark\}\} outside a gate/ },
  { name: 'mark written loosely', markdown: ':::poc\nUA: {{ mark }}\n:::\n', line: 2, message: /exactly as \{\{mark\}\}/ },
  { name: 'local link outside assets', markdown: '[notes](../../site.yaml)\n', line: 1, message: /resolves to site.yaml, outside assets\// },
  { name: 'local image that does not exist', markdown: '![flow](../../assets/missing.png)\n', line: 1, message: /names assets\/missing.png, which does not exist/ },
  { name: 'javascript: link', markdown: '[click](javascript:alert(1))\n', line: 1, message: /scheme javascript: is not allowed/ },
  { name: 'data: image', markdown: '![x](data:image/png;base64,AAAA)\n', line: 1, message: /scheme data: is not allowed/ },
  { name: 'absolute path link', markdown: '[x](/etc/passwd)\n', line: 1, message: /absolute path/ },
  { name: 'protocol-relative link', markdown: '[x](//evil.example/x)\n', line: 1, message: /protocol-relative/ },
  { name: 'local link with a query', markdown: '[x](../../assets/a.txt?v=1)\n', line: 1, message: /has a query/, assets: ['assets/a.txt'] },
  { name: 'a leaf gate written mid-paragraph', markdown: 'text then ::poc[secret]\n', line: 1, message: /looks like a poc gate but is not one/ },
  { name: 'a text gate after an escaped colon', markdown: 'text \\::poc[secret] here\n', line: 1, column: 8, message: /\\::poc\[…\] escapes only its first colon, so :poc\[…\] after it is still a gate/ },
  { name: 'a leaf gate written after an escaped colon', markdown: '\\::poc[secret]\n', line: 1, column: 3, message: /escapes only its first colon/ },
];

describe('body errors (docs/format.md#body-and-notes)', () => {
  it.each(cases)('$name', ({ markdown, line, column, message, assets }) => {
    const problems = problemsOf(withBody(markdown), { assets });
    const match = problems.find((problem) => message.test(problem.message));
    expect(match, `got: ${JSON.stringify(problems, null, 1)}`).toBeDefined();
    expect(match!.file).toBe(FILE);
    expect(match!.line).toBe(FIRST + line - 1);
    if (column !== undefined) expect(match!.column).toBe(column);
  });

  it('names the file when its Markdown nests too deeply to parse', () => {
    const problems = problemsOf(withBody(`${'> '.repeat(5000)}deep\n`));
    expect(problems).toEqual([{ file: FILE, line: 1, column: 1, message: 'could not be parsed: its Markdown nests too deeply to read' }]);
  });

  it('collects every error of a file, sorted by line', () => {
    const problems = problemsOf(withBody('<b>x</b>\n\n:::warning\ny\n:::\n\nUA {{mark}}\n'));
    expect([...new Set(problems.map((p) => p.line))]).toEqual([FIRST, FIRST + 2, FIRST + 6]);
  });

  it('positions errors in overlay notes at their line in the file', () => {
    const text = frontmatter('CTSA-2025-0001', 'tiers:\n  partner:\n    notes: |\n      Detection first.\n\n      A <script> tag.\n');
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: FILE, line: 14, column: 9, field: 'tiers.partner.notes' });
    expect(problems[0]!.message).toMatch(/raw HTML/);
  });
});

describe('attribute names read by the parser', () => {
  const markdown = ':::tier{min=partner}\nfor partners\n:::\n\n::tier[leaf]{min=trusted}\n\nsee :tier[text]{min="internal"} and :smile: here\n';

  it('are on the parsed directives, repeats included', () => {
    const tree = parseMarkdown(':::tier{min=trusted min=public .a #b}\nx\n:::\n');
    expect(tree.children[0]).toMatchObject({ type: 'containerDirective', data: { attributeNames: ['min', 'min', 'class', 'id'] } });
  });

  it('never reach a gated body or a projection', () => {
    const { advisory, content } = advisoryOf(`${frontmatter('CTSA-2025-0001', 'tiers:\n  partner:\n    notes: "see :tier[x]{min=trusted}"\n')}\n${markdown}`);
    expect(JSON.stringify(advisory)).not.toMatch(/attributeNames/);
    for (const view of Object.values(viewsOf(content))) {
      const projected = project(advisory, view, Date.parse('2100-01-01T00:00:00Z'));
      expect(projected).not.toBeNull();
      expect(JSON.stringify(projected)).not.toMatch(/attributeNames/);
    }
  });
});

describe('what stays ordinary text (docs/format.md#what-is-not-a-gate)', () => {
  it.each([
    ['a CVSS vector in prose', 'Scored CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H by the vendor.\n'],
    ['a time of day', 'The job runs at 11:57 and 23:05.\n'],
    ['an unknown bare text directive', 'The key:value syntax and a:b are fine.\n'],
    ['an empty link destination', 'The [libgit2]() C library.\n'],
    ['a fragment link', 'See [below](#details).\n'],
    ['a mailto link', 'Mail [the PSIRT](mailto:psirt@contoso.example).\n'],
    ['::: inside code', '```\n::: poc\n```\n\nand `:::` inline.\n'],
    ['a reference to a definition outside any gate', '[fix]: https://x.example/fix\n\n:::poc\nsee [fix]\n:::\n\nand [fix]\n'],
    ['a mark inside a gate', ':::poc\n```http\nUser-Agent: {{mark}}\n```\n:::\n'],
    ['an escaped text gate', 'text \\:poc[not a gate] here\n'],
    ['an escaped container line', '\\:::poc\n'],
    ['an escaped container line with attributes', '\\:::tier{min=partner}\n'],
    ['both colons of a leaf gate escaped', '\\:\\:poc[x] and :\\:poc[y]\n'],
  ])('%s', (_name, markdown) => {
    expect(problemsOf(withBody(markdown))).toEqual([]);
  });

  it('shows escaped gate syntax as written, without the backslash, to every tier; a real gate still gates', () => {
    const markdown = 'Write \\:poc[not a gate] or \\:\\:poc[x].\n\n\\:::poc\n\nthen :poc[hidden] here\n';
    const { advisory, content } = advisoryOf(`${frontmatter()}\n${markdown}`);
    const text = (tier: keyof ReturnType<typeof viewsOf>) => toString(project(advisory, viewsOf(content)[tier], Date.parse('2100-01-01T00:00:00Z'))!.body);
    expect(text('public')).toBe('Write :poc[not a gate] or ::poc[x].:::pocthen  here');
    expect(text('trusted')).toBe('Write :poc[not a gate] or ::poc[x].:::pocthen hidden here');
  });
});
