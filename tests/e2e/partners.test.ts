import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decrypter } from 'age-encryption';
import { chromium, type Browser } from 'playwright-core';
import { extract } from 'tar';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readContent } from '../../src/pipeline/read.ts';
import { validateContent, type Content } from '../../src/core/validate/content.ts';
import { filesContaining, readBundle } from '../helpers/bundle.ts';
import { ROOT, scratchDirs, tierpress } from '../helpers/cli.ts';
import { gatedLines } from '../helpers/restricted.ts';
import { serve } from '../helpers/serve.ts';
import { AT, CANARIES } from './setup.ts';

const out = inject('out');
const contentDir = inject('content');
const { temp } = scratchDirs();
let content: Content;
beforeAll(async () => {
  content = validateContent((await readContent(contentDir)).files!).content!;
});
const pages = (bundle: string) =>
  readBundle(join(out, bundle)).map((f) => /^advisories\/([^/]+)\/index\.html$/.exec(f.path)?.[1]).filter((id): id is string => !!id).sort();

describe('partner bundles', () => {
  it('give a trusted partner in restricted-jurisdiction no PoC in any byte, and nothing before public release', () => {
    const bundle = readBundle(join(out, 'partners', 'tailspin-telecom'));
    expect(filesContaining(bundle, CANARIES.poc)).toEqual([]);
    expect(filesContaining(bundle, CANARIES.pocNote)).toEqual([]);
    for (const line of gatedLines(content, (gate) => gate.name === 'poc')) expect(filesContaining(bundle, line), line).toEqual([]);
    // CTSA-2026-0009 is released 2026-11-29: trusted partners have it at AT, this one does not.
    expect(pages('partners/tailspin-telecom')).toEqual(pages('public'));
    expect(pages('partners/tailspin-telecom')).not.toContain('CTSA-2026-0009');
  });

  it('give a plain trusted partner the PoC, and advisories before their release', () => {
    const bundle = readBundle(join(out, 'partners', 'fabrikam-mssp'));
    expect(filesContaining(bundle, CANARIES.poc)).toContain('advisories/CTSA-2025-0007/index.html');
    expect(pages('partners/fabrikam-mssp')).toEqual(pages('trusted'));
    expect(pages('partners/fabrikam-mssp')).toEqual(expect.arrayContaining(['CTSA-2026-0009', 'CTSA-2026-0010']));
  });

  it('give a partner that withholds poc everything of its tier but the PoC', () => {
    const bundle = readBundle(join(out, 'partners', 'litware-cert'));
    expect(filesContaining(bundle, CANARIES.poc)).toEqual([]);
    expect(pages('partners/litware-cert')).toEqual(pages('trusted'));
  });

  it('name the recipient beside the TLP label on every page, and a bar on pages without one', () => {
    for (const page of readBundle(join(out, 'partners', 'fabrikam-mssp')).filter((f) => f.path.endsWith('.html'))) {
      expect(page.text.match(/<span class="recipient">Recipient: Fabrikam Managed Security Services \(fabrikam-mssp\)<\/span>/g), page.path).toHaveLength(2);
    }
    for (const page of readBundle(join(out, 'partners', 'woodgrove-bank')).filter((f) => f.path.endsWith('.html'))) {
      expect(page.text, page.path).toContain('<div class="recipient-bar" role="note">Prepared for Woodgrove Bank CSIRT (woodgrove-bank).');
    }
    expect(filesContaining(readBundle(join(out, 'public')), 'class="recipient')).toEqual([]);
  });

  it('differ between two partners of one view only in their marks', () => {
    const a = readFileSync(join(out, 'partners', 'fabrikam-mssp', 'advisories', 'CTSA-2025-0007', 'index.html'), 'utf8');
    const b = readFileSync(join(out, 'partners', 'adventure-works', 'advisories', 'CTSA-2025-0007', 'index.html'), 'utf8');
    expect(a).not.toBe(b);
    const strip = (html: string) => html.replace(/tp-[a-z2-7]{10}/g, 'MARK').replace(/[\u200c\u200d\u2063]/g, '').replace(/ \t\t [ \t]{32}/g, '').replace(/Recipient: [^<]*|Prepared for [^<]*/g, 'WHO');
    expect(strip(a)).toBe(strip(b));
  });

  it('are sealed and verify like tier bundles', () => {
    for (const partner of ['fabrikam-mssp', 'tailspin-telecom', 'woodgrove-bank']) {
      const result = tierpress(['verify', join(out, 'partners', partner)]);
      expect(result.status, result.stdout).toBe(0);
    }
  });
});

