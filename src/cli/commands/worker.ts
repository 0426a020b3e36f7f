import type { Command } from 'commander';
import { runWorker } from '../../../workers/worker.js';
import { loadConfig } from '../../config/env.js';
import { loadPipelineOptions } from '../pipeline-options.js';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(
      'Run BullMQ workers on Redis (REDIS_URL) for the queues of the topology: each takes documents from its ' +
        "segment queue, runs the segment's stages and hands them to the next; the last writes OUT/REL.txt, " +
        'OUT/articles.jsonl, OUT/rejected.jsonl and the `articles` queue. Stops gracefully on SIGTERM/SIGINT. ' +
        'Start as many as you like, on as many machines, sharing the output folder.',
    )
    .option('--segments <names>', 'comma-separated segments to run (CLEANWIRE_SEGMENTS; default: all of the topology)')
    .option('-c, --concurrency <n>', 'jobs run at once per segment (CLEANWIRE_CONCURRENCY, default 4)')
    .option(
      '-t, --threads <n>',
      'worker threads for the text stages (CLEANWIRE_THREADS; default auto: one fewer than the cores, at least 1)',
    )
    .option('--topology <name>', 'default, fused or per-stage (CLEANWIRE_TOPOLOGY, default "default")')
    .option('-o, --out <dir>', 'output folder (CLEANWIRE_OUT, default "out")')
    .option(
      '--metrics-port <port>',
      'serve /metrics, /healthz and /readyz on this port, 0 for any free one (CLEANWIRE_METRICS_PORT; default off)',
    )
    .option('--config <file>', 'JSON file of stage options, keyed by stage name (CLEANWIRE_CONFIG)')
    .option(
      '--force-out',
      'start even though workers on this prefix registered another output folder (moves the output for good)',
      false,
    )
    .option(
      '--drop-near-duplicates',
      'reject articles that nearly repeat an earlier one instead of marking them',
      false,
    )
    .action(
      async (opts: {
        segments?: string;
        concurrency?: string;
        threads?: string;
        topology?: string;
        out?: string;
        config?: string;
        metricsPort?: string;
        dropNearDuplicates: boolean;
        forceOut: boolean;
      }) => {
        const config = loadConfig({
          segments: opts.segments,
          concurrency: opts.concurrency,
          threads: opts.threads,
          topology: opts.topology,
          out: opts.out,
          pipelineConfig: opts.config,
          metricsPort: opts.metricsPort,
        });
        const pipeline = await loadPipelineOptions(config.pipelineConfig || undefined, {
          dropNearDuplicates: opts.dropNearDuplicates,
        });
        await runWorker(config, pipeline, { forceOut: opts.forceOut });
      },
    );
}
