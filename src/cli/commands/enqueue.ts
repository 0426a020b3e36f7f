import type { Command } from 'commander';

/** Placeholder until the command is built. */
export function registerEnqueue(program: Command): void {
  program
    .command('enqueue')
    .description('(not yet available)')
    .action(() => {
      throw new Error('`cleanwire enqueue` is not implemented yet');
    });
}
