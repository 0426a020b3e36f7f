/**
 * Is the hyphen at the end of a wrapped line a wrap artefact ("negotia-" + "tion") or part of
 * the word ("well-" + "known")? Decided on evidence, strongest first:
 * 1. the document spells the joined word elsewhere ("negotiation") -> artefact;
 * 2. the document spells the hyphenated form elsewhere ("well-known") -> keep the hyphen;
 * 3. the joined word is in the English word list -> artefact;
 * 4. both halves are English words ("self" + "esteem") -> a compound, keep the hyphen;
 * 5. otherwise the halves are word fragments -> artefact.
 */
import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

let englishWords: ReadonlySet<string> | undefined;

/** The word list is 274,000 words: read once, on the first hyphen that needs it. */
function isEnglishWord(word: string): boolean {
  englishWords ??= new Set(readFileSync(wordListPath, 'utf8').split('\n'));
  return englishWords.has(word.toLowerCase());
}

/** Lower-case words of a document, hyphenated compounds kept whole ("well-known"). */
export function documentWords(text: string): ReadonlySet<string> {
  return new Set(Array.from(text.matchAll(/\p{L}+(?:-\p{L}+)*/gu), (m) => m[0].toLowerCase()));
}

export type HyphenBasis = 'document' | 'word-list' | 'compound' | 'fragments';

export interface HyphenDecision {
  /** True when the hyphen is a wrap artefact and goes. */
  readonly artefact: boolean;
  readonly word: string;
  readonly basis: HyphenBasis;
}

export function decideHyphen(head: string, tail: string, words: ReadonlySet<string>): HyphenDecision {
  const joined = head + tail;
  const compound = `${head}-${tail}`;
  if (words.has(joined.toLowerCase())) return { artefact: true, word: joined, basis: 'document' };
  if (words.has(compound.toLowerCase())) return { artefact: false, word: compound, basis: 'document' };
  if (isEnglishWord(joined)) return { artefact: true, word: joined, basis: 'word-list' };
  if (isEnglishWord(head) && isEnglishWord(tail)) return { artefact: false, word: compound, basis: 'compound' };
  return { artefact: true, word: joined, basis: 'fragments' };
}
