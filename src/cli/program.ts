/**
 * The `cleanwire` command line. Each command lives in its own module under ./commands and
 * registers itself here; this file only assembles them and turns usage errors into exit codes.
 *
 * A command's module is imported only when that command runs: each pulls in its own world
 * (the queue commands BullMQ and ioredis, the dashboard express and Bull Board, `clean` the
 * pipeline), and importing them all cost `cleanwire clean` about a quarter of a second of
 * start-up for modules it never uses. Help, an unknown command or none at all load every one.
 */
import { Command, CommanderError } from 'commander';
import { OptionError } from '../core/options.js';
import { InputError } from '../ingest/inputs.js';
import { packageVersion } from './version.js';

type Register = (program: Command) => void;

/** The commands in help order, each importing its module on demand. */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  clean: async () => (await import('./commands/clean.js')).registerClean,
  learn: async () => (await import('./commands/learn.js')).registerLearn,
  templates: async () => (await import('./commands/templates.js')).registerTemplates,
  worker: async () => (await import('./commands/worker.js')).registerWorker,
  enqueue: async () => (await import('./commands/enqueue.js')).registerEnqueue,
  watch: async () => (await import('./commands/watch.js')).registerWatch,
  dashboard: async () => (await import('./commands/dashboard.js')).registerDashboard,
  explain: async () => (await import('./commands/explain.js')).registerExplain,
};

/**
 * The command `argv` names: its first argument that is no option (the program's own options,
 * -V and -h, take no value), when that is a command; else undefined.
 */
function commandOf(argv: readonly string[]): string | undefined {
  const name = argv.slice(2).find((arg) => !arg.startsWith('-'));
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? name : undefined;
}

/** The program with the commands `argv` may run: the one it names, or all of them. */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('cleanwire')
    .description('Clean scraped news articles: in-process (`clean`) or on Redis-backed BullMQ workers.')
    .version(packageVersion(), '-V, --version', 'print the version and exit')
    .showHelpAfterError()
    .exitOverride();
  const named = commandOf(argv);
  const loaders = named === undefined ? Object.values(COMMANDS) : [COMMANDS[named]];
  for (const register of await Promise.all(loaders.map((load) => load?.()))) register?.(program);
  return program;
}

/** Usage errors exit 2 with the message; anything else is a bug and exits 1 with its stack. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync(argv as string[]);
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
