import { afterAll, describe, expect, inject, it } from 'vitest';
import { startProcess, stopAll, uniquePrefix } from '../support/queue-processes.js';
import { freePort } from '../support/redis-server.js';

afterAll(stopAll);

describe('the dashboard process', () => {
  it('serves Bull Board over the queues on 127.0.0.1 by default, and stops on SIGTERM', async () => {
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
    expect(dashboard.output()).toContain(
      `cleanwire dashboard ready url=http://127.0.0.1:${port}/ redis=${inject('redisUrl')} prefix=${prefix} queues=segment-all,articles pid=${dashboard.child.pid}\n`,
    );
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Bull Dashboard</title>');
    const api = (await (await fetch(`http://127.0.0.1:${port}/api/queues`)).json()) as { queues: { name: string }[] };
    expect(api.queues.map((q) => q.name)).toEqual(['segment-all', 'articles']);
    const stopped = await dashboard.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    expect(dashboard.output()).toContain('cleanwire dashboard stopped\n');
  });
});
