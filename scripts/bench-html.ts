/**
 * Benchmark of the html stage on real pages (`npm run bench` runs it): every .html file of a folder
 * (default: the WCXB development pages, unzipped in memory from ../shared/eval/wcxb-dev/html).
 *
 * 1. The html stage alone: the pages go through it one after another in this process; printed:
 *    pages/s and MB/s (wall), pages per CPU-second. With --out it also writes OUT/articles.jsonl
 *    (source and body, the headline line left out) for html-score.mjs, to score the extraction
 *    without the text stages after it.
 * 2. The whole `cleanwire clean` (bin/cleanwire.js, so `npm run build` first) over the same pages
 *    in a child process under /usr/bin/time, --repeat times, the fastest kept (on a shared machine
 *    the fastest run is the one least slowed by other jobs): pages/s wall, and pages per
 *    CPU-second (user + sys of all its threads), which a busy machine disturbs less.
 *    --skip-clean leaves it out.
 *
 *   npx tsx scripts/bench-html.ts [--pages DIR] [--out DIR] [--rounds 1] [--repeat 3] [--skip-clean]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
    repeat: { type: 'string', default: '3' },
    'skip-clean': { type: 'boolean', default: false },
  },
});
const ROOT = resolve(import.meta.dirname, '..');
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

if (!values['skip-clean']) {
  const work = mkdtempSync(join(tmpdir(), 'cleanwire-bench-html-'));
  try {
    const input = join(work, 'pages');
    mkdirSync(input);
    for (const page of pages) writeFileSync(join(input, page.name), page.html);
    let wall = Number.POSITIVE_INFINITY;
    let cpu = Number.POSITIVE_INFINITY;
    for (let run = 0; run < Number(values.repeat); run++) {
      const report = join(work, 'time.txt');
      const args = ['clean', input, '--out', join(work, `out-${run}`), '--no-progress', '--quiet'];
      const child = spawnSync(
        '/usr/bin/time',
        ['-f', '%e %U %S', '-o', report, process.execPath, join(ROOT, 'bin/cleanwire.js'), ...args],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      if (child.status !== 0) throw new Error(`cleanwire clean failed:\n${child.stderr}`);
      const [seconds = Number.NaN, user = Number.NaN, sys = Number.NaN] = readFileSync(report, 'utf8')
        .trim()
        .split(/\s+/)
        .slice(-3)
        .map(Number);
      wall = Math.min(wall, seconds);
      cpu = Math.min(cpu, user + sys);
    }
    console.log(
      `cleanwire clean: ${pages.length} pages, fastest of ${values.repeat}: ${wall.toFixed(2)} s wall: ` +
        `${(pages.length / wall).toFixed(1)} pages/s; least CPU ${cpu.toFixed(2)} s (user + sys, all threads): ` +
        `${(pages.length / cpu).toFixed(1)} pages per CPU-second`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
