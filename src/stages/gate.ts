import { expectKnownKeys } from '../core/options.js';
import type { TextStage } from '../core/stage.js';
import { drop, keep } from '../core/stage.js';

export type GateOptions = {};

/** Placeholder: rejects empty text, sets the title. */
export function createGate(options: GateOptions = {}): TextStage {
  expectKnownKeys('gate', options, []);
  return {
    name: 'gate',
    kind: 'text',
    run(doc) {
      const lines = doc.text.split('\n').filter((l) => l.trim() !== '');
      if (lines.length === 0) return drop(doc, 'no-text', 'no text left after cleaning');
      return keep(doc, { text: lines.join('\n'), meta: { title: lines[0] ?? '' } });
    },
  };
}
