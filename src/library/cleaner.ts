/**
 * cleanwire as a typed library: the pipeline behind `cleanwire clean`, on strings and records
 * instead of files. No Redis, no file system: cross-document state lives in an in-memory store
 * owned by the cleaner.
 *
 * Two ways to feed a cleaner many documents, with the two semantics the CLI and workers have:
 * - `cleanBatch(inputs)`: the CLI's batch. Every cross-document stage learns from every input
 *   before it runs on any, so the first documents of a source benefit as much as the last.
 *   The inputs are held for the call.
 * - `clean(input)` / `stream(inputs)`: the workers' order. Each document is learned, then cleaned,
 *   one at a time in constant memory; call `learn(inputs)` first to warm the store (as
 *   `cleanwire learn` warms Redis) and the results equal the batch's.
 */
import type { Document, DocumentFormat, JsonValue, RecordId } from '../core/document.js';
import { contentHash } from '../core/hash.js';
import { expectKnownKeys, OptionError } from '../core/options.js';
import type { Rejection } from '../core/rejection.js';
import { recordIdOf, urlOf } from '../ingest/readers/common.js';
import { hostOf } from '../ingest/source-key.js';
import { type ArticleRecord, toArticle } from '../output/article.js';
import { rejectionOf, runBatch } from '../pipeline/batch.js';
import { createPipeline, learningStages, type PipelineOptions } from '../pipeline/pipeline.js';
import { runStages } from '../pipeline/run.js';
import { createMemoryStore } from '../store/memory-store.js';

/** One document to clean: its text (or HTML), and what is known about it. */
export interface CleanInput {
  /** The text, or the page when `format` is `html`. */
  readonly text: string;
  /** The record's own id (a JSON scalar), kept as the article record's `id`; else the content hash. */
  readonly id?: RecordId;
  /** The record's metadata, carried through to the article record untouched (`metadata.url` is its URL). */
  readonly metadata?: JsonValue;
  /** `text` (default) or `html`. */
  readonly format?: DocumentFormat;
  /** The article's URL: its host is the publisher (`sourceKey`) unless `sourceKey` is given. */
  readonly url?: string;
  /** The headline, when the text does not start with it. */
  readonly title?: string;
  /** Where the document came from, for the record's `source` (default: the URL, else `input`). */
  readonly source?: string;
  /** The publisher: documents of one publisher share templates (default: the URL's host, else `default`). */
  readonly sourceKey?: string;
}

export interface CleanerOptions {
  /** Options per stage, keyed by stage name, as in a `--config` file. Validated once, here. */
  readonly pipeline?: PipelineOptions;
}

/** What a document comes out as: the article record, or the rejection with its reason code. */
export type CleanResult = ArticleRecord | Rejection;

/** True when the result is a rejection (it has a `reason`), false for an article. */
export function isRejection(result: CleanResult): result is Rejection {
  return 'reason' in result;
}

export interface Cleaner {
  /** Learns one or many documents into the cleaner's store (as `cleanwire learn`), writing nothing. */
  learn(inputs: Iterable<CleanInput | string>): Promise<void>;
  /** Cleans one document: learned, then cleaned, against what the cleaner has seen so far. */
  clean(input: CleanInput | string): Promise<CleanResult>;
  /** Cleans many documents as one batch (as `cleanwire clean` does a folder), in input order. */
  cleanBatch(inputs: Iterable<CleanInput | string>): Promise<CleanResult[]>;
  /** Cleans a stream of documents one at a time (as workers do), yielding each result in order. */
  stream(inputs: AsyncIterable<CleanInput | string> | Iterable<CleanInput | string>): AsyncGenerator<CleanResult>;
  /** Releases the store. The cleaner cannot be used after. */
  close(): Promise<void>;
}

const INPUT_KEYS = ['text', 'id', 'metadata', 'format', 'url', 'title', 'source', 'sourceKey'] as const;

/** Turns what a caller hands over into a document, as the JSONL reader does for a record. */
export function documentOf(input: CleanInput | string): Document {
  const given: CleanInput = typeof input === 'string' ? { text: input } : input;
  if (given === null || typeof given !== 'object' || typeof given.text !== 'string') {
    throw new OptionError(`expected a string or an object with a string \`text\`, got ${describe(given)}`);
  }
  expectKnownKeys('input', given, INPUT_KEYS);
  const format = given.format ?? 'text';
  if (format !== 'text' && format !== 'html') {
    throw new OptionError(`input.format must be "text" or "html", got ${JSON.stringify(format)}`);
  }
  if (given.id !== undefined && recordIdOf(given.id) === undefined) {
    throw new OptionError(`input.id must be a string, a finite number or a boolean, got ${describe(given.id)}`);
  }
  const id = contentHash(given.text);
  const url = given.url ?? urlOf({}, given.metadata);
  const title = given.title?.trim();
  const text =
    title && format === 'text' && !given.text.trimStart().startsWith(title) ? `${title}\n${given.text}` : given.text;
  return {
    id,
    source: given.source ?? url ?? 'input',
    sourceKey: given.sourceKey ?? (url ? hostOf(url) : undefined) ?? 'default',
    output: `${id}.txt`,
    format,
    text,
    meta: url ? { url } : {},
    ...(given.id !== undefined ? { recordId: given.id } : {}),
    ...(given.metadata !== undefined ? { metadata: given.metadata } : {}),
    changes: [],
  };
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function createCleaner(options: CleanerOptions = {}): Cleaner {
  expectKnownKeys('cleaner', options, ['pipeline']);
  const stages = createPipeline(options.pipeline);
  const store = createMemoryStore();
  let closed = false;
  const open = () => {
    if (closed) throw new Error('this cleaner is closed');
  };
  const cleanOne = async (input: CleanInput | string): Promise<CleanResult> => {
    const outcome = await runStages(documentOf(input), stages, { store, learn: true });
    return outcome.action === 'keep' ? toArticle(outcome.doc) : rejectionOf(outcome);
  };
  return {
    async learn(inputs) {
      open();
      await runBatch([...inputs].map(documentOf), learningStages(stages), { store });
    },
    async clean(input) {
      open();
      return cleanOne(input);
    },
    async cleanBatch(inputs) {
      open();
      const docs = [...inputs].map(documentOf);
      const { kept, dropped } = await runBatch(docs, stages, { store });
      // runBatch returns kept and dropped apart; the caller wants them back in input order.
      // Every document ends in one of the two, and a rejection from a stage carries its id.
      const byId = new Map<string, CleanResult>();
      for (const doc of kept) byId.set(doc.id, toArticle(doc));
      for (const rejection of dropped) if (rejection.id) byId.set(rejection.id, rejection);
      return docs.map((doc) => byId.get(doc.id) as CleanResult);
    },
    async *stream(inputs) {
      open();
      for await (const input of inputs) yield await cleanOne(input);
    },
    async close() {
      if (closed) return;
      closed = true;
      await store.close();
    },
  };
}

/**
 * Cleans one text (or one record) on its own and returns its article record or its rejection.
 * Nothing is learned across calls: for per-source templates over many documents, use
 * `createCleaner`.
 */
export async function cleanText(input: CleanInput | string, options: CleanerOptions = {}): Promise<CleanResult> {
  const cleaner = createCleaner(options);
  try {
    return await cleaner.clean(input);
  } finally {
    await cleaner.close();
  }
}
