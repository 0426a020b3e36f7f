import { expectKnownKeys } from '../core/options.js';
import type { TextStage } from '../core/stage.js';
import { keep } from '../core/stage.js';

export type NormalizeOptions = {};

/** Placeholder: passes text through unchanged. */
export function createNormalize(options: NormalizeOptions = {}): TextStage {
  expectKnownKeys('normalize', options, []);
  return { name: 'normalize', kind: 'text', run: (doc) => keep(doc) };
}
