/**
 * `cleanwire learn <paths...>`: warms the Redis store from a corpus, exactly as `cleanwire clean`
 * would see it. It runs the same batch (the same stages, options and input order, text stages
 * first, then each cross-document stage learning from every document before running on each) up
 * to the last cross-document stage, against the Redis store, and writes no output. Workers that
 * then process the corpus find every document already learned (learning is idempotent per
 * document), so they apply the same templates and name the same originals as `cleanwire clean`.
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../../config/env.js';
import { learnFiles } from '../../embedded/learn-files.js';
import { collectInputs } from '../../ingest/inputs.js';
import { describeTarget } from '../../queue/connection.js';
import { loadPipelineOptions } from '../pipeline-options.js';
import { withRedisStore } from '../with-redis-store.js';
import { parsePositiveInt } from './clean.js';

interface LearnFlags {
  concurrency: number;
  config?: string;
  maxBytes?: string;
  progress: boolean;
  quiet: boolean;
}

export function registerLearn(program: Command): void {
  program
    .command('learn')
    .description(
      'Warm the Redis store (REDIS_URL, key prefix CLEANWIRE_PREFIX) from a corpus: per-source templates and the ' +
        'near-duplicate index, learned exactly as `cleanwire clean` learns them over the same inputs, so that workers ' +
        'clean the corpus as the CLI does, its first documents included. Writes no articles. Learning a document ' +
        'twice changes nothing.',
    )
    .argument('<paths...>', 'files (.txt, .html, .htm, .jsonl) or directories, walked recursively')
    .option('-c, --concurrency <n>', 'files read at once', parsePositiveInt, 8)
    .option(
      '--config <file>',
      'JSON file of stage options, keyed by stage name: the one the workers use (CLEANWIRE_CONFIG)',
    )
    .option('--max-bytes <n>', 'skip inputs larger than this many bytes (CLEANWIRE_MAX_BYTES, default 64 MiB)')
    .option('--no-progress', 'no progress bar, even on a terminal')
    .option('--quiet', 'no summary on stderr', false)
    .action(async (paths: string[], opts: LearnFlags) => {
      const config = loadConfig({ pipelineConfig: opts.config, maxBytes: opts.maxBytes });
      const pipeline = await loadPipelineOptions(config.pipelineConfig || undefined);
      const files = await collectInputs(paths);

      await withRedisStore(config, async (store) => {
        const started = performance.now();
        const bar =
          opts.progress && !opts.quiet && process.stderr.isTTY
            ? new SingleBar({
                format: 'learning [{bar}] {percentage}% | {value}/{total} steps | {eta_formatted} left',
                stream: process.stderr,
              })
            : undefined;
        bar?.start(0, 0);
        // Streamed as `clean` streams: the documents are never all in memory at once.
        const { learned } = await learnFiles(files, {
          store,
          pipeline,
          concurrency: opts.concurrency,
          maxBytes: config.maxBytes,
          onProgress: (steps, total) => {
            bar?.setTotal(total);
            bar?.update(steps);
          },
        });
        bar?.stop();
        if (!opts.quiet) {
          process.stderr.write(
            `learned ${learned} document(s) from ${files.length} input file(s) in ${((performance.now() - started) / 1000).toFixed(2)} s -> ${describeTarget({ url: config.redisUrl, clusterNodes: config.clusterNodes })} (prefix ${config.prefix})\n`,
          );
        }
      });
    });
}
