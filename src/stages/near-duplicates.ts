import { expectKnownKeys } from '../core/options.js';
import type { CrossStage } from '../core/stage.js';
import { keep } from '../core/stage.js';

export type NearDuplicatesOptions = {};

/** Placeholder: learns nothing, changes nothing. */
export function createNearDuplicates(options: NearDuplicatesOptions = {}): CrossStage {
  expectKnownKeys('near-duplicates', options, []);
  return { name: 'near-duplicates', kind: 'cross', learn: async () => {}, run: async (doc) => keep(doc) };
}
