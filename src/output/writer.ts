/**
 * Writes results into an output folder: OUT/REL.txt per article, OUT/articles.jsonl and
 * OUT/rejected.jsonl. Article files are written to a temporary name and renamed, so a reader
 * never sees half a file. JSONL lines are appended with one write each on a file opened with
 * O_APPEND, which the kernel places at the end atomically: several worker processes can share
 * the folder without torn or interleaved lines.
 */
import { appendFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Document } from '../core/document.js';
import type { Rejection } from '../core/rejection.js';
import { articleFileText, toArticle } from './article.js';
import { safeOutputPath } from './output-name.js';

export const ARTICLES_FILE = 'articles.jsonl';
export const REJECTED_FILE = 'rejected.jsonl';

export interface OutputWriter {
  readonly dir: string;
  writeArticle(doc: Document): Promise<void>;
  writeRejection(rejection: Rejection): Promise<void>;
}

let tmpCounter = 0;

export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${tmpCounter++}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, path);
}

export interface OutputWriterOptions {
  /** Start articles.jsonl and rejected.jsonl afresh (a CLI run) instead of appending (workers). Default false. */
  readonly replace?: boolean;
}

export async function createOutputWriter(dir: string, options: OutputWriterOptions = {}): Promise<OutputWriter> {
  await mkdir(dir, { recursive: true });
  if (options.replace) {
    await rm(join(dir, ARTICLES_FILE), { force: true });
    await rm(join(dir, REJECTED_FILE), { force: true });
  }
  const appendLine = async (file: string, record: unknown) => {
    await appendFile(join(dir, file), `${JSON.stringify(record)}\n`, { flag: 'a' });
  };
  return {
    dir,
    async writeArticle(doc) {
      await writeFileAtomic(join(dir, safeOutputPath(doc.output)), articleFileText(doc));
      await appendLine(ARTICLES_FILE, toArticle(doc));
    },
    async writeRejection(rejection) {
      await appendLine(REJECTED_FILE, rejection);
    },
  };
}
