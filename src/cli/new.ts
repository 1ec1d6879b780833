import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_PREFIX, idPrefix, nextId, PREFIX } from '../core/scaffold/next-id.ts';
import { advisoryTemplate } from '../core/scaffold/template.ts';
import { SiteSchema } from '../core/schema/site.ts';
import { parseConfig } from '../core/validate/config.ts';
import { formatProblems } from '../core/validate/problem.ts';
import { parseAt, parseOptions, UsageError } from './usage.ts';

/** The options of `new`, as its parser takes them. */
export const NEW_OPTIONS = {
  content: { type: 'string', default: 'content' },
  title: { type: 'string' },
  product: { type: 'string' },
  prefix: { type: 'string' },
  at: { type: 'string' },
} as const;

/**
 * `tierpress new`: writes a draft advisory with the next free id of the
 * year into `<content>/advisories/<YYYY>/` and prints its path. The file
 * is created exclusively: an existing one (written meanwhile by another
 * `new`, say) is never overwritten; the next number is taken instead.
 */
export async function newCommand(args: string[]): Promise<number> {
  const options = parseOptions(args, NEW_OPTIONS);
  const at = parseAt(options.at);
  for (const [flag, value] of [['--title', options.title], ['--product', options.product]] as const) {
    if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} needs some text`);
  }
  if (options.prefix !== undefined && !PREFIX.test(options.prefix)) {
    throw new UsageError(`--prefix ${options.prefix}: expected an uppercase letter, then 1 to 15 uppercase letters or digits, e.g. CTSA`);
  }
  const siteFile = join(options.content, 'site.yaml');
  const bytes = await readFile(siteFile).catch(() => undefined);
  if (!bytes) {
    console.error(`${siteFile}:1:1: missing site.yaml: the advisory's tiers and classes come from it`);
    return 1;
  }
  const site = parseConfig({ path: 'site.yaml', name: siteFile, bytes }, SiteSchema);
  if (!site.value) {
    console.error(formatProblems(site.problems));
    return 1;
  }

  const advisories = join(options.content, 'advisories');
  const ids = (await readdir(advisories, { recursive: true }).catch(() => [] as string[]))
    .map((path) => path.split(/[\\/]/).pop()!)
    .filter((name) => name.endsWith('.md'))
    .map((name) => name.slice(0, -'.md'.length));
  const prefix = options.prefix ?? idPrefix(ids) ?? DEFAULT_PREFIX;
  const year = at.text.slice(0, 4);
  await mkdir(join(advisories, year), { recursive: true });
  // 'wx' fails when the file exists: a run that lost the race takes the next number rather than overwrite.
  for (let attempt = 0; attempt < 100; attempt++) {
    const id = nextId(ids, prefix, year);
    const path = join(advisories, year, `${id}.md`);
    const text = advisoryTemplate({ id, site: site.value, at: at.text, ...(options.title ? { title: options.title } : {}), ...(options.product ? { product: options.product } : {}) });
    try {
      await writeFile(path, text, { flag: 'wx' });
      console.log(path);
      return 0;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      ids.push(id);
    }
  }
  throw new Error(`could not find a free id of ${prefix}-${year} below ${advisories}`);
}
