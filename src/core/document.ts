/**
 * A document is plain JSON: it travels as a BullMQ job payload between queue stages, so it holds
 * no class instances, no Maps and no Buffers (raw bytes are base64 until the decode stage). The
 * one exception never leaves the process: `cleanwire clean` reads its inputs with their bytes as
 * they are (`raw` a Uint8Array, see below), and the decode stage, which runs before anything
 * writes a document out as JSON, removes them.
 */

/** A JSON value as parsed from an input record: carried through to the output untouched. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** An input record's own id, as given: any JSON scalar but null. */
export type RecordId = string | number | boolean;

/** How the document's text is to be read by the text stages. */
export type DocumentFormat = 'text' | 'html';

/** One effect of one stage on the text: enough to explain and audit every decision. */
export interface Change {
  /** Stage name: equals the file name under src/stages/. */
  readonly stage: string;
  /** Rule id inside the stage, e.g. `comment-form` or `split-ligature`. */
  readonly rule: string;
  /** Character offset of the change in the text the stage received. */
  readonly offset: number;
  /** Text taken out, if any. */
  readonly removed?: string;
  /** Text put in, if any. */
  readonly inserted?: string;
  /** Why the rule fired, when it rests on evidence (counts, shares, similarity). */
  readonly evidence?: Readonly<Record<string, string | number>>;
  /**
   * `[start, end)` of the change in the original input: the text decode or html produced (for
   * their own changes, the text they received), whatever the stages between did to offsets.
   */
  readonly span?: readonly [number, number];
}

export interface DuplicateOf {
  readonly id: string;
  readonly similarity: number;
}

export interface DocumentMeta {
  /** The headline: the first line of the clean text, set by the gate stage. */
  readonly title?: string;
  /** URL of the article when known (JSONL `url`, HTML canonical or og:url). */
  readonly url?: string;
  /** ISO 639-3 code from franc (`und` when undetermined). */
  readonly lang?: string;
  /** franc's score for `lang`, 0..1. */
  readonly confidence?: number;
  /** Set by the near-duplicates stage when an earlier article is nearly the same. */
  readonly duplicateOf?: DuplicateOf;
  /** Character set the decode stage read the bytes as. */
  readonly encoding?: string;
  /** Author as the HTML page declares it (JSON-LD, meta author). */
  readonly author?: string;
  /** Publication date as the HTML page declares it (JSON-LD datePublished, article:published_time). */
  readonly published?: string;
  /** Site name (og:site_name, JSON-LD publisher). */
  readonly siteName?: string;
  /** The HTML page's own language tag (<html lang>), as written. */
  readonly htmlLang?: string;
  /**
   * Set by the html stage: the text is the main content found on a page's markup, not what is
   * left of scraped text, so it may hold no sentence at all (a product page, a listing).
   */
  readonly fromMarkup?: boolean;
}

export interface Document {
  /** Content hash of the input (hex); also the BullMQ job id. */
  readonly id: string;
  /** Path relative to its input root (with `#N` for the N-th record of a JSONL file), or a URL. */
  readonly source: string;
  /** The publisher: URL host, else the input's parent folder relative to its root. */
  readonly sourceKey: string;
  /** Where the clean article goes, relative to the output folder (`REL.txt`). */
  readonly output: string;
  readonly format: DocumentFormat;
  /**
   * Input bytes until the decode stage turns them into `text`: base64 in the JSON form (queue
   * payloads), or the bytes themselves in process (`readInput`'s `rawBytes`, which `cleanwire
   * clean` uses: a worker thread gets them as one copied buffer, where a base64 string cost an
   * encoding, a string copy each way and a decoding, about a tenth of the run's CPU on HTML pages).
   */
  readonly raw?: string | Uint8Array;
  /** The text: after the html stage, one paragraph a line. */
  readonly text: string;
  readonly meta: DocumentMeta;
  /**
   * The input record's own id (JSONL `id`, WARC-Record-ID), as given: the output record's `id`,
   * so that downstream joins keep working. The content hash stays in `id` (the job id).
   */
  readonly recordId?: RecordId;
  /** The input record's metadata (JSONL `metadata`, WARC URL and date), carried through untouched. */
  readonly metadata?: JsonValue;
  /** Every change so far, in stage order. */
  readonly changes: readonly Change[];
  /**
   * Runs `[textStart, originalStart, length, ...]`: where the current text's unchanged stretches
   * sit in the original input, to place later changes there (see src/pipeline/spans.ts).
   */
  readonly spanMap?: readonly number[];
}

/** A document's `raw` as bytes, whichever form it travels in. */
export function rawBytes(raw: string | Uint8Array): Buffer {
  return typeof raw === 'string' ? Buffer.from(raw, 'base64') : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}
