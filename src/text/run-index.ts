/**
 * Whether a text has a letter run that is a given word in any case: what the split-ligature
 * evidence asks most ("does the document spell `conflict` unbroken?"). A document is asked about
 * a few words (a median of 5 on the dev corpus), and a set of every run, lower case, meant a
 * string and a hash for every word of the text. So the first questions are answered by searching
 * the lower-cased text, and only a document asked about many words gets the set: never more than
 * a few searches' worth of work over what the set alone would cost.
 */
import { codePointTest } from './char-class.js';
import { forEachLetterRun, runEnd } from './letter-runs.js';

/** Distinct words searched for before the set of runs is built instead. */
export const SEARCHES_BEFORE_SET = 16;

const LETTER = codePointTest('\\p{L}');

export class RunIndex {
  private readonly text: string;
  /** `text.toLowerCase()` where it lines up with the text, else null; undefined until asked. */
  private lower: string | null | undefined;
  private runs: Set<string> | undefined;
  /** Answers found by searching, by lower-case word. */
  private readonly searched = new Map<string, boolean>();

  constructor(text: string) {
    this.text = text;
  }

  /** Whether some letter run of the text, lower-cased, is `lower` (a lower-case word). */
  has(lower: string): boolean {
    if (this.runs) return this.runs.has(lower);
    let found = this.searched.get(lower);
    if (found === undefined) {
      this.lower ??= alignedLowerCase(this.text) ?? null;
      if (this.lower === null || this.searched.size >= SEARCHES_BEFORE_SET) return this.allRuns().has(lower);
      found = searchRun(this.text, this.lower, lower);
      this.searched.set(lower, found);
    }
    return found;
  }

  /** Every letter run, lower case: sliced from the lower-cased text where it lines up, else each lower-cased. */
  private allRuns(): Set<string> {
    const runs = new Set<string>();
    const text = this.text;
    const lower = this.lower;
    if (typeof lower === 'string') forEachLetterRun(text, (start, end) => runs.add(lower.slice(start, end)));
    else forEachLetterRun(text, (start, end) => runs.add(text.slice(start, end).toLowerCase()));
    this.runs = runs;
    return runs;
  }
}

/** Whether `word` (lower case) is at a place of `lower` (the aligned lower case of `text`) where `text` has a whole letter run. */
function searchRun(text: string, lower: string, word: string): boolean {
  if (word.length === 0) return false;
  for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1)) {
    // A run starts at `at` (an aligned text has no surrogate: a unit is a code point) and ends with the word.
    if ((at === 0 || !LETTER(text.charCodeAt(at - 1))) && runEnd(text, at) === at + word.length) return true;
  }
  return false;
}

/**
 * `text.toLowerCase()` when every slice of it is the lower case of the same slice of `text`, else
 * undefined. Lower-casing maps each code point on its own, except that İ becomes two code units,
 * a code point may change planes, and Σ turns into σ or ς by its neighbours: a text with none of
 * these (same length, no surrogate, no Σ) lines up unit for unit.
 */
function alignedLowerCase(text: string): string | undefined {
  if (text.includes('\u03a3') || SURROGATE.test(text)) return undefined;
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : undefined;
}

const SURROGATE = /[\ud800-\udfff]/;
