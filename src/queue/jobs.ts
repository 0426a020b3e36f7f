/**
 * What travels through the segment queues. A `document` job carries the Document itself (plain
 * JSON, raw bytes base64 until decode) under its content hash as job id; a `rejection` job carries
 * a rejected.jsonl record to the emitting segment, under the key the ledger will know it by.
 * Payloads are checked on arrival: a malformed one is a deterministic failure, never retried.
 */
import { posix } from 'node:path';
import type { Document } from '../core/document.js';
import { contentHash } from '../core/hash.js';
import { isReasonCode } from '../core/reasons.js';
import type { Rejection } from '../core/rejection.js';

export const DOCUMENT_JOB = 'document';
export const REJECTION_JOB = 'rejection';
export const ARTICLE_JOB = 'article';

export interface RejectionJob {
  /** The ledger key: the document id for a document a stage dropped, else `r-<hash of the record>`. */
  readonly key: string;
  readonly rejection: Rejection;
}

/** Key of a rejection made before the pipeline (unreadable file, duplicate input): the record's own hash. */
export function rejectionKey(rejection: Rejection): string {
  return `r-${contentHash(JSON.stringify(rejection))}`;
}

export interface RetryOptions {
  /** Tries per job for transient failures. */
  readonly attempts: number;
  /** First retry delay in ms; it doubles on each retry. */
  readonly backoffMs: number;
}

export function retryJobOptions(retry: RetryOptions) {
  return { attempts: retry.attempts, backoff: { type: 'exponential', delay: retry.backoffMs } } as const;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** An output path that stays inside the output folder: relative, normalised, no `..`. */
export function isSafeOutputPath(path: string): boolean {
  return (
    path !== '' &&
    !posix.isAbsolute(path) &&
    !path.includes('\\') &&
    !path.includes('\0') &&
    posix.normalize(path) === path &&
    !path.split('/').includes('..')
  );
}

/** The document, or why the payload is not one. */
export function parseDocument(data: unknown): Document | string {
  if (!isObject(data)) return 'the payload is not an object';
  const { id, source, sourceKey, output, format, raw, text, meta, changes } = data;
  if (typeof id !== 'string' || !/^[0-9a-f]{32}$/.test(id)) return '`id` is not a content hash';
  if (typeof source !== 'string' || source === '') return '`source` is not a non-empty string';
  if (typeof sourceKey !== 'string') return '`sourceKey` is not a string';
  if (typeof output !== 'string' || !isSafeOutputPath(output))
    return `\`output\` ${JSON.stringify(output)} is not a relative path inside the output folder`;
  if (format !== 'text' && format !== 'html') return '`format` is not "text" or "html"';
  if (raw !== undefined && typeof raw !== 'string') return '`raw` is not a base64 string';
  if (typeof text !== 'string') return '`text` is not a string';
  if (!isObject(meta)) return '`meta` is not an object';
  if (!Array.isArray(changes)) return '`changes` is not an array';
  return data as unknown as Document;
}

/** The rejection job, or why the payload is not one. */
export function parseRejectionJob(data: unknown): RejectionJob | string {
  if (!isObject(data) || typeof data.key !== 'string' || !isObject(data.rejection))
    return 'the payload is not {key, rejection}';
  const r = data.rejection;
  if (typeof r.source !== 'string' || typeof r.reason !== 'string' || !isReasonCode(r.reason))
    return 'the rejection has no source or no known reason';
  if (typeof r.message !== 'string') return 'the rejection has no message';
  return data as unknown as RejectionJob;
}
