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
    'the file type is not one cleanwire reads (.txt, .html, .htm, .pdf, .jsonl, .ndjson, .warc, .wet; optionally .gz or .zst)',
  'invalid-record': 'a JSONL line is not a JSON object with a string `text` field',
  'not-a-page': 'a crawl record holds no page (a redirect, an error status, an image)',
  unreadable: 'the file could not be read',
  'duplicate-input': 'the same content was already ingested from another source',
  'no-text': 'nothing that looks like article text is left after cleaning',
  'near-duplicate': 'the article nearly repeats an earlier one (dropped on request)',
  'pdf-encrypted': 'the PDF is encrypted with a password',
  'pdf-no-text': 'the PDF has no text layer (image-only or empty pages)',
  'pdf-unreadable': 'the PDF is broken, truncated or not a PDF, or reading it took too long',
  'stage-error': 'a cleaning stage failed on this document',
  unwritable: 'the clean article could not be written to the output folder',
  'invalid-job': 'a queue job payload read from Redis is not what cleanwire puts there',
  'job-failed': "the document's queue job failed for good (its transient errors outlasted its attempts)",
  superseded:
    'the input was rewritten after this version was published: a later version replaced its article (queue mode; drop the record with this id)',
} as const;

export type ReasonCode = keyof typeof REASONS;

export function isReasonCode(value: string): value is ReasonCode {
  return Object.hasOwn(REASONS, value);
}
