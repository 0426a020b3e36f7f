/**
 * Linear-growth checks without absolute times: the same work on a text of one size and on one
 * `factor` times larger, measured in the same run, the best of a few tries each (the machine is
 * shared and noisy). Linear work gives a ratio near `factor`; quadratic work, near factor².
 * Measured in CPU time, not wall time: on a machine busy with other processes a wall-clock
 * measurement is stretched by however much CPU the scheduler gave away meanwhile, unevenly
 * between the two sizes (ratios of 32 were seen for linear work at 8x).
 */
import type { Document } from '../../src/core/document.js';
import type { TextStage } from '../../src/core/stage.js';
import { makeDocument } from './document.js';

/** This process's CPU time (ms) of `run`: other processes on the machine stretch wall time, not this. */
export function cpuMs(run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** The least CPU time of `tries` runs. */
export function best(run: () => void, tries: number): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < tries; i++) fastest = Math.min(fastest, cpuMs(run));
  return fastest;
}

/** A document of about `bytes` characters: a headline, a blank line, then `pattern` repeated. */
export function repeatedDocument(pattern: string, bytes: number, fields: Partial<Document> = {}): Document {
  return makeDocument(`Headline\n\n${pattern.repeat(Math.ceil(bytes / pattern.length))}`, fields);
}

/** Fastest time a base measurement needs for the ratio to mean something on a noisy machine. */
const MIN_BASE_MS = 40;
const MAX_BASE_BYTES = 2_000_000;
const MAX_RUNS = 256;

/**
 * How much longer the stage takes on `factor` times the text. The base size starts at `bytes` and
 * doubles until the stage takes long enough to measure (at least 40 ms); a stage too fast for
 * that even at 2 MB is timed over several runs in a row, the same number at both sizes, so the
 * ratio is never one of timer noise or of one garbage collection landing on a 2 ms measurement.
 */
export function growthRatio(
  stage: TextStage,
  pattern: string,
  bytes: number,
  factor: number,
  fields: Partial<Document> = {},
  tries = 3,
): number {
  let size = bytes;
  let runs = 1;
  let small = repeatedDocument(pattern, size, fields);
  const timed = (doc: Document) => () => {
    for (let i = 0; i < runs; i++) stage.run(doc);
  };
  stage.run(small);
  let a = best(timed(small), tries);
  while (a < MIN_BASE_MS && size < MAX_BASE_BYTES) {
    size *= 2;
    small = repeatedDocument(pattern, size, fields);
    a = best(timed(small), tries);
  }
  while (a < MIN_BASE_MS && runs < MAX_RUNS) {
    runs *= 2;
    a = best(timed(small), tries);
  }
  const large = repeatedDocument(pattern, size * factor, fields);
  const b = best(timed(large), tries);
  return b / Math.max(a, 1);
}
