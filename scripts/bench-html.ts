/**
 * Benchmark of the html stage alone on real pages: every .html file of a folder (default: the WCXB
 * development pages, unzipped in memory from ../shared/eval/wcxb-dev/html) goes through the html
 * stage, one after another in this process, and the script prints pages/s and MB/s. With --out it
 * also writes OUT/articles.jsonl (source and body, the headline line left out) for html-score.mjs,
 * to score the extraction without the text stages after it.
 *
 *   npx tsx scripts/bench-html.ts [--pages DIR] [--out DIR] [--rounds 1]
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { Document } from '../src/core/document.js';
import { createHtml } from '../src/stages/html.js';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: join(resolve(import.meta.dirname, '..'), '../shared/eval/wcxb-dev/html') },
    out: { type: 'string' },
    rounds: { type: 'string', default: '1' },
  },
});
const dir = values.pages;
const files = readdirSync(dir)
  .filter((f) => /\.html?(\.gz)?$/.test(f))
  .sort();
const pages = files.map((f) => {
  const bytes = readFileSync(join(dir, f));
  return { name: f.replace(/\.gz$/, ''), html: (f.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8') };
});
const stage = createHtml();
const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p.html), 0);
const records: string[] = [];
let kept = 0;
const rounds = Number(values.rounds);
const start = performance.now();
const cpuStart = process.cpuUsage();
for (let round = 0; round < rounds; round++) {
  for (const page of pages) {
    const doc: Document = {
      id: page.name,
      source: page.name,
      sourceKey: 'bench',
      output: `${page.name}.txt`,
      format: 'html',
      text: page.html,
      meta: {},
      changes: [],
    };
    const outcome = stage.run(doc);
    if (round > 0 || outcome.action !== 'keep') continue;
    kept++;
    if (values.out) {
      const [, ...body] = outcome.doc.text.split('\n');
      records.push(JSON.stringify({ source: page.name, text: body.join('\n') }));
    }
  }
}
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const n = pages.length * rounds;
console.log(
  `html stage: ${n} pages, ${(bytes / 1e6).toFixed(1)} MB a round, ${seconds.toFixed(2)} s: ` +
    `${(n / seconds).toFixed(1)} pages/s, ${((bytes * rounds) / 1e6 / seconds).toFixed(1)} MB/s; ` +
    `CPU ${cpuSeconds.toFixed(2)} s: ${(n / cpuSeconds).toFixed(1)} pages/s per core; ${kept} kept`,
);
if (values.out) {
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, 'articles.jsonl'), `${records.join('\n')}\n`);
}
