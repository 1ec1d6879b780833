import { describe, expect, it } from 'vitest';
import { files, frontmatter, problemsOf } from '../../helpers/content.ts';
import { validateContent } from '../../../src/core/validate/content.ts';

const FILE = 'content/advisories/2025/CTSA-2025-0001.md';

/** A minimal advisory with `replace` applied to its frontmatter text. */
const edited = (from: string, to: string) => frontmatter().replace(from, to);
const plus = (lines: string) => frontmatter('CTSA-2025-0001', lines);

interface Case {
  name: string;
  text: string | Uint8Array;
  line: number;
  column?: number;
  message: RegExp;
  field?: string;
}

// Every frontmatter error (docs/format.md#frontmatter), each on its own. Line 1 is the opening ---.
const cases: Case[] = [
  { name: 'opener other than ---', text: `--- \n${frontmatter().slice(4)}`, line: 1, message: /must open with a frontmatter line that is exactly ---/ },
  { name: 'a ---js engine', text: '---js\n{ id: "CTSA-2025-0001" }\n---\nbody\n', line: 1, message: /exactly ---/ },
  { name: 'no frontmatter at all', text: '# Title\n\nbody\n', line: 1, message: /exactly ---/ },
  { name: 'frontmatter not closed', text: '---\nid: CTSA-2025-0001\ntitle: x\n', line: 1, message: /not closed by a line that is exactly ---/ },
  { name: 'a file over 1 MiB', text: `${frontmatter()}\n${'a'.repeat(1024 * 1024)}`, line: 1, message: /limit is 1 MiB/ },
  { name: 'invalid UTF-8', text: new Uint8Array([...new TextEncoder().encode(frontmatter()), 0xff, 0xfe]), line: 1, message: /not valid UTF-8/ },
  { name: 'a stray carriage return', text: frontmatter().replace('title: Example flaw\n', 'title: Example\rflaw\n'), line: 3, message: /stray carriage return/ },
  // The YAML parser notices the unclosed flow sequence where the next key begins.
  { name: 'YAML syntax error', text: edited('title: Example flaw', 'title: [unclosed'), line: 4, message: /invalid YAML/ },
  { name: 'an anchor', text: edited('title: Example flaw', 'title: &t Example flaw'), line: 3, message: /anchors \(&t\) are not allowed/ },
  { name: 'an alias', text: edited('summary: An example flaw.', 'summary: *t'), line: 4, message: /aliases|invalid YAML/ },
  { name: 'a merge key', text: plus('<<: {kind: informational}\n'), line: 9, message: /merge keys \(<<\) are not allowed/ },
  { name: 'a tag', text: edited('title: Example flaw', 'title: !!str Example flaw'), line: 3, message: /tags are not allowed/ },
  { name: 'a custom tag', text: edited('title: Example flaw', 'title: !js/function x'), line: 3, message: /tags are not allowed/ },
  { name: 'a __proto__ key', text: plus('__proto__: {polluted: true}\n'), line: 9, message: /the key "__proto__" is not allowed/ },
  { name: 'a constructor key', text: plus('constructor: x\n'), line: 9, message: /the key "constructor" is not allowed/ },
  { name: 'a prototype key nested', text: edited('    affected: "< 2.0"', '    affected: "< 2.0"\n    prototype: x'), line: 8, message: /the key "prototype" is not allowed/ },
  { name: 'a duplicate key', text: plus('title: Again\n'), line: 9, message: /duplicate key/ },
  { name: 'a non-text key', text: plus('2025: x\n'), line: 9, message: /keys must be plain text/ },
  { name: 'a YAML directive', text: `---\n%YAML 1.2\n${frontmatter().slice(4)}`, line: 2, message: /invalid YAML|directives/ },
  { name: 'an unknown top-level key', text: plus('flavour: high\n'), line: 9, message: /unknown field "flavour"; expected one of id, title/, field: 'flavour' },
  { name: 'a misspelt top-level key', text: plus('severty: high\n'), line: 9, message: /^unknown field "severty"; did you mean "severity"\?$/, field: 'severty' },
  { name: 'an unknown nested key', text: edited('    affected: "< 2.0"', '    affected: "< 2.0"\n    maker: Contoso'), line: 8, message: /unknown field "maker"/, field: 'products[0].maker' },
  { name: 'an unknown overlay key', text: plus('tiers:\n  partner:\n    details: x\n'), line: 11, message: /unknown field "details"/, field: 'tiers.partner.details' },
  { name: 'an unknown tier in overlays', text: plus('tiers:\n  gold:\n    title: x\n'), line: 10, message: /unknown tier "gold"; expected one of public, partner, trusted, internal/ },
  { name: 'a misspelt tier in overlays', text: plus('tiers:\n  partners:\n    title: x\n'), line: 10, message: /unknown tier "partners"; did you mean "partner"\?/ },
  { name: 'a missing title', text: edited('title: Example flaw\n', ''), line: 2, message: /missing required field "title"/ },
  { name: 'a missing nested key', text: edited('    affected: "< 2.0"\n', ''), line: 6, message: /missing required field "affected"/, field: 'products[0]' },
  { name: 'a missing release', text: edited('release: 2025-07-22T17:00:00Z\n', ''), line: 2, message: /missing required field "release" \(only a draft/ },
  { name: 'a number where text is expected', text: edited('title: Example flaw', 'title: 42'), line: 3, message: /expected text, found the number 42 \(put it in quotes/ },
  { name: 'a version read as a number', text: edited('affected: "< 2.0"', 'affected: 2.10'), line: 7, message: /found the number 2.1 \(put it in quotes/ },
  { name: 'an empty title', text: edited('title: Example flaw', 'title: "  "'), line: 3, message: /must not be empty/ },
  { name: 'a malformed id', text: edited('id: CTSA-2025-0001', 'id: ctsa-25-1'), line: 2, message: /expected an advisory id such as CTSA-2025-0007/ },
  { name: 'an id that is not the file name', text: frontmatter('CTSA-2025-0002'), line: 2, message: /id CTSA-2025-0002 must equal the file name CTSA-2025-0001/ },
  { name: 'an instant without an offset', text: edited('release: 2025-07-22T17:00:00Z', 'release: 2025-07-22T17:00:00'), line: 8, message: /2025-07-22T17:00:00 has no offset; add Z for UTC/ },
  { name: 'an instant with a +0200 offset', text: edited('release: 2025-07-22T17:00:00Z', 'release: 2025-07-22T17:00:00+0200'), line: 8, message: /RFC 3339/ },
  { name: 'an instant without seconds', text: edited('release: 2025-07-22T17:00:00Z', 'release: 2025-07-22T17:00Z'), line: 8, message: /has no seconds/ },
  { name: '30 February', text: edited('release: 2025-07-22T17:00:00Z', 'release: 2025-02-30'), line: 8, message: /2025-02-30 is not a date: February has 28 days/ },
  { name: 'hour 24', text: edited('release: 2025-07-22T17:00:00Z', 'release: 2025-07-22T24:00:00Z'), line: 8, message: /hours go from 00 to 23/ },
  { name: 'not an instant at all', text: edited('release: 2025-07-22T17:00:00Z', 'release: soon'), line: 8, message: /expected an RFC 3339 date-time .*, found "soon"/ },
  { name: 'an unknown severity', text: plus('severity: urgent\n'), line: 9, message: /expected a severity: none, low, medium, high, critical, found "urgent"/ },
  { name: 'a malformed CVSS vector', text: plus('cvss:\n  - vector: CVSS:3.1/AV:N/AC:L\n'), line: 10, message: /the vector lacks the base metrics PR \(Privileges Required: N, L or H\); UI/, field: 'cvss[0].vector' },
  { name: 'an unknown CVSS metric value', text: plus('cvss:\n  - vector: CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n'), line: 10, message: /has AV:Q, but the base metric AV \(Attack Vector\) takes N, A, L or P/, field: 'cvss[0].vector' },
  { name: 'Safety in a base CVSS 4.0 metric', text: plus('cvss:\n  - vector: CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N\n'), line: 10, message: /has SI:S, but the base metric SI \(Subsequent System Integrity Impact\) takes H, L or N; S is valid only for the modified metric MSI/, field: 'cvss[0].vector' },
  { name: 'a repeated CVSS metric', text: plus('cvss:\n  - vector: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:L\n'), line: 10, message: /names the metric A twice/ },
  { name: 'an unsupported CVSS version', text: plus('cvss:\n  - vector: CVSS:5.0/AV:N\n'), line: 10, message: /unsupported version CVSS:5.0/ },
  { name: 'not a vector at all', text: plus('cvss:\n  - vector: high\n'), line: 10, message: /is not a CVSS vector/ },
  { name: 'a CVSS score that does not match', text: plus('cvss:\n  - vector: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n    score: 9.1\n'), line: 11, message: /^the vector scores 9.8, not 9.1; write 9.8 or leave the score out/, field: 'cvss[0].score' },
  { name: 'a malformed CVE', text: plus('cves: [CVE-25-1]\n'), line: 9, message: /expected an id such as CVE-2025-53770/, field: 'cves[0]' },
  { name: 'a malformed CWE', text: plus('cwes: [502]\n'), line: 9, message: /expected an id such as CWE-502/ },
  { name: 'an invalid purl', text: edited('  - name: Contoso Server', '  - name: Contoso Server\n    purl: contoso/server'), line: 7, message: /expected a package URL/ },
  { name: 'an unknown reference type', text: plus('references:\n  - url: https://x.example\n    type: blog\n'), line: 11, message: /expected a reference type/ },
  { name: 'a reference that is not a URL', text: plus('references:\n  - url: kb/5002754\n    type: fix\n'), line: 10, message: /absolute http or https URL/ },
  { name: 'a javascript: reference', text: plus('references:\n  - url: javascript:alert(1)\n    type: web\n'), line: 10, message: /absolute http or https URL/ },
  { name: 'an unknown status', text: plus('status: published\n'), line: 9, message: /expected a status: draft, interim, final/ },
  { name: 'no products', text: edited('products:\n  - name: Contoso Server\n    affected: "< 2.0"\n', 'products: []\n'), line: 5, message: /at least one product/ },
  { name: 'revisions out of order', text: plus('revisions:\n  - date: 2025-07-23\n    summary: b\n  - date: 2025-07-22\n    summary: a\n'), line: 12, message: /oldest first/ },
  { name: 'a release override on an always tier', text: plus('tiers:\n  internal:\n    release: 2025-07-01T00:00:00Z\n'), line: 11, message: /lead: always\), so a release override has no meaning/ },
  {
    name: 'an override that makes a trusted tier see later',
    text: plus('tiers:\n  trusted:\n    release: 2025-07-22T00:00:00Z\n'),
    line: 11,
    message: /"trusted" would see this advisory at 2025-07-22T00:00:00Z, later than the less trusted "partner" at 2025-07-21T17:00:00Z/,
  },
  {
    name: 'a partner override later than public',
    text: plus('tiers:\n  partner:\n    release: 2025-07-23T00:00:00Z\n'),
    line: 11,
    message: /"partner" would see this advisory .* later than the less trusted "public"/,
  },
  { name: 'a mark in frontmatter text', text: edited('summary: An example flaw.', 'summary: "Marker {{mark}}"'), line: 4, message: /\{\{mark\}\} outside a gate/ },
  // Gate syntax in a plain-text field would be published verbatim to every tier that sees the field.
  { name: 'a text gate in the summary', text: edited('summary: An example flaw.', 'summary: "Update now. :poc[Send a crafted request]"'), line: 4, column: 10, message: /`:poc\[…\]` would be a gate in the body; plain-text fields cannot hold gates — move this into the body inside a :::poc gate, or escape it \(`\\:poc\[…\]`, the backslash is shown\)/, field: 'summary' },
  { name: 'a tier gate in the title', text: edited('title: Example flaw', 'title: Flaw :tier[in the parser]{min=trusted}'), line: 3, column: 8, message: /`:tier\[…\]` would be a gate.*inside a :::tier\{min=…\} gate/, field: 'title' },
  { name: 'a leaf gate in a product name', text: edited('  - name: Contoso Server', '  - name: "::poc[Server] 2"'), line: 6, column: 11, message: /`::poc\[…\]` would be a gate/, field: 'products[0].name' },
  { name: 'a gate in a product vendor', text: edited('    affected: "< 2.0"', '    affected: "< 2.0"\n    vendor: Contoso :internal[subsidiary]'), line: 8, column: 13, message: /`:internal\[…\]` would be a gate/, field: 'products[0].vendor' },
  { name: 'a gate with attributes in an affected range', text: edited('affected: "< 2.0"', 'affected: "< 2.0 :internal{x}"'), line: 7, message: /`:internal\{…\}` would be a gate/, field: 'products[0].affected' },
  { name: 'a gate in a fixed version', text: edited('affected: "< 2.0"', 'affected: "< 2.0"\n    fixed: [2.0, "2.1 :poc[hotfix]"]'), line: 8, message: /`:poc\[…\]` would be a gate/, field: 'products[0].fixed[1]' },
  { name: 'a gate in the credits', text: plus('credits: ["Jo :internal[from the red team]"]\n'), line: 9, message: /`:internal\[…\]` would be a gate/, field: 'credits[0]' },
  { name: 'a gate in the keywords', text: plus('keywords: [parser, ":poc[rce]"]\n'), line: 9, message: /would be a gate/, field: 'keywords[1]' },
  { name: 'a gate in a revision summary', text: plus('revisions:\n  - date: 2025-07-23\n    summary: Added :poc[the exploit]\n'), line: 11, message: /would be a gate/, field: 'revisions[0].summary' },
  { name: 'a gate in the withdrawal reason', text: plus('withdrawn:\n  at: 2025-08-01T09:00:00Z\n  reason: Duplicate of :internal[the private ticket]\n'), line: 11, message: /would be a gate/, field: 'withdrawn.reason' },
  { name: 'a gate in an overlay title', text: plus('tiers:\n  partner:\n    title: Flaw :poc[in parse()]\n'), line: 11, message: /would be a gate/, field: 'tiers.partner.title' },
  { name: 'a gate in an overlay summary', text: plus('tiers:\n  partner:\n    summary: See :tier[the PoC]{min=trusted}\n'), line: 11, message: /`:tier\[…\]` would be a gate/, field: 'tiers.partner.summary' },
  { name: 'a gate in a reference URL', text: plus('references:\n  - url: https://x.example/a:poc[b]\n    type: web\n'), line: 10, message: /would be a gate/, field: 'references[0].url' },
  { name: 'a container opener at a line start of a block scalar', text: edited('summary: An example flaw.', 'summary: |\n  Update now.\n  :::poc\n  curl -X POST\n  :::'), line: 4, message: /`:::poc` would be a gate/, field: 'summary' },
  { name: 'a text gate after an escaped colon', text: edited('summary: An example flaw.', 'summary: "Run \\\\::poc[the exploit]"'), line: 4, message: /`::poc\[…\]` would be a gate.*escape it \(`:\\:poc\[…\]`/, field: 'summary' },
  { name: 'a container opener with attributes in plain text', text: edited('summary: An example flaw.', 'summary: ":::tier{min=trusted} secret"'), line: 4, message: /`:::tier\{…\}` would be a gate/, field: 'summary' },
  { name: 'a withdrawn without reason', text: plus('withdrawn:\n  at: 2025-08-01T09:00:00Z\n'), line: 10, message: /missing required field "reason"/ },
];

describe('frontmatter errors (docs/format.md#frontmatter)', () => {
  it.each(cases)('$name', ({ text, line, column, message, field }) => {
    const problems = problemsOf(text);
    const match = problems.find((problem) => message.test(problem.message));
    expect(match, `got: ${JSON.stringify(problems, null, 1)}`).toBeDefined();
    expect(match!.file).toBe(FILE);
    expect(match!.line).toBe(line);
    if (column !== undefined) expect(match!.column).toBe(column);
    if (field) expect(match!.field).toBe(field);
  });

  it.each([
    ['a time of day', 'title: Outage from 10:30 to 11:45'],
    ['a CVSS vector', 'summary: "Scored CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H."'],
    ['a host and port', 'summary: Listens on 0.0.0.0:8443 by default.'],
    ['a URL', 'summary: "See https://x.example/a:b?c=:d for details."'],
    ['a Windows path', 'summary: Installs into C:\\Program Files\\Contoso.'],
    ['an emoji shortcode', 'summary: "Fixed :smile: and :tada:"'],
    ['a colon before another name', 'summary: "The :pocket[x] and :tiers{y} names are not gates."'],
    ['an escaped gate', 'summary: "Write \\\\:poc[…] in a body for a gate."'],
    ['escaped gate runs', 'summary: "Not gates: \\\\:::poc[a], :\\\\:poc[b], \\\\:\\\\:tier{c}."'],
    ['a gate in overlay notes (gated Markdown)', 'summary: An example flaw.\ntiers:\n  partner:\n    notes: "Detection: :poc[the exploit] is for trusted partners."'],
  ])('plain-text colons that open no gate: %s', (_name, line) => {
    const text = /^title:/.test(line) ? edited('title: Example flaw', line) : edited('summary: An example flaw.', line);
    expect(problemsOf(text)).toEqual([]);
  });

  it('accepts a BOM and CRLF line endings', () => {
    const text = `\uFEFF${frontmatter()}\nBody line.\n`.replace(/\n/g, '\r\n');
    expect(problemsOf(text)).toEqual([]);
  });

  it('reports the same errors for the same invalid file read twice (no parser cache)', () => {
    const text = edited('title: Example flaw', 'title: &t Example flaw');
    expect(problemsOf(text)).toEqual(problemsOf(text));
    expect(problemsOf(text)).toHaveLength(1);
  });

  it('accepts every instant form of docs/format.md#instants and normalises it to UTC', () => {
    for (const [written, normal] of [
      ['2025-07-22T17:00:00Z', '2025-07-22T17:00:00Z'],
      ['"2025-07-22T19:00:00.5+02:00"', '2025-07-22T17:00:00.500Z'],
      ['2025-07-22', '2025-07-22T00:00:00Z'],
      ['"2025-07-22T12:00:00-05:00"', '2025-07-22T17:00:00Z'],
    ]) {
      const { content, problems } = validateContent(files({ 'advisories/2025/CTSA-2025-0001.md': edited('2025-07-22T17:00:00Z', written!) }));
      expect(problems).toEqual([]);
      expect(content!.advisories[0]!.fields.release).toBe(normal);
    }
  });

  it('names both files of a duplicate id, regardless of case', () => {
    const { problems } = validateContent(
      files({
        'advisories/2025/CTSA-2025-0001.md': frontmatter(),
        'advisories/2024/CTSA-2025-0001.md': frontmatter(),
      }),
    );
    expect(problems.map((p) => [p.file, p.line, p.message])).toEqual([
      ['content/advisories/2024/CTSA-2025-0001.md', 2, 'duplicate id CTSA-2025-0001, also in content/advisories/2025/CTSA-2025-0001.md'],
      ['content/advisories/2025/CTSA-2025-0001.md', 2, 'duplicate id CTSA-2025-0001, also in content/advisories/2024/CTSA-2025-0001.md'],
    ]);
  });

  it('derives the severity from the first CVSS vector when none is given', () => {
    const text = plus('cvss:\n  - vector: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N\n  - vector: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n');
    const { content } = validateContent(files({ 'advisories/2025/CTSA-2025-0001.md': text }));
    expect(content!.advisories[0]!.severity).toBe('medium');
  });
});
