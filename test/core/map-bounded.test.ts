import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../functions/core/map-bounded.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('mapBounded', () => {
  it('returns the results in the order of the items', async () => {
    const results = await mapBounded([3, 1, 2], 2, async (item) => {
      for (let i = 0; i < item; i++) await tick();
      return item * 10;
    });

    expect(results).toEqual([30, 10, 20]);
  });

  it('never has more than `width` calls in flight', async () => {
    let running = 0;
    let most = 0;
    let started = 0;
    const items = Array.from({ length: 1_000 }, (_, i) => i);

    await mapBounded(items, 4, async () => {
      started++;
      running++;
      most = Math.max(most, running);
      await tick();
      running--;
    });

    expect(most).toBe(4);
    expect(started).toBe(1_000);
  });

  it('starts no call after one throws, lets the running ones settle, then throws the first error', async () => {
    let started = 0;
    let settled = 0;

    const outcome = mapBounded(
      Array.from({ length: 100 }, (_, i) => i),
      3,
      async (item) => {
        started++;
        await tick();
        settled++;
        if (item === 4) throw new Error('item 4');
      },
    );

    await expect(outcome).rejects.toThrow('item 4');
    expect(started).toBeLessThan(10);
    expect(settled).toBe(started);
  });
});
