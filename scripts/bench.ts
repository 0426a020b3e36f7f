/**
 * `npm run bench`: what `cleanwire clean` costs, as a table.
 *
 * 1. Throughput on the development corpus (../shared/eval/noise.mjs, seed 7, as scripts/eval.sh
 *    builds it): wall time of `cleanwire clean` against a no-op pass (scripts/bench-noop.ts: the
 *    same inputs read, split and written, nothing cleaned), both run as child processes in this
 *    run, so the ratio holds on a busy machine. Reported: docs/s, MB/s (input bytes), ratio.
 * 2. Memory at scale: peak RSS (of the whole `cleanwire clean` process, worker threads included,
 *    from /usr/bin/time) on N generated documents for each N of --sizes. A generated document is
 *    the frame of a development article (headline, site lines, link lists) around --paragraphs
 *    paragraphs drawn from all articles (deterministically), the first one numbered, so that no
 *    two are the same text and every site keeps its template lines. Short documents keep 100,000
 *    of them within reach of a busy machine: what grows with their number is per-document state.
 *
 *   npm run bench -- [--sizes 2000,20000,100000] [--paragraphs 4] [--threads N] [--skip-throughput] [--keep]
 *     [--repeat 3] [--eval ../shared/eval] [--work DIR] [--generate-only]
 *
 * `--keep` keeps the work folder and the generated inputs in it; `--work DIR` (kept too) uses DIR
 * as the work folder and reuses the inputs an earlier run generated there with the same
 * --paragraphs, so that runs at the same sizes compare the same documents without regenerating.
 *
 * Throughput runs the no-op pass and `clean` --repeat times each, alternating, and keeps the
 * fastest of each: on a shared machine the fastest run is the one least slowed by other jobs.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom } from '../src/text/seeded.js';
import { buildDevCorpus } from './dev-corpus.js';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '2000,20000,100000' },
    threads: { type: 'string' },
    paragraphs: { type: 'string', default: '4' },
    eval: { type: 'string', default: resolve(ROOT, '../shared/eval') },
    'skip-throughput': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    repeat: { type: 'string', default: '3' },
    work: { type: 'string' },
    'generate-only': { type: 'boolean', default: false },
  },
});
const sizes = values.sizes
  .split(',')
  .filter(Boolean)
  .map((s) => Number(s));
const keep = values.keep || values.work !== undefined;
const work = values.work ? resolve(values.work) : mkdtempSync(join(tmpdir(), 'cleanwire-bench-'));
mkdirSync(work, { recursive: true });
const threadArgs = values.threads ? ['--threads', values.threads] : [];

interface Timed {
  readonly seconds: number;
  readonly maxRssMb: number;
}

/** Runs a command under /usr/bin/time: wall seconds and peak RSS of the process. */
function timed(command: string, args: readonly string[]): Timed {
  const report = join(work, 'time.txt');
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', report, command, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${run.stderr}`);
  const [seconds, kb] = readFileSync(report, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  return { seconds: seconds ?? Number.NaN, maxRssMb: (kb ?? Number.NaN) / 1024 };
}

const clean = (input: string, out: string) =>
  timed(process.execPath, [
    join(ROOT, 'bin/cleanwire.js'),
    'clean',
    input,
    '--out',
    out,
    '--no-progress',
    '--quiet',
    ...threadArgs,
  ]);
const noop = (input: string, out: string) =>
  timed(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/bench-noop.ts'), input, out]);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function devCorpus(): string {
  const input = join(work, 'dev/input');
  if (keep && existsSync(join(work, 'dev/.complete'))) return input;
  rmSync(join(work, 'dev'), { recursive: true, force: true });
  const built = buildDevCorpus(values.eval, join(work, 'dev'));
  writeFileSync(join(work, 'dev/.complete'), '');
  return built;
}

/** Blank-line separated blocks; a block of 15 words or more is a paragraph, the rest is the site's frame. */
const blocksOf = (text: string) => text.split(/\n[ \t]*\n/);
const isParagraph = (block: string) => block.split(/\s+/).length >= 15;

/**
 * N documents recombined from the development corpus (see the header): document i takes the
 * frame of article i mod 699 (headline, site lines, ad markers, link lists: every block under 15
 * words) and `paragraphs` paragraphs drawn from all articles, the first one numbered.
 */
function generate(devInput: string, n: number): string {
  const dir = join(work, `gen-${n}-p${values.paragraphs}`);
  // A kept folder is reused only if its generation finished (the marker is written last).
  const complete = join(work, `gen-${n}-p${values.paragraphs}.complete`);
  if (keep && existsSync(complete)) return dir;
  rmSync(dir, { recursive: true, force: true });
  const articles = filesUnder(devInput).map((path) => ({
    site: dirname(path).slice(devInput.length + 1),
    blocks: blocksOf(readFileSync(path, 'utf8')),
  }));
  const pool = articles.flatMap((a) => a.blocks.filter(isParagraph));
  const next = seededRandom(n);
  const draw = () => pool[Math.floor(next() * pool.length)] ?? '';
  for (let i = 0; i < n; i++) {
    const base = articles[i % articles.length];
    if (!base) break;
    const frame = base.blocks.filter((b) => !isParagraph(b));
    const at = base.blocks.findIndex(isParagraph);
    const body = Array.from({ length: values.paragraphs ? Number(values.paragraphs) : 4 }, draw);
    body[0] = `${body[0]} This is report number ${i} of the series.`;
    // The frame's blocks before the first paragraph stay on top (label, headline), the rest below.
    const top = at === -1 ? frame : frame.slice(0, at);
    const bottom = at === -1 ? [] : frame.slice(at);
    const path = join(dir, base.site, `doc-${String(i).padStart(7, '0')}.txt`);
    if (i < articles.length) mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, [...top, ...body, ...bottom].join('\n\n'));
  }
  writeFileSync(complete, '');
  return dir;
}

