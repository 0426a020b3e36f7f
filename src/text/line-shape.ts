/**
 * The shape of a line, independent of its words: boilerplate is recognised by structure first
 * (a short Title Case label, a breadcrumb, a headline-like link, a sentence), so that footers of
 * publishers no phrase list has seen are still told apart from body text.
 */

import { asciiTable, codePointAt, codePointTest, unitsOf } from './char-class.js';

const WORD = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu;

/** Words as a reader counts them: letters and digits, joined by apostrophes, hyphens or dots. */
export function wordsOf(line: string): string[] {
  return line.match(WORD) ?? [];
}

/**
 * How many words the line has; with `cap`, counting stops past it (the result is then `cap + 1`),
 * so asking whether a 20 MB line is short costs no more than asking of a short one.
 */
export function wordCount(line: string, cap = Number.POSITIVE_INFINITY): number {
  // What WORD matches, counted by a scan over remembered character classes: no match objects.
  // ASCII code units (most text) are classed by a table, the rest by code point.
  const length = line.length;
  let count = 0;
  let at = 0;
  while (count <= cap && at < length) {
    const code = line.charCodeAt(at);
    let inWord: boolean;
    if (code < 0x80) {
      inWord = ASCII_WORD[code] === 1;
      at++;
    } else {
      const codePoint = codePointAt(line, at);
      inWord = LETTER_OR_DIGIT(codePoint);
      at += unitsOf(codePoint);
    }
    if (!inWord) continue;
    count++;
    for (;;) {
      at = wordRunEnd(line, at);
      // A joiner continues the word only when a letter or digit follows it.
      if (at + 1 < length && isJoiner(line.charCodeAt(at)) && LETTER_OR_DIGIT(codePointAt(line, at + 1))) {
        at++;
      } else {
        break;
      }
    }
  }
  return count;
}

/** Where the run of letters and digits from `at` ends. */
export function wordRunEnd(line: string, from: number): number {
  let at = from;
  while (at < line.length) {
    const code = line.charCodeAt(at);
    if (code < 0x80) {
      if (ASCII_WORD[code] !== 1) break;
      at++;
    } else {
      const codePoint = codePointAt(line, at);
      if (!LETTER_OR_DIGIT(codePoint)) break;
      at += unitsOf(codePoint);
    }
  }
  return at;
}

/** The joiners of WORD: ' ’ - . */
const isJoiner = (code: number): boolean => code === 0x27 || code === 0x2019 || code === 0x2d || code === 0x2e;

const LETTER_OR_DIGIT = codePointTest('[\\p{L}\\p{N}]');
const ASCII_WORD = asciiTable(LETTER_OR_DIGIT);

/**
 * Function words that stay lower-case inside a Title Case label, in the languages the phrase
 * lists cover (en, es, fr, de, pt, it); they carry no topic, so they never count as overlap.
 */
export const SMALL_WORDS: ReadonlySet<string> = new Set(
  [
    'a an the and or but nor of in on at to for by with from as vs via per into over',
    'de del la las el los y e o en con por para un una al',
    'du des le les et ou à au aux par sur une',
    'und oder der die das des dem den im am an auf für von zu mit vom zum zur',
    'do da dos das em no na nos nas com um uma',
    'di della dei delle il lo gli su',
  ]
    .join(' ')
    .split(' '),
);

