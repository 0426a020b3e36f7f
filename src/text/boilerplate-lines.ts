/**
 * What the boilerplate stage's rule families (src/stages/boilerplate.ts) share: the rule ids, the
 * stage's settings, a content line as they see it, and how they ask for a line's removal. Kept
 * apart so that each family can live in its own module below the stage.
 */
import type { PhraseMatch, PhraseRule } from './boilerplate-phrases.js';

export type BoilerplateRule = PhraseRule | 'syndication-stamp' | 'end-trailer';

export interface Settings {
  readonly disabled: ReadonlySet<BoilerplateRule>;
  readonly maxLeadingLines: number;
  readonly labelMaxWords: number;
  readonly headlineMaxWords: number;
  readonly trailerMaxWords: number;
  readonly minListItems: number;
}

export interface ContentLine {
  /** Index of the line in the text the stage received. */
  readonly index: number;
  readonly text: string;
  /** Offset of the first non-space character. */
  readonly offset: number;
  readonly phrase: PhraseMatch | undefined;
}

export type Remove = (at: number, rule: BoilerplateRule, evidence?: Record<string, string | number>) => void;
