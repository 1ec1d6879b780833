import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SENTINEL } from '../../src/bundle/sentinels.ts';
import { parseInline, validateContentWith, type Content } from '../../src/core/validate/content.ts';
import { ContentSnapshot } from '../../src/dev/content-snapshot.ts';
import { memoParser } from '../../src/dev/memo-parse.ts';
import { previewPage } from '../../src/dev/preview-html.ts';
import { previewView } from '../../src/dev/preview-view.ts';
import { ViewPages } from '../../src/dev/view-pages.ts';
import { watchContent } from '../../src/dev/watch.ts';
import { copyContent, scratchDirs } from '../helpers/cli.ts';

const AT = { ms: Date.parse('2026-11-28T12:00:00Z'), text: '2026-11-28T12:00:00Z' };
const ADVISORY = 'advisories/2025/CTSA-2025-0007.md';
const { temp, keep } = scratchDirs();

/** A scratch content folder with its snapshot, a remembering parser and the internal view's pages. */
async function session() {
  const dir = keep(copyContent());
  const snapshot = await ContentSnapshot.open(dir);
  const parser = memoParser(parseInline);
  const pages = new ViewPages();
  const validate = async () => (await validateContentWith(snapshot.current.files!, parser.parse)).content!;
  const render = (content: Content) => pages.pages(content, previewView(content, {}, dir).preview!, AT);
  return { dir, snapshot, parser, pages, validate, render };
}

describe('a save in the dev server', () => {
  it('parses and projects the saved advisory alone, and keeps every other page as it was', async () => {
    const { dir, snapshot, parser, pages, validate, render } = await session();
    const before = render(await validate());
    expect(parser.last.parsed).toBe(31);
    expect(pages.projected).toBe(31);

    appendFileSync(join(dir, ADVISORY), '\nA sentence written in the preview.\n');
    expect(await snapshot.update([ADVISORY])).toBe('content');
    const after = render(await validate());
    expect(parser.last).toEqual({ parsed: 1, reused: 30 });
    expect(pages.projected).toBe(1);
    const edited = after.data.advisories.find((advisory) => advisory.id === 'CTSA-2025-0007')!;
    expect(edited.bodyHtml).toContain('A sentence written in the preview.');
    for (const page of after.data.advisories) {
      if (page !== edited) expect(before.data.advisories).toContain(page);
    }
  });

  it('validates again all at once only what site.yaml governs', async () => {
    const { dir, snapshot, parser, validate, render } = await session();
    render(await validate());
    const site = join(dir, 'site.yaml');
    writeFileSync(site, readFileSync(site, 'utf8').replace('Contoso Security Advisories', 'Contoso Advisories'));
    expect(await snapshot.update(['site.yaml'])).toBe('content');
    expect(render(await validate()).data.site.title).toBe('Contoso Advisories');
    expect(parser.last.parsed).toBe(31);
  });

  it("tells an asset's new bytes (reload only) from a new asset or a stray file (read again), and ignores editors' dotfiles", async () => {
    const { dir, snapshot } = await session();
    writeFileSync(join(dir, 'assets', '2025', 'ctsa-2025-0007-flow.svg'), '<svg/>');
    expect(await snapshot.update(['assets/2025/ctsa-2025-0007-flow.svg'])).toBe('asset');
    writeFileSync(join(dir, 'advisories', '2025', '.CTSA-2025-0007.md.swp'), 'x');
    expect(await snapshot.update(['advisories/2025/.CTSA-2025-0007.md.swp'])).toBe('none');
    writeFileSync(join(dir, 'assets', '2025', 'new.png'), 'png');
    expect(await snapshot.update(['assets/2025/new.png'])).toBe('content');
    expect(snapshot.current.files!.assets).toContain('assets/2025/new.png');
    writeFileSync(join(dir, 'advisories', '2025', 'notes.txt'), 'x');
    expect(await snapshot.update(['advisories/2025/notes.txt'])).toBe('content');
    expect(snapshot.current.problems.map((problem) => problem.message)).toEqual(['only advisory files (.md) may sit under advisories/']);
  });

  it('forgets a removed advisory and takes in a new one', async () => {
    const { dir, snapshot, validate, render } = await session();
    render(await validate());
    const from = join(dir, ADVISORY);
    mkdirSync(join(dir, 'advisories', '2027'));
    renameSync(from, join(dir, 'advisories', '2027', 'CTSA-2025-0007.md'));
    await snapshot.update([ADVISORY, 'advisories/2027', 'advisories/2027/CTSA-2025-0007.md']);
    expect(snapshot.current.files!.advisories.map((file) => file.path)).toContain('advisories/2027/CTSA-2025-0007.md');
    expect(snapshot.current.files!.advisories.map((file) => file.path)).not.toContain(ADVISORY);
  });
});

