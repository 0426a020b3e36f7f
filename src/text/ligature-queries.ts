/**
 * What split-ligature evidence asks of other documents (src/text/split-ligatures.ts): the joined
 * forms a text would like vouched for, and the words a text can vouch with, both bounded. Apart
 * from the joining because the ligatures stage calls these before and after it, with the store.
 */

import { runAround } from './letter-runs.js';
import { candidateWord, chainsOf, MAX_PIECES } from './ligature-candidates.js';

/** Joined forms one document may ask the store about: a hostile text cannot make one huge request. */
const MAX_QUERIES = 4096;

/**
 * The words whose spelling elsewhere in the batch or store would be evidence for a join in
 * `text`: the joined forms of its candidates, lower case, sorted, at most `max` (the first in
 * sorted order; a text with more gets no batch evidence for the rest). Empty for most texts.
 */
export function ligatureQueries(text: string, max = MAX_QUERIES): string[] {
  const found = chainsOf(text);
  const words = new Set<string>();
  for (const chain of found) {
    for (let from = 0; from < chain.length - 1; from++) {
      for (let to = from + 1; to < Math.min(chain.length, from + MAX_PIECES); to++) {
        const word = candidateWord(chain, from, to);
        if (word !== undefined) words.add(word);
      }
    }
  }
  return [...words].sort().slice(0, max);
}

/**
 * The words of `text` that may vouch for a join in another document: letter runs with an f
 * ligature's letters (ff, fi, fl) that are no piece of a candidate here, lower case. Bounded:
 * at most `max` of them, longest first then alphabetical, so that a long document cannot flood
 * the store.
 */
export function ligatureVocabulary(text: string, max = VOCABULARY_PER_DOCUMENT): string[] {
  const pieces = new Set(chainsOf(text).flatMap((chain) => chain.map((token) => token.start)));
  const words = new Set<string>();
  // The letter runs with ff, fi or fl in any case, read around each such pair: the rest of the
  // text's words never need to be read.
  const pair = /[fF][fFiIlL]/g;
  for (let m = pair.exec(text); m !== null; m = pair.exec(text)) {
    const token = runAround(text, m.index);
    pair.lastIndex = token.end;
    const length = token.end - token.start;
    if (pieces.has(token.start) || length < 4 || length > 40) continue;
    words.add(token.text.toLowerCase());
  }
  return [...words].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).slice(0, max);
}

/** Words one document may add to the vocabulary. */
const VOCABULARY_PER_DOCUMENT = 256;
