/**
 * A line as the boilerplate phrase patterns see it (src/text/boilerplate-phrases.ts): folded,
 * apostrophes straightened, spaces collapsed; and the longest line worth folding. Kept apart from
 * the phrase list so that the list's module stays a list.
 */

/**
 * Longer than any line a pattern can match (the longest: a tag list of 200 characters, a comment
 * notice of about 230): longer lines are body text and skip the patterns, so a 20 MB line costs
 * nothing here.
 */
export const MAX_PHRASE_LENGTH = 400;

/** A line as the patterns see it: folded, apostrophes straightened, spaces collapsed. */
export function phraseText(text: string): string {
  // Most lines are already folded; telling so by one scan saves three new strings a line.
  if (isFoldedAscii(text)) return text;
  return text
    .normalize('NFKC')
    .replace(/[’‘`´]/gu, "'")
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Printable ASCII without a backtick, a doubled space or a space at either end: a line that
 * phraseText leaves as it is (NFKC changes no printable ASCII, and the only apostrophe and white
 * space it could meet there are the backtick and the single space).
 */
export function isFoldedAscii(text: string): boolean {
  let previous = 0x20; // so that a space at the start is not taken for folded
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code < 0x20 || code > 0x7e || code === 0x60 || (code === 0x20 && previous === 0x20)) return false;
    previous = code;
  }
  return previous !== 0x20;
}
