/**
 * Letter runs (what /\p{L}+/gu matches) read around an offset or visited in order, by a scan over
 * remembered character classes (src/text/char-class.ts) instead of the regular expression: the
 * split-ligature code reads most of a document only here, and a match object or a string per
 * word was most of its cost.
 */
import { asciiTable, codePointAt, codePointBefore, codePointTest, unitsOf } from './char-class.js';

/** A letter run and where it sits in the text. */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const LETTER = codePointTest('\\p{L}');
const ASCII_LETTER = asciiTable(LETTER);

/** Whether the code point at `at` is a letter; its UTF-16 units, negated when it is not. */
function letterUnitsAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  // ASCII (most text) by a table; the rest by code point.
  if (code < 0x80) return ASCII_LETTER[code] === 1 ? 1 : -1;
  const codePoint = codePointAt(text, at);
  return LETTER(codePoint) ? unitsOf(codePoint) : -unitsOf(codePoint);
}

/** The end of the letter run that starts at `start` (`start` itself when none does). */
export function runEnd(text: string, start: number): number {
  let at = start;
  while (at < text.length) {
    const units = letterUnitsAt(text, at);
    if (units < 0) break;
    at += units;
  }
  return at;
}

/**
 * The letter runs of `text`, as their start and end: what /\p{L}+/gu matches, by a scan over
 * remembered character classes (src/text/char-class.ts), which costs a fraction of the regular
 * expression's match objects and makes no string.
 */
export function forEachLetterRun(text: string, visit: (start: number, end: number) => void): void {
  for (let at = 0; at < text.length; ) {
    const units = letterUnitsAt(text, at);
    if (units < 0) {
      at -= units;
      continue;
    }
    const end = runEnd(text, at);
    visit(at, end);
    at = end;
  }
}

/** The letter run that starts at `start`, if one does. */
export function runFrom(text: string, start: number): Token | undefined {
  const end = runEnd(text, start);
  return end > start ? { text: text.slice(start, end), start, end } : undefined;
}

/** The letter run that ends at `end`, if one does (`end` is no letter, or the text's end). */
export function runTo(text: string, end: number): Token | undefined {
  let start = end;
  while (start > 0) {
    const codePoint = codePointBefore(text, start, 0);
    if (!LETTER(codePoint)) break;
    start -= unitsOf(codePoint);
  }
  return start < end ? { text: text.slice(start, end), start, end } : undefined;
}

/** The letter run around offset `at` of a letter. */
export function runAround(text: string, at: number): Token {
  const start = runTo(text, at)?.start ?? at;
  const end = runEnd(text, at);
  return { text: text.slice(start, end), start, end };
}
