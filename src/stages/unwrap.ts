import { expectKnownKeys } from '../core/options.js';
import type { TextStage } from '../core/stage.js';
import { keep } from '../core/stage.js';

export type UnwrapOptions = {};

/** Placeholder: passes text through unchanged. */
export function createUnwrap(options: UnwrapOptions = {}): TextStage {
  expectKnownKeys('unwrap', options, []);
  return { name: 'unwrap', kind: 'text', run: (doc) => keep(doc) };
}
