import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';
import { afterAll, describe, expect, it } from 'vitest';
import { readContent } from '../../src/pipeline/read.ts';
import { validateContent } from '../../src/core/validate/content.ts';
import { formatProblems } from '../../src/core/validate/problem.ts';

// Keeps the examples of docs/*.md true. Fenced blocks are recognised by their info string:
//   ```markdown advisory   a complete advisory (also: any block that opens with --- and has an id: line)
//   ```yaml site           a complete site.yaml
//   ```yaml partners       a complete partners.yaml (validated against the example site.yaml)
//   ```yaml audit-allow    a complete audit-allow.yaml (validated with the advisories of the same page)
//   ```markdown invalid    a body (or a complete advisory) that must be refused
//   ```yaml invalid        frontmatter lines that must be refused; they replace the same keys of a minimal advisory
//   ```yaml site invalid, ```yaml partners invalid
// The paragraph right after an invalid block starts with "Error:" and quotes, in its first code span,
// a fragment of the message the refusal must contain. Nothing here builds a site.

const ROOT = resolve(import.meta.dirname, '..', '..');
const DOCS = join(ROOT, 'docs');
const SITE = readFileSync(join(ROOT, 'content', 'site.yaml'), 'utf8');
const ASSETS = join(ROOT, 'content', 'assets');

interface Block {
  page: string;
  line: number;
  info: string[];
  text: string;
  /** The paragraph after the closing fence. */
  after: string;
}

/** Every top-level fenced code block of a Markdown page, with the paragraph that follows it. */
function blocks(page: string, source: string): Block[] {
  const lines = source.split('\n');
  const found: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length; i++) {
      const close = /^(`{3,}|~{3,})\s*$/.exec(lines[i]!);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) break;
      body.push(lines[i]!);
    }
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() === '') j++;
    const after: string[] = [];
    while (j < lines.length && lines[j]!.trim() !== '') after.push(lines[j++]!);
    found.push({ page, line: start + 1, info: open[2]!.trim().split(/\s+/).filter(Boolean), text: `${body.join('\n')}\n`, after: after.join(' ') });
  }
  return found;
}

const pages = readdirSync(DOCS)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => ({ name, source: readFileSync(join(DOCS, name), 'utf8') }));
const all = pages.flatMap((page) => blocks(page.name, page.source));
const has = (block: Block, ...words: string[]) => words.every((word) => block.info.includes(word));
const isAdvisory = (block: Block) =>
  !has(block, 'invalid') && (has(block, 'markdown', 'advisory') || (block.text.startsWith('---\n') && /^id: /m.test(block.text)));

const advisories = all.filter(isAdvisory);
const sites = all.filter((block) => has(block, 'yaml', 'site') && !has(block, 'invalid'));
const partnerFiles = all.filter((block) => has(block, 'yaml', 'partners') && !has(block, 'invalid'));
const allowFiles = all.filter((block) => has(block, 'yaml', 'audit-allow'));
const invalid = all.filter((block) => has(block, 'invalid'));

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const idOf = (text: string) => /^id: *(\S+)/m.exec(text)?.[1] ?? 'CTSA-2025-0101';

/** Writes a content folder (the example site.yaml unless given) and runs the project's own validation on it. */
async function validate(options: { site?: string; partners?: string; auditAllow?: string; advisories?: string[] }) {
  const dir = mkdtempSync(join(tmpdir(), 'tierpress-docs-'));
  scratch.push(dir);
  writeFileSync(join(dir, 'site.yaml'), options.site ?? SITE);
  if (options.partners !== undefined) writeFileSync(join(dir, 'partners.yaml'), options.partners);
  if (options.auditAllow !== undefined) writeFileSync(join(dir, 'audit-allow.yaml'), options.auditAllow);
  const texts = options.advisories ?? [];
  mkdirSync(join(dir, 'advisories'));
  for (const text of texts) {
    const id = idOf(text);
    const file = join(dir, 'advisories', /-(\d{4})-/.exec(id)?.[1] ?? '2025', `${id}.md`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  if (texts.some((text) => text.includes('assets/'))) cpSync(ASSETS, join(dir, 'assets'), { recursive: true });
  const read = await readContent(dir);
  if (!read.files) return formatProblems(read.problems);
  return formatProblems(validateContent(read.files).problems);
}

/** The smallest valid advisory of docs/format.md, by top-level key; `yaml invalid` snippets replace its keys. */
const MINIMAL: Array<[string, string]> = [
  ['id', 'id: CTSA-2025-0101'],
  ['title', 'title: Denial of service in Contoso Mail'],
  ['summary', 'summary: A malformed header makes Contoso Mail stop processing messages.'],
  ['products', 'products:\n  - name: Contoso Mail\n    affected: "< 9.4.2"'],
  ['release', 'release: 2025-07-22T17:00:00Z'],
];

function advisoryWith(frontmatter: string, body = 'Install Contoso Mail 9.4.2 or later.\n'): string {
  const keys = new Set([...frontmatter.matchAll(/^([A-Za-z_][\w-]*):/gm)].map((match) => match[1]));
  const base = MINIMAL.filter(([key]) => !keys.has(key)).map(([, lines]) => lines);
  return `---\n${[...base, frontmatter.trimEnd()].filter(Boolean).join('\n')}\n---\n\n${body}`;
}

const where = (block: Block) => `docs/${block.page}:${block.line}`;

describe('docs examples', () => {
  it('has examples of every kind', () => {
    expect(advisories.length).toBeGreaterThan(0);
    expect(sites.length).toBeGreaterThan(0);
    expect(partnerFiles.length).toBeGreaterThan(0);
    expect(invalid.length).toBeGreaterThan(0);
  });

  it.each(advisories.map((block) => [where(block), block] as const))('the advisory at %s is valid', async (_name, block) => {
    expect(block.text.startsWith('---\n'), 'a complete advisory opens with ---').toBe(true);
    expect(await validate({ advisories: [block.text] })).toBe('');
  });

  it.each(sites.map((block) => [where(block), block] as const))('the site.yaml at %s is valid', async (_name, block) => {
    expect(await validate({ site: block.text })).toBe('');
  });

  it.each(partnerFiles.map((block) => [where(block), block] as const))('the partners.yaml at %s is valid', async (_name, block) => {
    expect(await validate({ partners: block.text })).toBe('');
  });

  it.each(allowFiles.map((block) => [where(block), block] as const))('the audit-allow.yaml at %s is valid with its page\'s advisories', async (_name, block) => {
    const own = advisories.filter((advisory) => advisory.page === block.page).map((advisory) => advisory.text);
    expect(await validate({ auditAllow: block.text, advisories: own })).toBe('');
  });

  it.each(invalid.map((block) => [where(block), block] as const))('the invalid example at %s is refused as its text says', async (_name, block) => {
    const expected = /^Error: .*?`([^`]+)`/.exec(block.after)?.[1];
    expect(expected, 'the paragraph after an invalid example starts with "Error:" and quotes the message').toBeDefined();
    let problems: string;
    if (has(block, 'site')) problems = await validate({ site: block.text });
    else if (has(block, 'partners')) problems = await validate({ partners: block.text });
    else if (has(block, 'yaml')) problems = await validate({ advisories: [advisoryWith(block.text)] });
    else if (block.text.startsWith('---\n')) problems = await validate({ advisories: [block.text] });
    else problems = await validate({ advisories: [advisoryWith('', block.text)] });
    expect(problems).not.toBe('');
    expect(problems).toContain(expected);
  });
});

