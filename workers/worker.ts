/**
 * The worker process: runs the topology's segments (or those named) on BullMQ until SIGTERM or
 * SIGINT, then lets running jobs finish within the grace period. Started by `cleanwire worker`.
 */
import { resolve } from 'node:path';
import type { EnvConfig } from '../src/config/env.js';
import type { Stage } from '../src/core/stage.js';
import { createLogger } from '../src/log.js';
import { startHealthServer } from '../src/metrics/http.js';
import { createMetrics } from '../src/metrics/metrics.js';
import type { PipelineOptions } from '../src/pipeline/pipeline.js';
import { describeTarget } from '../src/queue/connection.js';
import { startWorkers, type WorkerSet } from '../src/queue/workers.js';
import {
  announce,
  exitAfterShutdown,
  graceWatchdog,
  logCrashes,
  startOrStop,
  untilSignal,
  withinGrace,
} from './lifecycle.js';

/** Exit status of a worker that Redis refused: a configuration problem, as for the one-shot commands. */
export const EXIT_AUTH = 2;

export async function runWorker(
  config: EnvConfig,
  pipeline: PipelineOptions,
  options: { forceOut?: boolean; stages?: readonly Stage[] } = {},
): Promise<void> {
  const logger = createLogger(config.logLevel, 'cleanwire-worker');
  logCrashes(logger);
  const signal = untilSignal(logger);
  const onFatal = (error: Error) => {
    // Retrying cannot fix a wrong password: say so once, in one line, and end.
    logger.fatal(
      {
        err: error,
        redis: describeTarget({ url: config.redisUrl, clusterNodes: config.clusterNodes }),
        exit: EXIT_AUTH,
      },
      'redis refused the credentials: check the password in REDIS_URL',
    );
    process.exit(EXIT_AUTH);
  };
  // The endpoints come up first: while the workers wait for Redis, /healthz answers and /readyz says why not.
  let started: WorkerSet | undefined;
  const waiting = createMetrics({ processMetrics: false });
  const health =
    config.metricsPort === false
      ? undefined
      : await startHealthServer({
          port: config.metricsPort,
          host: config.metricsHost,
          metrics: { render: () => (started?.metrics ?? waiting).render() },
          notReady: async () => (started ? started.notReady() : 'starting: the workers are not connected to Redis yet'),
        });
  const workers = await startOrStop(
    'worker',
    startWorkers(config, pipeline, logger, {
      onFatal,
      ...(options.forceOut ? { forceOut: true } : {}),
      ...(options.stages ? { stages: options.stages } : {}),
    }),
    signal,
  );
  started = workers;
  announce('worker', 'ready', {
    redis: describeTarget({ url: config.redisUrl, clusterNodes: config.clusterNodes }),
    prefix: config.prefix,
    topology: config.topology,
    queues: workers.queues.join(','),
    concurrency: config.concurrency,
    output: workers.emits ? resolve(config.out) : '-',
    ...(health ? { metrics: `${health.url}/metrics` } : {}),
    pid: process.pid,
  });
  announce('worker', 'stopping', { signal: await signal, grace_ms: config.graceMs });
  // The grace period, plus time to abandon and close, holds even if the event loop is busy.
  const watchdog = graceWatchdog(config.graceMs + 3000, 'cleanwire-worker');
  const inTime = await withinGrace(workers.drain(), config.graceMs);
  if (!inTime) await workers.abandon();
  await workers.close();
  await health?.close();
  watchdog.cancel();
  const counts = Object.entries(workers.counts).map(([outcome, n]) => `${outcome}:${n}`);
  announce('worker', 'stopped', {
    jobs: counts.join(',') || 'none',
    ...(inTime ? {} : { unfinished: 'left to other workers' }),
  });
  exitAfterShutdown(0);
}
