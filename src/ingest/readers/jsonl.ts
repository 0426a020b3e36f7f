/**
 * JSONL / NDJSON in the datatrove/dolma convention, one document per line, read one line at a
 * time: `{"id": …, "text": …, "metadata": {…}}` (the keys can be renamed with --id-key,
 * --text-key, --metadata-key). The id (any JSON scalar) and the metadata are carried through to
 * the output record untouched; `url`, else `metadata.url`, is the URL. A line over the size limit
 * is rejected alone, never read whole.
 */
import type { JsonValue } from '../../core/document.js';
import { contentHash } from '../../core/hash.js';
import type { InputFile } from '../inputs.js';
import { type Ingested, type ReaderOptions, recordIdOf, recordNamer, rejected, sourceKeyOf, urlOf } from './common.js';
import { linesOf } from './lines.js';

export async function* readJsonl(
  file: InputFile,
  chunks: AsyncIterable<Uint8Array>,
  options: ReaderOptions,
): AsyncGenerator<Ingested> {
  const name = recordNamer(file);
  for await (const line of linesOf(chunks, options.maxBytes)) {
    const source = `${file.rel}#${line.number}`;
    if ('tooLarge' in line) {
      yield rejected(
        source,
        'too-large',
        `line ${line.number} is ${line.tooLarge} bytes, over the limit of ${options.maxBytes}`,
      );
      continue;
    }
    if (line.text.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line.text);
    } catch (error) {
      yield rejected(source, 'invalid-record', `line ${line.number} is not JSON: ${(error as Error).message}`);
      continue;
    }
    const r = (record ?? {}) as Record<string, unknown>;
    const textValue = r[options.textKey];
    // `html` is the fallback body only under the default layout: a renamed text key is exact.
    const htmlValue = options.textKey === 'text' ? r.html : undefined;
    const body = typeof textValue === 'string' ? textValue : typeof htmlValue === 'string' ? htmlValue : undefined;
    if (typeof record !== 'object' || record === null || Array.isArray(record) || body === undefined) {
      yield rejected(
        source,
        'invalid-record',
        `line ${line.number} has no string ${JSON.stringify(options.textKey)}${options.textKey === 'text' ? ' (or "html")' : ''} field`,
      );
      continue;
    }
    const metadata = Object.hasOwn(r, options.metadataKey) ? (r[options.metadataKey] as JsonValue) : undefined;
    const recordId = recordIdOf(r[options.idKey]);
    const url = urlOf(r, metadata);
    const id = contentHash(body);
    const title = typeof r.title === 'string' && r.title.trim() ? r.title.trim() : undefined;
    const isText = typeof textValue === 'string';
    yield {
      doc: {
        id,
        source: url ?? source,
        sourceKey: sourceKeyOf(file, url),
        output: name(recordId, id),
        format: isText ? 'text' : 'html',
        // A record's title is the headline: put it on the first line, where every stage expects it.
        text: title && isText && !body.trimStart().startsWith(title) ? `${title}\n${body}` : body,
        meta: { ...(url ? { url } : {}) },
        ...(recordId !== undefined ? { recordId } : {}),
        ...(metadata !== undefined ? { metadata } : {}),
        changes: [],
      },
    };
  }
}
