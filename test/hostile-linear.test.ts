/**
 * Linear time on hostile text, checked without absolute times: each stage is timed (CPU time,
 * the least of two runs) on the same pattern at two sizes, 8x apart, in the same run, and the
 * ratio must stay far below what a quadratic path gives (64). The benchmark with the figures is
 * `npm run bench:hostile` (scripts/bench-hostile.ts).
 *
 * The stages checked here are the ones whose linear time this suite guards: the single-document
 * boilerplate and gate stages, the cross-document stages and language. Each gets the hostile
 * text as it is, as any stage may.
 */
import { describe, expect, it } from 'vitest';
import { HOSTILE_PATTERNS } from '../scripts/hostile-texts.js';
import type { Document } from '../src/core/document.js';
import type { Stage } from '../src/core/stage.js';
import { createPipeline } from '../src/pipeline/pipeline.js';
import { runStages } from '../src/pipeline/run.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import { endsSentence, endsWithFullStop, isHeadlineShaped, sentenceBreaks } from '../src/text/line-shape.js';
import { comparableFingerprint } from '../src/text/similarity.js';
import { makeDocument } from './support/document.js';

const STAGES = ['boilerplate', 'templates', 'headlines', 'near-duplicates', 'language', 'gate'];
const SMALL = 40_000;
const FACTOR = 8;
/** Linear is 8; quadratic is 64. Room for a machine busy with other work, not for a quadratic path. */
const MAX_RATIO = 24;
/**
 * Times below this (ms) are mostly timer, JIT and GC noise: the smaller size counts as at least
 * this. A 2 ms floor let one 2 ms -> 59 ms pair through in CI (a minor GC landing in the larger
 * run); a quadratic path still shows at 8x the size (a 10 ms stage would take 640 ms).
 */
const FLOOR_MS = 10;

function cpuMs(work: () => void): number {
  const started = process.cpuUsage();
  work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

async function cpuMsAsync(work: () => Promise<unknown>): Promise<number> {
  const started = process.cpuUsage();
  await work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** The least CPU time of two runs of the stage on a fresh store (cross stages learn, then run). */
async function timeStage(stage: Stage, doc: Document): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 2; run++) {
    const store = createMemoryStore();
    // A fresh object each run: the near-duplicates stage remembers signatures per document object.
    const fresh = { ...doc };
    best = Math.min(best, await cpuMsAsync(() => runStages(fresh, [stage], { store, learn: true })));
    await store.close();
  }
  return best;
}

const ratio = (small: number, large: number): number => large / Math.max(small, FLOOR_MS);

