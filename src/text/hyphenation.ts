/**
 * Is the hyphen at the end of a wrapped line a wrap artefact ("negotia-" + "tion") or part of
 * the word ("well-" + "known")? Decided on evidence, strongest first:
 * 1. the document spells the joined word elsewhere ("negotiation") -> artefact;
 * 2. the document spells the hyphenated form elsewhere ("well-known", "re-learned") -> keep the hyphen;
 * 3. the first half is an acronym or holds a digit ("NP-" + "complete", "COVID-" + "related",
 *    "G7-" + "summit"): a wrap never splits those, so the hyphen is the word's -> keep;
 * 4. the joined word is in the dictionary of the document's language -> artefact;
 * 5. both halves are words ("self" + "esteem", "multi" + "cue") -> a compound, keep the hyphen;
 * 6. otherwise the halves are word fragments ("bloggo" + "sphere") -> artefact.
 * Without a dictionary (a language cleanwire has none for) steps 4 and 5 are skipped.
 */
import { codePointAt, unitsOf } from './char-class.js';
import type { Dictionary } from './dictionary.js';
import { wordRunEnd } from './line-shape.js';

/**
 * Lower-case words of a document, hyphenated compounds kept whole ("well-known"): the matches
 * of `[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*` (flags gu), found by a scan without a match array a word.
 */
export function documentWords(text: string): ReadonlySet<string> {
  const words = new Set<string>();
  for (let at = 0; at < text.length; ) {
    const end = wordRunEnd(text, at);
    if (end === at) {
      at += unitsOf(codePointAt(text, at));
      continue;
    }
    let wordEnd = end;
    // A hyphen continues the word only when a letter or digit follows it.
    while (text.charCodeAt(wordEnd) === 0x2d) {
      const next = wordRunEnd(text, wordEnd + 1);
      if (next === wordEnd + 1) break;
      wordEnd = next;
    }
    words.add(text.slice(at, wordEnd).toLowerCase());
    at = wordEnd;
  }
  return words;
}

export type HyphenBasis = 'document' | 'acronym' | 'word-list' | 'compound' | 'fragments';

export interface HyphenDecision {
  /** True when the hyphen is a wrap artefact and goes. */
  readonly artefact: boolean;
  readonly word: string;
  readonly basis: HyphenBasis;
}

const ACRONYM_OR_NUMBER = /^(?:\p{Lu}{2,}\p{Ll}?|.*\p{N}.*)$/u;

export function decideHyphen(
  head: string,
  tail: string,
  words: ReadonlySet<string>,
  dictionary: Dictionary | undefined,
): HyphenDecision {
  const joined = head + tail;
  const compound = `${head}-${tail}`;
  if (words.has(joined.toLowerCase())) return { artefact: true, word: joined, basis: 'document' };
  if (words.has(compound.toLowerCase())) return { artefact: false, word: compound, basis: 'document' };
  if (ACRONYM_OR_NUMBER.test(head)) return { artefact: false, word: compound, basis: 'acronym' };
  if (dictionary) {
    if (dictionary.has(joined)) return { artefact: true, word: joined, basis: 'word-list' };
    const isWord = (part: string) => dictionary.has(part) || dictionary.isKnown(part);
    if (isWord(head) && isWord(tail)) return { artefact: false, word: compound, basis: 'compound' };
  }
  return { artefact: true, word: joined, basis: 'fragments' };
}