/** Ends like a sentence: terminal punctuation, optionally followed by closing quotes/brackets. */
export function endsSentence(line: string): boolean {
  return /[.!?…]["'”’»)\]]*$/u.test(line.trimEnd());
}

/** Ends with punctuation that introduces or continues something (a list, a clause). */
export function endsOpen(line: string): boolean {
  return /[:;,]$/u.test(line.trimEnd());
}

/*
 * Runs of characters at the end of a string are found by walking back from the end. A regular
 * expression such as /[\p{L}.]+$/ is tried from every position of the string, and from each one
 * it runs to the end of its run before it fails: quadratic in the length of a long run, minutes
 * on a line of a few megabytes.
 */

const LETTER = /^\p{L}$/u;
const isLetterOrDot = (char: string): boolean => char === '.' || LETTER.test(char);
const isClosing = (char: string): boolean => `"'”’)]`.includes(char);
const isStop = (char: string): boolean => char === '.' || char === '…';
/** Not JavaScript white space (what \s matches: WhiteSpace and LineTerminator). */
const isNotSpace = (char: string): boolean => !/^\s$/u.test(char);

/**
 * Where the run of characters that pass `test` ending at `end` starts: `end` when the character
 * before it does not pass. Walks by code point, so an astral letter is one character.
 */
function trailingRunStart(text: string, end: number, test: (char: string) => boolean): number {
  let at = end;
  while (at > 0) {
    const low = text.charCodeAt(at - 1);
    const width = low >= 0xdc00 && low <= 0xdfff && at > 1 && isHighSurrogate(text.charCodeAt(at - 2)) ? 2 : 1;
    if (!test(text.slice(at - width, at))) break;
    at -= width;
  }
  return at;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

const ABBREVIATIONS = new Set(
  'mr mrs ms dr st jr sr vs no nos inc ltd co corp gov sen rep gen lt col prof sgt capt fig approx etc'.split(' '),
);

/**
 * How many sentence boundaries lie inside the line (not at its end): ". X", "? X", "! X" before
 * a capital, ignoring initials and common abbreviations ("U.S. officials", "Dr. Smith").
 * With `periodsOnly`, "? X" and "! X" do not count: a headline may ask a question and go on
 * ("Have an App Idea? Affordable Software Is Here").
 */
export function sentenceBreaks(line: string, { periodsOnly = false } = {}): number {
  let breaks = 0;
  const boundary = periodsOnly
    ? /([.…])["'”’)\]]*\s+["'“‘([]?(?=\p{Lu})/gu
    : /([.!?…])["'”’)\]]*\s+["'“‘([]?(?=\p{Lu})/gu;
  for (const match of line.matchAll(boundary)) {
    if (match[1] === '.') {
      const token = line.slice(trailingRunStart(line, match.index, isLetterOrDot), match.index);
      const bare = token.replace(/\./g, '').toLowerCase();
      if (bare.length <= 2 || token.includes('.') || ABBREVIATIONS.has(bare)) continue;
    }
    breaks++;
  }
  return breaks;
}

/** Every word capitalised (or a digit, or a small function word), and at least one capital. */
export function isTitleCase(line: string): boolean {
  const words = wordsOf(line);
  let capitals = 0;
  for (const word of words) {
    const first = word[0] ?? '';
    if (/\p{Lu}/u.test(first)) capitals++;
    else if (!/\p{N}/u.test(first) && !SMALL_WORDS.has(word.toLowerCase())) return false;
  }
  return capitals > 0;
}

/**
 * Ends with a full stop that closes a sentence, not one that closes an abbreviation or initials
 * ("in the U.S.", "Syria, etc.").
 */
export function endsWithFullStop(line: string): boolean {
  const trimmed = line.trimEnd();
  const text = trimmed.slice(0, trailingRunStart(trimmed, trimmed.length, isClosing));
  if (!/[.…]$/u.test(text)) return false;
  const token = text.slice(trailingRunStart(text, text.length, isNotSpace));
  if (/^(?:\p{L}\.){2,}$/u.test(token) || /^\p{L}\.$/u.test(token)) return false;
  return !ABBREVIATIONS.has(token.slice(0, trailingRunStart(token, token.length, isStop)).toLowerCase());
}

/**
 * A headline: a title or a link to another article. Sentence case allows one sentence without a
 * closing full stop ("Trump says Putin call yielded no progress"); Title Case may hold a full
 * stop ("I Ran My Own Tool. Here's What I Found"). Nothing that opens a list or clause.
 */
export function isHeadlineShaped(line: string, maxWords: number): boolean {
  const words = wordCount(line, maxWords);
  if (words === 0 || words > maxWords || endsOpen(line)) return false;
  if (isTitleCase(line)) return true;
  return sentenceBreaks(line, { periodsOnly: true }) === 0 && !endsWithFullStop(line);
}

/**
 * A section label or navigation line: a few Title Case words, no punctuation at the end, not a
 * quotation. ("World News", "Politics", "Top Stories".)
 */
export function isLabelShaped(line: string, maxWords: number): boolean {
  const text = line.trim();
  if (text.length > maxWords * 12) return false;
  const words = wordCount(text);
  return words > 0 && words <= maxWords && !/[.!?:;,…]$/u.test(text) && !/^["'“‘«([]/u.test(text) && isTitleCase(text);
}

/** Separators of navigation trails: "Home » News » World", "Site | Section". */
const TRAIL = /\s*[»›]\s*|\s+(?:>|\||\/|·|•)\s+/u;
/** Separators that only navigation uses; a pipe also separates a title from a site name. */
const NAV_TRAIL = /[»›]|\s>\s/u;

export interface Breadcrumb {
  /** Every separator is a navigation arrow (», ›, >): not a title with a site name. */
  readonly navigational: boolean;
}

/** A trail of short items between separators, or undefined when the line is not one. */
export function breadcrumb(line: string, maxItemWords = 5): Breadcrumb | undefined {
  const items = line
    .trim()
    .split(TRAIL)
    .filter((item) => item !== '');
  if (items.length < 2) return undefined;
  for (const item of items) {
    const words = wordCount(item, maxItemWords);
    if (words === 0 || words > maxItemWords || endsSentence(item) || endsOpen(item)) return undefined;
  }
  const navigational = NAV_TRAIL.test(line) && !/\s(?:\||\/|·|•)\s/u.test(line);
  return { navigational };
}

/**
 * Common words that name no topic, beyond the small words of Title Case (en, es, fr, de, pt, it):
 * a label and a text that share only these share nothing.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  [
    'about after again all also any are before being but can could did does each few from had has have her',
    'here his how its just more most not now off once only other our out own same she should since some such',
    'than that their them then there these they this those through too under until very was were what when',
    'where which while who why will with would you your yours',
    'como pero más este esta estos sus sobre entre cuando también muy sin desde hasta',
    'avec dans pour plus mais comme cette ces son ses leur sans sous depuis aussi très',
    'nicht auch eine einer eines sich über nach wie oder aber wenn noch seit sehr',
    'mais como mas este esta seus sobre entre quando também muito sem desde até',
    'come anche questo questa suoi sono dopo prima quando molto senza',
  ]
    .join(' ')
    .split(' '),
);

export const stem = (word: string): string => {
  const lower = word.toLowerCase();
  return lower.length > 3 && lower.endsWith('s') ? lower.slice(0, -1) : lower;
};

/** Topic words of a line, singular: no function words, no ignored words, no bare numbers. */
export function topicStems(line: string, ignore: ReadonlySet<string> = new Set()): string[] {
  return wordsOf(line)
    .filter((word) => {
      const lower = word.toLowerCase();
      return (
        lower.length >= 3 &&
        !SMALL_WORDS.has(lower) &&
        !STOP_WORDS.has(lower) &&
        !ignore.has(lower) &&
        !/^\p{N}+$/u.test(lower)
      );
    })
    .map(stem)
    .filter((word) => !ignore.has(word));
}

/**
 * Two forms of one word: equal, one the other plus an ending ("nutrition" / "nutritional"), or
 * the same length differing only in the last letter ("Coffee" / "Coffea"), five letters at least.
 */
export const sameWord = (a: string, b: string): boolean => {
  if (a === b) return true;
  if (a.length < 5 || b.length < 5) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.startsWith(short)) return true;
  return short.length === long.length && short.slice(0, -1) === long.slice(0, -1);
};

/**
 * Whether a line shares its topic with the given text: one topic word in three (at least one)
 * found there in some form. A title shares its words with the text it heads; a section label or
 * a site's slogan usually does not, and a long line needs more than one chance match.
 */
export function sharesTopic(line: string, text: string, ignore: ReadonlySet<string> = new Set()): boolean {
  const own = [...new Set(topicStems(line, ignore))];
  if (own.length === 0) return false;
  const other = [...new Set(wordsOf(text).map(stem))];
  const shared = own.filter((w) => other.some((o) => sameWord(w, o))).length;
  return shared >= Math.max(1, Math.ceil(own.length / 3));
}
