/**
 * Turns one input into documents, one record at a time: `readInput(file, options)` is an async
 * iterable, so a 65 MB shard is never held whole and the size limit applies per record. The
 * format comes from the name (`.gz`/`.zst` are decompressed on the way), or, for `-` (stdin), is
 * sniffed from the first bytes. What cannot become a document becomes a rejection with a reason
 * code; a stream that breaks half way (a truncated gzip) ends in one `unreadable` rejection after
 * the records read before it.
 */
import { posix } from 'node:path';
import type { DocumentFormat } from '../core/document.js';
import { OptionError } from '../core/options.js';
import type { InputFile } from './inputs.js';
import { compressionOf, fileChunks, withoutCompression } from './readers/bytes.js';
import { type Ingested, type ReaderOptions, rejected } from './readers/common.js';
import { readJsonl } from './readers/jsonl.js';
import { readStream } from './readers/stdin.js';
import { readWholeFile } from './readers/text.js';
import { readWarc } from './readers/warc.js';

export { documentFromBytes, type Ingested, outputPath } from './readers/common.js';

export interface ReadOptions {
  /** A document (a file, or one record of a JSONL/WARC input) larger than this is rejected `too-large`. Default 64 MiB. */
  readonly maxBytes?: number;
  /** The JSONL field holding the record's id. Default `id`. */
  readonly idKey?: string;
  /** The JSONL field holding the text. Default `text` (with `html` as a fallback). */
  readonly textKey?: string;
  /** The JSONL field holding the record's metadata, carried through untouched. Default `metadata`. */
  readonly metadataKey?: string;
  /** What `-` reads. Default process.stdin. */
  readonly stdin?: AsyncIterable<Uint8Array>;
  /**
   * A document's `raw` holds its bytes as a Uint8Array, not base64: for documents that stay in
   * this process (`cleanwire clean`), never for queue payloads (JSON). Default false.
   */
  readonly rawBytes?: boolean;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** The name a user gives for standard input. */
export const STDIN = '-';

type Format = DocumentFormat | 'jsonl' | 'warc' | 'pdf';

const FORMATS: Record<string, Format> = {
  '.txt': 'text',
  '.text': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.warc': 'warc',
  '.wet': 'warc',
  '.pdf': 'pdf',
};

function expectKey(key: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value === '' || value === '__proto__')
    throw new OptionError(`read: option \`${key}\` must be a non-empty field name, got ${JSON.stringify(value)}`);
  return value;
}

/** Validates read options once. */
export function readerOptions(options: ReadOptions = {}): ReaderOptions {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isInteger(maxBytes) || maxBytes < 1)
    throw new OptionError(`read: option \`maxBytes\` must be a positive integer, got ${String(maxBytes)}`);
  return {
    maxBytes,
    idKey: expectKey('idKey', options.idKey, 'id'),
    textKey: expectKey('textKey', options.textKey, 'text'),
    metadataKey: expectKey('metadataKey', options.metadataKey, 'metadata'),
    rawBytes: options.rawBytes === true,
  };
}

function formatOf(rel: string): Format | undefined {
  return FORMATS[posix.extname(withoutCompression(rel)).toLowerCase()];
}

/** True when `readInput` knows the file's type (by name; `-` always). */
export function isReadable(file: InputFile): boolean {
  return file.path === STDIN || formatOf(file.rel) !== undefined;
}

async function* records(
  file: InputFile,
  options: ReaderOptions,
  stdin?: AsyncIterable<Uint8Array>,
): AsyncGenerator<Ingested> {
  if (file.path === STDIN) {
    yield* readStream(file, stdin ?? process.stdin, options);
    return;
  }
  const format = formatOf(file.rel);
  if (!format) {
    const ext = posix.extname(file.rel);
    yield rejected(
      file.rel,
      'unsupported-type',
      `${JSON.stringify(ext || 'no extension')} is not .txt, .html, .htm, .pdf, .jsonl, .ndjson, .warc or .wet (optionally .gz or .zst)`,
    );
    return;
  }
  const compression = compressionOf(file.rel);
  if (format === 'text' || format === 'html' || format === 'pdf')
    yield* readWholeFile(file, format, compression, options);
  else if (format === 'jsonl') yield* readJsonl(file, fileChunks(file.path, compression), options);
  else yield* readWarc(file, fileChunks(file.path, compression), options);
}

/** The documents and rejections one input holds, in order, one at a time. */
export async function* readInput(file: InputFile, options: ReadOptions = {}): AsyncGenerator<Ingested> {
  const valid = readerOptions(options);
  let count = 0;
  try {
    for await (const item of records(file, valid, options.stdin)) {
      count++;
      yield item;
    }
  } catch (error) {
    const message = (error as Error).message || String(error);
    yield rejected(file.rel, 'unreadable', count ? `after ${count} record(s): ${message}` : message);
  }
}

/** All of one input at once: for small inputs and tests; the pipeline iterates `readInput`. */
export async function readAll(file: InputFile, options: ReadOptions = {}): Promise<Ingested[]> {
  const items: Ingested[] = [];
  for await (const item of readInput(file, options)) items.push(item);
  return items;
}
