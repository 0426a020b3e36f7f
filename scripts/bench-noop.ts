/**
 * The no-op pass `npm run bench` compares `cleanwire clean` with: it walks the same inputs, reads
 * and splits them into documents as clean does, and writes each one's bytes as its article file
 * and a line of articles.jsonl, with clean's reader and writer, and nothing in between.
 *
 *   npx tsx scripts/bench-noop.ts INPUT_DIR OUT_DIR
 */
import { rm } from 'node:fs/promises';
import pLimit from 'p-limit';
import { rawBytes } from '../src/core/document.js';
import { collectInputs } from '../src/ingest/inputs.js';
import { readAll } from '../src/ingest/read.js';
import { createOutputWriter } from '../src/output/writer.js';

const [input, out] = process.argv.slice(2);
if (!input || !out) throw new Error('usage: bench-noop.ts INPUT_DIR OUT_DIR');
await rm(out, { recursive: true, force: true });
const writer = await createOutputWriter(out, { replace: true });
const limit = pLimit(8);
const files = await collectInputs([input], [out]);
const read = files.map((file) => limit(() => readAll(file)));
for (const pending of read) {
  for (const item of await pending) {
    if ('rejection' in item) await writer.writeRejection(item.rejection);
    else {
      const text = item.doc.raw === undefined ? item.doc.text : rawBytes(item.doc.raw).toString('utf8');
      await writer.writeArticle({ ...item.doc, text });
    }
  }
}