describe('delivery', () => {
  it('writes a tar for a partner without recipient, and only an age-encrypted tar for one with', () => {
    expect(existsSync(join(out, 'partners', 'fabrikam-mssp.tar'))).toBe(true);
    expect(existsSync(join(out, 'partners', 'contoso-av.tar'))).toBe(false);
    expect(existsSync(join(out, 'partners', 'contoso-av.tar.age'))).toBe(true);
  });

  it('decrypts with the matching identity to a bundle that passes verify, and not with another identity', async () => {
    const identity = (name: string) => readFileSync(join(ROOT, 'tests', 'fixtures', 'age', `${name}.key`), 'utf8').split('\n').find((line) => line.startsWith('AGE-SECRET-KEY-'))!;
    const encrypted = readFileSync(join(out, 'partners', 'contoso-av.tar.age'));
    const wrong = new Decrypter();
    wrong.addIdentity(identity('adatum-hosting'));
    await expect(wrong.decrypt(encrypted)).rejects.toThrow(/no identity matched/);
    const right = new Decrypter();
    right.addIdentity(identity('contoso-av'));
    const tar = await right.decrypt(encrypted);
    const dir = temp('tierpress-delivered-');
    writeFileSync(join(dir, 'bundle.tar'), tar);
    await extract({ file: join(dir, 'bundle.tar'), cwd: dir });
    rmSync(join(dir, 'bundle.tar'));
    const verified = tierpress(['verify', dir, '--key', join(out, 'public', 'signing-key.pub.pem')]);
    expect(verified.stdout).toContain('verified');
    expect(verified.status).toBe(0);
  });
});

