/**
 * Writes results into an output folder: OUT/REL.txt per article, OUT/articles.jsonl and
 * OUT/rejected.jsonl. Article files are written to a temporary name and renamed, so a reader
 * never sees half a file. JSONL lines go through `appendLine`: one write(2) per record, of any size,
 * on a file opened with O_APPEND, so several worker processes can share the folder without torn
 * or interleaved lines. (Not fs.appendFile: it writes in 512 KiB chunks, and another process's
 * line lands between two chunks of a longer one.)
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Document } from '../core/document.js';
import type { Rejection } from '../core/rejection.js';
import { type ArticleRecord, articleFileText, toArticle } from './article.js';
import { safeOutputPath } from './output-name.js';

export const ARTICLES_FILE = 'articles.jsonl';
export const REJECTED_FILE = 'rejected.jsonl';

export interface OutputWriter {
  readonly dir: string;
  writeArticle(doc: Document): Promise<void>;
  writeRejection(rejection: Rejection): Promise<void>;
  /**
   * Writes REL.txt and readies the articles.jsonl line; the returned function appends it
   * synchronously, so that a caller can make a last check (a lease) and write in the same tick.
   */
  prepareArticle(doc: Document, record?: ArticleRecord): Promise<() => void>;
  /** Readies the rejected.jsonl line; the returned function appends it synchronously. */
  prepareRejection(rejection: Rejection): () => void;
}

let tmpCounter = 0;

/** The names writeFileAtomic gives its temporary files: `NAME.<pid>.<n>.tmp`. */
export const ATOMIC_TMP = /\.\d+\.\d+\.tmp$/;

/** Folders this process has made or seen: most articles go to a folder an earlier one made. */
const madeDirs = new Set<string>();

export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const dir = dirname(path);
  const tmp = `${path}.${process.pid}.${tmpCounter++}.tmp`;
  if (!madeDirs.has(dir)) {
    await mkdir(dir, { recursive: true });
    if (madeDirs.size > 10_000) madeDirs.clear();
    madeDirs.add(dir);
  }
  try {
    await writeFile(tmp, content);
  } catch (error) {
    // The folder went away since (someone cleared the output): make it again, once.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(dir, { recursive: true });
    await writeFile(tmp, content);
  }
  await rename(tmp, path);
}

/**
 * Appends `line` and a newline to the file at `path` with a single write(2) on an O_APPEND
 * descriptor. On a local file system the kernel holds the file's lock for the whole write, so a
 * line of any size lands whole at the end, never cut by another process's line. A short write
 * (which regular local files do not produce; a full disk or a network file system might) is
 * finished by further writes rather than left torn.
 */
export async function appendLine(path: string, line: string): Promise<void> {
  const bytes = Buffer.from(`${line}\n`);
  const handle = await open(path, 'a');
  try {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
      done += bytesWritten;
    }
  } finally {
    await handle.close();
  }
}

/** appendLine, synchronously: one write(2) per record (more only after a short write). */
export function appendLineSync(path: string, bytes: Buffer): void {
  const fd = openSync(path, 'a');
  try {
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
  } finally {
    closeSync(fd);
  }
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
  const appendRecord = (file: string, record: unknown) => appendLine(join(dir, file), JSON.stringify(record));
  return {
    dir,
    async writeArticle(doc) {
      await writeFileAtomic(join(dir, safeOutputPath(doc.output)), articleFileText(doc));
      await appendRecord(ARTICLES_FILE, toArticle(doc));
    },
    async writeRejection(rejection) {
      await appendRecord(REJECTED_FILE, rejection);
    },
    async prepareArticle(doc, record = toArticle(doc)) {
      await writeFileAtomic(join(dir, safeOutputPath(doc.output)), articleFileText(doc));
      const bytes = Buffer.from(`${JSON.stringify(record)}\n`);
      return () => appendLineSync(join(dir, ARTICLES_FILE), bytes);
    },
    prepareRejection(rejection) {
      const bytes = Buffer.from(`${JSON.stringify(rejection)}\n`);
      return () => appendLineSync(join(dir, REJECTED_FILE), bytes);
    },
  };
}
