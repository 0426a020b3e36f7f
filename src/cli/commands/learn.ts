import type { Command } from 'commander';

/** Placeholder until the command is built. */
export function registerLearn(program: Command): void {
  program
    .command('learn')
    .description('(not yet available)')
    .action(() => {
      throw new Error('`cleanwire learn` is not implemented yet');
    });
}
