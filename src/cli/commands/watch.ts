import type { Command } from 'commander';
import { runWatcher } from '../../../workers/watcher.js';
import { loadConfig } from '../../config/env.js';

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description(
      'Watch a folder and enqueue every file that lands in it, and every file already there at start, for ' +
        '`cleanwire worker` processes (REDIS_URL). A file is read once its size stays the same for --stable-ms, ' +
        'so files still being written are not read half way; dot files and .tmp/.part names are ignored (write ' +
        'under such a name, then rename). Each file is ingested once, also across restarts. --after leave keeps ' +
        'files where they are; --after move moves them to DIR/processed/ (enqueued) or DIR/rejected/ (nothing ' +
        'readable in it). Stops gracefully on SIGTERM/SIGINT.',
    )
    .argument('<dir>', 'the inbox folder (created if missing)')
    .option('--after <action>', 'leave or move (CLEANWIRE_WATCH_AFTER, default "leave")')
    .option(
      '--stable-ms <ms>',
      'how long a file must keep its size before it is read (CLEANWIRE_WATCH_STABLE_MS, default 1000)',
    )
    .option('-c, --concurrency <n>', 'files read at once (CLEANWIRE_ENQUEUE_CONCURRENCY, default 16)')
    .option('--topology <name>', "the workers' topology (CLEANWIRE_TOPOLOGY)")
    .option('--max-bytes <n>', 'reject inputs larger than this many bytes (CLEANWIRE_MAX_BYTES, default 64 MiB)')
    .action(
      async (
        dir: string,
        opts: { after?: string; stableMs?: string; concurrency?: string; topology?: string; maxBytes?: string },
      ) => {
        const config = loadConfig({
          watchAfter: opts.after,
          watchStableMs: opts.stableMs,
          enqueueConcurrency: opts.concurrency,
          topology: opts.topology,
          maxBytes: opts.maxBytes,
        });
        await runWatcher(config, dir);
      },
    );
}
