/**
 * Mojibake: UTF-8 bytes that some earlier tool read as windows-1252 ("â€™" for "’", "Ã©" for
 * "é"). Repair is by re-encoding, not by a table: a run of characters that windows-1252 maps to
 * high bytes is turned back into those bytes, and every well-formed UTF-8 sequence in them is a
 * candidate for the character it encodes.
 *
 * Legitimate text can hold such byte patterns too ("Gruß“" is DF 93, a valid UTF-8 sequence for
 * an N'Ko letter; "été…”" ends in E9 85 94, a CJK ideograph), so a candidate is accepted only on
 * evidence:
 * - strong on its own: a 4-byte sequence; a 3-byte one that decodes to punctuation or symbols
 *   (U+2000–U+2BFF, U+3000–U+303F, U+FB00–U+FB4F); "Â" or "Ã" followed by a byte A0–BF (which
 *   decode to U+00A0–U+00BF and U+00E0–U+00FF: no legitimate text puts "Ã" before "©").
 *   "Â£" is therefore repaired to "£": it is the signature of a misread pound sign.
 * - adjacent to another candidate (whole words of Cyrillic, Greek, CJK come out as chains);
 * - a Latin letter (U+00C0–U+017F, Romanian U+0218–U+021B) when the document holds strong
 *   mojibake elsewhere or a lowercase letter follows ("Ã‰cole"); Greek or Cyrillic ones only
 *   on document evidence.
 * Never accepted: C0/C1 controls, surrogates, private use, noncharacters, unassigned code points.
 */
import type { Edit } from './edits.js';
import { utf8SequenceLength } from './encoding.js';

/** windows-1252 bytes 0x80–0x9F; the five it leaves undefined decode to the C1 control of the same value. */
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d,
  0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d,
  0x017e, 0x0178,
];

/** Character code -> the high byte windows-1252 (or Latin-1, for the C1 controls) encodes it as. */
const HIGH_BYTE = new Map<number, number>();
CP1252_80_9F.forEach((code, i) => {
  HIGH_BYTE.set(code, 0x80 + i);
  HIGH_BYTE.set(0x80 + i, 0x80 + i);
});
for (let byte = 0xa0; byte <= 0xff; byte++) HIGH_BYTE.set(byte, byte);

const hex = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
/** Runs of two or more such characters: the shortest mojibake is two ("Ã©"). */
const CANDIDATE_RUN = new RegExp(`[${[...HIGH_BYTE.keys()].map(hex).join('')}]{2,}`, 'g');

const NOT_TEXT = /[\p{Cc}\p{Cs}\p{Co}\p{Cn}]/u;
const LOWERCASE = /\p{Ll}/u;

interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly char: string;
  readonly strong: boolean;
  /** Latin letter, Greek or Cyrillic: accepted on document evidence. */
  readonly script: 'latin' | 'greek-cyrillic' | 'other';
  adjacent: boolean;
  readonly lowercaseFollows: boolean;
}

function decodeSequence(bytes: readonly number[], at: number, length: number): number {
  const lead = bytes[at] ?? 0;
  let cp = lead & (length === 2 ? 0x1f : length === 3 ? 0x0f : 0x07);
  for (let k = 1; k < length; k++) cp = (cp << 6) | ((bytes[at + k] ?? 0) & 0x3f);
  return cp;
}

const within = (cp: number, lo: number, hi: number) => cp >= lo && cp <= hi;

function isStrong(length: number, lead: number, second: number, cp: number): boolean {
  if (length === 4) return true;
  if (length === 3) return within(cp, 0x2000, 0x2bff) || within(cp, 0x3000, 0x303f) || within(cp, 0xfb00, 0xfb4f);
  return (lead === 0xc2 || lead === 0xc3) && second >= 0xa0;
}

function scriptOf(cp: number): Candidate['script'] {
  if (within(cp, 0xc0, 0x17f) || within(cp, 0x218, 0x21b)) return 'latin';
  if (within(cp, 0x370, 0x52f)) return 'greek-cyrillic';
  return 'other';
}

function candidatesIn(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const run of text.matchAll(CANDIDATE_RUN)) {
    const chars = run[0];
    const bytes = Array.from(chars, (c) => HIGH_BYTE.get(c.charCodeAt(0)) ?? 0);
    let previous: Candidate | undefined;
    for (let i = 0; i < bytes.length; ) {
      const length = utf8SequenceLength(bytes, i);
      if (length < 2) {
        previous = undefined;
        i++;
        continue;
      }
      const cp = decodeSequence(bytes, i, length);
      const char = String.fromCodePoint(cp);
      const start = run.index + i;
      const end = start + length;
      if (NOT_TEXT.test(char) || (cp & 0xfffe) === 0xfffe || within(cp, 0xfdd0, 0xfdef)) {
        previous = undefined;
        i += length;
        continue;
      }
      const candidate: Candidate = {
        start,
        end,
        char,
        strong: isStrong(length, bytes[i] ?? 0, bytes[i + 1] ?? 0, cp),
        script: scriptOf(cp),
        adjacent: previous !== undefined,
        lowercaseFollows: LOWERCASE.test(text.charAt(end)),
      };
      if (previous) previous.adjacent = true;
      found.push(candidate);
      previous = candidate;
      i += length;
    }
  }
  return found;
}

/** Edits (rule `mojibake`) that put back the characters the misread bytes encoded. */
export function mojibakeEdits(text: string): Edit[] {
  const candidates = candidatesIn(text);
  if (candidates.length === 0) return [];
  const documentEvidence = candidates.some((c) => c.strong || c.adjacent);
  return candidates
    .filter(
      (c) =>
        c.strong ||
        c.adjacent ||
        (c.script === 'latin' && (documentEvidence || c.lowercaseFollows)) ||
        (c.script === 'greek-cyrillic' && documentEvidence),
    )
    .map((c) => ({ start: c.start, end: c.end, text: c.char, rule: 'mojibake' }));
}
