/**
 * Hostile-text benchmark: every pattern of scripts/hostile-texts.ts at 100 KB, 1 MB and 5 MB,
 * every stage of the pipeline timed separately, and the ratio of its 5 MB time to its 1 MB time,
 * which is about 5 for a stage that takes linear time (the bound is 6).
 *
 *   npm run bench:hostile -- [--sizes 100k,1m,5m] [--only hyphen-breaks,punctuation-run]
 *     [--repeat 3] [--warmup 1] [--confirm 3] [--noise 20] [--timeout 600] [--json FILE] [--from FILE]
 *
 * Each pattern runs in its own process, so that a pattern that takes too long (more than
 * --timeout seconds for all its sizes) is cut off and reported without stopping the others, and
 * memory one pattern leaves behind does not slow the next. Exit code 1 when a judged ratio is
 * above 6 or a pattern timed out or crashed.
 *
 * How each figure is taken, so that the ratio is the stage's growth and not the measurement's:
 * - every size gets `--warmup` untimed runs first (the code paths a size takes are compiled
 *   before they are timed: a size can take paths a smaller one does not), then `--repeat` timed
 *   runs, the sizes taking turns, and each stage keeps its least CPU time (the run least
 *   disturbed by the machine);
 * - each run gets a freshly built document, and before it the stages see a small document of
 *   another text: a stage's memo of the last text it read (the ligature tokens, a line-key map)
 *   would otherwise answer a repeat from the run before, and the least of the repeats would be
 *   a run that skipped the work;
 * - garbage is collected before each stage (`--expose-gc`), not charged to the next one;
 * - each stage's own input (UTF-8 bytes) is recorded: a stage after one that removes text (repeats
 *   on a repeated paragraph) gets far less than the document, and its time is read against it;
 * - a stage under `--noise` ms at the larger size (or under its linear share at the smaller) is
 *   under the timer's, the JIT's and the GC's noise: its ratio is shown in parentheses, and those
 *   stages are judged together, on the ratio of their summed times (column `small`).
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createPipeline, STAGE_NAMES } from '../src/pipeline/pipeline.js';
import { fastest, HOSTILE_PATTERNS, hostileDocument, type StageTimes, timeStages } from './hostile-texts.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100k,1m,5m' },
    only: { type: 'string' },
    repeat: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    confirm: { type: 'string', default: '3' },
    noise: { type: 'string', default: '20' },
    timeout: { type: 'string', default: '600' },
    json: { type: 'string' },
    from: { type: 'string' },
    child: { type: 'string' },
  },
});

/** Largest allowed 5 MB / 1 MB time ratio: linear is 5. */
const MAX_RATIO = 6;

function count(name: string, text: string | undefined, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`--${name}: expected an integer >= ${min}, got ${JSON.stringify(text)}`);
  return value;
}

const REPEAT = count('repeat', values.repeat, 1);
const WARMUP = count('warmup', values.warmup, 0);
/** Extra rounds at most, run only while a judged ratio is over the bound (see runChild). */
const CONFIRM = count('confirm', values.confirm, 0);
/** Below this many milliseconds at the larger size a stage's ratio is noise: judged in the sum. */
const NOISE_MS = count('noise', values.noise, 0);

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
  /** Timed runs of this size: --repeat, and more when a ratio was over the bound (--confirm). */
  readonly rounds: number;
}

/**
 * In the child: one pattern at every size. The sizes take turns (warm-up runs first, then each
 * round times every size once), so that a change in the machine's load during the pattern weighs
 * on every size alike, not on whichever size ran then. After each round, one JSON line per size
 * with the least times so far: the parent keeps the last, so a pattern cut off still reports.
 */
async function runChild(name: string): Promise<void> {
  const pattern = HOSTILE_PATTERNS.find((p) => p.name === name);
  if (!pattern) throw new Error(`unknown pattern ${JSON.stringify(name)}`);
  const stages = createPipeline();
  // Another text, small: run before each timed run so that no stage's memo of the last text it
  // read still holds the document about to be timed.
  const flush = () => timeStages(hostileDocument(pattern, 997), stages);
  for (let i = 0; i < WARMUP; i++) for (const bytes of sizes) await timeStages(hostileDocument(pattern, bytes), stages);
  const runs = new Map<number, StageTimes[]>(sizes.map((bytes) => [bytes, []]));
  const [small, large] = sizes.slice(-2) as [number, number];
  const overBound = () => {
    const judged = judge(fastest(runs.get(small) ?? []), fastest(runs.get(large) ?? []), large / small);
    return (
      (judged.small ?? 0) > MAX_RATIO || judged.stages.some(({ ratio, alone }) => alone && (ratio ?? 0) > MAX_RATIO)
    );
  };
  // A super-linear path is over the bound in every round; a stage slowed by the rest of the machine
  // in one round is not: while a ratio is over, up to CONFIRM more rounds time every size again,
  // and each size keeps its least times over all rounds.
  for (let round = 0; round < REPEAT || (round < REPEAT + CONFIRM && sizes.length > 1 && overBound()); round++) {
    for (const bytes of sizes) {
      await flush();
      runs.get(bytes)?.push(await timeStages(hostileDocument(pattern, bytes), stages));
    }
    for (const bytes of sizes) {
      const times = runs.get(bytes) ?? [];
      process.stdout.write(`${JSON.stringify({ pattern: name, bytes, rounds: times.length, ...fastest(times) })}\n`);
    }
  }
}

