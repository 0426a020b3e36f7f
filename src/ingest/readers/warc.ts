/**
 * WARC and WET crawl files (WARC/1.0 and 1.1, parsed by webrecorder's warcio), one document per
 * page record, read one record at a time:
 * - `response` records with an HTML body become html documents (the HTTP body, de-chunked);
 * - `conversion` records (WET: the text Common Crawl extracted) and text `resource` records
 *   become text documents.
 * The record's WARC-Record-ID is its id; its target URI and date go into `url` and `metadata`.
 * `warcinfo`, `request`, `metadata` and `revisit` records describe the crawl, not pages: they are
 * passed over. A response that is not a page (a redirect, an error, an image) is rejected
 * `not-a-page`, so the count of records in and out always adds up.
 */
import { LimitReader, WARCParser, type WARCRecord } from 'warcio';
import { contentHash } from '../../core/hash.js';
import type { InputFile } from '../inputs.js';
import { type Ingested, type ReaderOptions, rawOf, recordNamer, rejected, sourceKeyOf } from './common.js';

const PAGE_TYPES = new Set(['response', 'conversion', 'resource']);

function mediaTypeOf(value: string | null | undefined): string {
  return (value ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The format a page record's body is read as, or why it is not a page. */
function formatOf(record: WARCRecord): 'html' | 'text' | { notPage: string } {
  if (record.warcType === 'conversion') return 'text';
  if (record.warcType === 'resource') {
    const type = mediaTypeOf(record.warcContentType);
    if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
    if (type.startsWith('text/')) return 'text';
    return { notPage: `resource of type ${JSON.stringify(type || 'unknown')}` };
  }
  const info = record.getResponseInfo();
  const status = Number(info?.status ?? 0);
  if (status < 200 || status >= 300) return { notPage: `HTTP status ${info?.status ?? 'missing'}` };
  const type = mediaTypeOf(info?.headers.get('content-type'));
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  return { notPage: `response of type ${JSON.stringify(type || 'unknown')}` };
}

/**
 * Reads what is left of a record's block, holding nothing, and fails on a truncated one. warcio's
 * own skip (LimitReader.skipFully) loops for ever when the file ends inside a record, so every
 * record is finished here before the parser moves on.
 */
async function finish(record: WARCRecord, index: number): Promise<void> {
  if (!record.consumed) {
    for await (const _ of record.reader) {
      // discarded: only the position in the stream matters
    }
    record.consumed = 'skipped';
  }
  const reader = record._reader;
  if (reader instanceof LimitReader && reader.limit > 0)
    throw new Error(`record ${index} is truncated: the file ends ${reader.limit} byte(s) short of its Content-Length`);
}

async function ingest(
  record: WARCRecord,
  file: InputFile,
  index: number,
  options: ReaderOptions,
  name: ReturnType<typeof recordNamer>,
): Promise<Ingested | undefined> {
  if (!PAGE_TYPES.has(record.warcType)) return undefined;
  const url = record.warcTargetURI || undefined;
  const recordId = record.warcHeader('WARC-Record-ID') || undefined;
  const source = url ?? `${file.rel}#${index}`;
  if (record.warcContentLength > options.maxBytes) {
    return rejected(
      source,
      'too-large',
      `record ${index} is ${record.warcContentLength} bytes, over the limit of ${options.maxBytes}`,
    );
  }
  const format = formatOf(record);
  if (typeof format === 'object')
    return rejected(source, 'not-a-page', `record ${index} (${record.warcType}) is a ${format.notPage}`);
  const bytes = Buffer.from(await record.readFully(true));
  const hash = contentHash(bytes);
  const date = record.warcDate || undefined;
  return {
    doc: {
      id: hash,
      source,
      sourceKey: sourceKeyOf(file, url),
      output: name(recordId, hash),
      format,
      raw: rawOf(bytes, options.rawBytes),
      text: '',
      meta: { ...(url ? { url } : {}) },
      ...(recordId ? { recordId } : {}),
      metadata: { ...(url ? { url } : {}), ...(date ? { date } : {}), warcType: record.warcType },
      changes: [],
    },
  };
}

export async function* readWarc(
  file: InputFile,
  chunks: AsyncIterable<Uint8Array>,
  options: ReaderOptions,
): AsyncGenerator<Ingested> {
  const name = recordNamer(file);
  let index = 0;
  for await (const record of new WARCParser(chunks)) {
    index++;
    const item = await ingest(record, file, index, options, name);
    await finish(record, index);
    if (item) yield item;
  }
}
