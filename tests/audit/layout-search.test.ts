import { describe, expect, it } from 'vitest';
import { checkLayout, type LayoutExpectation } from '../../src/audit/layout.ts';

const expected: LayoutExpectation = { advisories: new Set(['CTSA-2025-0007']), csaf: new Set(), assets: new Set(), hidden: new Set(), hosts: new Set() };

/** The files of one pagefind index, below `folder`. */
const index = (folder: string) => [
  `${folder}pagefind-entry.json`,
  `${folder}pagefind.en_545d17ffae.pf_meta`,
  `${folder}index/en_d5a549a.pf_index`,
  `${folder}filter/en_5270682.pf_filter`,
  `${folder}fragment/en_1107022.pf_fragment`,
];
const RUNTIME = ['pagefind.js', 'pagefind-worker.js', 'pagefind-component-ui.js', 'pagefind-component-ui.css', 'wasm.en.pagefind', 'wasm.unknown.pagefind'];

describe('the layout of a sharded search index', () => {
  it("allows pagefind's runtime and the newest year's index in pagefind/, and every other year's index in pagefind/<year>/", () => {
    expect(checkLayout([...RUNTIME.map((name) => `pagefind/${name}`), ...index('pagefind/'), ...index('pagefind/2025/'), ...index('pagefind/2014/')], expected)).toEqual([]);
  });

  it("refuses pagefind's runtime in a year's folder, a folder that is no year, a nested year and anything else in a year's folder", () => {
    const files = ['pagefind/2025/pagefind.js', 'pagefind/2025/wasm.en.pagefind', 'pagefind/shard/pagefind-entry.json', 'pagefind/2025/2024/pagefind-entry.json', 'pagefind/2025/notes.txt', 'pagefind/20250/pagefind-entry.json'];
    expect(checkLayout(files, expected)).toEqual(files.map((file) => ({ file, message: 'a file outside the bundle layout (see "What a build produces" in docs/deployment.md)' })));
  });
});