describe('trace', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => browser?.close());

  /** Text as a reader copies it out of the page: the browser's own text of the element. */
  async function copied(bundle: string, path: string, select: string): Promise<string> {
    const server = await serve(join(out, bundle));
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}${path}`);
      return await page.evaluate((kind) => {
        const elements = [...document.querySelectorAll(kind === 'poc' ? 'pre' : 'article p')] as HTMLElement[];
        const found = kind === 'poc' ? elements.find((e) => e.innerText.includes('X-Repro-Marker')) : elements.find((e) => e.textContent!.includes('\u2063'));
        return found?.innerText ?? '';
      }, select);
    } finally {
      await page.close();
      await server.close();
    }
  }
  const traced = (excerpt: string) => spawnSync(process.execPath, [join(ROOT, 'scripts', 'tierpress.ts'), 'trace', '-', '--content', contentDir, '--out', out], { input: excerpt, encoding: 'utf8', cwd: ROOT });

  it.each(['contoso-av', 'fabrikam-mssp', 'adventure-works'])('names %s from a PoC block and from a restricted paragraph copied out of its pages', async (partner) => {
    const poc = await copied(`partners/${partner}`, '/advisories/CTSA-2025-0007/', 'poc');
    const paragraph = await copied(`partners/${partner}`, '/advisories/CTSA-2025-0007/', 'prose');
    expect(poc).toContain('X-Repro-Marker: tp-');
    expect(paragraph.length).toBeGreaterThan(20);
    for (const excerpt of [poc, paragraph]) {
      const result = traced(excerpt);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`The input came from the bundle of ${partner}.`);
      // Each excerpt also carries an invisible mark (trailing whitespace in code, zero-width characters in prose).
      expect(result.stdout).toContain('invisible mark for CTSA-2025-0007');
    }
  });

  it('names the partner of a leaked page by its hash in the ledger too', () => {
    const result = tierpress(['trace', join(out, 'partners', 'fabrikam-mssp', 'advisories', 'CTSA-2025-0007', 'index.html'), '--content', contentDir, '--out', out]);
    expect(result.stdout).toMatch(/file hash [0-9a-f]{64} advisories\/CTSA-2025-0007\/index\.html of the build at 2026-11-28T12:00:00Z/);
  });

  it('names nobody for text from the public tier, and says so', async () => {
    const server = await serve(join(out, 'public'));
    const page = await browser.newPage();
    await page.goto(`${server.url}/advisories/CTSA-2025-0007/`);
    const text = await page.locator('article').innerText();
    await page.close();
    await server.close();
    const result = traced(text);
    expect(result.stdout).toContain('Nothing in this input identifies a partner');
  });
});

describe('ledger and who-knew after two builds at different --at', () => {
  let dir: string;
  beforeAll(() => {
    dir = temp('tierpress-ledger-');
    // Left by earlier builds: a plain archive of a partner that now has a recipient, and a partner since removed.
    mkdirSync(join(dir, 'partners', 'gone-partner'), { recursive: true });
    writeFileSync(join(dir, 'partners', 'gone-partner', 'index.html'), '<p>old</p>');
    writeFileSync(join(dir, 'partners', 'gone-partner.tar'), 'old');
    writeFileSync(join(dir, 'partners', 'contoso-av.tar'), 'old plain archive');
    for (const at of ['2026-11-25T12:00:00Z', AT]) {
      const result = tierpress(['build', '--out', dir, '--at', at, '--partner', 'contoso-av', '--partner', 'litware-cert', '--partner', 'adatum-hosting']);
      expect(result.status, result.stderr).toBe(0);
    }
  }, 300_000);

  it('appends one line per partner per build', () => {
    const lines = readFileSync(join(dir, 'ledger.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => `${l.at} ${l.partner}`)).toEqual([
      '2026-11-25T12:00:00Z adatum-hosting', '2026-11-25T12:00:00Z contoso-av', '2026-11-25T12:00:00Z litware-cert',
      `${AT} adatum-hosting`, `${AT} contoso-av`, `${AT} litware-cert`,
    ]);
    expect(lines[1]).toMatchObject({ tier: 'trusted', withheld: [], delivery: 'partners/contoso-av.tar.age' });
    expect(lines[2]).toMatchObject({ withheld: ['poc'] });
  });

  it('removes outdated deliveries: the plain archive beside a new encrypted one, and partners no longer listed', () => {
    expect(existsSync(join(dir, 'partners', 'contoso-av.tar'))).toBe(false);
    expect(existsSync(join(dir, 'partners', 'contoso-av.tar.age'))).toBe(true);
    expect(existsSync(join(dir, 'partners', 'gone-partner'))).toBe(false);
    expect(existsSync(join(dir, 'partners', 'gone-partner.tar'))).toBe(false);
    expect(existsSync(join(dir, 'partners', 'litware-cert.tar'))).toBe(true);
  });

  it('answers who received an advisory, and from when', () => {
    const result = tierpress(['who-knew', 'CTSA-2026-0009', '--out', dir]);
    expect(result.stdout).toMatch(/^contoso-av\s.*trusted\s+2026-11-25T12:00:00Z\s+2026-11-28T12:00:00Z/m);
    expect(result.stdout).toMatch(/^litware-cert\s.*2026-11-25T12:00:00Z/m);
    expect(result.stdout).toMatch(/^adatum-hosting\s.*partner\s+2026-11-28T12:00:00Z\s+2026-11-28T12:00:00Z/m);
  });

  it('answers who received its PoC: not the partner that withholds poc', () => {
    const result = tierpress(['who-knew', 'CTSA-2026-0010', '--gate', 'poc', '--out', dir]);
    expect(result.stdout).toContain('1 partner received the poc gates of CTSA-2026-0010');
    expect(result.stdout).toMatch(/^contoso-av\s/m);
    expect(result.stdout).not.toContain('litware-cert');
    expect(tierpress(['who-knew', 'CTSA-2026-0011', '--out', dir]).stdout).toContain('No partner has received CTSA-2026-0011');
  });

  it('says there is no ledger rather than "nobody" for a folder without one', () => {
    const result = tierpress(['who-knew', 'CTSA-2026-0009', '--out', join(dir, 'partners')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('there is no');
    expect(result.stdout).not.toContain('No partner has received');
  });
});
