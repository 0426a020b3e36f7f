/**
 * Machine-readable reasons a document is rejected. Every rejection carries one of these codes
 * and a human message; nothing is dropped without one.
 */
export const REASONS = {
  'empty-input': 'the input has no bytes or only white space',
  'binary-input': 'the input is binary, not text',
  undecodable: 'the bytes could not be decoded as text in any supported encoding',
  'too-large': 'the input (or one record of it) is larger than the configured limit',
  'unsupported-type':
    'the file type is not one cleanwire reads (.txt, .html, .htm, .jsonl, .ndjson, .warc, .wet; optionally .gz or .zst)',
  'invalid-record': 'a JSONL line is not a JSON object with a string `text` field',
  'not-a-page': 'a crawl record holds no page (a redirect, an error status, an image)',
  unreadable: 'the file could not be read',
  'duplicate-input': 'the same content was already ingested from another source',
  'no-text': 'nothing that looks like article text is left after cleaning',
  'near-duplicate': 'the article nearly repeats an earlier one (dropped on request)',
  'stage-error': 'a cleaning stage failed on this document',
} as const;

export type ReasonCode = keyof typeof REASONS;

export function isReasonCode(value: string): value is ReasonCode {
  return Object.hasOwn(REASONS, value);
}
