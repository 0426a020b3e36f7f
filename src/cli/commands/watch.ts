import type { Command } from 'commander';

/** Placeholder until the command is built. */
export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description('(not yet available)')
    .action(() => {
      throw new Error('`cleanwire watch` is not implemented yet');
    });
}
