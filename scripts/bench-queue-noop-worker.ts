/**
 * The no-op queue pipeline scripts/bench-queue.ts compares queue mode with: a `cleanwire worker`
 * in every respect (the topology's queues, job options, ledger, output writer, `articles` queue)
 * except its stages: the decode step turns the input bytes into text, as the no-op pass of
 * `npm run bench` does, and nothing else runs. Same payloads, same hops, no cleaning.
 *
 *   node --import tsx scripts/bench-queue-noop-worker.ts   (configured like `cleanwire worker`: REDIS_URL, CLEANWIRE_*)
 */
import { loadConfig } from '../src/config/env.js';
import { type Document, rawBytes } from '../src/core/document.js';
import type { Stage } from '../src/core/stage.js';
import { runWorker } from '../workers/worker.js';

const decode: Stage = {
  name: 'decode',
  kind: 'text',
  run(doc: Document) {
    if (doc.raw === undefined) return { action: 'keep', doc };
    const { raw, ...rest } = doc;
    return { action: 'keep', doc: { ...rest, text: rawBytes(raw).toString('utf8') } };
  },
};

await runWorker(loadConfig(), {}, { stages: [decode] });
