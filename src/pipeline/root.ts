import { resolve } from 'node:path';

/** The project folder: Astro's root, and the parent of every staging folder and of the cache. */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');
