/**
 * The dashboard process: Bull Board over cleanwire's queues, on CLEANWIRE_DASHBOARD_HOST
 * (default 127.0.0.1: this machine only; the queues can be emptied from it) and
 * CLEANWIRE_DASHBOARD_PORT (default 3000). Run: `node dist/workers/dashboard.js`, or from a
 * checkout `node --import tsx workers/dashboard.ts`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config/env.js';
import { createLogger } from '../src/log.js';
import { handleHealth } from '../src/metrics/http.js';
import { createMetrics } from '../src/metrics/metrics.js';
import { describeTarget } from '../src/queue/connection.js';
import { createDashboard } from '../src/queue/dashboard.js';
import { announce, exitAfterShutdown, untilSignal } from './lifecycle.js';

const config = loadConfig();
const logger = createLogger(config.logLevel, 'cleanwire-dashboard');
const signal = untilSignal(logger);
const dashboard = createDashboard({
  redisUrl: config.redisUrl,
  clusterNodes: config.clusterNodes,
  prefix: config.prefix,
  topology: config.topology,
  onError: (error) => logger.warn({ err: error.message }, 'redis connection error'),
});
// /metrics (queue depths), /healthz and /readyz beside Bull Board, on the dashboard's own port.
const health = {
  metrics: createMetrics({ queueDepths: () => dashboard.depths() }),
  notReady: () => dashboard.notReady(),
};
const server = createServer((req, res) => {
  if (!handleHealth(health, req, res)) dashboard.handler(req, res);
}).listen(config.dashboardPort, config.dashboardHost);
await new Promise<void>((resolve, reject) => {
  server.once('listening', resolve);
  server.once('error', reject);
});
const { address, port } = server.address() as AddressInfo;
announce('dashboard', 'ready', {
  url: `http://${address.includes(':') ? `[${address}]` : address}:${port}/`,
  redis: describeTarget({ url: config.redisUrl, clusterNodes: config.clusterNodes }),
  prefix: config.prefix,
  queues: dashboard.queues.join(','),
  pid: process.pid,
});
announce('dashboard', 'stopping', { signal: await signal });
server.closeAllConnections();
await new Promise<void>((resolve) => server.close(() => resolve()));
await dashboard.close();
announce('dashboard', 'stopped');
exitAfterShutdown(0);
