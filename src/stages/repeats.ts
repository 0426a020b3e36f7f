/**
 * Repeated blocks inside one document: scrapers print a whole body twice, or a paragraph again
 * further down. The first copy stays; later copies go.
 *
 * - `repeated-body`: a run of at least `minBodyLines` consecutive lines that repeats an earlier
 *   run line for line, at least two of them paragraphs of `minWords` or more; not a record the
 *   text prints once per item (two lines or more between the copies, and less than a third of
 *   the document: the same caption under each webcam, the same pros under two products). Inside such a run
 *   short lines (subheadings, a one-line quote) go too, and so do long paragraphs that are only
 *   nearly equal to their counterpart (word-bigram Jaccard of `similarity` or more): the aligned
 *   neighbours are the evidence. A line present in only one copy (an ad slot, a changed
 *   paragraph) is stepped over; when it is in the later copy it stays.
 * - `repeated-paragraph`: a single paragraph of `minWords` or more that repeats an earlier one
 *   word for word. Alone, a paragraph that differs inside is not taken for a copy: templated
 *   text (terms per country, specs per model) differs in one figure and is content. Shorter lines
 *   stay: a subheading, a list item or a short quote may legitimately recur; but a line of
 *   `adjacentMinWords` or more printed twice in a row is a stutter, and its second copy goes
 *   whatever its length (one-word lines stay: "Yes", "Yes" in a flattened table). So does a paragraph
 *   printed `layoutCopies` times or more: a scraping accident copies a paragraph once, a line
 *   that recurs through the page is its layout (a repeated call to action). So does (stays) a
 *   line the page prints once per item with one word changed, `layoutCopies` ways or more and
 *   several of them twice ("Shop at Hoka.com" under each shoe, src/text/slot-lines.ts): a copy of
 *   it names the same item again. So does the
 *   headline printed again below it: a title the page repeats, not a body copy.
 *
 * Copies are compared by their words (case, punctuation and spacing ignored). Each change records
 * `firstAt`, the line index of the copy that stays, and the similarity (1 for the same words).
 */
import { type LineRemoval, removeLines, splitLines } from '../core/lines.js';
import { expectKnownKeys, expectNumber } from '../core/options.js';
import type { TextStage } from '../core/stage.js';
import { keep } from '../core/stage.js';
import { asciiTable, type CodePointTest, codePointAt, codePointTest, unitsOf } from '../text/char-class.js';
import { comparableFingerprint, comparableWords, jaccard, wordBigrams } from '../text/similarity.js';
import { slottedLines } from '../text/slot-lines.js';

export interface RepeatsOptions {
  /** Fewest words of a paragraph whose later copies are removed on their own. Default 8. */
  minWords?: number;
  /**
   * Word-bigram Jaccard similarity, 0.5..1, from which two aligned paragraphs of a repeated body
   * count as copies though their words differ. Default 0.9.
   */
  similarity?: number;
  /** Fewest words of both paragraphs for such a near (not word-for-word) copy. Default 20. */
  nearMinWords?: number;
  /** Fewest consecutive repeated lines that make a repeated body. Default 3. */
  minBodyLines?: number;
  /** Copies from which a paragraph is page layout, left alone outside a repeated body. Default 3. */
  layoutCopies?: number;
  /** Fewest words of a shorter line whose copy right below it goes. Default 2. */
  adjacentMinWords?: number;
}

const OPTION_KEYS = [
  'minWords',
  'similarity',
  'nearMinWords',
  'minBodyLines',
  'layoutCopies',
  'adjacentMinWords',
] as const;

/** Lines each way from a list entry searched for the list's other entries (see `listedAhead`). */
const LIST_REACH = 20;
/** Fewest words of another list entry that names a section below the list. */
const LIST_ENTRY_WORDS = 3;
/**
 * Fewest kept lines between two copies of a run for it to be a record the text repeats (see
 * `isRecord`), and the most of the document's lines such a run may take, as a share.
 */
