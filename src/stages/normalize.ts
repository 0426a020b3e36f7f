/**
 * normalize: characters and white space, keeping single blank lines (unwrap reads them as
 * paragraph breaks).
 *
 * Passes, each on the previous one's output: mojibake repair; characters (ligature glyphs,
 * zero-width characters, soft hyphens, control characters, Unicode line and paragraph separators,
 * Unicode spaces); NFC (these three repeated until nothing changes); spaces within lines; blank lines.
 *
 * Records: one per rule per document, not one per occurrence (a document with 500 double spaces
 * gets one `repeated-space` record). The record carries the rule's first occurrence: `offset` in
 * the text the stage received, `removed`/`inserted` as that pass saw them (after earlier passes:
 * "\u00a0\u00a0" becomes "  " before `repeated-space` sees it), and `evidence.count`, the
 * number of occurrences. Records are ordered by offset, then by pass.
 */
import type { Change, Document } from '../core/document.js';
import { expectBoolean, expectKnownKeys } from '../core/options.js';
import type { Outcome, TextStage } from '../core/stage.js';
import { keep } from '../core/stage.js';
import { type Edit, EditChain } from '../text/edits.js';
import { mojibakeEdits } from '../text/mojibake.js';

export interface NormalizeOptions {
  /** Repair UTF-8 that was read as windows-1252 ("â€™" -> "’"). Default true. */
  repairMojibake?: boolean;
  /** Replace ligature glyphs U+FB00–U+FB06 with their letters ("ﬁ" -> "fi"). Default true. */
  expandLigatures?: boolean;
}

const OWNER = 'normalize';
/** Rounds of the character passes: one per time the text was misread; three misreadings are not seen in practice. */
const CHARACTER_ROUNDS = 4;

/** Rule ids in pass order: the tie-break when two records share an offset. */
const RULES = [
  'mojibake',
  'ligature-glyph',
  'zero-width',
  'soft-hyphen',
  'control-char',
  'paragraph-separator',
  'line-separator',
  'unicode-space',
  'nfc',
  'space-only-line',
  'leading-space',
  'trailing-space',
  'repeated-space',
  'leading-newlines',
  'blank-lines',
  'trailing-newlines',
] as const;
type Rule = (typeof RULES)[number];

const LIGATURES: Readonly<Record<string, string>> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};

const SPECIAL_CHARS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern is for.
  /[\uFB00-\uFB06]|[\u200B-\u200D\u2060\uFEFF]|\u00AD|[\x00-\x08\x0E-\x1F\x7F-\x84\x86-\x9F]|\r\n?|[\u2028\u2029\u0085]|[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t\v\f]/g;
/** Anything outside printable ASCII, LF and space: when absent, the character passes have nothing to do. */
const NOT_PLAIN = /[^\n -~]/;

