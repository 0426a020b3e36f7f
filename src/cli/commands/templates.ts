import type { Command } from 'commander';

/** Placeholder until the command is built. */
export function registerTemplates(program: Command): void {
  program
    .command('templates')
    .description('(not yet available)')
    .action(() => {
      throw new Error('`cleanwire templates` is not implemented yet');
    });
}
