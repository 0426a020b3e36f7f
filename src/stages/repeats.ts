import { expectKnownKeys } from '../core/options.js';
import type { TextStage } from '../core/stage.js';
import { keep } from '../core/stage.js';

export type RepeatsOptions = {};

/** Placeholder: passes text through unchanged. */
export function createRepeats(options: RepeatsOptions = {}): TextStage {
  expectKnownKeys('repeats', options, []);
  return { name: 'repeats', kind: 'text', run: (doc) => keep(doc) };
}
