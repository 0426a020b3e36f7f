/**
 * What travels through the segment queues. A `document` job carries the Document itself (plain
 * JSON, raw bytes base64 until decode) under its content hash as job id; a `rejection` job carries
 * a rejected.jsonl record to the emitting segment, under the key the ledger will know it by.
 * Payloads are checked on arrival (validate.ts): a malformed one is a deterministic failure, never retried.
 */
import { contentHash } from '../core/hash.js';
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

export { isSafeOutputPath, parseDocument, parseRejectionJob } from './validate.js';