/** Scripts written with ZWJ/ZWNJ as part of the spelling (Arabic, Persian, Indic...), unlike Latin, Greek, Cyrillic. */
const JOINING_SCRIPT = /^(?![\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{L}$/u;
const EMOJI_PART = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F)$/u;
const ZERO_WIDTH = new Set(['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF']);
/** Paragraph breaks in other spellings; U+2028 LINE SEPARATOR is a break inside a paragraph: a space here. */
const PARAGRAPH_SEPARATORS = new Set(['\r', '\r\n', '\u2029', '\u0085']);

function charBefore(text: string, at: number): string {
  const cp = text.codePointAt(at - 1);
  if (cp !== undefined && cp >= 0xdc00 && cp <= 0xdfff && at >= 2)
    return String.fromCodePoint(text.codePointAt(at - 2) ?? cp);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

function charAfter(text: string, at: number): string {
  const cp = text.codePointAt(at);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** ZWJ inside an emoji sequence, ZWJ/ZWNJ after a letter of a script that spells with them: text, not noise. */
function isMeaningfulJoiner(text: string, at: number, char: string): boolean {
  if (char !== '\u200D' && char !== '\u200C') return false;
  const before = charBefore(text, at);
  if (JOINING_SCRIPT.test(before)) return true;
  return char === '\u200D' && (EMOJI_PART.test(before) || EMOJI_PART.test(charAfter(text, at + 1)));
}

function characterEdits(text: string, expandLigatures: boolean): Edit[] {
  const edits: Edit[] = [];
  for (const m of text.matchAll(SPECIAL_CHARS)) {
    const char = m[0];
    const start = m.index;
    const end = start + char.length;
    const edit = (rule: Rule, replacement: string) => edits.push({ start, end, text: replacement, rule });
    const ligature = LIGATURES[char];
    if (ligature !== undefined) {
      if (expandLigatures) edit('ligature-glyph', ligature);
    } else if (ZERO_WIDTH.has(char)) {
      if (!isMeaningfulJoiner(text, start, char)) edit('zero-width', '');
    } else if (char === '\u00AD') edit('soft-hyphen', '');
    else if (PARAGRAPH_SEPARATORS.has(char)) edit('paragraph-separator', '\n');
    else if (char === '\u2028') edit('line-separator', ' ');
    else if (/^\p{Cc}$/u.test(char) && char !== '\t' && char !== '\v' && char !== '\f') edit('control-char', '');
    else edit('unicode-space', ' ');
  }
  return edits;
}

/**
 * NFC is local to a base character and its combining marks, so changed runs are re-normalised
 * segment by segment for exact offsets; when that does not reproduce the run's NFC (Hangul jamo
 * compose across segments) the whole run is one edit.
 */
function nfcEdits(text: string): Edit[] {
  if (text.normalize('NFC') === text) return [];
  const edits: Edit[] = [];
  for (const run of text.matchAll(/\p{ASCII}?\P{ASCII}+/gu)) {
    const whole = run[0];
    const target = whole.normalize('NFC');
    if (target === whole) continue;
    const segments = [...whole.matchAll(/\P{M}\p{M}*|\p{M}+/gu)];
    const pieces = segments.map((s) => s[0].normalize('NFC'));
    if (pieces.join('') !== target) {
      edits.push({ start: run.index, end: run.index + whole.length, text: target, rule: 'nfc' });
      continue;
    }
    segments.forEach((s, i) => {
      const piece = pieces[i] ?? s[0];
      if (piece !== s[0])
        edits.push({ start: run.index + s.index, end: run.index + s.index + s[0].length, text: piece, rule: 'nfc' });
    });
  }
  return edits;
}

/** After the character passes every space is U+0020 and every line break LF. */
function spaceEdits(text: string): Edit[] {
  const edits: Edit[] = [];
  for (const m of text.matchAll(/^ +$|^ +| +$| {2,}/gm)) {
    const start = m.index;
    const end = start + m[0].length;
    const lineStart = start === 0 || text.charCodeAt(start - 1) === 10;
    const lineEnd = end === text.length || text.charCodeAt(end) === 10;
    const rule: Rule =
      lineStart && lineEnd
        ? 'space-only-line'
        : lineStart
          ? 'leading-space'
          : lineEnd
            ? 'trailing-space'
            : 'repeated-space';
    edits.push({ start, end, text: rule === 'repeated-space' ? ' ' : '', rule });
  }
  return edits;
}

function blankLineEdits(text: string): Edit[] {
  const edits: Edit[] = [];
  for (const m of text.matchAll(/^\n+|\n{3,}|\n+$/g)) {
    const start = m.index;
    const end = start + m[0].length;
    if (start === 0) edits.push({ start, end, text: '', rule: 'leading-newlines' });
    else if (end === text.length) edits.push({ start, end, text: '', rule: 'trailing-newlines' });
    else edits.push({ start: start + 2, end, text: '', rule: 'blank-lines' });
  }
  return edits;
}

export function createNormalize(options: NormalizeOptions = {}): TextStage {
  expectKnownKeys(OWNER, options, ['repairMojibake', 'expandLigatures']);
  const repairMojibake = expectBoolean(OWNER, 'repairMojibake', options.repairMojibake ?? true);
  const expandLigatures = expectBoolean(OWNER, 'expandLigatures', options.expandLigatures ?? true);

  return {
    name: OWNER,
    kind: 'text',
    run(doc: Document): Outcome {
      const chain = new EditChain(doc.text);
      // Character passes repeat until nothing changes: text misread twice ("Ã¢â‚¬â„¢") needs two
      // repairs, and removing a control character can bring two halves of a misread character together.
      for (let round = 0; round < CHARACTER_ROUNDS && NOT_PLAIN.test(chain.text); round++) {
        const before = chain.text;
        if (repairMojibake) chain.apply(mojibakeEdits(chain.text));
        chain.apply(characterEdits(chain.text, expandLigatures));
        chain.apply(nfcEdits(chain.text));
        if (chain.text === before) break;
      }
      chain.apply(spaceEdits(chain.text));
      chain.apply(blankLineEdits(chain.text));
      const order = (rule: string) => RULES.indexOf(rule as Rule);
      const changes: Change[] = chain
        .tallies()
        .sort((a, b) => a.offset - b.offset || order(a.rule) - order(b.rule))
        .map((t) => ({
          stage: OWNER,
          rule: t.rule,
          offset: t.offset,
          ...(t.removed ? { removed: t.removed } : {}),
          ...(t.inserted ? { inserted: t.inserted } : {}),
          evidence: { count: t.count },
        }));
      return keep(doc, { text: chain.text, changes });
    },
  };
}
