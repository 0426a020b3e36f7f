import { expectKnownKeys } from '../core/options.js';
import type { TextStage } from '../core/stage.js';
import { keep } from '../core/stage.js';

export type LigaturesOptions = {};

/** Placeholder: passes text through unchanged. */
export function createLigatures(options: LigaturesOptions = {}): TextStage {
  expectKnownKeys('ligatures', options, []);
  return { name: 'ligatures', kind: 'text', run: (doc) => keep(doc) };
}
