/**
 * A Redis Cluster that requires a password: REDIS_URL lends its password to every node the
 * cluster client discovers, and neither a right nor a wrong password shows up in any output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';
import { uniquePrefix } from '../support/queue-processes.js';
import { type RunningCluster, startRedisCluster } from '../support/redis-cluster.js';

const PASSWORD = 'cluster-s3cret-pw';
let cluster: RunningCluster;

beforeAll(async () => {
  cluster = await startRedisCluster(3, PASSWORD);
});

afterAll(async () => {
  await cluster?.stop();
});

describe('a password-protected Redis Cluster', () => {
  it('is used with the password of REDIS_URL, which no output shows', async () => {
    const env = {
      REDIS_URL: `redis://:${PASSWORD}@ignored.invalid:6379`,
      REDIS_CLUSTER_NODES: cluster.nodes,
      CLEANWIRE_PREFIX: uniquePrefix('cluster-auth'),
    };
    const learn = await runCli(['learn', `${ROOT}/seeds/input`, '--no-progress'], env);
    expect(learn.code, learn.stderr).toBe(0);
    expect(learn.stderr).toContain(`-> cluster:${cluster.nodes} (prefix ${env.CLEANWIRE_PREFIX})`);
    const templates = await runCli(['templates', '--json'], env);
    expect(templates.code, templates.stderr).toBe(0);
    expect((JSON.parse(templates.stdout) as { sources: unknown[] }).sources.length).toBeGreaterThan(0);
    for (const output of [learn.stdout, learn.stderr, templates.stdout, templates.stderr])
      expect(output).not.toContain(PASSWORD);
  });

  it('is refused with a wrong password, which no output shows either', async () => {
    const result = await runCli(['templates'], {
      REDIS_URL: 'redis://:wrong-pw-123@ignored.invalid:6379',
      REDIS_CLUSTER_NODES: cluster.nodes,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Redis at cluster:${cluster.nodes} refused the credentials`);
    expect(result.stdout + result.stderr).not.toContain('wrong-pw-123');
  });
});
