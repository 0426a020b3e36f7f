/**
 * Reads input files into documents with bounded concurrency, in input order, and turns a second
 * input with the same content into a `duplicate-input` rejection instead of a second article.
 */
import pLimit from 'p-limit';
import type { Document } from '../core/document.js';
import type { Rejection } from '../core/rejection.js';
import type { InputFile } from '../ingest/inputs.js';
import { type ReadOptions, readAll } from '../ingest/read.js';

export interface IngestResult {
  readonly docs: Document[];
  readonly rejections: Rejection[];
}

export async function ingestFiles(
  files: readonly InputFile[],
  options: ReadOptions & { concurrency: number },
): Promise<IngestResult> {
  const limit = pLimit(options.concurrency);
  const read = await Promise.all(files.map((file) => limit(() => readAll(file, options))));
  const docs: Document[] = [];
  const rejections: Rejection[] = [];
  const firstSource = new Map<string, string>();
  for (const item of read.flat()) {
    if ('rejection' in item) {
      rejections.push(item.rejection);
      continue;
    }
    const seen = firstSource.get(item.doc.id);
    if (seen !== undefined) {
      rejections.push({
        source: item.doc.source,
        reason: 'duplicate-input',
        message: `same content as ${seen}`,
        id: item.doc.id,
      });
      continue;
    }
    firstSource.set(item.doc.id, item.doc.source);
    docs.push(item.doc);
  }
  return { docs, rejections };
}
