/**
 * Builds dist/ (the bin runs the compiled CLI, and the tests run the bin as users do), then starts
 * one real Redis for the whole suite (or uses REDIS_URL) and a real 3-master Redis Cluster, and
 * hands their addresses to the tests through vitest's provide/inject. Tests that need isolation
 * use their own queue prefix or db.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type { TestProject } from 'vitest/node';
import { type RunningCluster, startRedisCluster } from './support/redis-cluster.js';
import { type RunningRedis, startRedisServer } from './support/redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    /** REDIS_CLUSTER_NODES of the test cluster. */
    clusterNodes: string;
    /** Ports of its masters, for `redis-cli -p`. */
    clusterPorts: number[];
  }
}

let redis: RunningRedis | undefined;
let cluster: RunningCluster | undefined;

/** Compiles src/ into dist/ (incremental: fast when little changed), so the bin runs this checkout's code. */
function buildDist(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: new URL('..', import.meta.url),
    stdio: 'inherit',
  });
}

export async function setup(project: TestProject): Promise<void> {
  buildDist();
  try {
    cluster = await startRedisCluster();
  } catch (error) {
    throw new Error(`could not start the test Redis Cluster: ${(error as Error).message}`);
  }
  project.provide('clusterNodes', cluster.nodes);
  project.provide('clusterPorts', [...cluster.ports]);
  // biome-ignore lint/complexity/useLiteralKeys: process.env access is the test harness's own config, not the product's.
  const given = process.env['REDIS_URL'];
  if (given) {
    project.provide('redisUrl', given);
    return;
  }
  redis = await startRedisServer().catch(async (error: unknown) => {
    await cluster?.stop();
    throw error;
  });
  project.provide('redisUrl', redis.url);
}

export async function teardown(): Promise<void> {
  await Promise.all([redis?.stop(), cluster?.stop()]);
}
