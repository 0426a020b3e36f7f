/**
 * The `cleanwire` command line. Each command lives in its own module under ./commands and
 * registers itself here; this file only assembles them and turns usage errors into exit codes.
 */
import { Command, CommanderError } from 'commander';
import { OptionError } from '../core/options.js';
import { InputError } from '../ingest/inputs.js';
import { registerClean } from './commands/clean.js';
import { registerDashboard } from './commands/dashboard.js';
import { registerEnqueue } from './commands/enqueue.js';
import { registerExplain } from './commands/explain.js';
import { registerLearn } from './commands/learn.js';
import { registerTemplates } from './commands/templates.js';
import { registerWatch } from './commands/watch.js';
import { registerWorker } from './commands/worker.js';
import { packageVersion } from './version.js';

export function buildProgram(): Command {
  const program = new Command('cleanwire')
    .description('Clean scraped news articles: in-process (`clean`) or on Redis-backed BullMQ workers.')
    .version(packageVersion(), '-V, --version', 'print the version and exit')
    .showHelpAfterError()
    .exitOverride();
  for (const register of [
    registerClean,
    registerLearn,
    registerTemplates,
    registerWorker,
    registerEnqueue,
    registerWatch,
    registerDashboard,
    registerExplain,
  ])
    register(program);
  return program;
}

/** Usage errors exit 2 with the message; anything else is a bug and exits 1 with its stack. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv as string[]);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof OptionError || error instanceof InputError) {
      process.stderr.write(`cleanwire: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`cleanwire: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
