import { expectKnownKeys } from '../core/options.js';
import type { TextStage } from '../core/stage.js';
import { keep } from '../core/stage.js';

export type LanguageOptions = {};

/** Placeholder: passes text through unchanged. */
export function createLanguage(options: LanguageOptions = {}): TextStage {
  expectKnownKeys('language', options, []);
  return { name: 'language', kind: 'text', run: (doc) => keep(doc) };
}