function runPattern(name: string, timeoutMs: number): Promise<{ results: Result[]; failure?: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        '--expose-gc',
        import.meta.filename,
        ...['--child', name, '--sizes', values.sizes ?? '', '--repeat', String(REPEAT), '--warmup', String(WARMUP)],
        ...['--confirm', String(CONFIRM), '--noise', String(NOISE_MS)],
      ],
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
      // The last line of each size holds the least times of every round.
      const last = new Map<number, Result>();
      for (const line of out.split('\n').filter(Boolean)) {
        const result = JSON.parse(line) as Result;
        last.set(result.bytes, result);
      }
      const results = [...last.values()];
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

/** A measured byte count, rounded. */
function bytesLabel(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(2)} MB`;
  return bytes >= 1000 ? `${(bytes / 1000).toFixed(1)} KB` : `${bytes} B`;
}

/** Ratio of the larger size's figure to the smaller's; undefined when either is missing. */
function growth(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  return b / Math.max(a, 0.001);
}

interface Judged {
  /** Per stage: its ratio, and whether it is judged alone (over the noise floor). */
  readonly stages: { readonly stage: string; readonly ratio?: number; readonly alone: boolean }[];
  /** The stages under the noise floor, judged on the ratio of their summed times. */
  readonly small?: number | undefined;
  readonly smallMs?: number;
}

function judge(a: StageTimes | undefined, b: StageTimes | undefined, sizeRatio?: number): Judged {
  let smallA = 0;
  let smallB = 0;
  const stages = STAGE_NAMES.map((stage) => {
    const ta = a?.ms[stage];
    const tb = b?.ms[stage];
    const ratio = growth(ta, tb);
    // Judged alone when both figures are above the timer's and the machine's noise: NOISE_MS at the
    // larger size and its linear share at the smaller (a 2 ms stage that one busy moment makes
    // 4 ms halves or doubles the ratio). The rest are judged on their sum.
    const alone = ta !== undefined && tb !== undefined && tb >= NOISE_MS && ta >= NOISE_MS / (sizeRatio ?? 1);
    if (ta !== undefined && tb !== undefined && !alone) {
      smallA += ta;
      smallB += tb;
    }
    return ratio === undefined ? { stage, alone } : { stage, ratio, alone };
  });
  return a && b ? { stages, small: growth(smallA, smallB), smallMs: smallB } : { stages };
}

async function main(): Promise<void> {
  // --from FILE: judge and print the figures an earlier run saved with --json, without timing again.
  const saved = values.from ? (JSON.parse(readFileSync(values.from, 'utf8')) as Result[]) : undefined;
  if (values.from) process.stdout.write(`figures read from ${values.from} (timing options as that run was given)\n`);
  const only = values.only?.split(',');
  const patterns = HOSTILE_PATTERNS.filter((p) => !only || only.includes(p.name));
  const unknown = only?.filter((name) => !HOSTILE_PATTERNS.some((p) => p.name === name)) ?? [];
  if (unknown.length) throw new Error(`--only: unknown pattern(s) ${unknown.join(', ')}`);
  const timeoutMs = Number(values.timeout) * 1000;
  const [small, large] = sizes.slice(-2) as [number, number];
  const all: Result[] = [];
  const failures: string[] = [];
  const over: string[] = [];
  const worst = new Map<string, { ratio: number; pattern: string }>();
  const noteWorst = (stage: string, ratio: number | undefined, pattern: string) => {
    if (ratio !== undefined && ratio > (worst.get(stage)?.ratio ?? Number.NEGATIVE_INFINITY))
      worst.set(stage, { ratio, pattern });
  };
  const nameWidth = Math.max(...patterns.map((p) => p.name.length), 7);
  const columns = STAGE_NAMES.map((s) => s.slice(0, 9).padStart(9)).join(' ');
  process.stdout.write(
    `ratio of each stage's CPU time at ${label(large)} to ${label(small)} (linear: ${large / small}, bound ${MAX_RATIO}); ` +
      `least of ${REPEAT} runs after ${WARMUP} warm-up run(s) per size, sizes in turn ` +
      `(up to ${CONFIRM} more rounds while a ratio is over ${MAX_RATIO}: column rounds).\n` +
      `(x) = the stage took under ${NOISE_MS} ms at ${label(large)} or under ${formatMs(NOISE_MS / (large / small))} ms at ${label(small)}: ` +
      `shown, and judged with the other such stages ` +
      `of the pattern on their summed time (column small); then total ms per size\n`,
  );
  process.stdout.write(
    `${'pattern'.padEnd(nameWidth)} ${columns}     small rounds  ${sizes.map((b) => label(b).padStart(8)).join(' ')}\n`,
  );
  const cell = (ratio: number | undefined, alone: boolean) => {
    if (ratio === undefined) return '-'.padStart(9);
    const text = ratio.toFixed(1);
    return (alone ? `${ratio > MAX_RATIO ? '!' : ''}${text}` : `(${text})`).padStart(9);
  };
  for (const pattern of patterns) {
    const { results, failure } = saved
      ? { results: saved.filter((r) => r.pattern === pattern.name), failure: undefined }
      : await runPattern(pattern.name, timeoutMs);
    all.push(...results);
    const at = (bytes: number) => results.find((r) => r.bytes === bytes);
    const judged = judge(at(small), at(large), large / small);
    for (const { stage, ratio, alone } of judged.stages) {
      if (!alone) continue;
      noteWorst(stage, ratio, pattern.name);
      if (ratio !== undefined && ratio > MAX_RATIO) over.push(`${pattern.name} ${stage} ${ratio.toFixed(1)}`);
    }
    noteWorst('small', judged.small, pattern.name);
    if (judged.small !== undefined && judged.small > MAX_RATIO)
      over.push(
        `${pattern.name} stages under ${NOISE_MS} ms, summed (${formatMs(judged.smallMs)} ms) ${judged.small.toFixed(1)}`,
      );
    const totals = sizes.map((bytes) => {
      const r = at(bytes);
      return (r ? formatMs(Object.values(r.ms).reduce((x, y) => x + y, 0)) : '-').padStart(8);
    });
    const smallCell =
      judged.small === undefined ? '-' : `${judged.small > MAX_RATIO ? '!' : ''}${judged.small.toFixed(1)}`;
    process.stdout.write(
      `${pattern.name.padEnd(nameWidth)} ${judged.stages.map((j) => cell(j.ratio, j.alone)).join(' ')} ${smallCell.padStart(9)} ${String(at(large)?.rounds ?? '-').padStart(6)}  ${totals.join(' ')}\n`,
    );
    if (failure) failures.push(`${pattern.name}: ${failure}`);
  }

  // Each stage's own input: its time per MB of what it received, and where that input did not grow
  // with the document (a stage before it removed or rewrote text), both sizes of it.
  process.stdout.write(
    `\nms per MB of the stage's own input at ${label(large)} (* = its input grew ${label(small)} -> ${label(large)} ` +
      `by a ratio more than 10 % off the document's ${large / small}: listed below)\n`,
  );
  process.stdout.write(`${'pattern'.padEnd(nameWidth)} ${columns}\n`);
  const uneven: string[] = [];
  for (const pattern of patterns) {
    const a = all.find((r) => r.pattern === pattern.name && r.bytes === small);
    const b = all.find((r) => r.pattern === pattern.name && r.bytes === large);
    if (!a || !b) continue;
    const cells = STAGE_NAMES.map((stage) => {
      const inA = a.inputBytes[stage] ?? 0;
      const inB = b.inputBytes[stage] ?? 0;
      const ms = b.ms[stage] ?? 0;
      const perMb = inB > 0 ? formatMs(ms / (inB / 1_000_000)) : '-';
      const off = Math.abs(inB / Math.max(inA, 1) / (large / small) - 1) > 0.1;
      if (off)
        uneven.push(
          `  ${pattern.name} ${stage}: input ${bytesLabel(inA)} -> ${bytesLabel(inB)}, ${formatMs(a.ms[stage])} -> ${formatMs(ms)} ms`,
        );
      return `${off ? '*' : ''}${perMb}`.padStart(9);
    });
    process.stdout.write(`${pattern.name.padEnd(nameWidth)} ${cells.join(' ')}\n`);
  }
  if (uneven.length) {
    process.stdout.write(
      `\nstages whose own input did not grow with the document (${label(small)} -> ${label(large)}):\n`,
    );
    for (const line of uneven) process.stdout.write(`${line}\n`);
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
  process.stdout.write(
    `\nlargest judged ratio per stage (stages over ${NOISE_MS} ms at ${label(large)}; small = the summed rest):\n`,
  );
  for (const stage of [...STAGE_NAMES, 'small']) {
    const w = worst.get(stage);
    process.stdout.write(
      `  ${stage.padEnd(16)} ${w ? `${w.ratio.toFixed(1).padStart(5)}  ${w.pattern}` : '    -  (always under the noise floor)'}\n`,
    );
  }
  if (values.json && !saved) writeFileSync(values.json, `${JSON.stringify(all, null, 2)}\n`);
  for (const f of failures) process.stdout.write(`FAILED ${f}\n`);
  for (const o of over) process.stdout.write(`OVER ${MAX_RATIO}x: ${o}\n`);
  process.stdout.write(
    `\n${patterns.length} patterns, ${failures.length} failed, ${over.length} judged ratios over ${MAX_RATIO}\n`,
  );
  process.exitCode = failures.length || over.length ? 1 : 0;
}

if (values.child) await runChild(values.child);
else await main();
