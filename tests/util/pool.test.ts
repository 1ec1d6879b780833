import pMap from 'p-map';
import { describe, expect, it } from 'vitest';
import { rethrowCollected } from '../../src/util/pool.ts';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rethrowCollected after pMap with stopOnError: false', () => {
  it('throws the one error itself, so its message reaches the reader unchanged', async () => {
    const work = async (n: number) => {
      if (n === 2) throw new Error('page.html: changed after the bundle was sealed');
      return n;
    };
    const failing = pMap([1, 2, 3], work, { concurrency: 2, stopOnError: false });
    await expect(failing.catch(rethrowCollected)).rejects.toThrow(/^page\.html: changed after the bundle was sealed$/);
  });

  it('throws several as one AggregateError whose message names each, after every item ran', async () => {
    const ran: number[] = [];
    const work = async (n: number) => {
      await settle(5 - n);
      ran.push(n);
      if (n % 2 === 0) throw new Error(`item ${n} failed`);
    };
    const failing = pMap([1, 2, 3, 4], work, { concurrency: 2, stopOnError: false });
    const error = await failing.catch(rethrowCollected).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors).toHaveLength(2);
    expect((error as Error).message).toBe('item 2 failed\nitem 4 failed');
    expect(ran.sort()).toEqual([1, 2, 3, 4]);
  });
});
