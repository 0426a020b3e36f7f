import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.js';
import { OptionError } from '../../src/core/options.js';

describe('loadEnv', () => {
  it('gives the documented defaults with an empty environment', () => {
    expect(loadEnv({})).toEqual({
      logLevel: 'info',
      redisUrl: 'redis://127.0.0.1:6379',
      clusterNodes: [],
      prefix: 'cleanwire',
      out: 'out',
      topology: 'default',
      segments: [],
      concurrency: 4,
      threads: Math.max(1, availableParallelism() - 1),
      enqueueConcurrency: 16,
      attempts: 5,
      backoffMs: 1000,
      lockMs: 30000,
      graceMs: 25000,
      keepCompletedAge: 3600,
      keepCompletedCount: 1000,
      keepFailedAge: 604800,
      keepFailedCount: 10000,
      maxBytes: 67108864,
      articlesQueue: 'summary',
      pipelineConfig: '',
      watchAfter: 'leave',
      watchStableMs: 1000,
      dashboardHost: '127.0.0.1',
      dashboardPort: 3000,
      metricsPort: false,
      metricsHost: '127.0.0.1',
      dashboardUser: 'admin',
      dashboardPassword: '',
      dashboardAllowedHosts: [],
      articlesQueueMax: 10000,
      ledgerDays: 30,
    });
  });

  it('reads the environment, and flags override it', () => {
    const config = loadEnv(
      {
        REDIS_URL: 'rediss://user:s3cret@redis.example:6380/2',
        CLEANWIRE_PREFIX: 'news_1',
        CLEANWIRE_CONCURRENCY: '8',
        CLEANWIRE_TOPOLOGY: 'per-stage',
        CLEANWIRE_SEGMENTS: 'decode, gate',
        CLEANWIRE_ARTICLES_QUEUE: 'off',
        CLEANWIRE_OUT: '/data/out',
      },
      { concurrency: '2', out: 'here', threads: '3' },
    );
    expect(config).toMatchObject({
      threads: 3,
      redisUrl: 'rediss://user:s3cret@redis.example:6380/2',
      prefix: 'news_1',
      concurrency: 2,
      topology: 'per-stage',
      segments: ['decode', 'gate'],
      articlesQueue: 'off',
      out: 'here',
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadEnv({ CLEANWIRE_CONCURRENCY: '', REDIS_URL: '' })).toMatchObject({
      concurrency: 4,
      redisUrl: 'redis://127.0.0.1:6379',
    });
  });

  it.each([
    [{ CLEANWIRE_CONCURRENCY: '0' }, {}, 'CLEANWIRE_CONCURRENCY must be an integer from 1 to 1000, got "0"'],
    [{}, { concurrency: '1.5' }, '--concurrency must be an integer from 1 to 1000, got "1.5"'],
    [{ CLEANWIRE_THREADS: '0' }, {}, 'CLEANWIRE_THREADS must be auto or an integer from 1 to 256, got "0"'],
    [{}, { threads: 'many' }, '--threads must be auto or an integer from 1 to 256, got "many"'],
    [
      { REDIS_URL: 'http://localhost' },
      {},
      'REDIS_URL must be a redis:// or rediss:// URL with a host, got "http://localhost"',
    ],
    [{ CLEANWIRE_PREFIX: 'a:b' }, {}, 'CLEANWIRE_PREFIX must be letters, digits, _ or -, got "a:b"'],
    [{ CLEANWIRE_TOPOLOGY: 'star' }, {}, 'CLEANWIRE_TOPOLOGY must be one of default, fused, per-stage, got "star"'],
    [{}, { watchAfter: 'delete' }, '--after must be leave or move, got "delete"'],
    [{ CLEANWIRE_ARTICLES_QUEUE: 'yes' }, {}, 'CLEANWIRE_ARTICLES_QUEUE must be off, summary or full, got "yes"'],
    [
      { REDIS_URL: 'redis//:hunter2@db:6379' },
      {},
      'REDIS_URL must be a redis:// or rediss:// URL with a host, got "***@db:6379"',
    ],
    [{ LOG_LEVEL: 'loud' }, {}, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [
      { REDIS_CLUSTER_NODES: '10.0.0.1:7000,10.0.0.2' },
      {},
      'REDIS_CLUSTER_NODES must be comma-separated host:port pairs, got "10.0.0.1:7000,10.0.0.2"',
    ],
    [
      { REDIS_CLUSTER_NODES: 'redis://a:7000' },
      {},
      'REDIS_CLUSTER_NODES must be comma-separated host:port pairs, got "redis://a:7000"',
    ],
    [{ REDIS_CLUSTER_NODES: 'a:0' }, {}, 'REDIS_CLUSTER_NODES must be comma-separated host:port pairs, got "a:0"'],
    [
      { CLEANWIRE_METRICS_PORT: '70000' },
      {},
      'CLEANWIRE_METRICS_PORT must be a port from 0 to 65535, or off, got "70000"',
    ],
    [{}, { metricsPort: 'on' }, '--metrics-port must be a port from 0 to 65535, or off, got "on"'],
    [{ CLEANWIRE_LOCK_MS: '999' }, {}, 'CLEANWIRE_LOCK_MS must be an integer >= 1000, got "999"'],
  ])('rejects %j %j quoting the bad value', (env, flags, message) => {
    expect(() => loadEnv(env, flags)).toThrow(new OptionError(message));
  });

  it('reads the Redis Cluster seed nodes, IPv6 hosts in brackets', () => {
    expect(loadEnv({ REDIS_CLUSTER_NODES: 'redis-1:7000, 10.0.0.2:7001,[::1]:7002' }).clusterNodes).toEqual([
      { host: 'redis-1', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
  });

  it('turns the metrics endpoint on with a port, off by default or with `off`', () => {
    expect(loadEnv({ CLEANWIRE_METRICS_PORT: '9464' }).metricsPort).toBe(9464);
    expect(loadEnv({ CLEANWIRE_METRICS_PORT: '9464' }, { metricsPort: 'off' }).metricsPort).toBe(false);
    expect(loadEnv({}, { metricsPort: '0' }).metricsPort).toBe(0);
  });

  it('rejects a segment the topology does not have, naming the segments it has', () => {
    expect(() => loadEnv({}, { segments: 'clean,decode' })).toThrow(
      new OptionError(
        '--segments: "decode" is not a segment of the "default" topology (segments: ingest, clean, cross-document, emit)',
      ),
    );
    expect(loadEnv({ CLEANWIRE_TOPOLOGY: 'fused', CLEANWIRE_SEGMENTS: 'all' }).segments).toEqual(['all']);
  });
});
