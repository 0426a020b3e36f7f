import { type Command, InvalidArgumentError } from 'commander';
import { type CleanProgress, cleanFiles } from '../../embedded/clean-files.js';
import { DEFAULT_MAX_BYTES } from '../../ingest/read.js';
import { expectCompression } from '../../output/run-writer.js';
import { defaultThreads } from '../../pool/pool.js';
import { formatStats } from '../format-stats.js';
import { loadPipelineOptions } from '../pipeline-options.js';
import { createProgressBar } from '../progress.js';

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`expected a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

export function registerClean(program: Command): void {
  program
    .command('clean')
    .description(
      'Clean files in-process (no Redis). For each input ROOT/REL.ext writes OUT/REL.txt (headline, then paragraphs, one a line), ' +
        'one record per article in OUT/articles.jsonl and one per rejected input in OUT/rejected.jsonl. ' +
        'A directory is cleaned as one batch: per-source templates learned across it apply to all its documents.',
    )
    .argument(
      '<paths...>',
      'files (.txt, .html, .htm, .jsonl, .ndjson, .warc, .wet; optionally .gz or .zst), directories (walked recursively), or - for stdin',
    )
    .requiredOption(
      '-o, --out <dir>',
      'output folder (created if missing; articles.jsonl and rejected.jsonl are replaced unless --resume), or - for JSONL on stdout',
    )
    .option('--compress <gz>', 'write articles.jsonl.gz (or gzipped JSONL on stdout)')
    .option('--allow-out-inside', 'let --out lie inside an input folder (it is left out of the walk)', false)
    .option('--id-key <key>', 'JSONL field holding the record id', 'id')
    .option('--text-key <key>', 'JSONL field holding the text', 'text')
    .option('--metadata-key <key>', 'JSONL field holding the metadata (carried through untouched)', 'metadata')
    .option('-c, --concurrency <n>', 'files read at once', parsePositiveInt, 8)
    .option(
      '-t, --threads <n>',
      'worker threads for the text stages (1: in the main thread)',
      parsePositiveInt,
      defaultThreads(),
    )
    .option('--resume', 'keep what an interrupted run wrote to --out and skip its documents', false)
    .option('--config <file>', 'JSON file of stage options, keyed by stage name (see README: Configuration)')
    .option(
      '--drop-near-duplicates',
      'reject articles that nearly repeat an earlier one instead of marking them',
      false,
    )
    .option(
      '--max-bytes <n>',
      'reject a document (a file, or one record of a JSONL or WARC input) larger than this many bytes',
      parsePositiveInt,
      DEFAULT_MAX_BYTES,
    )
    .option('--isolated', 'clean each input on its own: no cross-document evidence (templates, near-duplicates)', false)
    .option('--no-progress', 'no progress bar, even on a terminal')
    .option('--stats', 'print per-stage counts and times on stderr', false)
    .option('--quiet', 'no summary on stderr', false)
    .action(
      async (
        paths: string[],
        opts: {
          out: string;
          compress?: string;
          allowOutInside: boolean;
          idKey: string;
          textKey: string;
          metadataKey: string;
          concurrency: number;
          threads: number;
          resume: boolean;
          config?: string;
          dropNearDuplicates: boolean;
          isolated: boolean;
          maxBytes: number;
          progress: boolean;
          stats: boolean;
          quiet: boolean;
        },
      ) => {
        const pipeline = await loadPipelineOptions(opts.config, { dropNearDuplicates: opts.dropNearDuplicates });
        const bar = opts.progress && process.stderr.isTTY ? createProgressBar(process.stderr) : undefined;
        const summary = await cleanFiles(paths, {
          out: opts.out,
          ...(opts.compress !== undefined ? { compress: expectCompression(opts.compress) } : {}),
          allowOutInside: opts.allowOutInside,
          idKey: opts.idKey,
          textKey: opts.textKey,
          metadataKey: opts.metadataKey,
          concurrency: opts.concurrency,
          threads: opts.threads,
          resume: opts.resume,
          isolated: opts.isolated,
          maxBytes: opts.maxBytes,
          pipeline,
          ...(bar ? { onProgress: (progress: CleanProgress) => bar.update(progress) } : {}),
        });
        bar?.stop();
        if (!opts.quiet) {
          process.stderr.write(
            `cleaned ${summary.inputs} input file(s): ${summary.articles} article(s), ${summary.rejected} rejected${summary.resumed ? ` (${summary.resumed} written before, resumed)` : ''}, in ${(summary.ms / 1000).toFixed(2)} s -> ${opts.out}\n`,
          );
        }
        if (opts.stats) process.stderr.write(formatStats(summary.stats));
      },
    );
}
