/**
 * The watcher process: submits every file that lands in the inbox (and every file already there
 * at start) to the queues, once, until SIGTERM or SIGINT. Started by `cleanwire watch <dir>`.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { EnvConfig } from '../src/config/env.js';
import { createLogger, quietly } from '../src/log.js';
import { describeTarget } from '../src/queue/connection.js';
import { createProducer } from '../src/queue/producer.js';
import { createInbox, PROCESSED_DIR, REJECTED_DIR } from '../src/watch/inbox.js';
import { watchFolder } from '../src/watch/watcher.js';
import { announce, exitAfterShutdown, logCrashes, startOrStop, untilSignal, withinGrace } from './lifecycle.js';

export async function runWatcher(config: EnvConfig, inboxDir: string): Promise<void> {
  const logger = createLogger(config.logLevel, 'cleanwire-watch');
  logCrashes(logger);
  const warn = quietly(logger);
  const signal = untilSignal(logger);
  const dir = resolve(inboxDir);
  await mkdir(dir, { recursive: true });
  const producer = await startOrStop(
    'watch',
    createProducer(config, { onError: (error) => warn('redis connection error', error.message) }),
    signal,
  );
  const inbox = createInbox({
    after: config.watchAfter,
    maxBytes: config.maxBytes,
    concurrency: config.enqueueConcurrency,
    submit: (item) => producer.submit(item),
    onIngested: (file, counts, movedTo) =>
      logger.info({ file: file.rel, ...counts, ...(movedTo ? { movedTo } : {}) }, 'ingested'),
    onError: (file, error) => logger.error({ file: file.rel, err: error.message }, 'could not ingest'),
  });
  const watch = watchFolder({
    dir,
    stableMs: config.watchStableMs,
    skipDirs: [PROCESSED_DIR, REJECTED_DIR],
    onFile: (file) => inbox.take(file),
    onError: (error) => logger.error({ err: error.message }, 'watch error'),
  });
  await watch.ready;
  announce('watch', 'ready', {
    inbox: dir,
    redis: describeTarget({ url: config.redisUrl, clusterNodes: config.clusterNodes }),
    prefix: config.prefix,
    topology: config.topology,
    after: config.watchAfter,
    stable_ms: config.watchStableMs,
    pid: process.pid,
  });
  announce('watch', 'stopping', { signal: await signal, grace_ms: config.graceMs });
  await watch.close();
  const inTime = await withinGrace(inbox.idle(), config.graceMs);
  await producer.close();
  announce('watch', 'stopped', inTime ? {} : { unfinished: 'files in progress are taken in again at the next start' });
  exitAfterShutdown(0);
}
