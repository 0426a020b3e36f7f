/**
 * A pass's output kept between passes, in input order, so that the next pass streams it back
 * instead of holding every document in memory.
 *
 * `createSpill` keeps the first items in memory, as they are, up to a byte budget, and writes
 * the rest to disk: a small corpus never pays for JSON and disk (nor loses what stages remember
 * per document object between learn and run, see templates and near-duplicates), a large one is
 * bounded by the budget. On disk: one JSON line per item. Lines can be tens of megabytes (a long
 * document); they are read with a growing buffer split on LF, which JSON never contains unescaped.
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';

export interface SpillWriter {
  write(record: unknown): Promise<void>;
  close(): Promise<void>;
}

export interface Spill<T> {
  write(item: T): Promise<void>;
  close(): Promise<void>;
  /** The items written, once, in the order written; each is let go as it is yielded. */
  read(): AsyncGenerator<T>;
}

/** Bytes the spills of a run may hold in memory, together: the phase being read and the one written. */
export interface SpillBudget {
  left: number;
}

/**
 * A spill holding items in memory while `weigh` of them fits in what `budget` has left, and the
 * rest in a file at `path` (created only if needed; the caller removes it). Reading gives the
 * bytes back to the budget.
 */
export function createSpill<T>(path: string, budget: SpillBudget, weigh: (item: T) => number): Spill<T> {
  const held: (T | undefined)[] = [];
  const weights: number[] = [];
  let file: SpillWriter | undefined;
  return {
    async write(item) {
      if (!file) {
        const weight = weigh(item);
        if (weight <= budget.left) {
          budget.left -= weight;
          held.push(item);
          weights.push(weight);
          return;
        }
        // Order is kept: once one item goes to disk, all later ones do.
        file = createSpillWriter(path);
      }
      await file.write(item);
    },
    async close() {
      await file?.close();
    },
    async *read() {
      for (let i = 0; i < held.length; i++) {
        const item = held[i] as T;
        held[i] = undefined;
        budget.left += weights[i] ?? 0;
        yield item;
      }
      held.length = 0;
      if (file) yield* readSpill<T>(path);
    },
  };
}

export function createSpillWriter(path: string): SpillWriter {
  const stream: WriteStream = createWriteStream(path, { flags: 'w' });
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure = error;
  });
  return {
    async write(record) {
      if (failure) throw failure;
      // Respect back-pressure: a fast pass must not buffer the whole spill in memory.
      if (!stream.write(`${JSON.stringify(record)}\n`)) await once(stream, 'drain');
    },
    async close() {
      if (failure) throw failure;
      stream.end();
      await once(stream, 'finish');
    },
  };
}

/** The records of a spill file, in the order they were written. */
export async function* readSpill<T>(path: string): AsyncGenerator<T> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  let parts: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, start)) {
      parts.push(chunk.subarray(start, at));
      const line = Buffer.concat(parts).toString('utf8');
      parts = [];
      start = at + 1;
      yield JSON.parse(line) as T;
    }
    if (start < chunk.length) parts.push(chunk.subarray(start));
  }
  if (parts.length > 0 && Buffer.concat(parts).length > 0) throw new Error(`${path}: spill file ends mid-record`);
}

export async function removeSpill(path: string): Promise<void> {
  await rm(path, { force: true });
}
