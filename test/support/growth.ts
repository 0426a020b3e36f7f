/**
 * Linear-growth checks without absolute times: the same work on a text of one size and on one
 * `factor` times larger, measured in the same run, the best of a few tries each (the machine is
 * shared and noisy). Linear work gives a ratio near `factor`; quadratic work, near factor².
 */
import type { Document } from '../../src/core/document.js';
import type { TextStage } from '../../src/core/stage.js';
import { makeDocument } from './document.js';

function best(run: () => void, tries: number): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < tries; i++) {
    const started = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

/** A document of about `bytes` characters: a headline, a blank line, then `pattern` repeated. */
export function repeatedDocument(pattern: string, bytes: number, fields: Partial<Document> = {}): Document {
  return makeDocument(`Headline\n\n${pattern.repeat(Math.ceil(bytes / pattern.length))}`, fields);
}

/** How much longer the stage takes on `factor` times the text; the small size is warmed up first. */
export function growthRatio(stage: TextStage, pattern: string, bytes: number, factor: number, tries = 3): number {
  const small = repeatedDocument(pattern, bytes);
  const large = repeatedDocument(pattern, bytes * factor);
  stage.run(small);
  const a = best(() => stage.run(small), tries);
  const b = best(() => stage.run(large), tries);
  return b / Math.max(a, 1);
}
