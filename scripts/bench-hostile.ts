/**
 * Hostile-text benchmark: every pattern of scripts/hostile-texts.ts at 100 KB, 1 MB and 5 MB,
 * every stage of the pipeline timed separately, and the ratio of its 5 MB time to its 1 MB time,
 * which is about 5 for a stage that takes linear time (the bound is 6).
 *
 *   npm run bench:hostile -- [--sizes 100k,1m,5m] [--only hyphen-breaks,punctuation-run]
 *     [--timeout 300] [--json FILE]
 *
 * Each pattern runs in its own process, so that a pattern that takes too long (more than
 * --timeout seconds for all its sizes) is cut off and reported without stopping the others, and
 * memory one pattern leaves behind does not slow the next. Exit code 1 when a stage's ratio is
 * above 6 or a pattern timed out or crashed.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createPipeline, STAGE_NAMES } from '../src/pipeline/pipeline.js';
import { fastest, HOSTILE_PATTERNS, hostileDocument, type StageTimes, timeStages } from './hostile-texts.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100k,1m,5m' },
    only: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    json: { type: 'string' },
    child: { type: 'string' },
  },
});

/** Largest allowed 5 MB / 1 MB time ratio: linear is 5. */
const MAX_RATIO = 6;
/** Sizes up to this are timed twice and the faster run kept: timer and machine noise weigh most there. */
const REPEAT_UP_TO = 1_000_000;
/** Below this many milliseconds at the larger size a ratio is timer noise, not growth. */
const NOISE_MS = 20;

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`--sizes: expected sizes like 100k or 5m, got ${JSON.stringify(text)}`);
  const unit = { '': 1, k: 1000, m: 1_000_000 }[(match[2] ?? '').toLowerCase()] ?? 1;
  return Math.round(Number(match[1]) * unit);
}

const sizes = (values.sizes ?? '').split(',').map(parseSize);

interface Result extends StageTimes {
  readonly pattern: string;
  readonly bytes: number;
}

/** In the child: one pattern at every size, one JSON line per size as soon as it is done. */
async function runChild(name: string): Promise<void> {
  const pattern = HOSTILE_PATTERNS.find((p) => p.name === name);
  if (!pattern) throw new Error(`unknown pattern ${JSON.stringify(name)}`);
  const stages = createPipeline();
  // A first run compiles the code paths this pattern takes, so the smallest size is not charged for it.
  await timeStages(hostileDocument(pattern, sizes[0] ?? 1000), stages);
  for (const bytes of sizes) {
    const doc = hostileDocument(pattern, bytes);
    const runs = [];
    for (let i = 0; i < (bytes <= REPEAT_UP_TO ? 2 : 1); i++) runs.push(await timeStages(doc, stages));
    process.stdout.write(`${JSON.stringify({ pattern: name, bytes, ...fastest(runs) })}\n`);
  }
}

function runPattern(name: string, timeoutMs: number): Promise<{ results: Result[]; failure?: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, '--expose-gc', import.meta.filename, '--child', name, '--sizes', values.sizes ?? ''],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const results = out
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Result);
      let failure: string | undefined;
      if (timedOut) failure = `timed out after ${timeoutMs / 1000} s`;
      else if (code !== 0) failure = `exit ${code}: ${err.trim().split('\n').slice(-3).join(' | ').slice(0, 300)}`;
      resolve(failure ? { results, failure } : { results });
    });
  });
}

function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '-';
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

function label(bytes: number): string {
  return bytes >= 1_000_000 ? `${bytes / 1_000_000}MB` : `${bytes / 1000}KB`;
}

async function main(): Promise<void> {
  const only = values.only?.split(',');
  const patterns = HOSTILE_PATTERNS.filter((p) => !only || only.includes(p.name));
  const timeoutMs = Number(values.timeout) * 1000;
  const [small, large] = sizes.slice(-2) as [number, number];
  const all: Result[] = [];
  const failures: string[] = [];
  const over: string[] = [];
  const nameWidth = Math.max(...patterns.map((p) => p.name.length), 7);
  const columns = STAGE_NAMES.map((s) => s.slice(0, 9).padStart(9)).join(' ');
  process.stdout.write(
    `ratio of each stage's time at ${label(large)} to ${label(small)} (linear: ${large / small}, bound ${MAX_RATIO}; ` +
      `~ = under ${NOISE_MS} ms at ${label(large)}), then total ms per size\n`,
  );
  process.stdout.write(
    `${'pattern'.padEnd(nameWidth)} ${columns}  ${sizes.map((b) => label(b).padStart(8)).join(' ')}\n`,
  );
  for (const pattern of patterns) {
    const { results, failure } = await runPattern(pattern.name, timeoutMs);
    all.push(...results);
    const at = (bytes: number) => results.find((r) => r.bytes === bytes);
    const cells = STAGE_NAMES.map((stage) => {
      const a = at(small)?.ms[stage];
      const b = at(large)?.ms[stage];
      if (a === undefined || b === undefined) return '-'.padStart(9);
      if (b < NOISE_MS) return '~'.padStart(9);
      const ratio = b / Math.max(a, 0.001);
      if (ratio > MAX_RATIO) over.push(`${pattern.name} ${stage} ${ratio.toFixed(1)}`);
      return `${ratio > MAX_RATIO ? '!' : ''}${ratio.toFixed(1)}`.padStart(9);
    });
    const totals = sizes.map((bytes) => {
      const r = at(bytes);
      return (r ? formatMs(Object.values(r.ms).reduce((x, y) => x + y, 0)) : '-').padStart(8);
    });
    process.stdout.write(`${pattern.name.padEnd(nameWidth)} ${cells.join(' ')}  ${totals.join(' ')}\n`);
    if (failure) failures.push(`${pattern.name}: ${failure}`);
  }
  process.stdout.write(`\nslowest stages at ${label(large)} (ms):\n`);
  const slow = all
    .filter((r) => r.bytes === large)
    .flatMap((r) => Object.entries(r.ms).map(([stage, ms]) => ({ pattern: r.pattern, stage, ms })))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 10);
  for (const s of slow) process.stdout.write(`  ${formatMs(s.ms).padStart(8)}  ${s.stage.padEnd(16)} ${s.pattern}\n`);
  const dropped = all.filter((r) => r.bytes === large && r.dropped);
  if (dropped.length) {
    process.stdout.write(`\ndropped at ${label(large)} (the later stages still timed on the text they had):\n`);
    for (const r of dropped) process.stdout.write(`  ${r.pattern}: ${r.dropped}\n`);
  }
  if (values.json) writeFileSync(values.json, JSON.stringify(all, null, 2));
  for (const f of failures) process.stdout.write(`FAILED ${f}\n`);
  for (const o of over) process.stdout.write(`OVER ${MAX_RATIO}x: ${o}\n`);
  process.stdout.write(
    `\n${patterns.length} patterns, ${failures.length} failed, ${over.length} stage ratios over ${MAX_RATIO}\n`,
  );
  process.exitCode = failures.length || over.length ? 1 : 0;
}

if (values.child) await runChild(values.child);
else await main();
