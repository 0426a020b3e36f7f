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
import { redactUrl } from '../src/queue/connection.js';
import { createDashboard } from '../src/queue/dashboard.js';
import { announce, exitAfterShutdown, logCrashes, untilSignal } from './lifecycle.js';

const config = loadConfig();
const logger = createLogger(config.logLevel, 'cleanwire-dashboard');
logCrashes(logger);
const signal = untilSignal(logger);
const dashboard = createDashboard({
  redisUrl: config.redisUrl,
  prefix: config.prefix,
  topology: config.topology,
  onError: (error) => logger.warn({ err: error.message }, 'redis connection error'),
});
const server = createServer(dashboard.handler).listen(config.dashboardPort, config.dashboardHost);
await new Promise<void>((resolve, reject) => {
  server.once('listening', resolve);
  server.once('error', reject);
});
const { address, port } = server.address() as AddressInfo;
announce('dashboard', 'ready', {
  url: `http://${address.includes(':') ? `[${address}]` : address}:${port}/`,
  redis: redactUrl(config.redisUrl),
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
