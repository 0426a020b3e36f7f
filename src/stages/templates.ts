import { expectKnownKeys } from '../core/options.js';
import type { CrossStage } from '../core/stage.js';
import { keep } from '../core/stage.js';

export type TemplatesOptions = {};

/** Placeholder: learns nothing, changes nothing. */
export function createTemplates(options: TemplatesOptions = {}): CrossStage {
  expectKnownKeys('templates', options, []);
  return { name: 'templates', kind: 'cross', learn: async () => {}, run: async (doc) => keep(doc) };
}
