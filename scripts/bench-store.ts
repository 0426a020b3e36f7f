/**
 * Benchmark of the cross-document stages on the Redis store: N documents (default 10,000) built
 * from the development articles go through the cross-document stages as a worker runs
 * them (learn, then run, one document after another), and the script reports what the store
 * holds in Redis (`INFO memory` used_memory before and after, keys) and the time per document
 * the cross-document stages add, next to the same run on the in-memory store.
 *
 *   REDIS_URL=redis://127.0.0.1:6379 npx tsx scripts/bench-store.ts [--docs 10000] [--sources 200]
 *     [--articles ../shared/eval/articles-dev.jsonl] [--seed 1] [--keep]
 *
 * Documents: a source has a template of 2 to 8 lines (label on top, site lines at the bottom, an
 * ad marker in the middle) and 1 to 150 documents; a document is a headline and 4 to 14
 * paragraphs drawn from the articles at random, so documents differ as articles do; 3% repeat
 * an earlier document of their source with one paragraph changed (near-duplicates). The text is
 * what the cross-document stages receive: one paragraph a line. Keys go under a fresh prefix,
 * deleted at the end unless --keep.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/env.js';
import type { Document } from '../src/core/document.js';
import type { CrossStage } from '../src/core/stage.js';
import { createPipeline } from '../src/pipeline/pipeline.js';
import { createRedisConnection, redactUrl } from '../src/queue/connection.js';
import { createRedisStore } from '../src/queue/redis-store.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import type { CrossDocumentStore } from '../src/store/store.js';
import { seededRandom } from '../src/text/seeded.js';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '10000' },
    sources: { type: 'string', default: '200' },
    articles: {
      type: 'string',
      default: join(resolve(import.meta.dirname, '..'), '../shared/eval/articles-dev.jsonl'),
    },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
});
const DOCS = Number(values.docs);
const SOURCES = Number(values.sources);

const rand = seededRandom(Number(values.seed) >>> 0 || 1);
const between = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

interface Article {
  readonly title: string;
  readonly paragraphs: readonly string[];
}
const articles = readFileSync(values.articles, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Article);
const titles = articles.map((a) => a.title).filter(Boolean);
const paragraphs = articles.flatMap((a) => a.paragraphs).filter((p) => p.length > 40);

function makeDocs(): Document[] {
  const sources = Array.from({ length: SOURCES }, (_, i) => {
    const name = `Site ${i}`;
    const bottom = [
      `© 2025 ${name}. All rights reserved.`,
      `Follow ${name} on Google News`,
      `${name} newsletter`,
    ].slice(0, between(1, 3));
    return {
      key: `site-${i}.example`,
      top: rand() < 0.6 ? [pick(['World', 'Business', 'Home » News']), `${name} | since ${between(1900, 2000)}`] : [],
      inline: rand() < 0.3 ? `Story continues below ${name} advertisement` : undefined,
      bottom,
      weight: rand() ** 3,
    };
  });
  const total = sources.reduce((s, x) => s + x.weight, 0);
  const docs: Document[] = [];
  const bySource = new Map<string, string[][]>();
  for (let i = 0; i < DOCS; i++) {
    const target = rand() * total;
    let sum = 0;
    const source =
      sources.find((s) => {
        sum += s.weight;
        return sum >= target;
      }) ?? (sources.at(-1) as (typeof sources)[number]);
    const earlier = bySource.get(source.key) ?? [];
    let body: string[];
    if (earlier.length > 0 && rand() < 0.03) {
      body = [...pick(earlier)];
      body[between(1, body.length - 1)] = pick(paragraphs);
    } else {
      body = [pick(titles), ...Array.from({ length: between(4, 14) }, () => pick(paragraphs))];
    }
    earlier.push(body);
    bySource.set(source.key, earlier);
    const middle = Math.floor(body.length / 2);
    const lines = [
      ...source.top,
      ...body.slice(0, middle),
      ...(source.inline ? [source.inline] : []),
      ...body.slice(middle),
      ...source.bottom,
    ];
    docs.push({
      id: `doc-${i}`,
      source: `${source.key}/doc-${i}.txt`,
      sourceKey: source.key,
      output: `${source.key}/doc-${i}.txt`,
      format: 'text',
      text: lines.join('\n'),
      meta: {},
      changes: [],
    });
  }
  return docs;
}

interface Timing {
  /** Milliseconds per document, per cross-document stage, in pipeline order. */
  readonly perStage: Map<string, number[]>;
  removedLines: number;
  marked: number;
}

