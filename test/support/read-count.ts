/**
 * Child-process probe for the streaming test: reads one input through `readInput` and prints the
 * record count and the process's peak resident memory (maxRSS, KiB) as JSON.
 */
import { basename, dirname, resolve } from 'node:path';
import { readInput } from '../../src/ingest/read.js';

const path = resolve(process.argv[2] ?? '');
let docs = 0;
let rejections = 0;
for await (const item of readInput({ path, root: dirname(path), rel: basename(path) })) {
  if ('doc' in item) docs++;
  else rejections++;
}
process.stdout.write(`${JSON.stringify({ docs, rejections, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
