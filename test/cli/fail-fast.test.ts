/**
 * Redis down or refusing the password: one-shot commands end with a hint and status 2, workers
 * end on a wrong password, and no output line shows the password or is anything but JSON (or
 * one of the lifecycle lines `cleanwire <process> <event> key=value...`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';
import { articleText, eventually, PATIENCE_MS, startCli, stopAll, uniquePrefix } from '../support/queue-processes.js';
import { freePort, type RunningRedis, startRedisServer } from '../support/redis-server.js';

const PASSWORD = 'Tr0ub4dor-and-3';
let locked: RunningRedis;

beforeAll(async () => {
  locked = await startRedisServer({ args: ['--requirepass', PASSWORD], password: PASSWORD });
});
afterAll(async () => {
  await stopAll();
  await locked.stop();
});

/** Lines that are not JSON objects (lifecycle lines are JSON too). */
function strayLines(output: string): string[] {
  return output
    .split('\n')
    .filter(Boolean)
    .filter((line) => {
      try {
        return typeof JSON.parse(line) !== 'object';
      } catch {
        return true;
      }
    });
}

function input(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.txt'), articleText(7));
  return dir;
}

describe('one-shot commands against a Redis they cannot use', () => {
  it.each([
    ['enqueue', () => ['enqueue', input(), '--wait']],
    ['learn', () => ['learn', input(), '--quiet']],
    ['templates', () => ['templates', 'site']],
  ])('%s exits 2 with a hint when nothing listens, and when the password is wrong', async (_, args) => {
    const port = await freePort();
    const down = await runCli(args(), { REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:${port}` }, PATIENCE_MS);
    expect(down.code).toBe(2);
    expect(down.stderr).toContain(`is redis-server running at redis://:***@127.0.0.1:${port}`);
    expect(down.stderr).toContain('set REDIS_URL');
    const wrong = await runCli(args(), { REDIS_URL: `redis://:not-${PASSWORD}@127.0.0.1:${locked.port}` }, PATIENCE_MS);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`Redis at redis://:***@127.0.0.1:${locked.port}`);
    expect(wrong.stderr).toContain('refused the credentials (ReplyError: WRONGPASS');
    for (const r of [down, wrong]) {
      expect(r.stdout + r.stderr).not.toContain(PASSWORD);
      expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    }
  });

  it('never echoes the password of a REDIS_URL it cannot parse', async () => {
    const result = await runCli(['enqueue', input()], { REDIS_URL: `redis//:${PASSWORD}@db:6379` });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('got "***@db:6379"');
    expect(result.stderr).not.toContain(PASSWORD);
  });
});

describe('enqueue --wait with no worker', () => {
  it('says that no worker is connected, and --timeout ends it', async () => {
    // Room for connecting and enqueueing on a loaded machine before the wait (see enqueue.test.ts).
    const result = await runCli(['enqueue', input(), '--wait', '--timeout', '20'], {
      REDIS_URL: inject('redisUrl'),
      CLEANWIRE_PREFIX: uniquePrefix('lonely'),
    });
    expect(result.stderr).toMatch(
      /no worker is connected to segment-ingest, segment-clean, segment-cross-document, segment-emit \(prefix t-lonely-\S+\): start `cleanwire worker`/,
    );
    expect(result.stderr).toContain('timed out: 1 document(s) unfinished after 20 s');
    expect(result.code).toBe(1);
  });
});

describe('a worker and Redis trouble', () => {
  it('ends with status 2 and one JSON line when Redis refuses the password', async () => {
    const worker = startCli(['worker'], {
      REDIS_URL: `redis://:wrong-${PASSWORD}@127.0.0.1:${locked.port}`,
      CLEANWIRE_PREFIX: uniquePrefix('wrongpass'),
      CLEANWIRE_OUT: tempDir(),
    });
    const ended = await worker.exited();
    expect(ended.code).toBe(2);
    const output = worker.output();
    expect(output).not.toContain(PASSWORD);
    expect(strayLines(output)).toEqual([]);
    const fatal = output
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: number; msg: string; err: string; exit: number });
    expect(fatal).toEqual([
      expect.objectContaining({
        level: 60,
        msg: 'redis refused the credentials: check the password in REDIS_URL',
        exit: 2,
        err: expect.stringContaining('WRONGPASS'),
      }),
    ]);
  });

  it('logs an outage in a few JSON lines, without the password, and carries on when Redis is back', async () => {
    const password = `${PASSWORD}-2`;
    const redis = await startRedisServer({ args: ['--requirepass', password], password });
    try {
      const out = tempDir();
      const env = { REDIS_URL: redis.url, CLEANWIRE_PREFIX: uniquePrefix('outage'), CLEANWIRE_OUT: out };
      const worker = startCli(['worker', '--topology', 'fused'], { ...env, CLEANWIRE_TOPOLOGY: 'fused' });
      await worker.waitFor('cleanwire worker ready');
      await redis.kill();
      await worker.waitFor('redis connection error');
      // Some seconds of outage: ioredis retries many times; the log says so a few times.
      const before = worker.output().length;
      await eventually(
        () => worker.output().includes('"repeated"') || worker.output().length > before + 2000,
        PATIENCE_MS,
      );
      const restarted = await startRedisServer({
        port: redis.port,
        dir: redis.dir,
        args: ['--requirepass', password],
        password,
      });
      const result = await runCli(['enqueue', input(), '--wait', '--timeout', '120'], {
        ...env,
        CLEANWIRE_TOPOLOGY: 'fused',
      });
      expect(result.stderr).toContain('1 document(s): 1 article(s), 0 rejected, 0 failed');
      expect((await worker.stop('SIGTERM')).code).toBe(0);
      const output = worker.output();
      expect(output).not.toContain(password);
      expect(strayLines(output)).toEqual([]);
      expect(output).not.toMatch(/\n\s+at /);
      const errors = output.split('\n').filter((line) => line.includes('redis connection error'));
      expect(errors.length).toBeGreaterThan(0);
      // Throttled: far fewer lines than reconnect attempts.
      expect(errors.length).toBeLessThan(20);
      await restarted.stop();
    } finally {
      await redis.stop();
    }
  });
});
