import { expectKnownKeys } from '../core/options.js';
import type { TextStage } from '../core/stage.js';
import { drop, keep } from '../core/stage.js';

export type DecodeOptions = {};

/** Placeholder: UTF-8 only. */
export function createDecode(options: DecodeOptions = {}): TextStage {
  expectKnownKeys('decode', options, []);
  return {
    name: 'decode',
    kind: 'text',
    run(doc) {
      if (doc.raw === undefined) return keep(doc);
      const text = Buffer.from(doc.raw, 'base64').toString('utf8');
      const { raw: _raw, ...rest } = doc;
      if (text.trim() === '') return drop(rest, 'empty-input', 'the input is empty');
      return keep({ ...rest, text });
    },
  };
}
