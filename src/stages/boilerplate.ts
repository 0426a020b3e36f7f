import { expectKnownKeys } from '../core/options.js';
import type { TextStage } from '../core/stage.js';
import { keep } from '../core/stage.js';

export type BoilerplateOptions = {};

/** Placeholder: passes text through unchanged. */
export function createBoilerplate(options: BoilerplateOptions = {}): TextStage {
  expectKnownKeys('boilerplate', options, []);
  return { name: 'boilerplate', kind: 'text', run: (doc) => keep(doc) };
}
