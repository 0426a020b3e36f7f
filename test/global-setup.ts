/**
 * Builds dist/ (the bin runs the compiled CLI, and the tests run the bin as users do), then starts
 * one real Redis for the whole suite (or uses REDIS_URL) and hands its URL to the tests through
 * vitest's provide/inject. Tests that need isolation use their own queue prefix or db.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type { TestProject } from 'vitest/node';
import { type RunningRedis, startRedisServer } from './support/redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let redis: RunningRedis | undefined;

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
  // biome-ignore lint/complexity/useLiteralKeys: process.env access is the test harness's own config, not the product's.
  const given = process.env['REDIS_URL'];
  if (given) {
    project.provide('redisUrl', given);
    return;
  }
  redis = await startRedisServer();
  project.provide('redisUrl', redis.url);
}

export async function teardown(): Promise<void> {
  await redis?.stop();
}