const RECORD_GAP = 2;
const RECORD_SHARE = 1 / 3;
/**
 * Most words a line of such a record has: captions, pros and cons, plan rows are short. A run of
 * long prose lines printed again further down is a quoted post or a copied body (forum replies
 * that quote the first post: WCXB dev forum F1 0.738 with long lines kept, 0.748 without).
 */
const RECORD_LINE_WORDS = 30;

/** Copies of a line above which it is not used to start aligning two copies of a body. */
const MAX_RUN_STARTS = 8;

interface Settings {
  readonly minWords: number;
  readonly similarity: number;
  readonly nearMinWords: number;
  readonly minBodyLines: number;
  readonly layoutCopies: number;
  readonly adjacentMinWords: number;
}

interface Paragraph {
  readonly index: number;
  readonly text: string;
  /** Fingerprint of the comparable words: equal for copies that differ only typographically. */
  readonly key: string;
  /** Length in words; Chinese and Japanese characters count as half a word each (see `lengthInWords`). */
  readonly words: number;
  /** Words of the comparable key (`comparableWords`), spaced scripts' count. */
  readonly spaced: number;
  /** A line whose copies are content, not a scraping accident: code, a caption (see `isContentRepeat`). */
  content?: boolean;
  bigrams?: Set<string>;
}

/** Scripts written without spaces between words: their length is counted in characters. */
const UNSPACED = codePointTest(
  '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}]',
);
const UNSPACED_ASCII = asciiTable(UNSPACED);

/**
 * Code points of `text` that `test` accepts, as many as a /u regular expression of the class
 * finds, counted by a scan: a match array holds one string per character, which on a line of
 * millions of characters is most of the stage's time in garbage collection.
 */
function countCodePoints(text: string, test: CodePointTest, ascii: Uint8Array): number {
  let count = 0;
  for (let at = 0; at < text.length; ) {
    const unit = text.charCodeAt(at);
    // ASCII (most text) from the class's table: no code point decoded, no test called.
    if (unit < 0x80) {
      count += ascii[unit] as number;
      at++;
      continue;
    }
    const code = codePointAt(text, at);
    if (test(code)) count++;
    at += unitsOf(code);
  }
  return count;
}

/**
 * A line's length in words. Chinese, Japanese and Thai put no spaces between words, so a whole
 * paragraph is one or two "words" to a space-based count; there two characters count as one word
 * (the average word length of Chinese and Japanese news text is about 1.5 to 2 characters).
 */
function lengthInWords(text: string, spacedWords: number): number {
  const unspaced = countCodePoints(text, UNSPACED, UNSPACED_ASCII);
  return unspaced === 0 ? spacedWords : spacedWords + Math.floor(unspaced / 2);
}

/** Figure, table and listing captions: the text may quote one again, and both copies are content. */
const CAPTION =
  /^(?:fig(?:ure|\.)?|table|tab\.|chart|exhibit|listing|plate|photo|image|graph|map|abbildung|abb\.|tabelle|tableau|tabla|figura|tabella|afbeelding|tabel|bild|tabell|rysunek|tabela|图|表|図)\s*[\dIVXivx]+[a-z]?\s*[.:|—–-]?/iu;
/** Code: a statement end or a brace at the line's end, or a line dense with code punctuation. */
const CODE_END = /(?:[;{}]|\)\s*[{:]|=>)$/u;
const CODE_CHARS = codePointTest('[{}()[\\];=<>]');
const CODE_ASCII = asciiTable(CODE_CHARS);

