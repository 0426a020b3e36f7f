import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { explainInputs, explainRecords } from '../../embedded/explain.js';
import { renderHtml } from '../../output/explain/html.js';
import { renderTerminal } from '../../output/explain/terminal.js';
import { loadPipelineOptions } from '../pipeline-options.js';

/** An earlier run's output: articles.jsonl (or .gz) holds article records, not inputs. */
const isArticles = (path: string) => /(^|[\\/])articles\.jsonl(\.gz)?$/.test(path);

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description(
      'Show what each stage removed or repaired, and why, in the original text: inputs are cleaned in-process (nothing written); ' +
        'an articles.jsonl from an earlier run is explained from its records.',
    )
    .argument('<paths...>', 'input files or folders (as for clean), or an articles.jsonl')
    .option('--html <file>', 'write one self-contained HTML report (no network) instead of terminal output')
    .option('--no-color', 'no ANSI colours: [-removed-] and {+inserted+} marks')
    .option('--config <file>', 'JSON file of stage options, keyed by stage name')
    .action(async (paths: string[], opts: { html?: string; color: boolean; config?: string }) => {
      const pipeline = await loadPipelineOptions(opts.config);
      const docs = [];
      const inputs = paths.filter((p) => !isArticles(p));
      for (const path of paths.filter(isArticles)) docs.push(...(await explainRecords(path)));
      if (inputs.length) docs.push(...(await explainInputs(inputs, { pipeline })));
      if (opts.html) {
        await writeFile(
          opts.html,
          renderHtml(docs, { title: `cleanwire explain ${paths.map((p) => basename(p)).join(' ')}` }),
        );
        process.stderr.write(`explained ${docs.length} document(s) -> ${opts.html}\n`);
        return;
      }
      // A reader that went away (`| head`) ends the output quietly.
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') process.exitCode = 1;
      });
      const color = opts.color && process.stdout.isTTY === true;
      for (const doc of docs) process.stdout.write(`${renderTerminal(doc, { color })}\n`);
    });
}
