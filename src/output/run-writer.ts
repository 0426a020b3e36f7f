/**
 * Where a `cleanwire clean` run writes: an output folder (as the workers do), the same with
 * `articles.jsonl.gz` in place of `articles.jsonl` (`--compress gz`), or standard output (`--out -`:
 * the article records as JSONL, gzipped with `--compress gz`; no article files; rejections as
 * JSONL on standard error so the data stream stays clean for a pipe).
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { OptionError } from '../core/options.js';
import { articleFileText, toArticle } from './article.js';
import { safeOutputPath } from './output-name.js';
import { ARTICLES_FILE, createOutputWriter, type OutputWriter, writeFileAtomic } from './writer.js';

export type Compression = 'gz';

export interface RunWriterOptions {
  readonly compress?: Compression;
  /** Start articles.jsonl and rejected.jsonl afresh; false appends (a resumed run). Default true. */
  readonly replace?: boolean;
  /** Where `--out -` writes (default process.stdout) and its rejections go (default process.stderr). */
  readonly stdout?: Writable;
  readonly stderr?: Writable;
}

export interface RunWriter extends Pick<OutputWriter, 'dir' | 'writeArticle' | 'writeRejection'> {
  /** Flushes and closes what the run opened (the gzip stream); call once at the end. */
  close(): Promise<void>;
}

export const STDOUT = '-';

export function expectCompression(value: unknown): Compression {
  if (value !== 'gz') throw new OptionError(`--compress must be "gz", got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Writes JSON lines to a stream, waiting when it asks to (a slow pipe must not fill memory). A
 * reader that went away (`| head`: EPIPE) ends the output quietly, as Unix tools do.
 */
function lineSink(target: Writable): (record: unknown) => Promise<void> {
  let closed = false;
  let failed: Error | undefined;
  target.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') closed = true;
    else failed = error;
  });
  return async (record) => {
    if (failed) throw failed;
    if (closed) return;
    if (!target.write(`${JSON.stringify(record)}\n`)) {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        target.once('error', onError);
        target.once('drain', () => {
          target.off('error', onError);
          resolve();
        });
      });
    }
  };
}

export async function createRunWriter(out: string, options: RunWriterOptions = {}): Promise<RunWriter> {
  const compress = options.compress === undefined ? undefined : expectCompression(options.compress);
  if (out === STDOUT) {
    const stdout = options.stdout ?? process.stdout;
    const gzip = compress ? createGzip() : undefined;
    if (gzip) gzip.pipe(stdout);
    const writeArticle = lineSink(gzip ?? stdout);
    const writeRejection = lineSink(options.stderr ?? process.stderr);
    return {
      dir: STDOUT,
      writeArticle: (doc) => writeArticle(toArticle(doc)),
      writeRejection: (rejection) => writeRejection(rejection),
      async close() {
        if (!gzip) return;
        gzip.end();
        await finished(gzip);
      },
    };
  }
  const replace = options.replace ?? true;
  const files = await createOutputWriter(out, { replace });
  // Whichever form this run writes, the other form's file from an earlier run must not linger.
  if (replace) await rm(join(out, compress ? ARTICLES_FILE : `${ARTICLES_FILE}.gz`), { force: true });
  if (!compress) return { ...files, close: async () => {} };
  const gzip = createGzip();
  const file = createWriteStream(join(out, `${ARTICLES_FILE}.gz`));
  gzip.pipe(file);
  const writeArticle = lineSink(gzip);
  return {
    dir: out,
    async writeArticle(doc) {
      await writeFileAtomic(join(out, safeOutputPath(doc.output)), articleFileText(doc));
      await writeArticle(toArticle(doc));
    },
    writeRejection: (rejection) => files.writeRejection(rejection),
    async close() {
      gzip.end();
      await finished(file);
    },
  };
}