/** The pipeline's cross-document stages, in order: whatever the pipeline holds, the bench measures. */
const crossStages = (): CrossStage[] => createPipeline().filter((stage): stage is CrossStage => stage.kind === 'cross');

/** Runs the cross stages as a worker does: learn, then run, one document after the other. */
async function runWorkerStyle(docs: readonly Document[], store: CrossDocumentStore): Promise<Timing> {
  const stages = crossStages();
  const timing: Timing = { perStage: new Map(stages.map((s) => [s.name, []])), removedLines: 0, marked: 0 };
  for (const doc of docs) {
    let current = doc;
    for (const stage of stages) {
      const started = performance.now();
      await stage.learn(current, store);
      const outcome = await stage.run(current, store);
      timing.perStage.get(stage.name)?.push(performance.now() - started);
      current = outcome.doc;
    }
    timing.removedLines += current.changes.length - doc.changes.length;
    if (current.meta.duplicateOf) timing.marked++;
  }
  return timing;
}

/** Per-document total over all cross stages. */
const totals = (timing: Timing): number[] => {
  const columns = [...timing.perStage.values()];
  return (columns[0] ?? []).map((_, i) => columns.reduce((sum, column) => sum + (column[i] ?? 0), 0));
};

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const quantile = (xs: readonly number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};
const ms = (x: number): string => `${x.toFixed(3)} ms`;
const describe = (label: string, xs: readonly number[]): string =>
  `${label.padEnd(16)} mean ${ms(mean(xs))}  p50 ${ms(quantile(xs, 0.5))}  p95 ${ms(quantile(xs, 0.95))}`;

function usedMemory(info: string): number {
  const match = /^used_memory:(\d+)/m.exec(info);
  return match ? Number(match[1]) : Number.NaN;
}

const config = loadConfig();
const docs = makeDocs();
const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0);
console.log(
  `${docs.length} documents, ${new Set(docs.map((d) => d.sourceKey)).size} sources, ${(bytes / docs.length).toFixed(0)} bytes a document on average`,
);

const memory = await runWorkerStyle(docs, createMemoryStore());
console.log('\nin-memory store (cleanwire clean):');
for (const [name, times] of memory.perStage) console.log(describe(name, times));
console.log(describe('all', totals(memory)));

const connection = createRedisConnection({ url: config.redisUrl });
const prefix = `bench-${process.pid}`;
try {
  const before = usedMemory(await connection.info('memory'));
  const redis = await runWorkerStyle(docs, createRedisStore({ connection, prefix }));
  const after = usedMemory(await connection.info('memory'));
  const keys = await connection.keys(`${prefix}:*`);
  console.log(`\nRedis store (${redactUrl(config.redisUrl)}, workers):`);
  for (const [name, times] of redis.perStage) console.log(describe(name, times));
  console.log(describe('all', totals(redis)));
  console.log(
    `used_memory ${(before / 2 ** 20).toFixed(1)} MiB -> ${(after / 2 ** 20).toFixed(1)} MiB: +${((after - before) / 2 ** 20).toFixed(1)} MiB, ${((after - before) / docs.length).toFixed(0)} bytes a document; ${keys.length} keys`,
  );
  console.log(
    `decisions: ${redis.removedLines} lines removed, ${redis.marked} near-duplicates marked (in memory: ${memory.removedLines}, ${memory.marked})`,
  );
  if (!values.keep && keys.length > 0) {
    for (let i = 0; i < keys.length; i += 1000) await connection.del(...keys.slice(i, i + 1000));
  }
} finally {
  connection.disconnect();
}
