// The BullMQ sandboxed processor of scripts/bench-sandbox.ts: the text stages of one document, run
// by the pool's own task runner (compiled: `npm run build` first), the outcome returned as a
// worker's processor would have to return it.
import { createTaskRunner } from '../dist/src/pool/task.js';

const run = createTaskRunner({});
const STAGES = ['decode', 'html', 'pages', 'normalize', 'unwrap', 'ligatures', 'boilerplate', 'repeats'];

export default async function process(job) {
  const { outcome } = await run({ stages: STAGES, doc: job.data });
  return outcome;
}
