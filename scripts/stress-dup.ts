/**
 * Stress for exactly-once output under lock expiry (issue 8): short job locks, optional CPU hogs,
 * workers SIGKILLed mid-run, repeated rounds. Each round counts documents in, articles out,
 * duplicated ids, lost documents and torn lines (scripts/faults-support.ts's count).
 *
 *   npx tsx scripts/stress-dup.ts --rounds 3 --lock 1500 --hogs 2 --docs 60
 *
 * Rounds cycle through three shapes: one worker alone (a stalled job is taken up again by the
 * same process while its first run still goes on); two workers, one SIGKILLed once a few
 * articles are out and another started; one worker while Redis is out of memory (lock renewals
 * refused, so jobs stall while their runs go on), then memory freed and the folder enqueued
 * again (test/workers/recovery.test.ts's run, with the short lock). Exit status 1 if any round
 * lost, duplicated or tore.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { runCli, tempDir } from '../test/support/cli.js';
import { articleText, eventually, readLines } from '../test/support/queue-processes.js';
import { startRedisServer } from '../test/support/redis-server.js';
import { corpus, count, envFor, finish, idsOf, workers } from './faults-support.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '4' },
    lock: { type: 'string', default: '1500' },
    hogs: { type: 'string', default: '2' },
    docs: { type: 'string', default: '60' },
    /** Article size in kB: larger ones hold the event loop longer (cross stages), so locks come late. */
    kb: { type: 'string', default: '20' },
    /** Which shapes to cycle through, comma-separated. */
    shapes: { type: 'string', default: 'alone,kill,oom' },
  },
});
const rounds = Number(values.rounds);
const docs = Number(values.docs);
const paragraphs = Math.max(1, Math.round(Number(values.kb) / 0.5));
const shapes = values.shapes.split(',') as ('alone' | 'kill' | 'oom')[];

// CPU hogs: what makes lock renewals come late on a shared machine (`yes > /dev/null`).
const hogs: ChildProcess[] = Array.from({ length: Number(values.hogs) }, () =>
  spawn('yes', [], { stdio: ['ignore', 'ignore', 'ignore'] }),
);
const stopHogs = () => {
  for (const hog of hogs) hog.kill('SIGKILL');
};
process.on('exit', stopHogs);

let bad = 0;
try {
  for (let round = 0; round < rounds; round++) {
    const redis = await startRedisServer();
    const out = tempDir();
    // Some 8 kB each: long enough that a job takes a while, short enough to stay on the event loop.
    // 20 kB each by default (as in recovery.test.ts): the jobs alone outgrow the oom shape's memory limit.
    const input = corpus(docs, (i) =>
      Array.from({ length: paragraphs }, (_, j) => articleText(7000 + i * 1000 + j)).join('\n'),
    );
    const env = envFor(redis, out, {
      CLEANWIRE_LOCK_MS: values.lock,
      CLEANWIRE_TOPOLOGY: 'fused',
      CLEANWIRE_ATTEMPTS: '2',
      CLEANWIRE_BACKOFF_MS: '100',
      LOG_LEVEL: 'warn',
    });
    const shape = shapes[round % shapes.length];
    const alone = shape !== 'kill';
    const list = await workers(alone ? 1 : 2, env);
    if (shape === 'oom') {
      const client = new Redis(redis.url);
      const used = Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1]);
      await client.config('SET', 'maxmemory', String(used + 400_000));
      await runCli(['enqueue', input, '--wait', '--timeout', '40'], env);
      await client.config('SET', 'maxmemory', '0');
      await client.quit();
    } else await runCli(['enqueue', input], env);
    if (shape === 'kill') {
      await eventually(() => readLines(join(out, 'articles.jsonl')).length >= docs / 6, 300_000, 'articles');
      await list[0]?.stop('SIGKILL');
      await workers(1, env);
    }
    const run = await runCli(['enqueue', input, '--wait', '--timeout', '600'], env);
    const seen = (text: string) => list.reduce((n, w) => n + w.output().split(text).length - 1, 0);
    const stalls = seen('stalled job handed on');
    // Writes the fence refused: another run of the job held the lease, or this one had lost it.
    const fenced = seen('is being written by') + seen('the write lease ran out');
    const lines = readLines(join(out, 'articles.jsonl')).length;
    const result = await finish(`round ${round}`, out, await idsOf(input), '');
    const c = count(out, await idsOf(input));
    process.stdout.write(
      `round ${round} (${shape}): docs ${docs}, lines ${lines}, articles ${c.articles}, rejected ${c.rejected}, duplicated ${c.duplicated}, lost ${c.lost}, torn ${c.torn}, stalls seen ${stalls}, writes fenced off ${fenced}, enqueue exit ${run.code}\n`,
    );
    if (!result.ok) bad++;
    await redis.stop();
  }
} finally {
  stopHogs();
}
process.exit(bad === 0 ? 0 : 1);