/** A page without its fenced code blocks: its prose and headings. */
const unfenced = (source: string) => source.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?\n\1\s*$/gm, '');
/** A page without code of any kind: where its links are. */
const prose = (source: string) => unfenced(source).replace(/`[^`\n]*`/g, '');

describe('docs links', () => {
  const slugs = new Map(
    pages.map((page) => {
      const slugger = new GithubSlugger();
      const headings = unfenced(page.source)
        .split('\n')
        .filter((line) => /^#{1,6} /.test(line))
        .map((line) => slugger.slug(line.replace(/^#+ /, '').trim()));
      return [page.name, new Set(headings)];
    }),
  );

  it.each(pages.map((page) => [page.name, page] as const))('every link of docs/%s to a page of docs/ or an anchor resolves', (_name, page) => {
    const broken: string[] = [];
    for (const match of prose(page.source).matchAll(/\]\(([^)\s]*)\)/g)) {
      const target = match[1]!;
      if (/^[a-z]+:/.test(target)) continue;
      const [path, anchor] = target.split('#');
      const file = path === '' ? page.name : path!;
      if (path !== '' && !existsSync(join(DOCS, path!))) broken.push(target);
      else if (anchor !== undefined && file.endsWith('.md') && !slugs.get(file)?.has(anchor)) broken.push(target);
    }
    expect(broken).toEqual([]);
  });
});

describe('docs stand on their own', () => {
  const files = [...pages.map((page) => join(DOCS, page.name)), join(ROOT, 'README.md'), join(ROOT, 'content', 'README.md')];
  it.each(files.map((file) => [file.slice(ROOT.length + 1), file] as const))('%s names no file outside the repository', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    // Spelt in two parts so this test does not itself name the folder or the document outside the repository.
    expect(text).not.toContain(['..', 'shared'].join('/'));
    expect(text).not.toContain(['DESIGN', 'md'].join('.'));
  });
});