function isCodeShaped(text: string): boolean {
  if (/^(?:\/\/|#\s*include|#!|\/\*|\*\/)/u.test(text)) return true;
  const symbols = countCodePoints(text, CODE_CHARS, CODE_ASCII);
  // The count first: CODE_END, anchored at the end only, is tried at every position of the line.
  if (symbols >= 2 && CODE_END.test(text)) return true;
  return symbols >= 4 && symbols / text.length >= 0.08;
}

/** A heading or a list entry: no sentence ends it. */
function isEntryShaped(text: string): boolean {
  return !/[.!?…]["'”’»)\]]*$/u.test(text);
}

/**
 * Lines whose later copies stay outside a repeated body: captions, and lines of a code-shaped
 * block (two or more code-shaped lines in a row: a listing repeats `}` and `return x;` by design).
 */
function markContent(paragraphs: Paragraph[]): void {
  const code = paragraphs.map((p) => isCodeShaped(p.text));
  paragraphs.forEach((paragraph, i) => {
    const inCodeBlock = code[i] === true && ((i > 0 && code[i - 1] === true) || code[i + 1] === true);
    if (inCodeBlock || CAPTION.test(paragraph.text)) paragraph.content = true;
  });
}

interface Pair {
  /** Content positions of the first and the later copy. */
  readonly first: number;
  readonly later: number;
  readonly similarity: number;
}

export function createRepeats(options: RepeatsOptions = {}): TextStage {
  expectKnownKeys('repeats', options, OPTION_KEYS);
  const count = (key: (typeof OPTION_KEYS)[number], value: unknown, fallback: number) =>
    value === undefined ? fallback : expectNumber('repeats', key, value, { min: 1, max: 100_000, integer: true });
  const settings: Settings = {
    minWords: count('minWords', options.minWords, 8),
    similarity:
      options.similarity === undefined
        ? 0.9
        : expectNumber('repeats', 'similarity', options.similarity, { min: 0.5, max: 1 }),
    nearMinWords: count('nearMinWords', options.nearMinWords, 20),
    minBodyLines: count('minBodyLines', options.minBodyLines, 3),
    layoutCopies: count('layoutCopies', options.layoutCopies, 3),
    adjacentMinWords: count('adjacentMinWords', options.adjacentMinWords, 2),
  };

  return {
    name: 'repeats',
    kind: 'text',
    run(doc) {
      const removals = findRepeats(doc.text, settings);
      if (removals.length === 0) return keep(doc);
      const { text, changes } = removeLines('repeats', doc.text, removals);
      return keep(doc, { text, changes });
    },
  };
}

function findRepeats(text: string, settings: Settings): LineRemoval[] {
  const paragraphs: Paragraph[] = [];
  /** Content positions of each key, in order: where to look for earlier copies. */
  const positions = new Map<string, number[]>();
  for (const line of splitLines(text)) {
    const { fingerprint: key, words: spaced } = comparableFingerprint(line.text);
    if (spaced === 0) continue;
    const words = lengthInWords(line.text, spaced);
    const list = positions.get(key) ?? [];
    list.push(paragraphs.length);
    positions.set(key, list);
    paragraphs.push({ index: line.index, text: line.text, key, words, spaced });
  }
  const copies = (key: string): number => positions.get(key)?.length ?? 0;
  markContent(paragraphs);

  /** Same words: what a copy made by a scraper keeps through typographic differences. */
  const same = (a: Paragraph, b: Paragraph): number => (a.key === b.key ? 1 : 0);
  /** Also nearly the same words: only where alignment with neighbours backs it up. */
  const near = (a: Paragraph, b: Paragraph): number => {
    const exact = same(a, b);
    if (exact > 0) return exact;
    const { nearMinWords, similarity } = settings;
    if (a.words < nearMinWords || b.words < nearMinWords) return 0;
    // Jaccard can reach the threshold only when the sizes are within it of each other.
    if (Math.min(a.words, b.words) / Math.max(a.words, b.words) < similarity) return 0;
    a.bigrams ??= wordBigrams(comparableWords(a.text));
    b.bigrams ??= wordBigrams(comparableWords(b.text));
    const score = jaccard(a.bigrams, b.bigrams);
    return score >= similarity ? score : 0;
  };

  const removed = new Map<number, LineRemoval>();
  const at = (position: number) => paragraphs[position] as Paragraph;
  /** Lines printed once per item with one word changed (src/text/slot-lines.ts), on first need. */
  let slottedSet: Set<number> | undefined;
  const slotted = (): Set<number> => {
    slottedSet ??= slottedLines(
      paragraphs.map((p) => p.text),
      settings.minWords,
      settings.layoutCopies,
      paragraphs.map((p) => p.spaced),
    );
    return slottedSet;
  };
  const exactly = (first: number, later: number) =>
    first < paragraphs.length && later < paragraphs.length ? same(at(first), at(later)) : 0;
  const long = (position: number) => at(position).words >= settings.minWords && !at(position).content;
  /**
   * A table of contents (or a list of key points) names the sections the text then heads: the
   * earlier copy sits in a list of entries (lines no sentence ends) of which another one also
   * recurs below the list, apart from this copy. A body printed twice keeps its copies side by
   * side instead, and a paragraph copied once has no list recurring with it.
   */
  const listedAhead = (first: number, later: number): boolean => {
    if (!isEntryShaped(at(first).text)) return false;
    // Next to an entry that recurs below, apart from this copy.
    const besideRecurring = [first - 1, first + 1].some(
      (neighbour) =>
        neighbour >= 0 &&
        neighbour < paragraphs.length &&
        isEntryShaped(at(neighbour).text) &&
        (positions.get(at(neighbour).key) ?? []).some((copy) => copy > first + 1 && Math.abs(copy - later) > 1),
    );
    if (besideRecurring) return true;
    // Further up or down the same list: another entry named once there and once below it.
    let start = first;
    let end = first;
    while (start > 0 && first - start < LIST_REACH && isEntryShaped(at(start - 1).text)) start--;
    while (end + 1 < paragraphs.length && end - first < LIST_REACH && isEntryShaped(at(end + 1).text)) end++;
    for (let entry = start; entry <= end; entry++) {
      // A line the page prints again and again ("Rated: Good" under every product) or a bare
      // word names no section.
      const other = at(entry);
      if (entry === first || other.key === at(first).key || copies(other.key) !== 2 || other.words < LIST_ENTRY_WORDS)
        continue;
      if ((positions.get(other.key) ?? []).some((copy) => copy > end && Math.abs(copy - later) > 1)) return true;
    }
    return false;
  };
  const evidence = (pair: Pair) => ({
    firstAt: at(pair.first).index,
    similarity: Math.round(pair.similarity * 1000) / 1000,
  });

  /**
   * The later copy's lines aligned with the earlier copy's around a pair of equal lines: forward
   * while the copies go on, then back to where they start (the first paragraph may differ, e.g.
   * by a stamp). The later copy never reaches back into the earlier one.
   */
  const align = (first: number, later: number): Pair[] => {
    const pairs: Pair[] = [{ first, later, similarity: 1 }];
    let a = first + 1;
    let b = later + 1;
    while (a < later && b < paragraphs.length) {
      if (removed.has(a)) {
        a++;
        continue;
      }
      const score = near(at(a), at(b));
      if (score > 0) {
        pairs.push({ first: a, later: b, similarity: score });
        a++;
        b++;
      } else if (a + 1 < later && exactly(a + 1, b) > 0) {
        a++; // only in the earlier copy
      } else if (exactly(a, b + 1) > 0) {
        b++; // only in the later copy: it stays
      } else if (a + 1 < later && exactly(a + 1, b + 1) > 0) {
        a++; // changed in the later copy: that version stays
        b++;
      } else {
        break;
      }
    }
    const earlierEnd = (pairs.at(-1) as Pair).first;
    for (a = first - 1, b = later - 1; a >= 0 && b > earlierEnd && !removed.has(a) && !removed.has(b); a--, b--) {
      const score = near(at(a), at(b));
      if (score === 0) break;
      pairs.unshift({ first: a, later: b, similarity: score });
    }
    return pairs;
  };

  /**
   * The nearest line at or above `position` that is kept (the headline counts as kept). Removals
   * only ever grow, so the lines skipped on the way are remembered: a page of one line printed
   * thousands of times costs linear time, not quadratic.
   */
  const skipTo = new Map<number, number>();
  const keptAtOrBefore = (position: number): number => {
    let at = position;
    const passed: number[] = [];
    while (at > 0 && removed.has(at)) {
      passed.push(at);
      at = skipTo.get(at) ?? at - 1;
    }
    for (const p of passed) skipTo.set(p, at);
    return at;
  };

  /**
   * An aligned run whose earlier copy is a list of headings and whose later copy has other lines
   * between every two of them: a table of contents and the sections it names, not a body printed twice.
   */
  const isContents = (run: readonly Pair[]): boolean =>
    run.every((pair) => isEntryShaped(at(pair.first).text)) &&
    run.every((pair, i) => i === 0 || pair.later - (run[i - 1] as Pair).later > 1);

  /**
   * A short run repeated apart from its first copy, with other lines between: a record the text
   * prints once per item (a caption under each webcam, the same pros under two products, a query
   * plan shown before and after). A body printed twice has its copies side by side and takes half
   * the document; its later copy goes.
   */
  const isRecord = (run: readonly Pair[]): boolean => {
    const earlierEnd = (run.at(-1) as Pair).first;
    const laterStart = (run[0] as Pair).later;
    let between = 0;
    for (let line = earlierEnd + 1; line < laterStart && between < RECORD_GAP; line++) {
      if (!removed.has(line)) between++;
    }
    return (
      between >= RECORD_GAP &&
      run.length < paragraphs.length * RECORD_SHARE &&
      run.every((pair) => at(pair.later).words <= RECORD_LINE_WORDS)
    );
  };

  for (let later = 1; later < paragraphs.length; later++) {
    if (removed.has(later)) continue;
    let best: Pair[] = [];
    let firstCopy: Pair | undefined;
    // A line printed dozens of times ("Vegan", "Read more") starts no run: it would cost
    // quadratic work per copy, and a body printed twice has its other lines to start from.
    const earlier = copies(at(later).key) <= MAX_RUN_STARTS ? (positions.get(at(later).key) ?? []) : [];
    for (const first of earlier) {
      if (first >= later) break;
      if (removed.has(first)) continue;
      // The headline printed again below it is a title repeated by the page, not a body copy.
      if (first > 0) firstCopy ??= { first, later, similarity: 1 };
      const run = align(first, later);
      if (run.length > best.length) best = run;
    }
    const longLines = best.filter((pair) => long(pair.later)).length;
    if (best.length >= settings.minBodyLines && longLines >= 2 && isRecord(best)) continue;
    if (best.length >= settings.minBodyLines && longLines >= 2 && !isContents(best)) {
      for (const pair of best) {
        removed.set(pair.later, { index: at(pair.later).index, rule: 'repeated-body', evidence: evidence(pair) });
      }
      continue;
    }
    // Asked only of a copy about to go: the slot templates of a page cost more than its copies.
    const layout = () => copies(at(later).key) >= settings.layoutCopies || slotted().has(later);
    if (firstCopy && long(later) && !layout() && !listedAhead(firstCopy.first, later)) {
      removed.set(later, { index: at(later).index, rule: 'repeated-paragraph', evidence: evidence(firstCopy) });
      continue;
    }
    // A stutter: the nearest kept line above has the same words (the headline excepted).
    const above = keptAtOrBefore(later - 1);
    const stutter =
      above > 0 && !at(later).content && at(later).words >= settings.adjacentMinWords && exactly(above, later) > 0;
    if (stutter) {
      removed.set(later, {
        index: at(later).index,
        rule: 'repeated-paragraph',
        evidence: evidence({ first: above, later, similarity: 1 }),
      });
    }
  }
  return [...removed.values()];
}
