/**
 * Reads input files into arrays of documents and rejections, in input order: `ingestStream`
 * collected, for the callers that hold a whole batch (`cleanwire learn`, `explain`). A second
 * input with the same content is a `duplicate-input` rejection, as in the streamed batch.
 */
import type { Document } from '../core/document.js';
import type { Rejection } from '../core/rejection.js';
import type { InputFile, WalkItem } from '../ingest/inputs.js';
import type { ReadOptions } from '../ingest/read.js';
import { ingestStream } from './ingest-stream.js';

export interface IngestResult {
  readonly docs: Document[];
  readonly rejections: Rejection[];
}

export async function ingestFiles(
  files: readonly InputFile[],
  options: ReadOptions & { concurrency: number },
): Promise<IngestResult> {
  const docs: Document[] = [];
  const rejections: Rejection[] = [];
  const items = (async function* (): AsyncGenerator<WalkItem> {
    for (const file of files) yield { file };
  })();
  for await (const item of ingestStream(items, options, { inputs: 0 })) {
    if ('rejection' in item) rejections.push(item.rejection);
    else docs.push(item.doc);
  }
  return { docs, rejections };
}
