import { describe, expect, it } from 'vitest';
import { searchShards } from '../../src/render/search-shards.ts';

describe('searchShards', () => {
  it('makes one shard per year, newest first in pagefind/ itself, each other year in its own folder, pages sorted', () => {
    const shards = searchShards([
      { id: 'CTSA-2025-0002', year: 2025 },
      { id: 'CTSA-2024-0001', year: 2024 },
      { id: 'CTSA-2026-0001', year: 2026 },
      { id: 'CTSA-2025-0001', year: 2025 },
      // Released in the year after its id's: the shard follows the release, as the year filter does.
      { id: 'CTSA-2025-0009', year: 2026 },
    ]);
    expect(shards).toEqual([
      { name: '2026', folder: 'pagefind/', pages: ['advisories/CTSA-2025-0009/index.html', 'advisories/CTSA-2026-0001/index.html'] },
      { name: '2025', folder: 'pagefind/2025/', pages: ['advisories/CTSA-2025-0001/index.html', 'advisories/CTSA-2025-0002/index.html'] },
      { name: '2024', folder: 'pagefind/2024/', pages: ['advisories/CTSA-2024-0001/index.html'] },
    ]);
  });

  it('gives a view without advisories one empty primary shard, so its search page still finds an index', () => {
    expect(searchShards([])).toEqual([{ name: 'none', folder: 'pagefind/', pages: [] }]);
  });

  it('refuses a year that cannot name a folder of four digits', () => {
    expect(() => searchShards([{ id: 'CTSA-2025-0001', year: Number.NaN }])).toThrow('CTSA-2025-0001: year NaN cannot name a search shard');
    expect(() => searchShards([{ id: 'CTSA-2025-0001', year: 12025 }])).toThrow('year 12025');
  });
});
