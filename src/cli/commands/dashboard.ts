import type { Command } from 'commander';
import { runDashboard } from '../../../workers/dashboard.js';
import { loadConfig } from '../../config/env.js';

export function registerDashboard(program: Command): void {
  program
    .command('dashboard')
    .description(
      'Serve Bull Board over the queues (REDIS_URL, CLEANWIRE_PREFIX) on CLEANWIRE_DASHBOARD_HOST:CLEANWIRE_DASHBOARD_PORT ' +
        '(default 127.0.0.1:3000). Read-only unless CLEANWIRE_DASHBOARD_PASSWORD is set; then every request needs ' +
        'that password (basic auth, user CLEANWIRE_DASHBOARD_USER, default "admin"). Requests whose Host header is not ' +
        'the bound address (or CLEANWIRE_DASHBOARD_ALLOWED_HOSTS) are refused. Stops on SIGTERM/SIGINT.',
    )
    .option('--topology <name>', 'default, fused or per-stage (CLEANWIRE_TOPOLOGY, default "default")')
    .action(async (opts: { topology?: string }) => {
      await runDashboard(loadConfig({ topology: opts.topology }));
    });
}
