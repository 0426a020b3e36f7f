/**
 * The worker process: runs the topology's segments (or those named) on BullMQ until SIGTERM or
 * SIGINT, then lets running jobs finish within the grace period. Started by `cleanwire worker`.
 */
import { resolve } from 'node:path';
import type { EnvConfig } from '../src/config/env.js';
import { createLogger } from '../src/log.js';
import { startHealthServer } from '../src/metrics/http.js';
import { createMetrics } from '../src/metrics/metrics.js';
import type { PipelineOptions } from '../src/pipeline/pipeline.js';
import { describeTarget } from '../src/queue/connection.js';
import { startWorkers, type WorkerSet } from '../src/queue/workers.js';
import { announce, exitAfterShutdown, startOrStop, untilSignal, withinGrace } from './lifecycle.js';

export async function runWorker(config: EnvConfig, pipeline: PipelineOptions): Promise<void> {
  const logger = createLogger(config.logLevel, 'cleanwire-worker');
  const signal = untilSignal(logger);
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
  const workers = await startOrStop('worker', startWorkers(config, pipeline, logger), signal);
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
  const inTime = await withinGrace(workers.drain(), config.graceMs);
  if (!inTime) await workers.abandon();
  await workers.close();
  await health?.close();
  const counts = Object.entries(workers.counts).map(([outcome, n]) => `${outcome}:${n}`);
  announce('worker', 'stopped', {
    jobs: counts.join(',') || 'none',
    ...(inTime ? {} : { unfinished: 'left to other workers' }),
  });
  exitAfterShutdown(0);
}
