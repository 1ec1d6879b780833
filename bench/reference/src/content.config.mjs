// One collection over the bench corpus's advisory files. Only title and summary are read; zod
// drops the other frontmatter keys of the Tierpress format, and the body goes to Astro's
// default Markdown engine as written (gates included, like the most trusted tier sees it).
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const base = process.env.BENCH_REFERENCE_ADVISORIES;
if (!base) throw new Error('BENCH_REFERENCE_ADVISORIES is not set: run the reference through `npm run bench`');

const advisories = defineCollection({
  // The file name is the advisory id, as in Tierpress (docs/format.md#advisory-files).
  loader: glob({ pattern: '**/*.md', base, generateId: ({ entry }) => entry.replace(/^.*\//, '').replace(/\.md$/, '') }),
  schema: z.object({ title: z.string(), summary: z.string() }),
});

export const collections = { advisories };
