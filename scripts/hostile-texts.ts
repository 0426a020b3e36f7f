/**
 * Hostile texts for the linear-time benchmark (scripts/bench-hostile.ts) and its test
 * (test/hostile-linear.test.ts): inputs that make regular expressions backtrack, spreads overflow
 * the stack, and pairwise loops go quadratic. Each pattern builds a text of about the requested
 * size in UTF-8 bytes, deterministically, and `timeStages` runs it through every stage of the
 * pipeline, timing each one separately.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Document, DocumentFormat } from '../src/core/document.js';
import type { Stage } from '../src/core/stage.js';
import { documentFromBytes } from '../src/ingest/read.js';
import { runStages } from '../src/pipeline/run.js';
import { emptyStats, type PipelineStats } from '../src/pipeline/stats.js';
import { createMemoryStore } from '../src/store/memory-store.js';

const ROOT = join(import.meta.dirname, '..');

/** Prose from the project's seeds, one paragraph a line. */
function seedParagraphs(): string[] {
  const dir = join(ROOT, 'seeds/input');
  return readdirSync(dir)
    .sort()
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
    .map((line) => line.trim())
    .filter((line) => line.split(' ').length > 12);
}

const PROSE = seedParagraphs();
const WORDS = PROSE.join(' ').split(/\s+/);

/** `unit` repeated until the text holds about `bytes` UTF-8 bytes. */
function fill(unit: string, bytes: number): string {
  const size = Buffer.byteLength(unit, 'utf8');
  return unit.repeat(Math.max(1, Math.round(bytes / size)));
}

/** Units made by `make(i)`, concatenated until about `bytes` bytes. */
function build(bytes: number, make: (i: number) => string): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const part = make(i);
    parts.push(part);
    size += Buffer.byteLength(part, 'utf8');
  }
  return parts.join('');
}

function word(i: number): string {
  return WORDS[(i * 7919) % WORDS.length] ?? 'word';
}

export interface HostilePattern {
  readonly name: string;
  readonly format?: DocumentFormat;
  make(bytes: number): string;
}

/** A headline and an opening paragraph, so that a document is an article until the hostile part. */
const LEAD = `Council approves new budget after long debate\n${PROSE[0] ?? ''}\n`;

