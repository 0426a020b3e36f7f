/**
 * The bytes of an input as a stream of chunks, decompressed on the way when the name ends in
 * `.gz` (node:zlib, which also reads the concatenated gzip members of crawl shards) or `.zst`
 * (fzstd: Node 20 has no zstd). Nothing here holds more than a chunk at a time.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';

export type Compression = 'gz' | 'zst' | undefined;

export function compressionOf(name: string): Compression {
  const lower = name.toLowerCase();
  if (lower.endsWith('.gz')) return 'gz';
  if (lower.endsWith('.zst')) return 'zst';
  return undefined;
}

/** The name without its compression suffix: `a.jsonl.gz` -> `a.jsonl`. */
export function withoutCompression(name: string): string {
  const c = compressionOf(name);
  return c ? name.slice(0, -(c.length + 1)) : name;
}

async function* zstdChunks(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let out: Uint8Array[] = [];
  const decoder = new Decompress((chunk) => {
    out.push(chunk);
  });
  for await (const chunk of source) {
    decoder.push(chunk);
    if (out.length) {
      yield* out;
      out = [];
    }
  }
  decoder.push(new Uint8Array(0), true);
  yield* out;
}

/** Chunks of decompressed bytes from a readable stream (a file, stdin). */
export function decompressed(source: Readable, compression: Compression): AsyncIterable<Uint8Array> {
  if (compression === 'gz') {
    // pipeline() forwards backpressure and errors: a corrupt or truncated stream surfaces as an
    // error in the caller's for-await, after the records before it.
    const gunzip = createGunzip();
    pipeline(source, gunzip, () => {});
    return gunzip;
  }
  if (compression === 'zst') return zstdChunks(source);
  return source;
}

/** The decompressed bytes of a file, chunk by chunk. */
export function fileChunks(path: string, compression: Compression): AsyncIterable<Uint8Array> {
  return decompressed(createReadStream(path, { highWaterMark: 256 * 1024 }), compression);
}
