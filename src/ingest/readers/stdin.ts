/**
 * `-` reads standard input, sniffed from its first bytes: gzip or zstd magic is decompressed and
 * sniffed again; `WARC/` is a WARC stream; `{` a JSONL stream; anything else one plain-text (or,
 * starting with `<`, HTML) document.
 */
import { Readable } from 'node:stream';
import type { InputFile } from '../inputs.js';
import { decompressed } from './bytes.js';
import { documentFromBytes, type Ingested, type ReaderOptions, rejected, sourceKeyOf } from './common.js';
import { readJsonl } from './jsonl.js';
import { collectUpTo } from './text.js';
import { readWarc } from './warc.js';

/** Reads the first chunk(s) for sniffing and gives back a stream that still starts with them. */
async function peek(source: AsyncIterable<Uint8Array>): Promise<{ head: Buffer; rest: AsyncIterable<Uint8Array> }> {
  const iterator = source[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < 16) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    seen.push(next.value);
    size += next.value.byteLength;
  }
  async function* rest(): AsyncGenerator<Uint8Array> {
    yield* seen;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head: Buffer.concat(seen, size), rest: rest() };
}

const GZIP = Buffer.from([0x1f, 0x8b]);
const ZSTD = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

export async function* readStream(
  file: InputFile,
  source: AsyncIterable<Uint8Array>,
  options: ReaderOptions,
  depth = 0,
): AsyncGenerator<Ingested> {
  const { head, rest } = await peek(source);
  if (depth === 0 && head.subarray(0, 2).equals(GZIP)) {
    yield* readStream(file, decompressed(Readable.from(rest), 'gz'), options, 1);
    return;
  }
  if (depth === 0 && head.subarray(0, 4).equals(ZSTD)) {
    yield* readStream(file, decompressed(Readable.from(rest), 'zst'), options, 1);
    return;
  }
  const start = head
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart();
  if (start.startsWith('WARC/')) {
    yield* readWarc(file, rest, options);
    return;
  }
  if (start.startsWith('{')) {
    yield* readJsonl(file, rest, options);
    return;
  }
  const { bytes, size } = await collectUpTo(rest, options.maxBytes);
  if (!bytes) {
    yield rejected(file.rel, 'too-large', `over ${size} bytes, over the limit of ${options.maxBytes}`);
    return;
  }
  yield {
    doc: documentFromBytes(
      bytes,
      {
        source: file.rel,
        sourceKey: sourceKeyOf(file, undefined),
        output: `${file.rel}.txt`,
        format: start.startsWith('<') ? 'html' : 'text',
      },
      options.rawBytes,
    ),
  };
}
