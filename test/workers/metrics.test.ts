/**
 * /metrics, /healthz and /readyz of real worker and dashboard processes, scraped over real HTTP
 * after a real run: the counters must match what the worker wrote, line for line.
 */
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { closeRedisConnection, createRedisClient } from '../../src/queue/connection.js';
import { createQueueSet } from '../../src/queue/queues.js';
import { ROOT, runCli, tempDir } from '../support/cli.js';
import {
  articleText,
  eventually,
  lifecycle,
  PATIENCE_MS,
  readLines,
  startCli,
  startProcess,
  stopAll,
  uniquePrefix,
} from '../support/queue-processes.js';
import { freePort, startRedisServer } from '../support/redis-server.js';

afterAll(stopAll);

/** Prometheus text -> { 'name{labels}': value } (labels as printed, in prom-client's order). */
function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

async function scrape(base: string): Promise<Map<string, number>> {
  const response = await fetch(`${base}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parseMetrics(await response.text());
}

const sum = (samples: Map<string, number>, match: (key: string) => boolean) =>
  [...samples].filter(([key]) => match(key)).reduce((total, [, value]) => total + value, 0);

function metricsUrl(output: string): string {
  const metrics = lifecycle(output, 'worker', 'ready')?.metrics;
  if (typeof metrics !== 'string' || !metrics.endsWith('/metrics'))
    throw new Error(`no metrics URL in the ready line:\n${output}`);
  return metrics.slice(0, -'/metrics'.length);
}

describe('worker metrics and health', () => {
  it('counts documents by outcome and reason, stage latencies and rule changes as written', async () => {
    const input = tempDir();
    const out = tempDir();
    cpSync(join(ROOT, 'seeds/input'), join(input, 'seeds'), { recursive: true });
    mkdirSync(join(input, 'site'));
    for (let i = 0; i < 20; i++) writeFileSync(join(input, `site/${i}.txt`), articleText(300 + i));
    // Rejected before any stage runs: the same content again, a type no reader takes.
    const firstSeed = readdirSync(join(input, 'seeds'))[0] as string;
    cpSync(join(input, 'seeds', firstSeed), join(input, 'site/copy.txt'));
    writeFileSync(join(input, 'site/scan.doc'), 'PK');
    const env = {
      REDIS_URL: inject('redisUrl'),
      CLEANWIRE_PREFIX: uniquePrefix('metrics'),
      CLEANWIRE_OUT: out,
      LOG_LEVEL: 'error',
    };
    const worker = startCli(['worker', '--metrics-port', '0'], env);
    await worker.waitFor('cleanwire worker ready');
    const base = metricsUrl(worker.output());
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const before = await scrape(base);
    expect(sum(before, (k) => k.startsWith('cleanwire_documents_total'))).toBe(0);
    const enqueue = await runCli(['enqueue', input, '--wait', '--timeout', '120'], env);
    expect(enqueue.code, enqueue.stderr).toBe(0);

    const articles = readLines(join(out, 'articles.jsonl')).map(
      (line) => JSON.parse(line) as { changes: { stage: string; rule: string }[] },
    );
    const rejected = readLines(join(out, 'rejected.jsonl')).map((line) => JSON.parse(line) as { reason: string });
    expect(articles.length).toBe(25);
    expect(rejected.map((r) => r.reason).sort()).toEqual(['duplicate-input', 'unsupported-type']);

    const after = await scrape(base);
    expect(after.get('cleanwire_documents_total{outcome="article",reason=""}')).toBe(articles.length);
    for (const reason of ['duplicate-input', 'unsupported-type'])
      expect(after.get(`cleanwire_documents_total{outcome="rejected",reason="${reason}"}`), reason).toBe(1);
    expect(sum(after, (k) => k.startsWith('cleanwire_documents_total'))).toBe(articles.length + rejected.length);

    // Every document that became an article went through every stage once.
    const stages = [...after.keys()]
      .map((k) => /^cleanwire_stage_duration_seconds_count\{stage="([^"]+)"\}$/.exec(k)?.[1])
      .filter((s) => s !== undefined);
    expect(stages).toContain('decode');
    expect(stages).toContain('templates');
    for (const stage of stages)
      expect(after.get(`cleanwire_stage_duration_seconds_count{stage="${stage}"}`), stage).toBe(articles.length);

    // Rule counts: the change records in articles.jsonl, by stage and rule (no document was dropped in a stage).
    const expected = new Map<string, number>();
    for (const change of articles.flatMap((a) => a.changes)) {
      const key = `cleanwire_changes_total{stage="${change.stage}",rule="${change.rule}"}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(expected.size).toBeGreaterThan(3);
    const counted = new Map([...after].filter(([k]) => k.startsWith('cleanwire_changes_total{')));
    expect(counted).toEqual(expected);

    // Queue depths, read from Redis at scrape time: all work done, every article waits on `articles`.
    expect(after.get('cleanwire_queue_jobs{queue="segment-ingest",state="waiting"}')).toBe(0);
    expect(after.get('cleanwire_queue_jobs{queue="segment-emit",state="active"}')).toBe(0);
    expect(after.get('cleanwire_queue_jobs{queue="articles",state="waiting"}')).toBe(articles.length);
    expect(after.get('cleanwire_redis_up')).toBe(1);
    expect(after.has('cleanwire_process_resident_memory_bytes')).toBe(true);

    // BullMQ's built-in metrics: one completed job per document in the first segment.
    const connection = createRedisClient({ url: inject('redisUrl') });
    const queues = createQueueSet(connection, env.CLEANWIRE_PREFIX, () => {});
    const bullmq = await queues.get('segment-ingest').getMetrics('completed');
    await queues.close();
    await closeRedisConnection(connection);
    expect(bullmq.meta.count).toBe(articles.length);

    const health = await fetch(`${base}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${base}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/anything`)).status).toBe(404);
    expect((await worker.stop('SIGTERM')).code).toBe(0);
  });

  it('is not ready while Redis is down, and stays alive and scrapable', async () => {
    const redis = await startRedisServer();
    const worker = startCli(['worker', '--metrics-port', '0'], {
      REDIS_URL: redis.url,
      CLEANWIRE_PREFIX: uniquePrefix('readyz'),
      CLEANWIRE_OUT: tempDir(),
      LOG_LEVEL: 'fatal',
    });
    try {
      await worker.waitFor('cleanwire worker ready');
      const base = metricsUrl(worker.output());
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      await redis.stop();
      let last: { status: number; body: { status: string; why?: string } } | undefined;
      await eventually(
        async () => {
          const response = await fetch(`${base}/readyz`);
          last = { status: response.status, body: (await response.json()) as { status: string; why?: string } };
          return last.status === 503;
        },
        PATIENCE_MS,
        '/readyz to fail',
      );
      expect(last?.body.status).toBe('not ready');
      expect(last?.body.why).toMatch(/redis/);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const samples = await scrape(base);
      expect(samples.get('cleanwire_redis_up')).toBe(0);
      expect([...samples.keys()].some((k) => k.startsWith('cleanwire_queue_jobs{'))).toBe(false);
    } finally {
      await worker.stop('SIGKILL');
      await redis.stop();
    }
  });
});