export const HOSTILE_PATTERNS: readonly HostilePattern[] = [
  { name: 'hyphen-breaks', make: (n) => LEAD + fill('negotia-\n', n) },
  { name: 'hyphen-word-breaks', make: (n) => LEAD + build(n, (i) => `${word(i)}-\n${word(i + 1)} `) },
  { name: 'punctuation-run', make: (n) => LEAD + fill('.,;:!?-', n) },
  { name: 'dot-space-run', make: (n) => LEAD + fill('. ', n) },
  { name: 'one-huge-line', make: (n) => build(n, (i) => `${word(i)}${i % 17 === 16 ? '. ' : ' '}`) },
  { name: 'one-huge-word', make: (n) => LEAD + fill('a', n) },
  { name: 'short-lines', make: (n) => build(n, (i) => `${word(i)} ${i}.\n`) },
  { name: 'blank-lines', make: (n) => LEAD + fill('\n \n\t\n', n) },
  { name: 'crlf-lines', make: (n) => build(n, (i) => `${word(i)} ${word(i + 3)} ${word(i + 5)}.\r\n\r`) },
  { name: 'repeated-paragraph', make: (n) => LEAD + fill(`${PROSE[1] ?? ''}\n`, n) },
  { name: 'repeated-short-line', make: (n) => LEAD + fill('Read more\n', n) },
  {
    // Repetition at every scale: paragraph a b a c a b a d ... (the ruler sequence), so that runs of
    // 1, 3, 7, 15 ... lines recur, each copy holding shorter repeated runs.
    name: 'deep-repetition',
    make: (n) => LEAD + build(n, (i) => `${PROSE[(31 - Math.clz32((i + 1) & -(i + 1))) % PROSE.length] ?? ''}\n`),
  },
  {
    name: 'prose-paragraphs',
    make: (n) => LEAD + build(n, (i) => `${PROSE[i % PROSE.length]} ${i}\n`),
  },
  {
    name: 'hard-wrapped-prose',
    make: (n) => LEAD + build(n, (i) => `${word(i)} ${word(i + 1)} ${word(i + 2)} ${word(i + 3)} ${word(i + 4)}\n`),
  },
  { name: 'long-urls', make: (n) => LEAD + build(n, (i) => `https://example.com/${fill('a/b-c_d', 2000)}?q=${i}\n`) },
  { name: 'one-long-url', make: (n) => `${LEAD}https://example.com/${fill('path/segment-', n)}` },
  { name: 'cjk-no-spaces', make: (n) => fill('東京都は新しい計画を発表した。市民の生活が変わる見込みだ。', n) },
  { name: 'mojibake-run', make: (n) => LEAD + fill('Ã©Ã¨â€™â€œÃ¢â‚¬Å“ ', n) },
  { name: 'zero-width-run', make: (n) => LEAD + fill('\u200b\u200c\u200d\ufeffa', n) },
  { name: 'ligature-splits', make: (n) => LEAD + fill('the offi cial confl ict di fferent ﬁnal eff ects ﬂ ow. ', n) },
  { name: 'quotes-brackets', make: (n) => LEAD + fill('"\'“”‘’«»(([[{{<<', n) },
  { name: 'closing-quotes-after-stop', make: (n) => LEAD + fill('.)]”’»"', n) },
  { name: 'combining-marks', make: (n) => LEAD + fill('a\u0301\u0302\u0303\u0304\u0305', n) },
  { name: 'emoji-astral', make: (n) => LEAD + fill('😀𝐁𠀀 ', n) },
  { name: 'digit-runs', make: (n) => LEAD + build(n, (i) => `${i} 1,234.56 2024-01-0${i % 10} `) },
  {
    name: 'copyright-lines',
    make: (n) => LEAD + build(n, (i) => `Copyright © ${i} Example News. All rights reserved.\n`),
  },
  {
    name: 'bullets-and-numbers',
    make: (n) => LEAD + build(n, (i) => `${i % 2 ? '•' : `${i}.`} ${word(i)} ${word(i + 1)}\n`),
  },
  {
    name: 'headline-list',
    make: (n) => LEAD + build(n, (i) => `Lotto Results for Draw ${i} ${word(i)} ${word(i + 2)}\n`),
  },
  { name: 'control-chars', make: (n) => LEAD + build(n, (i) => `${word(i)}\u0001\u0007 `) },
  { name: 'whitespace-run', make: (n) => `${LEAD}a${fill(' \t\u00a0\u2003', n)}b.` },
  { name: 'nested-html', format: 'html', make: (n) => `<p>${LEAD}</p>${fill('<div><span>', n)}` },
  { name: 'html-paragraphs', format: 'html', make: (n) => build(n, (i) => `<p>${PROSE[i % PROSE.length]}</p>\n`) },
];

/** A document of the pattern at about `bytes` bytes, as the CLI reads a file. */
export function hostileDocument(pattern: HostilePattern, bytes: number): Document {
  const format = pattern.format ?? 'text';
  const name = `hostile/${pattern.name}-${bytes}.${format === 'html' ? 'html' : 'txt'}`;
  return documentFromBytes(Buffer.from(pattern.make(bytes), 'utf8'), {
    source: name,
    sourceKey: 'hostile',
    output: name.replace(/\.html$/, '.txt'),
    format,
  });
}

export interface StageTimes {
  /**
   * CPU milliseconds per stage (user + system, all threads of the process), in pipeline order.
   * CPU time rather than wall time: on a machine shared with other work, the time the process
   * waits for a core is not the stage's.
   */
  readonly ms: Record<string, number>;
  /**
   * Each stage's own input in UTF-8 bytes (the raw bytes for a stage that decodes them): what the
   * stages before it left, which is not the document's size once one of them removed or rewrote
   * text. A stage's growth is read against this.
   */
  readonly inputBytes: Record<string, number>;
  /** The first stage that dropped the document, with its reason and message, if any. */
  readonly dropped?: string;
}

