/**
 * `--resume`: what an interrupted run already wrote. Records are appended one at a time in input
 * order, so a crash can leave at most a partial last line; it is cut off here (its document is
 * written again). Keys are the document id for articles and source + id for rejections (an
 * input that never became a document has no id).
 */
import { createReadStream } from 'node:fs';
import { open, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Rejection } from '../core/rejection.js';
import { ARTICLES_FILE, REJECTED_FILE } from '../output/writer.js';

export interface Written {
  readonly articles: Set<string>;
  readonly rejections: Set<string>;
}

export function rejectionKey(rejection: Pick<Rejection, 'source' | 'id'>): string {
  return `${rejection.source}\n${rejection.id ?? ''}`;
}

/** Cuts a file back to its last complete line; a missing file is an empty one. */
async function dropPartialLine(path: string): Promise<boolean> {
  const size = await stat(path).then(
    (info) => info.size,
    () => -1,
  );
  if (size <= 0) return size === 0;
  const handle = await open(path, 'r');
  try {
    const chunk = Buffer.alloc(Math.min(size, 1 << 16));
    let end = size;
    while (end > 0) {
      const length = Math.min(chunk.length, end);
      await handle.read(chunk, 0, length, end - length);
      const at = chunk.subarray(0, length).lastIndexOf(10);
      if (at !== -1) {
        end = end - length + at + 1;
        break;
      }
      end -= length;
    }
    if (end !== size) await truncate(path, end);
  } finally {
    await handle.close();
  }
  return true;
}

async function* lines(path: string): AsyncGenerator<string> {
  if (!(await dropPartialLine(path))) return;
  const reader = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of reader) if (line) yield line;
}

// An article record starts with its id (src/output/article.ts): no need to parse a long line.
const ARTICLE_ID = /^\{"id":"((?:[^"\\]|\\.)*)"/;

export async function readWritten(out: string): Promise<Written> {
  const articles = new Set<string>();
  const rejections = new Set<string>();
  for await (const line of lines(join(out, ARTICLES_FILE))) {
    const id = ARTICLE_ID.exec(line)?.[1];
    if (id !== undefined) articles.add(JSON.parse(`"${id}"`) as string);
  }
  for await (const line of lines(join(out, REJECTED_FILE))) {
    try {
      rejections.add(rejectionKey(JSON.parse(line) as Rejection));
    } catch {
      // Not a record this program wrote: ignore it rather than refuse to resume.
    }
  }
  return { articles, rejections };
}
