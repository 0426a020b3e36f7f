/**
 * The dashboard process: Bull Board over cleanwire's queues, on CLEANWIRE_DASHBOARD_HOST
 * (default 127.0.0.1: this machine only) and CLEANWIRE_DASHBOARD_PORT (default 3000), read-only
 * unless CLEANWIRE_DASHBOARD_PASSWORD is set (see src/queue/dashboard-guard.ts). Started by
 * `cleanwire dashboard`, or as a script: `node dist/workers/dashboard.js` (the Docker image), or
 * from a checkout `node --import tsx workers/dashboard.ts`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { type EnvConfig, loadConfig } from '../src/config/env.js';
import { createLogger, quietly } from '../src/log.js';
import { handleHealth } from '../src/metrics/http.js';
import { createMetrics } from '../src/metrics/metrics.js';
import { describeTarget } from '../src/queue/connection.js';
import { createDashboard } from '../src/queue/dashboard.js';
import { allowedHosts, guard } from '../src/queue/dashboard-guard.js';
import { announce, exitAfterShutdown, logCrashes, untilSignal } from './lifecycle.js';

export async function runDashboard(config: EnvConfig): Promise<void> {
  const logger = createLogger(config.logLevel, 'cleanwire-dashboard');
  logCrashes(logger);
  const warn = quietly(logger);
  const signal = untilSignal(logger);
  const readOnly = config.dashboardPassword === '';
  const dashboard = createDashboard({
    redisUrl: config.redisUrl,
    clusterNodes: config.clusterNodes,
    prefix: config.prefix,
    topology: config.topology,
    readOnly,
    onError: (error) => warn('redis connection error', error.message),
  });
  // /metrics (queue depths), /healthz and /readyz beside Bull Board, on the dashboard's own port.
  const health = {
    metrics: createMetrics({ queueDepths: () => dashboard.depths() }),
    notReady: () => dashboard.notReady(),
  };
  const server = createServer().listen(config.dashboardPort, config.dashboardHost);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { address, port } = server.address() as AddressInfo;
  const guarded = guard(dashboard.handler, {
    allowedHosts: allowedHosts(config.dashboardHost, port, config.dashboardAllowedHosts),
    user: config.dashboardUser,
    password: config.dashboardPassword,
  });
  // Health and metrics answer without the login (a compose healthcheck has none); they are
  // read-only GETs that show counts, never documents.
  server.on('request', (req, res) => {
    if (!handleHealth(health, req, res)) guarded(req, res);
  });

  announce('dashboard', 'ready', {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}/`,
    redis: describeTarget({ url: config.redisUrl, clusterNodes: config.clusterNodes }),
    prefix: config.prefix,
    queues: dashboard.queues.join(','),
    access: readOnly ? 'read-only' : 'login',
    pid: process.pid,
  });
  announce('dashboard', 'stopping', { signal: await signal });
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await dashboard.close();
  announce('dashboard', 'stopped');
  exitAfterShutdown(0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runDashboard(loadConfig());
