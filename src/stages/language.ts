/**
 * Records the language of the clean text: meta.lang (ISO 639-3, `und` when the text is too short
 * or franc cannot tell) and meta.confidence (0..1, see src/text/detect-language.ts). Metadata
 * only: the text is not touched, so the stage writes no change records.
 */
import { expectKnownKeys, expectNumber, expectStrings, OptionError } from '../core/options.js';
import type { TextStage } from '../core/stage.js';
import { keep } from '../core/stage.js';
import { DEFAULT_DETECT_OPTIONS, type DetectOptions, detectLanguage } from '../text/detect-language.js';

export interface LanguageOptions {
  /** Texts shorter than this many characters are `und`. Default 50. */
  minLength?: number;
  /** ISO 639-3 codes to choose from, e.g. `['eng', 'fra', 'deu']`. Default: every language franc knows. */
  only?: readonly string[];
  /**
   * ISO 639-3 codes never to answer. Default `['sco']`: franc takes English for Scots again and
   * again, and Scots news is vanishingly rare.
   */
  ignore?: readonly string[];
}

const STAGE = 'language';

function expectCodes(key: string, value: unknown): string[] {
  const codes = expectStrings(STAGE, key, value);
  for (const code of codes) {
    if (!/^[a-z]{3}$/.test(code)) {
      throw new OptionError(
        `${STAGE}: option \`${key}\` must hold ISO 639-3 codes like "eng", got ${JSON.stringify(code)}`,
      );
    }
  }
  return codes;
}

export function createLanguage(options: LanguageOptions = {}): TextStage {
  expectKnownKeys(STAGE, options, ['minLength', 'only', 'ignore']);
  const detect: DetectOptions = {
    minLength:
      options.minLength === undefined
        ? DEFAULT_DETECT_OPTIONS.minLength
        : expectNumber(STAGE, 'minLength', options.minLength, { min: 1, integer: true }),
    only: options.only === undefined ? DEFAULT_DETECT_OPTIONS.only : expectCodes('only', options.only),
    ignore: options.ignore === undefined ? DEFAULT_DETECT_OPTIONS.ignore : expectCodes('ignore', options.ignore),
  };
  return {
    name: STAGE,
    kind: 'text',
    run(doc) {
      const { lang, confidence } = detectLanguage(doc.text, detect);
      return keep(doc, { meta: { lang, confidence } });
    },
  };
}
