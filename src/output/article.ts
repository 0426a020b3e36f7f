/**
 * The article record: one line of articles.jsonl and the payload of the `articles` output queue.
 * It holds nothing that varies between runs (no timestamps, no host names), so the CLI and the
 * workers produce it byte for byte the same.
 */
import type { Change, Document, DuplicateOf, JsonValue, RecordId } from '../core/document.js';

/**
 * In the datatrove/dolma convention: `id` is the input record's own id when it had one (else the
 * content hash), `metadata` is the input's metadata untouched, and cleanwire's fields sit beside.
 */
export interface ArticleRecord {
  readonly id: RecordId;
  /** Content hash of the input (hex); also the BullMQ job id. */
  readonly hash: string;
  readonly source: string;
  readonly sourceKey: string;
  /** The headline: the first line of the clean article. */
  readonly title: string;
  /** The body: the paragraphs after the headline, one a line. */
  readonly text: string;
  readonly lang: string;
  readonly confidence: number;
  readonly url?: string;
  readonly author?: string;
  readonly published?: string;
  readonly siteName?: string;
  /** The HTML page's declared language (<html lang>); `lang` is the detected one. */
  readonly htmlLang?: string;
  readonly metadata?: JsonValue;
  readonly duplicateOf?: DuplicateOf;
  readonly counts: {
    readonly paragraphs: number;
    readonly words: number;
    readonly characters: number;
    readonly changes: number;
  };
  readonly changes: readonly Change[];
}

const WORD = /[\p{L}\p{N}]+/gu;

export function toArticle(doc: Document): ArticleRecord {
  const [title = '', ...body] = doc.text.split('\n');
  const text = body.join('\n');
  return {
    id: doc.recordId ?? doc.id,
    hash: doc.id,
    source: doc.source,
    sourceKey: doc.sourceKey,
    title,
    text,
    lang: doc.meta.lang ?? 'und',
    confidence: doc.meta.confidence ?? 0,
    ...(doc.meta.url ? { url: doc.meta.url } : {}),
    ...(doc.meta.author ? { author: doc.meta.author } : {}),
    ...(doc.meta.published ? { published: doc.meta.published } : {}),
    ...(doc.meta.siteName ? { siteName: doc.meta.siteName } : {}),
    ...(doc.meta.htmlLang ? { htmlLang: doc.meta.htmlLang } : {}),
    ...(doc.metadata !== undefined ? { metadata: doc.metadata } : {}),
    ...(doc.meta.duplicateOf ? { duplicateOf: doc.meta.duplicateOf } : {}),
    counts: {
      paragraphs: body.length,
      words: doc.text.match(WORD)?.length ?? 0,
      characters: doc.text.length,
      changes: doc.changes.length,
    },
    changes: doc.changes,
  };
}

/** The clean article file: headline, then paragraphs, one a line. */
export function articleFileText(doc: Document): string {
  return `${doc.text}\n`;
}
