import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';
import {
  articleText,
  lifecycle,
  PATIENCE_MS,
  readLines,
  startCli,
  startProcess,
  stopAll,
  uniquePrefix,
} from '../support/queue-processes.js';
import { freePort } from '../support/redis-server.js';

afterAll(stopAll);

/** A redis-server that takes TLS only, with a password, and the certificate its clients must trust. */
async function startTlsRedis(password: string): Promise<{ url: string; ca: string }> {
  const dir = tempDir('cleanwire-tls-');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const port = await freePort();
  const server = startProcess('redis-server', [
    '--port',
    '0',
    '--tls-port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--tls-cert-file',
    join(dir, 'cert.pem'),
    '--tls-key-file',
    join(dir, 'key.pem'),
    '--tls-ca-cert-file',
    join(dir, 'cert.pem'),
    '--tls-auth-clients',
    'no',
    '--requirepass',
    password,
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
  ]);
  await server.waitFor('Ready to accept connections', PATIENCE_MS);
  return { url: `rediss://:${password}@127.0.0.1:${port}`, ca: join(dir, 'cert.pem') };
}

describe('cleanwire worker', () => {
  it('works over rediss:// with a password, hides the password, and stops on SIGTERM', async () => {
    const { url, ca } = await startTlsRedis('s3cret-pw');
    const out = tempDir();
    const env = {
      REDIS_URL: url,
      NODE_EXTRA_CA_CERTS: ca,
      CLEANWIRE_PREFIX: 'tls',
      CLEANWIRE_OUT: out,
      LOG_LEVEL: 'error',
    };
    const worker = startCli(['worker', '--concurrency', '3'], env);
    await worker.waitFor('cleanwire worker ready');
    const port = new URL(url).port;
    expect(lifecycle(worker.output(), 'worker', 'ready')).toMatchObject({
      redis: `rediss://:***@127.0.0.1:${port}`,
      prefix: 'tls',
      topology: 'default',
      queues: 'segment-ingest,segment-clean,segment-cross-document,segment-emit',
      concurrency: 3,
      output: out,
      pid: worker.child.pid,
    });
    const input = tempDir();
    writeFileSync(join(input, 'story.txt'), articleText(1));
    const enqueue = await runCli(['enqueue', input, '--wait', '--timeout', '120'], env);
    expect(enqueue.stderr).toMatch(/1 document\(s\): 1 article\(s\), 0 rejected, 0 failed/);
    expect(readLines(join(out, 'articles.jsonl'))).toHaveLength(1);
    const stopped = await worker.stop('SIGTERM');
    // Ended by itself (not stop()'s SIGKILL fallback), drained within the grace period: nothing left unfinished.
    expect(stopped).toMatchObject({ code: 0, signal: null });
    expect(lifecycle(worker.output(), 'worker', 'stopping')).toMatchObject({ signal: 'SIGTERM', grace_ms: 25000 });
    const end = lifecycle(worker.output(), 'worker', 'stopped');
    expect(end).toMatchObject({ jobs: 'forwarded:3,article:1' });
    expect(end?.unfinished).toBeUndefined();
    expect(worker.output()).not.toContain('s3cret-pw');
  });

  it('runs only the segments named, and writes output only when it runs the last one', async () => {
    const env = { REDIS_URL: inject('redisUrl'), CLEANWIRE_PREFIX: uniquePrefix('segments'), LOG_LEVEL: 'error' };
    const front = startCli(['worker', '--segments', 'ingest,clean'], env);
    const back = startCli(['worker', '--segments', 'cross-document,emit', '--out', 'elsewhere'], env);
    await Promise.all([front.waitFor('cleanwire worker ready'), back.waitFor('cleanwire worker ready')]);
    expect(lifecycle(front.output(), 'worker', 'ready')).toMatchObject({
      queues: 'segment-ingest,segment-clean',
      concurrency: 4,
      output: '-',
    });
    expect(lifecycle(back.output(), 'worker', 'ready')).toMatchObject({
      queues: 'segment-cross-document,segment-emit',
      concurrency: 4,
    });
    expect(String(lifecycle(back.output(), 'worker', 'ready')?.output)).toMatch(/\/elsewhere$/);
  });

  it('refuses an output folder other than the one registered for the prefix, unless --force-out', async () => {
    const env = { REDIS_URL: inject('redisUrl'), CLEANWIRE_PREFIX: uniquePrefix('out'), LOG_LEVEL: 'error' };
    const [first, second] = [tempDir(), tempDir()];
    const one = startCli(['worker', '--out', first], env);
    await one.waitFor('cleanwire worker ready');
    const other = await runCli(['worker', '--out', second], env, PATIENCE_MS);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(
      `cleanwire: workers on prefix "${env.CLEANWIRE_PREFIX}" write to "${first}", not "${second}": use --out ${first}, another CLEANWIRE_PREFIX, or --force-out`,
    );
    // A worker that writes nothing (not the last segment) may have any --out.
    const front = startCli(['worker', '--segments', 'ingest', '--out', second], env);
    await front.waitFor('cleanwire worker ready');
    const forced = startCli(['worker', '--out', second, '--force-out'], env);
    await forced.waitFor('cleanwire worker ready');
    expect(lifecycle(forced.output(), 'worker', 'ready')).toMatchObject({ output: second });
  });

  it('stops on SIGTERM while it is still waiting for Redis', async () => {
    const port = await freePort();
    const worker = startCli(['worker'], { REDIS_URL: `redis://127.0.0.1:${port}`, LOG_LEVEL: 'warn' });
    await worker.waitFor('redis connection error');
    const stopped = await worker.stop('SIGTERM', PATIENCE_MS);
    // Ended by itself on the signal (stop() would SIGKILL it otherwise), before it ever got ready.
    expect(stopped).toMatchObject({ code: 0, signal: null });
    expect(lifecycle(worker.output(), 'worker', 'stopped')).toMatchObject({ signal: 'SIGTERM', before: 'ready' });
    expect(lifecycle(worker.output(), 'worker', 'ready')).toBeUndefined();
  });

  it.each([
    [['--concurrency', '0'], 'cleanwire: --concurrency must be an integer from 1 to 1000, got "0"\n'],
    [
      ['--segments', 'clean,dedupe'],
      'cleanwire: --segments: "dedupe" is not a segment of the "default" topology (segments: ingest, clean, cross-document, emit)\n',
    ],
  ])('exits 2 on %j, quoting the bad value', async (args, message) => {
    const result = await runCli(['worker', ...args], { REDIS_URL: inject('redisUrl') });
    expect(result.stderr).toBe(message);
    expect(result.code).toBe(2);
  });
});
