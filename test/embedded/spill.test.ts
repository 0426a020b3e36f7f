/**
 * The spill between phases: items in memory while the shared budget lasts, the rest in a file,
 * read back in the order written, the budget given back as they are read.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSpill } from '../../src/embedded/spill.js';
import { tempDir } from '../support/cli.js';

const collect = async <T>(items: AsyncIterable<T>) => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

describe('createSpill', () => {
  it('keeps what fits the budget in memory, the rest on disk, in the order written', async () => {
    const path = join(tempDir(), 'spill.jsonl');
    const budget = { left: 30 };
    const spill = createSpill<{ n: number; text: string }>(path, budget, (item) => item.text.length);
    const items = Array.from({ length: 10 }, (_, n) => ({ n, text: 'x'.repeat(10 + (n % 3)) }));
    for (const item of items.slice(0, 2)) await spill.write(item);
    expect(existsSync(path)).toBe(false);
    expect(budget.left).toBe(9);
    for (const item of items.slice(2)) await spill.write(item);
    await spill.close();
    expect(existsSync(path)).toBe(true);
    // Once one item went to disk, later small ones follow it there: order is kept.
    expect(budget.left).toBe(9);
    expect(await collect(spill.read())).toEqual(items);
    expect(budget.left).toBe(30);
  });

  it('shares one budget between the spill being read and the one being written', async () => {
    const dir = tempDir();
    const budget = { left: 20 };
    const weigh = (s: string) => s.length;
    const first = createSpill<string>(join(dir, 'a.jsonl'), budget, weigh);
    for (const s of ['aaaaa', 'bbbbb', 'ccccc', 'ddddd']) await first.write(s);
    await first.close();
    expect(budget.left).toBe(0);
    const second = createSpill<string>(join(dir, 'b.jsonl'), budget, weigh);
    for await (const s of first.read()) await second.write(s.toUpperCase());
    await second.close();
    // Each item read gave its bytes back before the next phase's copy took them.
    expect(existsSync(join(dir, 'b.jsonl'))).toBe(false);
    expect(await collect(second.read())).toEqual(['AAAAA', 'BBBBB', 'CCCCC', 'DDDDD']);
  });
});

describe('cleanFiles with its spills on disk', () => {
  it('writes what it writes with them in memory, byte for byte', async () => {
    const { cleanFiles } = await import('../../src/embedded/clean-files.js');
    const { readFileSync, readdirSync } = await import('node:fs');
    const { ROOT } = await import('../support/cli.js');
    const input = join(ROOT, 'seeds/input');
    const outputs = [];
    for (const spillMemory of [0, 1 << 30]) {
      const out = tempDir();
      const summary = await cleanFiles([input], { out, threads: 1, spillMemory });
      expect(summary.articles).toBeGreaterThan(0);
      const files = readdirSync(out, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(out.length))
        .sort();
      outputs.push(files.map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    }
    expect(outputs[0]).toEqual(outputs[1]);
  });
});
