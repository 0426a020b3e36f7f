/**
 * `cleanwire enqueue` without the terminal: reads input files with bounded concurrency and
 * submits what they hold in input order (so that, as in the CLI, the first of two inputs with
 * the same content is the one that becomes an article). Reading runs ahead of submitting by at
 * most `concurrency` files.
 */
import pLimit from 'p-limit';
import { collectInputs } from '../ingest/inputs.js';
import { type ReadOptions, readInput } from '../ingest/read.js';
import type { Producer, Submission } from './producer.js';

export interface EnqueueFilesOptions {
  /** Files read at once. */
  readonly concurrency: number;
  /** Inputs larger than this are rejected `too-large`. */
  readonly maxBytes: number;
  /** Record layout (`--id-key`, `--text-key`, `--metadata-key`). */
  readonly read?: ReadOptions;
  /** Folders to leave out of directory walks (an output folder inside an input folder). */
  readonly exclude?: readonly string[];
  readonly onSubmitted?: (submission: Submission) => void;
}

export interface EnqueueSummary {
  readonly files: number;
  readonly submissions: readonly Submission[];
}

export async function enqueueFiles(
  producer: Producer,
  paths: readonly string[],
  options: EnqueueFilesOptions,
): Promise<EnqueueSummary> {
  const files = await collectInputs(paths, options.exclude ?? []);
  const limit = pLimit(options.concurrency);
  const submissions: Submission[] = [];
  // p-limit starts tasks in order, so each task takes its turn before the next one starts.
  let turn: Promise<void> = Promise.resolve();
  await Promise.all(
    files.map((file) =>
      limit(async () => {
        const previous = turn;
        let done = () => {};
        turn = new Promise<void>((resolve) => {
          done = resolve;
        });
        try {
          // Records stream straight from the file to the queue: a large shard is never held whole.
          // Files still take their turns in input order, so the first of two same-content inputs wins.
          await previous;
          for await (const item of readInput(file, { ...options.read, maxBytes: options.maxBytes })) {
            const submission = await producer.submit(item);
            submissions.push(submission);
            options.onSubmitted?.(submission);
          }
        } finally {
          done();
        }
      }),
    ),
  );
  return { files: files.length, submissions };
}
