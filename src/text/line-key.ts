/**
 * The key under which a line is counted across the documents of one source. A site's template
 * line comes back with small differences: another year in the copyright line, other case
 * (`ADVERTISEMENT`), a ligature glyph or a space a PDF tool lost or added (`Fi led under`), a
 * non-breaking space. The key folds all of them: NFKC, lower case, every run of digits to `0`,
 * and nothing but letters and digits kept (spaces included, so split words still match).
 * Stored keys are a hash of that text: fixed size, whatever the length of the line.
 */
import { hash } from 'node:crypto';

const DIGITS = /\p{N}+/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const LETTER = /\p{L}/u;

/** The folded text of a line; two lines with the same folded text count as the same line. */
export function foldLine(line: string): string {
  if (!NON_ASCII.test(line)) return foldAscii(line);
  return line.normalize('NFKC').toLowerCase().replace(DIGITS, '0').replace(NOT_LETTER_OR_DIGIT, '');
}

/** Any UTF-16 code unit above ASCII (surrogates included: no `u` flag). */
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * `foldLine` for an ASCII line in one pass (most lines are; the regex chain was a large share of
 * the templates and headlines stages): NFKC leaves ASCII as it is, its letters are A-Z and a-z
 * and its digits 0-9, so a digit run gives one `0` and anything else but a letter goes.
 */
function foldAscii(line: string): string {
  let out = '';
  let inDigits = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (!inDigits) out += '0';
      inDigits = true;
      continue;
    }
    inDigits = false;
    if (c >= 97 && c <= 122) out += line[i];
    else if (c >= 65 && c <= 90) out += String.fromCharCode(c + 32);
  }
  return out;
}

/**
 * Longer lines have no key: no site prints a template line or a headline of 100,000 characters,
 * and folding a line of megabytes costs more per character than folding short ones.
 */
export const MAX_KEYED_LINE = 100_000;

/**
 * The line's key: 16 hex characters (64 bits) of SHA-256 of its folded text, or undefined for a
 * line without a letter (blank lines, separators, bare numbers), which is never counted: such a
 * line says nothing about a site, and a list number or a price may repeat by chance.
 */
export function lineKey(line: string): string | undefined {
  if (line.length > MAX_KEYED_LINE) return undefined;
  const folded = foldLine(line);
  if (!LETTER.test(folded)) return undefined;
  return hash('sha256', folded, 'hex').slice(0, 16);
}

const DIGIT = /\p{N}/u;

/**
 * The key of a line with its digits kept as they are, for a line that has digits (undefined
 * otherwise, and for a line without a letter): "Lotto Results for Draw 2301" and "... Draw 2302"
 * share a `lineKey` but not a `digitKey`. Never equal to a `lineKey`: the hashed text starts with
 * a `#`, which folded text never holds.
 */
export function digitKey(line: string): string | undefined {
  if (line.length > MAX_KEYED_LINE || !DIGIT.test(line)) return undefined;
  const folded = line.normalize('NFKC').toLowerCase().replace(NOT_LETTER_OR_DIGIT, '');
  if (!DIGIT.test(folded) || !LETTER.test(folded)) return undefined;
  return hash('sha256', `#${folded}`, 'hex').slice(0, 16);
}