describe('worker health before Redis answers', () => {
  it('serves /healthz at once and fails /readyz until the workers are connected', async () => {
    const [metricsPort, redisPort] = [await freePort(), await freePort()];
    const worker = startCli(['worker', '--metrics-port', String(metricsPort)], {
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      CLEANWIRE_PREFIX: uniquePrefix('starting'),
      CLEANWIRE_OUT: tempDir(),
      LOG_LEVEL: 'fatal',
    });
    const base = `http://127.0.0.1:${metricsPort}`;
    await eventually(
      async () => (await fetch(`${base}/healthz`).catch(() => undefined))?.status === 200,
      PATIENCE_MS,
      '/healthz',
    );
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { why: string }).why).toMatch(/^starting/);
    expect((await scrape(base)).get('cleanwire_documents_total')).toBeUndefined();
    expect(worker.output()).not.toContain('cleanwire worker ready');
    await worker.stop('SIGKILL');
  });
});

describe('dashboard metrics and health', () => {
  it('serves /metrics with the queue depths, /healthz and /readyz beside Bull Board, on a Redis Cluster too', async () => {
    const port = await freePort();
    const prefix = uniquePrefix('board-metrics');
    const dashboard = startProcess(process.execPath, ['--import', 'tsx', 'workers/dashboard.ts'], {
      REDIS_CLUSTER_NODES: inject('clusterNodes'),
      CLEANWIRE_PREFIX: prefix,
      CLEANWIRE_TOPOLOGY: 'fused',
      CLEANWIRE_DASHBOARD_PORT: String(port),
      LOG_LEVEL: 'error',
    });
    await dashboard.waitFor('cleanwire dashboard ready');
    expect(lifecycle(dashboard.output(), 'dashboard', 'ready')).toMatchObject({
      redis: `cluster:${inject('clusterNodes')}`,
    });
    const base = `http://127.0.0.1:${port}`;
    // Two jobs waiting on the fused topology's queue, added as `enqueue` does, on the cluster.
    const input = tempDir();
    writeFileSync(join(input, 'a.txt'), articleText(1));
    writeFileSync(join(input, 'b.txt'), articleText(2));
    const env = { REDIS_CLUSTER_NODES: inject('clusterNodes'), CLEANWIRE_PREFIX: prefix, CLEANWIRE_TOPOLOGY: 'fused' };
    expect((await runCli(['enqueue', input], env)).code).toBe(0);
    await eventually(
      async () => (await scrape(base)).get('cleanwire_queue_jobs{queue="segment-all",state="waiting"}') === 2,
      PATIENCE_MS,
      'two waiting jobs',
    );
    const samples = await scrape(base);
    expect(samples.get('cleanwire_queue_jobs{queue="articles",state="waiting"}')).toBe(0);
    expect(samples.get('cleanwire_redis_up')).toBe(1);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${base}/`)).status).toBe(200);
    expect((await dashboard.stop('SIGTERM')).code).toBe(0);
  });
});
