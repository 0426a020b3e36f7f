/**
 * How queue workers should run text stages off the event loop, measured: BullMQ sandboxed
 * processors (worker threads) against the worker-thread pool of src/pool/, on one queue, the
 * documents of INPUT_DIR, the text stages of the clean profile, 2 jobs at a time, 2 threads,
 * the outcome handed back in both. Rounds alternate; one warm-up job per slot first.
 *
 *   npm run build && npx tsx scripts/bench-sandbox.ts INPUT_DIR REDIS_URL
 */
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Document } from '../src/core/document.js';
import { collectInputs } from '../src/ingest/inputs.js';
import { readAll } from '../src/ingest/read.js';
import type { StageName } from '../src/pipeline/pipeline.js';
import { createPool } from '../src/pool/pool.js';

const STAGES: StageName[] = ['decode', 'html', 'pages', 'normalize', 'unwrap', 'ligatures', 'boilerplate', 'repeats'];
const [input, url] = process.argv.slice(2);
if (!input || !url) throw new Error('usage: bench-sandbox.ts INPUT_DIR REDIS_URL');
const docs: Document[] = [];
for (const file of await collectInputs([input]))
  for (const item of await readAll(file)) if ('doc' in item) docs.push(item.doc);

async function once(kind: 'sandboxed' | 'pool'): Promise<number> {
  const connection = new Redis(url as string, { maxRetriesPerRequest: null });
  const name = `bench-sandbox-${kind}-${process.pid}-${Date.now()}`;
  const queue = new Queue(name, { connection });
  const pool = kind === 'pool' ? createPool({ threads: 2, offThread: true }) : undefined;
  const processor = pool
    ? async (job: { data: Document }) => (await pool.run(STAGES, job.data)).outcome
    : new URL('./bench-sandbox-processor.mjs', import.meta.url);
  const worker = new Worker(name, processor as never, { connection, concurrency: 2, useWorkerThreads: true });
  let done = 0;
  worker.on('completed', () => done++);
  worker.on('failed', () => done++);
  const until = async (n: number) => {
    while (done < n) await new Promise((r) => setTimeout(r, 20));
  };
  await queue.addBulk(docs.slice(0, 2).map((data, i) => ({ name: 'doc', data, opts: { jobId: `warm-${i}` } })));
  await until(2);
  done = 0;
  const started = performance.now();
  await queue.addBulk(docs.map((data, i) => ({ name: 'doc', data, opts: { jobId: `doc-${i}` } })));
  await until(docs.length);
  const seconds = (performance.now() - started) / 1000;
  await worker.close();
  await pool?.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await connection.quit();
  return seconds;
}

const rows: string[] = [];
for (let round = 1; round <= 2; round++) {
  for (const kind of ['sandboxed', 'pool'] as const) {
    const seconds = await once(kind);
    rows.push(`${kind.padEnd(10)} round ${round}: ${docs.length} documents in ${seconds.toFixed(2)} s`);
  }
}
process.stdout.write(`${rows.join('\n')}\n`);
process.exit(0);
