/**
 * The health and metrics endpoints of a long-running process (workers, the dashboard):
 *
 *   GET /healthz   200 while the process is alive and its event loop answers (liveness)
 *   GET /readyz    200 when it can do its work (Redis reachable, workers running), else 503 with why
 *   GET /metrics   Prometheus text exposition
 *
 * Nothing here changes state and nothing echoes a request, so the endpoints need no
 * authentication; they are served on their own port by workers, beside Bull Board by the dashboard.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Metrics, within } from './metrics.js';

export interface HealthOptions {
  readonly metrics: Pick<Metrics, 'render'>;
  /** Why the process cannot do its work now, or undefined when it can. */
  readonly notReady: () => Promise<string | undefined>;
  /** A readiness check that takes longer fails with this much said. Default 2000 ms. */
  readonly checkTimeoutMs?: number;
}

export const HEALTH_PATHS = ['/healthz', '/readyz', '/metrics'] as const;

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown) =>
  send(res, status, 'application/json; charset=utf-8', `${JSON.stringify(value)}\n`);

/**
 * Answers the request if it is for one of the health paths and returns true; returns false for
 * any other path, for the caller to serve (the dashboard) or refuse.
 */
export function handleHealth(options: HealthOptions, req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? '/').split('?')[0];
  if (!(HEALTH_PATHS as readonly string[]).includes(path ?? '')) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    json(res, 405, { error: 'method not allowed' });
    return true;
  }
  const timeoutMs = options.checkTimeoutMs ?? 2000;
  const fail = (error: unknown) => json(res, 500, { error: error instanceof Error ? error.message : String(error) });
  if (path === '/healthz') {
    json(res, 200, { status: 'ok' });
  } else if (path === '/readyz') {
    within(
      options.notReady().catch((error: unknown) => (error instanceof Error ? error.message : String(error))),
      timeoutMs,
      `no answer within ${timeoutMs} ms`,
    )
      .then((why) =>
        why === undefined ? json(res, 200, { status: 'ready' }) : json(res, 503, { status: 'not ready', why }),
      )
      .catch(fail);
  } else {
    options.metrics
      .render()
      .then(({ contentType, body }) => send(res, 200, contentType, body))
      .catch(fail);
  }
  return true;
}

export interface HealthServer {
  /** `http://host:port` */
  readonly url: string;
  close(): Promise<void>;
}

/** The endpoints on a port of their own (port 0: any free port; the URL says which). */
export async function startHealthServer(
  options: HealthOptions & { readonly port: number; readonly host: string },
): Promise<HealthServer> {
  const server = createServer((req, res) => {
    if (!handleHealth(options, req, res)) json(res, 404, { error: 'not found', paths: HEALTH_PATHS });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