const bytesOf = (dir: string) => filesUnder(dir).reduce((sum, path) => sum + statSync(path).size, 0);
const rows: string[][] = [];
const row = (...cells: (string | number)[]) => rows.push(cells.map(String));

if (!values['skip-throughput']) {
  const dev = devCorpus();
  const docs = filesUnder(dev).length;
  const mb = bytesOf(dev) / 1e6;
  const fastest = (a: Timed | undefined, b: Timed) => (a && a.seconds <= b.seconds ? a : b);
  let base: Timed | undefined;
  let run: Timed | undefined;
  for (let i = 0; i < Math.max(1, Number(values.repeat)); i++) {
    base = fastest(base, noop(dev, join(work, 'out-noop')));
    run = fastest(run, clean(dev, join(work, 'out-clean')));
    process.stderr.write(`run ${i + 1}: no-op ${base.seconds} s, clean ${run.seconds} s (fastest so far)\n`);
  }
  if (!base || !run) throw new Error('no run');
  row('dev corpus', 'docs', 'MB', 'seconds', 'docs/s', 'MB/s', 'ratio to no-op', 'peak RSS MB');
  row(
    'no-op pass',
    docs,
    mb.toFixed(1),
    base.seconds,
    (docs / base.seconds).toFixed(1),
    (mb / base.seconds).toFixed(2),
    '1.00',
    base.maxRssMb.toFixed(0),
  );
  row(
    'cleanwire clean',
    docs,
    mb.toFixed(1),
    run.seconds,
    (docs / run.seconds).toFixed(1),
    (mb / run.seconds).toFixed(2),
    (base.seconds / run.seconds).toFixed(2),
    run.maxRssMb.toFixed(0),
  );
  row('');
}

if (sizes.length > 0) {
  const dev = values['skip-throughput'] ? devCorpus() : join(work, 'dev/input');
  row('generated', 'docs', 'MB', 'seconds', 'docs/s', 'MB/s', 'peak RSS MB', 'RSS / first size');
  let first: number | undefined;
  for (const n of sizes) {
    const input = generate(dev, n);
    if (values['generate-only']) continue;
    const mb = bytesOf(input) / 1e6;
    const out = join(work, `out-${n}`);
    const run = clean(input, out);
    first ??= run.maxRssMb;
    row(
      'cleanwire clean',
      n,
      mb.toFixed(1),
      run.seconds,
      (n / run.seconds).toFixed(1),
      (mb / run.seconds).toFixed(2),
      run.maxRssMb.toFixed(0),
      (run.maxRssMb / first).toFixed(2),
    );
    if (!keep) rmSync(input, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
    process.stderr.write(`done: ${rows.at(-1)?.join(' ')}\n`);
  }
}

const widths: number[] = [];
for (const r of rows) {
  r.forEach((c, i) => {
    widths[i] = Math.max(widths[i] ?? 0, c.length);
  });
}
process.stdout.write(
  `${rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`,
);
if (keep) process.stdout.write(`work folder: ${work}\n`);
else rmSync(work, { recursive: true, force: true });
