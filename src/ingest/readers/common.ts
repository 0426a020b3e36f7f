/**
 * What every reader shares: the document and rejection shapes, output names, and the record
 * fields (id, metadata, URL) kept through to the output record.
 */
import { posix } from 'node:path';
import type { Document, DocumentFormat, JsonValue, RecordId } from '../../core/document.js';
import { contentHash } from '../../core/hash.js';
import type { ReasonCode } from '../../core/reasons.js';
import type { Rejection } from '../../core/rejection.js';
import { safeOutputPath } from '../../output/output-name.js';
import type { InputFile } from '../inputs.js';
import { folderKey, hostOf } from '../source-key.js';
import { withoutCompression } from './bytes.js';

export type Ingested = { readonly doc: Document } | { readonly rejection: Rejection };

/** Options every reader gets, validated once by `readOptions`. */
export interface ReaderOptions {
  readonly maxBytes: number;
  readonly idKey: string;
  readonly textKey: string;
  readonly metadataKey: string;
  /** `raw` as the bytes themselves (in process), not base64 (JSON). */
  readonly rawBytes: boolean;
}

export function rejected(source: string, reason: ReasonCode, message: string): Ingested {
  return { rejection: { source, reason, message } };
}

/** `a/b.html` -> `a/b`, `a/b.jsonl.gz` -> `a/b`: the input's name without its extensions. */
export function stemOf(rel: string): string {
  const name = withoutCompression(rel);
  const ext = posix.extname(name);
  return ext ? name.slice(0, -ext.length) : name;
}

/**
 * `a/b.html` -> `a/b.txt`: the clean article replaces the input's extension. A name over the file
 * system's limits is shortened here, where the document is made, so that the CLI and the queue
 * (whose job checks refuse over-long names) write the same file.
 */
export function outputPath(rel: string): string {
  return safeOutputPath(`${stemOf(rel)}.txt`);
}

/**
 * A document's `raw` for `bytes`: base64 (the JSON form), or with `asBytes` the bytes themselves,
 * in a buffer of their own: a view into a larger one (Node's pool of small buffers) would take
 * all of it along when it is copied to a worker thread.
 */
export function rawOf(bytes: Uint8Array, asBytes: boolean): string | Uint8Array {
  if (!asBytes) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

/** A document carrying `bytes` as its `raw` (see rawOf). */
export function documentFromBytes(
  bytes: Uint8Array,
  fields: { source: string; sourceKey: string; output: string; format: DocumentFormat },
  asBytes = false,
): Document {
  return { id: contentHash(bytes), ...fields, raw: rawOf(bytes, asBytes), text: '', meta: {}, changes: [] };
}

const SAFE_NAME = /[^A-Za-z0-9._-]+/g;

/**
 * Names the article files of one multi-record input (`STEM/<record id>.txt`), each name once: two
 * records with the same id (or ids that sanitise alike) must not overwrite each other's file.
 */
export function recordNamer(file: InputFile): (recordId: RecordId | undefined, hash: string) => string {
  const base = stemOf(file.rel);
  const used = new Set<string>();
  return (recordId, hash) => {
    const given = recordId === undefined ? '' : String(recordId).replace(SAFE_NAME, '_').slice(0, 120);
    let name = given && given !== '.' && given !== '..' ? given : hash;
    if (used.has(name)) name = `${name}.${hash.slice(0, 12)}`;
    used.add(name);
    return safeOutputPath(`${base}/${name}.txt`);
  };
}

/** The id as given when it is a JSON scalar; null and structures are no id. */
export function recordIdOf(value: unknown): RecordId | undefined {
  return typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
    ? value
    : undefined;
}

/** The URL of a record: its own `url`, else `metadata.url` (the datatrove/dolma place for it). */
export function urlOf(record: Record<string, unknown>, metadata: JsonValue | undefined): string | undefined {
  if (typeof record.url === 'string' && record.url) return record.url;
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata)) {
    const url = metadata.url;
    if (typeof url === 'string' && url) return url;
  }
  return undefined;
}

/** The publisher of a record: its URL's host, else the input's folder (`stdin` for standard input). */
export function sourceKeyOf(file: InputFile, url: string | undefined): string {
  return (url && hostOf(url)) ?? (file.path === '-' ? 'stdin' : folderKey(file.root, file.rel));
}
