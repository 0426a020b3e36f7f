import { describe, expect, it } from 'vitest';
import { orderedMap } from '../../src/embedded/ordered.js';

describe('orderedMap', () => {
  it('yields in input order whatever order the calls finish in, with at most `window` running', async () => {
    let running = 0;
    let most = 0;
    const delays = [30, 1, 20, 5, 0, 15, 2, 25, 3, 10];
    const out: number[] = [];
    for await (const value of orderedMap(
      delays.map((d, i) => [d, i] as const),
      async ([delay, index]) => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, delay));
        running--;
        return index;
      },
      3,
    ))
      out.push(value);
    expect(out).toEqual(delays.map((_, i) => i));
    expect(most).toBeLessThanOrEqual(3);
  });

  it('pulls nothing from its source beyond the window', async () => {
    let pulled = 0;
    const source = (function* () {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield i;
      }
    })();
    const iterator = orderedMap(source, async (i) => i, 4)[Symbol.asyncIterator]();
    await iterator.next();
    expect(pulled).toBeLessThanOrEqual(5);
    await iterator.return?.(undefined);
  });

  it('raises a failed call when its turn comes, not before', async () => {
    const out: number[] = [];
    const run = async () => {
      for await (const v of orderedMap(
        [1, 2, 3],
        async (i) => {
          if (i === 3) throw new Error('third');
          return i;
        },
        8,
      ))
        out.push(v);
    };
    await expect(run()).rejects.toThrow('third');
    expect(out).toEqual([1, 2]);
  });
});
