import { expectKnownKeys } from '../core/options.js';
import type { TextStage } from '../core/stage.js';
import { keep } from '../core/stage.js';

export type HtmlOptions = {};

/** Placeholder: passes text through unchanged. */
export function createHtml(options: HtmlOptions = {}): TextStage {
  expectKnownKeys('html', options, []);
  return { name: 'html', kind: 'text', run: (doc) => keep(doc) };
}