/** Per stage, the least of several timings: the run least disturbed by the rest of the machine. */
export function fastest(runs: readonly StageTimes[]): StageTimes {
  const ms: Record<string, number> = {};
  for (const run of runs) {
    for (const [stage, t] of Object.entries(run.ms)) ms[stage] = Math.min(ms[stage] ?? Number.POSITIVE_INFINITY, t);
  }
  // Every run is deterministic: the same stages see the same inputs.
  const inputBytes = runs[0]?.inputBytes ?? {};
  const dropped = runs.find((run) => run.dropped)?.dropped;
  return dropped ? { ms, inputBytes, dropped } : { ms, inputBytes };
}

/** What a stage receives, in UTF-8 bytes. */
function sizeOf(doc: Document): number {
  if (doc.text.length > 0 || doc.raw === undefined) return Buffer.byteLength(doc.text, 'utf8');
  return typeof doc.raw === 'string' ? Math.floor((doc.raw.length * 3) / 4) : doc.raw.byteLength;
}

/** How long one look at the process's CPU lasts while waiting for the collector's threads, in ms. */
const SETTLE_WINDOW_MS = 5;
/** CPU (µs) the process may use in a window for it to count as idle: the timer's own wake-up is far less. */
const SETTLE_IDLE_US = 300;
/** Longest wait for the collector's threads, in ms: a machine that never goes quiet still gets timed. */
const SETTLE_MAX_MS = 2000;

/**
 * Waits until the garbage collector's helper threads are done after gc(): gc() returns when the
 * heap is marked, but V8 sweeps it afterwards on other threads, and process.cpuUsage() counts
 * every thread of the process. Without the wait, the next stage was charged the sweep of the
 * whole heap: at 5 MB of `hyphen-breaks` the 500,000 change records fill it (300 MB), and gate,
 * 55 ms of its own work, was timed at 135 ms; at 1 MB the stage is over in 5 ms, often before the
 * sweep starts, so the least of the 1 MB runs missed it and the ratio read 16.9. The main thread
 * sleeps meanwhile, so what the process uses in a window is the collector's. Two idle windows in
 * a row end the wait (a helper thread kept off the cores by a busy machine is not idle).
 */
async function gcSettled(): Promise<void> {
  let idle = 0;
  for (let waited = 0; idle < 2 && waited < SETTLE_MAX_MS; waited += SETTLE_WINDOW_MS) {
    const started = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, SETTLE_WINDOW_MS));
    const used = process.cpuUsage(started);
    idle = used.user + used.system < SETTLE_IDLE_US ? idle + 1 : 0;
  }
}

/**
 * Runs every stage on the document, each timed alone (runStages, one stage at a time). A stage that
 * drops the document does not end the run: the next stages get the text it had, so that every
 * stage is timed on every pattern. Cross-document stages learn, then run, on a fresh store.
 */
export async function timeStages(doc: Document, stages: readonly Stage[]): Promise<StageTimes> {
  const store = createMemoryStore();
  const stats: PipelineStats = {};
  const ms: Record<string, number> = {};
  const inputBytes: Record<string, number> = {};
  let current = doc;
  let dropped: string | undefined;
  const gc = (globalThis as { gc?: () => void }).gc;
  for (const stage of stages) {
    inputBytes[stage.name] = sizeOf(current);
    // Garbage the previous stage left is collected here, not charged to this stage (--expose-gc).
    if (gc) {
      gc();
      await gcSettled();
    }
    stats[stage.name] = emptyStats();
    const started = process.cpuUsage();
    const outcome = await runStages(current, [stage], { store, learn: true, stats });
    const used = process.cpuUsage(started);
    ms[stage.name] = (used.user + used.system) / 1000;
    if (outcome.action === 'drop') dropped ??= `${stage.name} ${outcome.reason}: ${outcome.message.slice(0, 120)}`;
    current = outcome.doc;
  }
  await store.close();
  return dropped ? { ms, inputBytes, dropped } : { ms, inputBytes };
}
