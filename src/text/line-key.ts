/**
 * The key under which a line is counted across the documents of one source. A site's template
 * line comes back with small differences: another year in the copyright line, other case
 * (`ADVERTISEMENT`), a ligature glyph or a space a PDF tool lost or added (`Fi led under`), a
 * non-breaking space. The key folds all of them: NFKC, lower case, every run of digits to `0`,
 * and nothing but letters and digits kept (spaces included, so split words still match).
 * Stored keys are a hash of that text: fixed size, whatever the length of the line.
 */
import { hash } from 'node:crypto';
import { ByteSink } from './byte-sink.js';
import { codePointAt, codePointTest, unitsOf } from './char-class.js';

/** The folded text of a line; two lines with the same folded text count as the same line. */
export function foldLine(line: string): string {
  foldInto(line, ZERO_DIGITS);
  return decoder.decode(sink.view());
}

const decoder = new TextDecoder();

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
  const { letter } = foldInto(line, ZERO_DIGITS);
  if (!letter) return undefined;
  return hash('sha256', sink.view(), 'hex').slice(0, 16);
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
  const { letter, digit } = foldInto(line, KEEP_DIGITS);
  if (!digit || !letter) return undefined;
  return hash('sha256', sink.view(), 'hex').slice(0, 16);
}

/*
 * Folding, by one scan that writes the folded text's UTF-8 into a reused buffer, which is hashed
 * as it is: the same text as NFKC, lower case, then (for `lineKey`) /\p{N}+/gu replaced by `0`
 * and /[^\p{L}\p{N}]+/gu removed. The regex chain and a string built a character at a time were
 * most of the templates and headlines stages' per-line work. NFKC and lower case leave an ASCII
 * line as it is but for A-Z, so such a line (most are) is scanned as it is.
 */

/** What `foldInto` writes for digits: a `0` a run (line keys), or the digits (digit keys, after a `#`). */
const ZERO_DIGITS = 0;
const KEEP_DIGITS = 1;

const IS_LETTER = codePointTest('\\p{L}');
const IS_DIGIT = codePointTest('\\p{N}');

/** An ASCII code unit's class in the fold: 0 dropped, 1 letter, 2 digit. */
const ASCII_CLASS = Uint8Array.from({ length: 0x80 }, (_, code) => (IS_LETTER(code) ? 1 : IS_DIGIT(code) ? 2 : 0));
/** The byte an ASCII letter or digit folds to (a digit run's `0` when digits are not kept). */
const ASCII_BYTE = [ZERO_DIGITS, KEEP_DIGITS].map((digits) =>
  Uint8Array.from({ length: 0x80 }, (_, code) =>
    code >= 0x41 && code <= 0x5a ? code + 32 : digits === ZERO_DIGITS && ASCII_CLASS[code] === 2 ? 0x30 : code,
  ),
);

/** Any UTF-16 code unit above ASCII (surrogates included: no `u` flag). */
const NON_ASCII = /[\u0080-\uffff]/;

const sink = new ByteSink();
/** What the last fold wrote besides its bytes; one object, reused. */
const written = { letter: false, digit: false };

/**
 * Folds `line` into `sink`, per `digits`; what it wrote is in the returned (reused) object.
 * An ASCII code unit is folded without a branch on its class (a letter, a digit and a space
 * alternate too often for the CPU to guess them): its byte is always written, and kept (the
 * length advanced) only for a letter, or a digit that is kept or opens a run.
 */
function foldInto(line: string, digits: number): typeof written {
  const text = NON_ASCII.test(line) ? line.normalize('NFKC').toLowerCase() : line;
  sink.reset(text.length + 1);
  if (digits === KEEP_DIGITS) sink.ascii(0x23); // '#'
  const byteOf = ASCII_BYTE[digits] as Uint8Array;
  const keepDigits = digits === KEEP_DIGITS ? 1 : 0;
  const bytes = sink.bytes;
  let length = sink.length;
  let letters = 0;
  let digitsSeen = 0;
  let inDigits = 0;
  for (let at = 0; at < text.length; ) {
    const code = text.charCodeAt(at);
    if (code < 0x80) {
      const kind = ASCII_CLASS[code] as number;
      const digit = kind >> 1;
      bytes[length] = byteOf[code] as number;
      length += (kind & 1) | (digit & (keepDigits | (inDigits ^ 1)));
      letters |= kind & 1;
      digitsSeen |= digit;
      inDigits = digit;
      at++;
      continue;
    }
    const cp = codePointAt(text, at);
    at += unitsOf(cp);
    sink.length = length;
    if (IS_LETTER(cp)) {
      sink.codePoint(cp);
      letters = 1;
      inDigits = 0;
    } else if (IS_DIGIT(cp)) {
      if (keepDigits === 1) sink.codePoint(cp);
      else if (inDigits === 0) sink.ascii(0x30);
      digitsSeen = 1;
      inDigits = 1;
    } else inDigits = 0;
    length = sink.length;
  }
  sink.length = length;
  written.letter = letters === 1;
  written.digit = digitsSeen === 1;
  return written;
}
