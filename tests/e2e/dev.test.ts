// tierpress dev, as an author runs it: a real dev server on a free port over a scratch copy of the
// example content, edited, broken and fixed while the test reads the served pages.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMarkKey } from '../../src/partners/keys.ts';
import { findInvisibleMarks, findMarkTokens, partnerMarks } from '../../src/partners/marks.ts';
import { copyContent, ROOT, scratchDirs } from '../helpers/cli.ts';

const AT = '2026-11-28T12:00:00Z';
const ADVISORY = join('advisories', '2025', 'CTSA-2025-0007.md');
/** Generous: a loaded two-core machine; the time is measured and printed, never asserted. */
const PATIENCE = 60_000;

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A `tierpress dev` process: its URL once serving, what it printed, and how to stop it. */
interface Dev {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  stop: () => Promise<number | null>;
}

async function startDev(args: string[], cwd: string): Promise<Dev> {
  // As an author's shell has it: Astro's dev server serves nothing when it sees it runs under Vitest.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'tierpress.ts'), 'dev', ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const found = / at (http:\/\/localhost:\d+\/\S*)$/m.exec(stdout)?.[1];
      if (found) (clearInterval(timer), resolve(found));
      if (child.exitCode !== null) (clearInterval(timer), reject(new Error(`tierpress dev exited with ${child.exitCode}:\n${stdout}\n${stderr}`)));
    }, 50);
  });
  return {
    child,
    url,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}