describe('the previewed view', () => {
  it('is the review tier unless one is named, a misspelt one with the id it likely meant', async () => {
    const { dir, validate } = await session();
    const content = await validate();
    expect(previewView(content, {}, dir).preview!.label).toBe('internal view');
    expect(previewView(content, { tier: 'public' }, dir).preview!.baseUrl).toBe('https://security.contoso.example/');
    expect(previewView(content, { tier: 'internl' }, dir).problem!.message).toBe('--tier internl: no such tier; did you mean "internal"?');
    expect(previewView(content, { partner: 'tailspin-telecom' }, dir).preview!.label).toBe('partner view without PoC, no lead (partner tailspin-telecom)');
    expect(previewView(content, { partner: 'nobody' }, dir).problem!.message).toMatch(/^--partner nobody: no such partner; the partners are contoso-av, /);
  });
});

describe('a preview page', () => {
  const state = { label: 'partner view', at: AT.text, problems: [] };

  it('has its sentinels filled as a tier bundle has them and the banner first in the body', () => {
    const html = `<html><body class="x"><p>${SENTINEL.recipientBar}${SENTINEL.mark('CTSA-2025-0007')}<span data-pagefind-ignore="">${SENTINEL.prose('CTSA-2025-0007')}</span></p></body></html>`;
    const page = previewPage(html, state);
    expect(page).not.toContain('@@TP');
    expect(page).toMatch(/^<html><body class="x"><div class="tierpress-preview"[^>]*>Preview: partner view as of 2026-11-28T12:00:00Z/);
    expect(page).toContain('<p>tp-unmarked</p>');
  });

  it('shows content errors with file, line and column, escaped', () => {
    const problems = [{ file: 'content/advisories/2025/X.md', line: 3, column: 7, field: 'title', message: 'found "<b>"' }];
    const page = previewPage('<body></body>', { ...state, problems });
    expect(page).toContain('1 content error: this page is the last good version');
    expect(page).toContain('<code>content/advisories/2025/X.md:3:7: title: found &quot;&lt;b&gt;&quot;</code>');
  });
});

describe('watching the content folder', () => {
  it('sees every save of a file an editor replaces by renaming a new one over it', async () => {
    const dir = temp('tierpress-watch-');
    mkdirSync(join(dir, 'advisories'));
    writeFileSync(join(dir, 'advisories', 'a.md'), 'one');
    const seen: string[][] = [];
    const stop = watchContent(dir, async (paths) => void seen.push(paths), 20);
    const saw = async (path: string) => {
      for (let i = 0; i < 200 && !seen.some((paths) => paths.includes(path)); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      const found = seen.some((paths) => paths.includes(path));
      seen.length = 0;
      return found;
    };
    try {
      for (const text of ['two', 'three']) {
        writeFileSync(join(dir, 'advisories', 'a.md.tmp'), text);
        renameSync(join(dir, 'advisories', 'a.md.tmp'), join(dir, 'advisories', 'a.md'));
        expect(await saw('advisories/a.md')).toBe(true);
      }
      appendFileSync(join(dir, 'advisories', 'a.md'), 'four');
      expect(await saw('advisories/a.md')).toBe(true);
      mkdirSync(join(dir, 'advisories', '2027'));
      expect(await saw('advisories/2027')).toBe(true);
      writeFileSync(join(dir, 'advisories', '2027', 'b.md'), 'new');
      expect(await saw('advisories/2027/b.md')).toBe(true);
    } finally {
      stop();
    }
  });
});
