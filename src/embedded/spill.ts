/**
 * A pass's output kept on disk between passes: one JSON line per item, in input order, so that
 * the next pass streams it back instead of holding every document in memory. Lines can be
 * tens of megabytes (a long document); they are read with a growing buffer split on LF, which
 * JSON never contains unescaped.
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';

export interface SpillWriter {
  write(record: unknown): Promise<void>;
  close(): Promise<void>;
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
