/**
 * `cleanwire templates [sourceKey]`: what the Redis store has learned about each source's
 * template, judged with the templates stage's options (defaults, or `--config`): how many
 * documents were counted, and which lines the stage removes (with the counts and shares it
 * would record as evidence).
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config/env.js';
import { resolveTemplatesOptions, templateEvidence } from '../../stages/templates.js';
import type { CrossDocumentStore } from '../../store/store.js';
import { loadPipelineOptions } from '../pipeline-options.js';
import { withRedisStore } from '../with-redis-store.js';

export interface ReportedLine {
  readonly text: string;
  /** Counted documents of the source that carried the line. */
  readonly count: number;
  readonly share: number;
  /** Counted documents that carried it among their first lines. */
  readonly top: number;
  /** Removed wherever it stands below the headline. */
  readonly template: boolean;
  /** Removed above the headline too (a site label). */
  readonly label: boolean;
}

export interface SourceReport {
  readonly sourceKey: string;
  readonly docs: number;
  readonly templateLines: number;
  readonly lines: readonly ReportedLine[];
}

export async function sourceReports(
  store: CrossDocumentStore,
  options: { sourceKey?: string; all: boolean; thresholds: { minDocs: number; minShare: number } },
): Promise<SourceReport[]> {
  const summaries = (await store.sources()).filter(
    (s) => options.sourceKey === undefined || s.sourceKey === options.sourceKey,
  );
  const reports: SourceReport[] = [];
  for (const { sourceKey, docs } of summaries) {
    const lines = (await store.learnedLines(sourceKey)).map((line) => ({
      text: line.text,
      count: line.count,
      share: Math.round((line.count / docs) * 100) / 100,
      top: line.top,
      template: templateEvidence(line.count, docs, options.thresholds) !== undefined,
      label: templateEvidence(line.top, docs, options.thresholds) !== undefined,
    }));
    const templates = lines.filter((line) => line.template);
    reports.push({
      sourceKey,
      docs,
      templateLines: templates.length,
      lines: options.all ? lines : templates,
    });
  }
  return reports;
}

function formatReport(report: SourceReport, all: boolean): string {
  const head = `${report.sourceKey}: ${report.docs} document(s), ${report.templateLines} template line(s)`;
  if (report.lines.length === 0) return head;
  const rows = report.lines.map(
    (line) =>
      `${all ? (line.template ? '* ' : '  ') : ''}${String(line.count).padStart(6)} ${line.share.toFixed(2).padStart(5)} ${String(line.top).padStart(5)}  ${line.text}${line.label ? '  [label]' : ''}`,
  );
  return [head, `${all ? '  ' : ''} count share   top  line`, ...rows].join('\n');
}

export function registerTemplates(program: Command): void {
  program
    .command('templates')
    .description(
      'Show what the Redis store (REDIS_URL, CLEANWIRE_PREFIX) has learned per source: counted documents and the ' +
        'template lines the templates stage removes, with the number and share of documents that carry each ' +
        '("top": how many carry it among their first lines; [label]: removed above the headline too).',
    )
    .argument('[sourceKey]', 'one source (URL host or input folder); default: a summary of every source')
    .option(
      '--all',
      'also list lines seen in two documents or more that are not template lines (marked without *)',
      false,
    )
    .option('--json', 'print JSON: {sources: [{sourceKey, docs, templateLines, lines: [...]}]}', false)
    .option('--config <file>', 'JSON file of stage options whose `templates` thresholds to apply (CLEANWIRE_CONFIG)')
    .action(async (sourceKey: string | undefined, opts: { all: boolean; json: boolean; config?: string }) => {
      const config = loadConfig({ pipelineConfig: opts.config });
      const pipeline = await loadPipelineOptions(config.pipelineConfig || undefined);
      const thresholds = resolveTemplatesOptions(pipeline.templates);
      await withRedisStore(config, async (store) => {
        const reports = await sourceReports(store, {
          ...(sourceKey === undefined ? {} : { sourceKey }),
          all: opts.all,
          thresholds,
        });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ sources: reports })}\n`);
        } else if (sourceKey === undefined) {
          const width = Math.max(6, ...reports.map((r) => r.sourceKey.length));
          process.stdout.write(
            `${['source'.padEnd(width), 'documents', 'template lines'].join('  ')}\n${reports
              .map(
                (r) =>
                  `${r.sourceKey.padEnd(width)}  ${String(r.docs).padStart(9)}  ${String(r.templateLines).padStart(14)}\n`,
              )
              .join('')}`,
          );
        } else {
          process.stdout.write(`${reports.map((r) => formatReport(r, opts.all)).join('\n\n')}\n`);
        }
        if (sourceKey !== undefined && reports.length === 0) {
          process.stderr.write(`cleanwire: nothing learned for source ${JSON.stringify(sourceKey)}\n`);
          process.exitCode = 1;
        }
      });
    });
}
