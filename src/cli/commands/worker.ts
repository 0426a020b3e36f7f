import type { Command } from 'commander';

/** Placeholder until the command is built. */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('(not yet available)')
    .action(() => {
      throw new Error('`cleanwire worker` is not implemented yet');
    });
}
