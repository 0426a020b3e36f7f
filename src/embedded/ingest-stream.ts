/**
 * Inputs to documents as a stream, in input order: files are read with bounded concurrency
 * (p-limit's job, here an ordered window), a second input with the same content becomes a
 * `duplicate-input` rejection, and whatever goes wrong with one input (a read error, a reader
 * that throws) becomes a rejection for that input only.
 */
import type { Document } from '../core/document.js';
import type { Rejection } from '../core/rejection.js';
import type { WalkItem } from '../ingest/inputs.js';
import { type Ingested, type ReadOptions, readInput } from '../ingest/read.js';
import { DEFAULT_STORE_LIMITS } from '../store/store.js';
import { flatten, orderedMap } from './ordered.js';

export type IngestItem = { readonly doc: Document } | { readonly rejection: Rejection };

/** One input's documents; `readInput` may return them all at once or as a stream. */
async function readOne(item: WalkItem, options: ReadOptions): Promise<Iterable<Ingested> | AsyncIterable<Ingested>> {
  if ('rejection' in item) return [item];
  try {
    // The documents stay in this process: their bytes travel as bytes, not base64 (src/core/document.ts).
    const read: Iterable<Ingested> | AsyncIterable<Ingested> = await readInput(item.file, {
      ...options,
      rawBytes: true,
    });
    return guard(read, item.file.rel);
  } catch (error) {
    return [{ rejection: { source: item.file.rel, reason: 'unreadable', message: (error as Error).message } }];
  }
}

/** A streaming reader that fails half-way rejects the rest of its input, not the run. */
async function* guard(read: Iterable<Ingested> | AsyncIterable<Ingested>, source: string): AsyncGenerator<Ingested> {
  try {
    yield* read;
  } catch (error) {
    yield { rejection: { source, reason: 'unreadable', message: (error as Error).message } };
  }
}

/**
 * Inputs whose content duplicate detection remembers: the near-duplicate index's reach
 * (src/store/store.ts, `maxDocs`), so that memory stops growing there. A copy of an input
 * further back is read as a document of its own (near-duplicates no longer sees the first either).
 */
export const MAX_REMEMBERED_INPUTS = DEFAULT_STORE_LIMITS.maxDocs;

export interface IngestCounters {
  inputs: number;
}

export async function* ingestStream(
  inputs: AsyncIterable<WalkItem>,
  options: ReadOptions & {
    readonly concurrency: number;
    /** Inputs duplicate detection remembers. Default MAX_REMEMBERED_INPUTS. */
    readonly remember?: number;
  },
  counters: IngestCounters,
): AsyncGenerator<IngestItem> {
  // Documents seen so far by content hash (an id and a source name each, kept because a
  // duplicate's rejection names the first copy), the latest MAX_REMEMBERED_INPUTS of them.
  const firstSource = new Map<string, string>();
  const { remember = MAX_REMEMBERED_INPUTS, ...read } = options;
  const counted = (async function* () {
    for await (const item of inputs) {
      if ('file' in item) counters.inputs++;
      yield item;
    }
  })();
  for await (const item of flatten(orderedMap(counted, (i) => readOne(i, read), read.concurrency))) {
    if ('rejection' in item) {
      yield item;
      continue;
    }
    const seen = firstSource.get(item.doc.id);
    if (seen !== undefined) {
      yield {
        rejection: {
          source: item.doc.source,
          reason: 'duplicate-input',
          message: `same content as ${seen}`,
          id: item.doc.id,
        },
      };
      continue;
    }
    firstSource.set(item.doc.id, item.doc.source);
    // A Map iterates in insertion order: the first key is the earliest input.
    if (firstSource.size > remember) firstSource.delete(firstSource.keys().next().value as string);
    yield item;
  }
}