describe('linear time on hostile text', () => {
  it('every guarded stage grows linearly on every hostile pattern', async () => {
    const stages = createPipeline().filter((stage) => STAGES.includes(stage.name));
    expect(stages.map((s) => s.name).sort()).toEqual([...STAGES].sort());
    const over: string[] = [];
    let measured = 0;
    for (const pattern of HOSTILE_PATTERNS) {
      const small = makeDocument(pattern.make(SMALL), { format: pattern.format ?? 'text' });
      const large = makeDocument(pattern.make(SMALL * FACTOR), { format: pattern.format ?? 'text' });
      for (const stage of stages) {
        await timeStage(stage, small); // compiles the paths this pattern takes
        const a = await timeStage(stage, small);
        const b = await timeStage(stage, large);
        measured++;
        if (ratio(a, b) > MAX_RATIO) over.push(`${pattern.name} ${stage.name}: ${a.toFixed(1)} -> ${b.toFixed(1)} ms`);
      }
    }
    expect(measured).toBe(HOSTILE_PATTERNS.length * STAGES.length);
    expect(over).toEqual([]);
  }, 900_000);

  it('maps edits back to the input in linear time when a stage summarises them in one record', async () => {
    // unwrap drops every blank line of "a b c.\n\n" lines under one `blank-line` record (a count),
    // so the spans are found by aligning the texts: a line diff, quadratic in edits when uncapped.
    const unwrap = createPipeline().find((stage) => stage.name === 'unwrap');
    if (!unwrap) throw new Error('no unwrap stage');
    const text = (bytes: number) =>
      Array.from({ length: Math.ceil(bytes / 24) }, (_, i) => `Line ${i} of the text.\n\n`).join('');
    const small = makeDocument(text(SMALL));
    const large = makeDocument(text(SMALL * FACTOR));
    const outcome = await runStages(small, [unwrap], { store: createMemoryStore(), learn: false });
    expect(outcome.doc.changes.filter((c) => c.stage === 'unwrap')).toHaveLength(1);
    await timeStage(unwrap, small);
    const a = await timeStage(unwrap, small);
    const b = await timeStage(unwrap, large);
    expect(ratio(a, b), `${a.toFixed(1)} -> ${b.toFixed(1)} ms`).toBeLessThan(MAX_RATIO);
  });

  it('reads a long line of unspaced script without a string per character (repeats, fingerprints)', async () => {
    // `text.match(/[\p{Script=Han}...]/gu).length` and a String.fromCodePoint per character made
    // millions of short-lived strings on a long CJK line: 30 ms at 1 MB, 257 ms at 5 MB
    // (bench-hostile cjk-no-spaces), the garbage collector's share growing with the line.
    const repeats = createPipeline().find((stage) => stage.name === 'repeats');
    if (!repeats) throw new Error('no repeats stage');
    const line = (chars: number) => '東京都は新しい計画を発表した。市民の生活が変わる見込みだ。'.repeat(chars / 28);
    const small = makeDocument(`Headline here\n${line(SMALL * 2)}\n`);
    const large = makeDocument(`Headline here\n${line(SMALL * 2 * FACTOR)}\n`);
    await timeStage(repeats, small);
    const a = await timeStage(repeats, small);
    const b = await timeStage(repeats, large);
    expect(ratio(a, b), `${a.toFixed(1)} -> ${b.toFixed(1)} ms`).toBeLessThan(MAX_RATIO);
    const fingerprint = (text: string) => () => comparableFingerprint(text);
    const [x, y] = [line(SMALL * 4), line(SMALL * 4 * FACTOR)];
    cpuMs(fingerprint(x));
    const fa = Math.min(cpuMs(fingerprint(x)), cpuMs(fingerprint(x)));
    const fb = Math.min(cpuMs(fingerprint(y)), cpuMs(fingerprint(y)));
    expect(ratio(fa, fb), `${fa.toFixed(1)} -> ${fb.toFixed(1)} ms`).toBeLessThan(MAX_RATIO);
    // Words end at the full stops: two a unit.
    expect(comparableFingerprint(x).words).toBe(2 * Math.floor((SMALL * 4) / 28));
  });

  it('finds trailing runs and sentence breaks in time linear in the line', () => {
    const shapes: [string, (n: number) => string, (line: string) => unknown][] = [
      ['closing quotes before a last word', (n) => `${'"'.repeat(n)}x.`, endsWithFullStop],
      ['one long token then a word', (n) => `${'a'.repeat(n)} b.`, endsWithFullStop],
      ['a run of dots', (n) => `word ${'.'.repeat(n)}x.`, endsWithFullStop],
      ['letters before each boundary', (n) => `${'abc. '.repeat(n / 5)}End`, sentenceBreaks],
      ['a long token before one boundary', (n) => `${'a'.repeat(n)}. Then`, sentenceBreaks],
      ['stops and closers', (n) => `${'.)"'.repeat(n / 3)}x`, endsSentence],
      [
        'a headline-sized line of quotes',
        (n) => `Big ${'"'.repeat(n)} news here today`,
        (l) => isHeadlineShaped(l, 30),
      ],
    ];
    const small = 100_000;
    const over: string[] = [];
    for (const [name, make, check] of shapes) {
      const a = make(small);
      const b = make(small * FACTOR);
      cpuMs(() => check(a));
      const ta = Math.min(
        cpuMs(() => check(a)),
        cpuMs(() => check(a)),
      );
      const tb = Math.min(
        cpuMs(() => check(b)),
        cpuMs(() => check(b)),
      );
      if (ratio(ta, tb) > MAX_RATIO) over.push(`${name}: ${ta.toFixed(1)} -> ${tb.toFixed(1)} ms`);
    }
    expect(over).toEqual([]);
  });
});
