import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../../config/env.js';
import { createLogger, errorMessage, quietly } from '../../log.js';
import { enqueueFiles } from '../../queue/enqueue-files.js';
import { createProducer, type Producer } from '../../queue/producer.js';
import { ensureRedis, isRedisUnavailable, unavailable } from '../../queue/reach.js';
import { type WaitProgress, waitForOutcomes } from '../../queue/wait.js';
import { parsePositiveInt } from './clean.js';

interface EnqueueFlags {
  wait: boolean;
  timeout?: number;
  concurrency?: string;
  topology?: string;
  maxBytes?: string;
  progress: boolean;
  quiet: boolean;
  idKey: string;
  textKey: string;
  metadataKey: string;
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);

/** Progress of a wait: a bar on a terminal, else a line every few seconds. */
function progressReporter(enabled: boolean): { update(p: WaitProgress): void; stop(): void } {
  if (!enabled) return { update() {}, stop() {} };
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      format: 'waiting [{bar}] {value}/{total} | {articles} article(s), {rejected} rejected, {failed} failed',
      stream: process.stderr,
    });
    let started = false;
    return {
      update(p) {
        if (!started) bar.start(p.total, 0, p);
        started = true;
        bar.update(p.articles + p.rejected + p.failed, p);
      },
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update(p) {
      if (Date.now() - last < 2000) return;
      last = Date.now();
      process.stderr.write(
        `waiting: ${p.articles + p.rejected + p.failed}/${p.total} done (${p.articles} article(s), ${p.rejected} rejected, ${p.failed} failed)\n`,
      );
    },
    stop() {},
  };
}

export function registerEnqueue(program: Command): void {
  program
    .command('enqueue')
    .description(
      'Put files on the Redis queues (REDIS_URL) for `cleanwire worker` processes. Each document is enqueued once: ' +
        'its job id is its content hash and a ledger in Redis remembers what was written, so enqueueing the same input ' +
        'again adds nothing; the same content from another file is rejected `duplicate-input`. Files that cannot be read ' +
        "are rejected into the workers' rejected.jsonl.",
    )
    .argument(
      '<paths...>',
      'files (.txt, .html, .htm, .jsonl, .ndjson, .warc, .wet; optionally .gz or .zst), directories (walked recursively), or - for stdin',
    )
    .option('--id-key <key>', 'JSONL field holding the record id', 'id')
    .option('--text-key <key>', 'JSONL field holding the text', 'text')
    .option('--metadata-key <key>', 'JSONL field holding the metadata (carried through untouched)', 'metadata')
    .option('--wait', 'wait until every document became an article or a rejection; exit 1 if any job failed', false)
    .option(
      '--timeout <seconds>',
      'give up after this long, whatever is going on (reaching Redis, enqueueing, waiting), and exit 1 (default: no limit)',
      parsePositiveInt,
    )
    .option('-c, --concurrency <n>', 'files read at once (CLEANWIRE_ENQUEUE_CONCURRENCY, default 16)')
    .option('--topology <name>', "the workers' topology: default, fused or per-stage (CLEANWIRE_TOPOLOGY)")
    .option('--max-bytes <n>', 'reject inputs larger than this many bytes (CLEANWIRE_MAX_BYTES, default 64 MiB)')
    .option('--no-progress', 'no progress display while waiting')
    .option('--quiet', 'no summary on stderr', false)
    .action(async (paths: string[], opts: EnqueueFlags) => {
      const config = loadConfig({
        enqueueConcurrency: opts.concurrency,
        topology: opts.topology,
        maxBytes: opts.maxBytes,
      });
      const logger = createLogger(config.logLevel, 'cleanwire-enqueue');
      const warn = quietly(logger);
      const started = performance.now();
      const deadline = opts.timeout ? Date.now() + opts.timeout * 1000 : undefined;
      if (opts.timeout) {
        // The limit holds whatever hangs (reaching Redis, a command waiting on it): a timer that
        // ends the process, a little after the wait below gives up on its own and reports.
        setTimeout(
          () => {
            process.stderr.write(`cleanwire: timed out after ${opts.timeout} s\n`);
            process.exit(1);
          },
          opts.timeout * 1000 + 500,
        ).unref();
      }
      await ensureRedis({ url: config.redisUrl, clusterNodes: config.clusterNodes });
      const producer = await createProducer(config, {
        oneShot: true,
        onError: (error) => warn('redis connection error', errorMessage(error)),
      }).catch((error: unknown) => {
        throw isRedisUnavailable(error) ? unavailable(config.redisUrl, error) : error;
      });
      try {
        await run(producer);
      } catch (error) {
        throw isRedisUnavailable(error) ? unavailable(config.redisUrl, error) : error;
      } finally {
        await producer.close().catch(() => {});
      }

      async function run(producer: Producer): Promise<void> {
        const { files, submissions } = await enqueueFiles(producer, paths, {
          concurrency: config.enqueueConcurrency,
          maxBytes: config.maxBytes,
          exclude: [config.out],
          read: { idKey: opts.idKey, textKey: opts.textKey, metadataKey: opts.metadataKey },
        });
        const finished = submissions.filter((s) => s.state === 'finished').length;
        if (!opts.quiet) {
          process.stderr.write(
            `enqueued ${submissions.length} document(s) from ${files} file(s): ${submissions.length - finished} queued, ${finished} already finished\n`,
          );
        }
        if (!opts.wait) return;
        const reporter = progressReporter(opts.progress && !opts.quiet);
        const watch = watchWorkers(producer, config.prefix);
        const result = await waitForOutcomes(
          producer.ledger,
          submissions.map((s) => s.key),
          {
            onProgress: (p) => reporter.update(p),
            probe: (keys) => producer.findFailed(keys),
            ...(deadline ? { timeoutMs: Math.max(1, deadline - Date.now()) } : {}),
          },
        ).finally(() => watch.stop());
        reporter.stop();
        const ms = performance.now() - started;
        if (!opts.quiet) {
          process.stderr.write(
            `${result.total} document(s): ${result.articles} article(s), ${result.rejected} rejected, ${result.failed} failed in ${seconds(ms)} s (${(result.total / (ms / 1000)).toFixed(1)} docs/s)\n`,
          );
        }
        const sources = new Map(submissions.map((s) => [s.key, s.source]));
        for (const failure of result.failures.slice(0, 20)) {
          process.stderr.write(`failed: ${sources.get(failure.key) ?? failure.key}: ${failure.reason}\n`);
        }
        if (result.unfinished.length > 0) {
          process.stderr.write(
            `timed out: ${result.unfinished.length} document(s) unfinished after ${opts.timeout} s\n`,
          );
        }
        if (result.failed > 0 || result.unfinished.length > 0) process.exitCode = 1;
      }
    });
}

/**
 * While waiting, says when a segment queue has no worker connected (and when one connects
 * again): without one the wait would sit at 0/N with nothing to tell why.
 */
function watchWorkers(producer: Producer, prefix: string): { stop(): void } {
  let said = '';
  let stopped = false;
  const check = async () => {
    const missing = await producer.unattended().catch(() => undefined);
    if (stopped || missing === undefined) return;
    const now = missing.join(', ');
    if (now === said) return;
    process.stderr.write(
      now
        ? `no worker is connected to ${now} (prefix ${prefix}): start \`cleanwire worker\`; the documents wait in Redis until one does\n`
        : 'a worker is connected to every queue\n',
    );
    said = now;
  };
  void check();
  const timer = setInterval(check, 2000);
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
