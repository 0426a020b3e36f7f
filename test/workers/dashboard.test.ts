/**
 * The dashboard over real HTTP: who may read, who may change, and what a hostile page can do.
 */

import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createRedisConnection } from '../../src/queue/connection.js';
import { tempDir } from '../support/cli.js';
import {
  eventually,
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

interface Reply {
  readonly status: number;
  readonly body: string;
}

/** One HTTP request with exactly these headers (fetch would not let a test set Host). */
function http(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => {
        text += d.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', (e) => reject(new Error(`${method} ${path} ${JSON.stringify(headers)}: ${e.message}`)));
    req.end(body);
  });
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const hostileJob = JSON.stringify({
  name: 'document',
  data: {
    id: 'ab'.repeat(16),
    source: 'evil',
    sourceKey: 'evil',
    output: 'articles.jsonl',
    format: 'text',
    text: 'Owned\nEvery earlier record is gone now, says the attacker.',
    meta: {},
    changes: [],
  },
});

async function jobCount(prefix: string): Promise<number> {
  const connection = createRedisConnection({ url: inject('redisUrl') });
  const queue = new Queue('segment-all', { connection, prefix });
  const counts = await queue.getJobCounts();
  await queue.close();
  await connection.quit();
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

describe('the dashboard', () => {
  it('runs as a script too: Bull Board over the queues on 127.0.0.1 by default, and stops on SIGTERM', async () => {
    const port = await freePort();
    const prefix = uniquePrefix('board');
    const dashboard = startProcess(process.execPath, ['--import', 'tsx', 'workers/dashboard.ts'], {
      REDIS_URL: inject('redisUrl'),
      CLEANWIRE_PREFIX: prefix,
      CLEANWIRE_TOPOLOGY: 'fused',
      CLEANWIRE_DASHBOARD_PORT: String(port),
      LOG_LEVEL: 'error',
    });
    await dashboard.waitFor('cleanwire dashboard ready');
    expect(lifecycle(dashboard.output(), 'dashboard', 'ready')).toMatchObject({
      url: `http://127.0.0.1:${port}/`,
      redis: inject('redisUrl'),
      prefix,
      queues: 'segment-all,articles',
      access: 'read-only',
      pid: dashboard.child.pid,
    });
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Bull Dashboard</title>');
    const api = (await (await fetch(`http://127.0.0.1:${port}/api/queues`)).json()) as { queues: { name: string }[] };
    expect(api.queues.map((q) => q.name)).toEqual(['segment-all', 'articles']);
    const stopped = await dashboard.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    expect(lifecycle(dashboard.output(), 'dashboard', 'stopped')).toMatchObject({ event: 'stopped' });
  });

  it('without a password: reads, refuses every change, and refuses a Host that is not its own', async () => {
    const port = await freePort();
    const prefix = uniquePrefix('board-ro');
    const board = startCli(['dashboard', '--topology', 'fused'], {
      REDIS_URL: inject('redisUrl'),
      CLEANWIRE_PREFIX: prefix,
      CLEANWIRE_DASHBOARD_PORT: String(port),
    });
    await board.waitFor('cleanwire dashboard ready');
    const host = `127.0.0.1:${port}`;
    expect((await http(port, 'GET', '/api/queues', { host })).status).toBe(200);
    expect((await http(port, 'GET', '/api/queues', { host: `localhost:${port}` })).status).toBe(200);
    // DNS rebinding: the attacker's name, resolved to this address.
    const rebound = await http(port, 'GET', '/api/queues', { host: `attacker.example:${port}` });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain('segment-all');
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const reply = await http(
        port,
        method,
        '/api/queues/segment-all/add',
        { host, 'content-type': 'application/json' },
        hostileJob,
      );
      expect(reply.status).toBe(403);
    }
    expect(await jobCount(prefix)).toBe(0);
    expect((await board.stop('SIGTERM')).code).toBe(0);
  });

  it('with a password: nothing without it, no cross-site form post even with it, and a hostile job from it is only rejected', async () => {
    const port = await freePort();
    const prefix = uniquePrefix('board-pw');
    const out = tempDir();
    const password = 'correct horse battery staple';
    const env = {
      REDIS_URL: inject('redisUrl'),
      CLEANWIRE_PREFIX: prefix,
      CLEANWIRE_TOPOLOGY: 'fused',
      CLEANWIRE_OUT: out,
      CLEANWIRE_DASHBOARD_PORT: String(port),
      CLEANWIRE_DASHBOARD_PASSWORD: password,
      LOG_LEVEL: 'warn',
    };
    const board = startCli(['dashboard'], env);
    await board.waitFor('cleanwire dashboard ready');
    expect(lifecycle(board.output(), 'dashboard', 'ready')).toMatchObject({ access: 'login' });
    const host = `127.0.0.1:${port}`;
    const auth = basic('admin', password);
    expect((await http(port, 'GET', '/', { host })).status).toBe(401);
    expect((await http(port, 'GET', '/', { host, authorization: basic('admin', 'guess') })).status).toBe(401);
    expect((await http(port, 'GET', '/', { host, authorization: basic('root', password) })).status).toBe(401);
    expect((await http(port, 'GET', '/api/queues', { host, authorization: auth })).status).toBe(200);
    // A cross-site form on another site, sent by a browser that remembers the login.
    const form = new URLSearchParams({ name: 'document', 'data[output]': 'articles.jsonl' }).toString();
    const crossSite = await http(
      port,
      'POST',
      '/api/queues/segment-all/add',
      {
        host,
        authorization: auth,
        origin: 'https://attacker.example',
        'sec-fetch-site': 'cross-site',
        'content-type': 'application/x-www-form-urlencoded',
      },
      form,
    );
    expect(crossSite.status).toBe(403);
    const nullOrigin = await http(
      port,
      'POST',
      '/api/queues/segment-all/add',
      { host, authorization: auth, origin: 'null', 'content-type': 'application/json' },
      hostileJob,
    );
    expect(nullOrigin.status).toBe(403);
    expect(await jobCount(prefix)).toBe(0);

    // Someone with the password adds the hostile job from the dashboard itself: the worker refuses it.
    writeLine(out);
    const worker = startCli(['worker'], env);
    await worker.waitFor('cleanwire worker ready');
    const added = await http(
      port,
      'POST',
      '/api/queues/segment-all/add',
      { host, authorization: auth, origin: `http://${host}`, 'content-type': 'application/json' },
      hostileJob,
    );
    expect(added.status).toBe(200);
    await eventually(() => readLines(join(out, 'rejected.jsonl')).length > 0, PATIENCE_MS, 'the rejection');
    const rejected = readLines(join(out, 'rejected.jsonl')).map((l) => JSON.parse(l) as { reason: string });
    expect(rejected.map((r) => r.reason)).toEqual(['invalid-job']);
    expect(readLines(join(out, 'articles.jsonl'))).toEqual([EARLIER]);
    expect((await worker.stop('SIGTERM')).code).toBe(0);
    expect((await board.stop('SIGTERM')).code).toBe(0);
    expect(board.output() + worker.output()).not.toContain(password);
  });
});

const EARLIER = JSON.stringify({ id: 'earlier', text: 'an earlier record' });

function writeLine(out: string): void {
  writeFileSync(join(out, 'articles.jsonl'), `${EARLIER}\n`);
}