/** Polls `url` until its HTML satisfies `test`; returns that HTML and the seconds it took. */
async function until(url: string, test: (html: string) => boolean, what: string): Promise<{ html: string; seconds: number }> {
  const started = performance.now();
  let html = '';
  while (performance.now() - started < PATIENCE) {
    html = await fetch(url).then((response) => response.text()).catch(() => '');
    if (test(html)) return { html, seconds: (performance.now() - started) / 1000 };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} never showed ${what}; last served:\n${html.slice(0, 2000)}`);
}

/** The 1-based line of the first line of `text` that starts with `prefix`. */
const lineOf = (text: string, prefix: string) => text.split('\n').findIndex((line) => line.startsWith(prefix)) + 1;

describe('tierpress dev --tier internal', () => {
  const { temp, keep } = scratchDirs();
  const content = keep(copyContent());
  // The dev server's working folder: a dist/ written relative to it would show here.
  const cwd = temp('tierpress-dev-cwd-');
  const file = join(content, ADVISORY);
  const original = readFileSync(file, 'utf8');
  let dev: Dev;
  let page: string;
  const seconds: Record<string, number> = {};

  beforeAll(async () => {
    const port = await freePort();
    dev = await startDev(['--content', content, '--tier', 'internal', '--at', AT, '--port', String(port)], cwd);
    page = `${dev.url}advisories/CTSA-2025-0007/`;
  });
  afterAll(async () => {
    await dev?.stop();
    console.log(`tierpress dev, seconds from save to served HTML: ${JSON.stringify(seconds)}`);
  });

  it('serves the internal view below its path, every gate framed, with a preview banner', async () => {
    expect(dev.url).toMatch(/^http:\/\/localhost:\d+\/internal\/$/);
    const { html } = await until(page, (text) => text.includes('</html>'), 'a page');
    expect(html).toMatch(/<div class="tierpress-preview"[^>]*>Preview: internal view as of 2026-11-28T12:00:00Z/);
    expect(html).toContain('class="gate gate-trusted"');
    expect(html).toContain('class="gate gate-internal"');
    // The sentinels a build fills per bundle are filled, as in a tier bundle.
    expect(html).not.toContain('@@TP');
    // Only the assets the view refers to are served, from the content folder.
    const asset = await fetch(`${dev.url}assets/2025/ctsa-2025-0007-flow.svg`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe(readFileSync(join(content, 'assets', '2025', 'ctsa-2025-0007-flow.svg'), 'utf8'));
    expect((await fetch(`${dev.url}assets/../site.yaml`)).status).toBe(404);
  });

  it('shows a saved edit of the advisory, parsing and projecting that file alone', async () => {
    writeFileSync(file, `${original}\nAuthor note WOMBAT-EDIT-1 added while previewing.\n`);
    const shown = await until(page, (html) => html.includes('WOMBAT-EDIT-1'), 'the edit');
    seconds.edit = shown.seconds;
    expect(shown.html).toContain('tierpress-preview');
    expect(shown.html).not.toContain('tierpress-problems');
    await until(page, () => /CTSA-2025-0007\.md: 1 parsed, 1 projected, reloaded/.test(dev.stdout()), 'the terminal line');
  });

  it('shows a frontmatter error with file, line and column, in the page and the terminal, over the last good page', async () => {
    const broken = `${original.replace(/^release: .*$/m, 'release: 2026-11-31T17:00:00Z')}\nAuthor note WOMBAT-EDIT-2.\n`;
    writeFileSync(file, broken);
    const where = `${file}:${lineOf(broken, 'release:')}:10`;
    const shown = await until(page, (html) => html.includes('tierpress-problems'), 'the error');
    seconds.error = shown.seconds;
    expect(shown.html).toContain(`${where}: release: 2026-11-31 is not a date: November has 30 days`);
    // The last good page stays: the first edit, not the broken one.
    expect(shown.html).toContain('WOMBAT-EDIT-1');
    expect(shown.html).not.toContain('WOMBAT-EDIT-2');
    await until(page, () => dev.stderr().includes(where), 'the error in the terminal');
  });

  it('shows a gate error in the body with its line', async () => {
    const broken = `${original}\n:::tier{min=nobody}\nWOMBAT-EDIT-3\n:::\n`;
    writeFileSync(file, broken);
    const line = broken.split('\n').indexOf(':::tier{min=nobody}') + 1;
    const shown = await until(page, (html) => html.includes(`${file}:${line}:`), 'the gate error');
    expect(shown.html).toContain('tierpress-problems');
    expect(shown.html).not.toContain('WOMBAT-EDIT-3');
  });

  it('serves the page again once the file is fixed', async () => {
    writeFileSync(file, `${original}\nAuthor note WOMBAT-EDIT-4, fixed.\n`);
    const shown = await until(page, (html) => html.includes('WOMBAT-EDIT-4') && !html.includes('tierpress-problems'), 'the fixed page');
    seconds.fixed = shown.seconds;
  });

  it('re-renders on a site.yaml save', async () => {
    const site = join(content, 'site.yaml');
    writeFileSync(site, readFileSync(site, 'utf8').replace('title: Contoso Security Advisories', 'title: Contoso Advisories WOMBAT-SITE'));
    seconds.site = (await until(page, (html) => html.includes('WOMBAT-SITE'), 'the new site title')).seconds;
  });

  it('reloads an open browser page when the advisory is saved', async () => {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const tab = await browser.newPage();
      // Vite's client, which every page loads, must be connected before the save for the reload to reach it.
      const connected = new Promise<void>((resolve) => tab.on('console', (message) => message.text().includes('[vite] connected') && resolve()));
      await tab.goto(page);
      await connected;
      let loads = 0;
      tab.on('load', () => loads++);
      const saved = performance.now();
      writeFileSync(file, `${original}\nAuthor note WOMBAT-EDIT-5 seen by the browser.\n`);
      await tab.waitForFunction("document.body.innerText.includes('WOMBAT-EDIT-5')", null, { timeout: PATIENCE });
      seconds.browser = (performance.now() - saved) / 1000;
      expect(loads).toBeGreaterThan(0);
      expect(await tab.locator('.tierpress-preview').count()).toBe(1);
    } finally {
      await browser.close();
    }
  });

  it('writes no output folder, keeps its staging below .tierpress/ and removes it on Ctrl-C', async () => {
    const stage = join(ROOT, '.tierpress', `dev-${dev.child.pid}`);
    expect(existsSync(join(stage, 'pages.json'))).toBe(true);
    // Astro's outDir for a render is the staging folder's site/: the dev server never builds into it.
    expect(existsSync(join(stage, 'site'))).toBe(false);
    expect(readdirSync(cwd)).toEqual([]);
    expect(await dev.stop()).toBe(0);
    expect(existsSync(stage)).toBe(false);
    expect(dev.stdout()).toContain('preview stopped');
  });
});

describe('tierpress dev --partner', () => {
  const { temp, keep } = scratchDirs();
  const content = keep(copyContent());
  const cwd = temp('tierpress-dev-cwd-');
  let dev: Dev;

  beforeAll(async () => {
    dev = await startDev(['--content', content, '--partner', 'contoso-av', '--at', AT, '--port', String(await freePort())], cwd);
  });
  afterAll(async () => {
    await dev?.stop();
  });

  it("shows the partner's view with neutral marks: no mark of the partner, no name, a preview banner", async () => {
    expect(dev.url).toMatch(/\/trusted\/$/);
    const id = 'CTSA-2026-0001';
    expect(readFileSync(join(content, 'advisories', '2026', `${id}.md`), 'utf8')).toContain('{{mark}}');
    const { html } = await until(`${dev.url}advisories/${id}/`, (text) => text.includes('</html>'), 'a page');
    expect(html).toContain('Preview: trusted view (partner contoso-av)');
    expect(html).toContain('tp-unmarked');
    expect(html).not.toContain('@@TP');
    expect(html).not.toContain('Contoso Antivirus');
    // No mark at all (trace's own readers find none), and not the ones a build gives this partner.
    expect(findMarkTokens(html)).toEqual([]);
    expect(findInvisibleMarks(html)).toEqual([]);
    const marks = partnerMarks((await loadMarkKey(ROOT)).key, 'contoso-av');
    expect(html).not.toContain(marks.mark(id));
    expect(html).not.toContain(marks.prose(id));
    expect(readdirSync(cwd)).toEqual([]);
  });
});
