import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pMap from 'p-map';
import type { ContentFile } from '../core/validate/advisory.ts';
import { AUDIT_ALLOW } from '../core/validate/audit-allow.ts';
import { listFiles } from '../util/files.ts';
import { rethrowCollected } from '../util/pool.ts';
import type { ContentFiles } from '../core/validate/content.ts';
import type { Problem } from '../core/validate/problem.ts';

/**
 * Reads a content folder (docs/format.md#the-content-folder) into memory:
 * site.yaml, the optional partners.yaml and audit-allow.yaml, every advisory
 * file and the list of assets. Nothing is interpreted here; layout problems
 * (a stray file, a symbolic link) are reported, not skipped.
 */
export async function readContent(dir: string): Promise<{ files?: ContentFiles; problems: Problem[] }> {
  const problems: Problem[] = [];
  const fail = (name: string, message: string) => problems.push({ file: name, line: 1, column: 1, message });
  const load = async (rel: string): Promise<ContentFile> => ({
    path: rel,
    name: join(dir, rel),
    bytes: await readFile(join(dir, rel)),
  });

  const top = await lstat(dir).catch(() => undefined);
  if (!top?.isDirectory()) {
    fail(dir, 'content folder not found');
    return { problems };
  }
  const site = await lstat(join(dir, 'site.yaml')).catch(() => undefined);
  if (!site?.isFile()) fail(join(dir, 'site.yaml'), 'missing site.yaml: every content folder needs one');
  const partners = await lstat(join(dir, 'partners.yaml')).catch(() => undefined);
  const allow = await lstat(join(dir, AUDIT_ALLOW)).catch(() => undefined);

  const advisoryPaths: string[] = [];
  for (const rel of await contentFiles(dir, 'advisories', fail)) {
    if (rel.endsWith('.md')) advisoryPaths.push(rel);
    else fail(join(dir, rel), 'only advisory files (.md) may sit under advisories/');
  }
  const assets = await contentFiles(dir, 'assets', fail);
  if (problems.length > 0) return { problems };

  return {
    files: {
      site: await load('site.yaml'),
      ...(partners?.isFile() ? { partners: await load('partners.yaml') } : {}),
      ...(allow?.isFile() ? { auditAllow: await load(AUDIT_ALLOW) } : {}),
      // A bounded number at a time: tens of thousands of files would exceed the open-file limit.
      advisories: await pMap(advisoryPaths, load, { concurrency: 64, stopOnError: false }).catch(rethrowCollected),
      assets,
    },
    problems,
  };
}

/** Every regular file below `dir/sub`, as `/`-separated paths relative to `dir`, sorted; dotfiles skipped, links and other irregular entries reported. */
async function contentFiles(dir: string, sub: string, fail: (name: string, message: string) => void): Promise<string[]> {
  const onIrregular = (path: string, kind: 'symlink' | 'other') => fail(path, kind === 'symlink' ? 'symbolic links are not followed in the content folder' : 'not a regular file');
  const files = await listFiles(join(dir, sub), { skipDotfiles: true, onIrregular }).catch(() => [] as string[]);
  return files.map((path) => `${sub}/${path}`);
}
