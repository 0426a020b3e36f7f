/**
 * unwrap: one paragraph a line, no blank lines.
 *
 * Blank lines are paragraph breaks and go; nothing is joined across them. Inside a block of
 * lines, two steps:
 *
 * 1. Split words are put back together: a line ending in "word-" followed by one starting with
 *    two lowercase letters ("negotia-" + "tions"). Whether the hyphen stays is decided on
 *    evidence (src/text/hyphenation.ts): "negotiation", but "well-known".
 * 2. Lines are joined only when they look hard-wrapped (PDF-to-text, e-mail). The first line must
 *    be "full": the next line's first word would not have fitted on it within the block's wrap
 *    width (its longest line, at most `maxWidth`). And the document must look hard-wrapped: a
 *    good share of its line breaks are full lines followed by a lowercase start. Then a full line
 *    joins the next when the next starts lowercase and the line does not end a clause; when the
 *    line ends mid-clause (comma, dash, unclosed bracket, function word); when the whole block
 *    is one wrapped paragraph (all lines full, the last ending a clause); or when the line ends
 *    no sentence and is no Title Case headline.
 * Never joined: a next line that is a list item or a short label ("Share this:", "Related
 * Posts"), and the headline (the first line) with a next line that starts uppercase.
 *
 * Every join is one record (`dehyphenated`, `joined-line`); removed blank lines are one
 * `blank-line` record with their count and the first offset.
 */
import type { Change, Document } from '../core/document.js';
import { expectBoolean, expectKnownKeys, expectNumber, OptionError } from '../core/options.js';
import type { Outcome, TextStage } from '../core/stage.js';
import { keep } from '../core/stage.js';
import { type Dictionary, documentDictionary } from '../text/dictionary.js';
import { decideHyphen, documentWords } from '../text/hyphenation.js';

export interface UnwrapOptions {
  /** Lines longer than this are paragraphs in their own right, never hard-wrapped lines. Default 110. */
  maxWidth?: number;
  /** Narrowest wrap width taken for hard wrapping. Default 40. */
  minWidth?: number;
  /**
   * How far short of the wrap width a full line may end, as a share of the width: proportional
   * fonts and repaired characters make real wrapping ragged. Default 0.1.
   */
  widthSlack?: number;
  /** Drop end-of-line hyphens that split a word ("negotia-" + "tion"). Default true. */
  dehyphenate?: boolean;
}

const OWNER = 'unwrap';

/** Fewest lines of a block, all full but the last, taken for one wrapped paragraph whatever its end. */
const MIN_WRAPPED_LINES = 3;
/** A line shorter than this share of the wrap width is never a full one, whatever the next word. */
const MIN_FULL_SHARE = 0.6;
/**
 * A document is hard-wrapped when enough of its line breaks inside blocks are plainly
 * mid-sentence: a split word, or a full line followed by a lowercase start. On the development corpus that is
 * 63-99% of the breaks of hard-wrapped documents, at most 9% of the others (lists, code, quoted
 * sources). A document without blank lines needs more: it is also what this stage's own output
 * looks like, whose few remaining full lines must stay as they are.
 */
const WRAPPED_EVIDENCE = { min: 2, share: 0.2 } as const;
const UNBROKEN_EVIDENCE = { min: 3, share: 0.3 } as const;

const FUNCTION_WORDS = new Set(
  (
    'a an the of to in on at for with by from and or but nor as that than which who whose whom is are was were be ' +
    'been being has have had will would can could should may might must not into onto over under about after before ' +
    'between through during without within against among his her its their our your my this these those said says'
  ).split(' '),
);
/** Words a Title Case headline leaves lowercase. */
const MINOR_WORDS = new Set('a an the and or but nor of to in on at for with by from as is vs via'.split(' '));

const SENTENCE_END = /[.!?…]["'”’»)\]]*$/u;
/** A sentence end, or a colon: what comes after starts something new (a quote, a list). */
const CLAUSE_END = /[.!?…:]["'”’»)\]]*$/u;
const LIST_ITEM = /^(?:[*•·▪►◦]|\d{1,3}[.)])\s/u;
/** A dash starts a list item after a complete line or another dash item; else it is a wrapped " – " aside. */
const DASH_ITEM = /^[-–—]\s/u;
const LOWERCASE_START = /^\p{Ll}/u;
/** Longest word taken for the first half of a split word: no word is longer, and the scan stays linear. */
const MAX_HEAD = 64;
const LETTER = /\p{L}/u;
const SPLIT_WORD_REST = /^\p{Ll}{2}/u;
/** Letters in bounded runs: one `^\p{L}+` over a line of millions of letters overflows V8's backtracking stack. */
const LETTERS = /\p{L}{1,4096}/uy;

/** All the letters a line starts with (a split word's tail), or undefined; linear in their number. */
function wordStart(line: string): string | undefined {
  let end = 0;
  for (LETTERS.lastIndex = 0; LETTERS.test(line); ) end = LETTERS.lastIndex;
  return end > 0 ? line.slice(0, end) : undefined;
}

/** A line of the text, or several joined by step 1. */
interface Line {
  readonly text: string;
  /** The first and the last line of the text as printed: what the wrap width applies to. */
  readonly first: string;
  readonly last: string;
  /** The longest printed line of those that can be wrapped ones (at most maxWidth), or 0. */
  readonly widest: number;
  /** Offset in the input of the line break after the (last joined) line. */
  readonly breakAt: number;
}

/** A line while step 1 puts split words back together: its parts are joined once, at the end. */
interface Building {
  readonly parts: string[];
  readonly first: string;
  last: string;
  widest: number;
  breakAt: number;
}

/**
 * The word broken at the end of a line ("negotia" of "... negotia-"), reading back from the hyphen
 * through earlier parts when a join left no space; undefined when the line does not end in a
 * hyphen after at least two letters (hyphenation leaves two letters on each side).
 */
function splitWordHead(parts: readonly string[]): string | undefined {
  const lastPart = parts.at(-1) ?? '';
  if (!lastPart.endsWith('-')) return undefined;
  let head = '';
  let part = parts.length - 1;
  let at = lastPart.length - 1;
  while (head.length < MAX_HEAD && part >= 0) {
    const current = parts[part] ?? '';
    if (at <= 0) {
      part--;
      at = (parts[part] ?? '').length;
      continue;
    }
    // Code points: letters outside the BMP are two code units.
    const char = String.fromCodePoint(current.codePointAt(at - 1) ?? 0);
    const low = current.charCodeAt(at - 1);
    const pair = low >= 0xdc00 && low <= 0xdfff && at >= 2;
    const letter = pair ? String.fromCodePoint(current.codePointAt(at - 2) ?? 0) : char;
    if (!LETTER.test(letter)) break;
    head = letter + head;
    at -= letter.length;
  }
  return [...head].length >= 2 && head.length < MAX_HEAD ? head : undefined;
}

interface Options {
  readonly maxWidth: number;
  readonly minWidth: number;
  readonly widthSlack: number;
  readonly dehyphenate: boolean;
}

type Because = 'lowercase' | 'open-end' | 'wrapped-paragraph' | 'wrapped-document';

const firstWordLength = (line: string): number => {
  const space = line.indexOf(' ');
  return space === -1 ? line.length : space;
};

const countOf = (line: string, char: string): number => line.split(char).length - 1;

function isListItem(previous: string, line: string): boolean {
  if (LIST_ITEM.test(line)) return true;
  return DASH_ITEM.test(line) && (CLAUSE_END.test(previous) || DASH_ITEM.test(previous));
}

/** Short, capitalised and not a sentence: a heading or label, which stands on its own line. */
function isLabel(line: string): boolean {
  return /^\p{Lu}/u.test(line) && line.split(' ').length <= 4 && !SENTENCE_END.test(line);
}

function isTitleCase(line: string): boolean {
  const words = line.split(' ').filter((w) => /^\p{L}/u.test(w) && !MINOR_WORDS.has(w));
  if (words.length < 4) return false;
  return words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length >= 0.75;
}

/** The line stops mid-clause: a comma, a dash, an unclosed bracket, a function word. */
function endsOpen(line: string): boolean {
  if (/[,;(—–]$/.test(line)) return true;
  if (countOf(line, '(') > countOf(line, ')')) return true;
  return FUNCTION_WORDS.has(line.slice(line.lastIndexOf(' ') + 1));
}

function isFull(a: string, b: string, width: number, o: Options): boolean {
  return (
    a.length <= width &&
    b.length <= width &&
    a.length >= width * MIN_FULL_SHARE &&
    a.length + 1 + firstWordLength(b) > width * (1 - o.widthSlack)
  );
}

const change = (rule: string, offset: number, extra: Omit<Change, 'stage' | 'rule' | 'offset'>): Change => ({
  stage: OWNER,
  rule,
  offset,
  ...extra,
});

export function createUnwrap(options: UnwrapOptions = {}): TextStage {
  expectKnownKeys(OWNER, options, ['maxWidth', 'minWidth', 'widthSlack', 'dehyphenate']);
  const o: Options = {
    maxWidth: expectNumber(OWNER, 'maxWidth', options.maxWidth ?? 110, { min: 1, integer: true }),
    minWidth: expectNumber(OWNER, 'minWidth', options.minWidth ?? 40, { min: 1, integer: true }),
    widthSlack: expectNumber(OWNER, 'widthSlack', options.widthSlack ?? 0.1, { min: 0, max: 0.5 }),
    dehyphenate: expectBoolean(OWNER, 'dehyphenate', options.dehyphenate ?? true),
  };
  if (o.minWidth > o.maxWidth) {
    throw new OptionError(`${OWNER}: option \`minWidth\` must be <= maxWidth (${o.maxWidth}), got ${o.minWidth}`);
  }

  const wrappable = (printed: string): number => (printed.length <= o.maxWidth ? printed.length : 0);
  const widestOf = (lines: readonly Line[]): number => lines.reduce((w, line) => Math.max(w, line.widest), 0);

  /** Blocks of lines between blank lines, split words put back together (step 1), and how many were. */
  function splitBlocks(doc: Document, changes: Change[]): { blocks: Line[][]; splits: number } {
    const text = doc.text;
    // Lines are built from parts and joined once at the end: growing one string line after line
    // (and scanning it for the split word) made a long run of split words cost quadratic time.
    const blocks: Building[][] = [[]];
    let splits = 0;
    let words: ReadonlySet<string> | undefined;
    let dictionary: Dictionary | undefined | null = null;
    let blank: { count: number; offset: number; removed: string } | undefined;
    let offset = 0;
    for (const raw of text.split('\n')) {
      const start = offset;
      offset += raw.length + 1;
      if (raw.trim() === '') {
        // A blank last line is the text's final newline: what goes is the newline before it.
        const last = offset > text.length;
        if (blank) blank.count++;
        else blank = { count: 1, offset: last ? start - 1 : start, removed: last ? `\n${raw}` : `${raw}\n` };
        blocks.push([]);
        continue;
      }
      const block = blocks.at(-1) ?? [];
      const previous = block.at(-1);
      const head = previous && SPLIT_WORD_REST.test(raw) ? splitWordHead(previous.parts) : undefined;
      const tail = head ? wordStart(raw) : undefined;
      if (!previous || !head || !tail) {
        block.push({ parts: [raw], first: raw, last: raw, widest: wrappable(raw), breakAt: start + raw.length });
        continue;
      }
      splits++;
      words ??= documentWords(text);
      if (dictionary === null) dictionary = documentDictionary(text, doc.meta.lang);
      const decision = o.dehyphenate
        ? decideHyphen(head, tail, words, dictionary)
        : { artefact: false, word: `${head}-${tail}`, basis: 'not-asked' };
      const breakAt = previous.breakAt;
      if (decision.artefact) {
        changes.push(
          change('dehyphenated', breakAt - 1, {
            removed: '-\n',
            evidence: { word: decision.word, basis: decision.basis },
          }),
        );
        const lastPart = previous.parts.length - 1;
        previous.parts[lastPart] = (previous.parts[lastPart] ?? '').slice(0, -1);
      } else {
        changes.push(
          change('joined-line', breakAt, {
            removed: '\n',
            evidence: { because: 'split-word', word: decision.word, basis: decision.basis },
          }),
        );
      }
      previous.parts.push(raw);
      previous.last = raw;
      previous.widest = Math.max(previous.widest, wrappable(raw));
      previous.breakAt = start + raw.length;
    }
    if (blank)
      changes.push(change('blank-line', blank.offset, { removed: blank.removed, evidence: { count: blank.count } }));
    // Each Line written out key by key: `({ ...line, text })` gave every line a hidden class of its
    // own (V8 does so for a spread followed by a new key), and the loops below that read them went
    // megamorphic, slower the more lines there were.
    const built = blocks
      .filter((block) => block.length > 0)
      .map((block) =>
        block.map(
          ({ parts, first, last, widest, breakAt }): Line => ({
            text: parts.length === 1 ? (parts[0] as string) : parts.join(''),
            first,
            last,
            widest,
            breakAt,
          }),
        ),
      );
    return { blocks: built, splits };
  }

  return {
    name: OWNER,
    kind: 'text',
    run(doc: Document): Outcome {
      if (doc.text === '') return keep(doc);
      const changes: Change[] = [];
      const { blocks, splits } = splitBlocks(doc, changes);

      // Which lines are full, and how many of the breaks are plainly mid-sentence.
      const documentWidth = widestOf(blocks.flat());
      const full = new Map<Line, number>();
      /** Blocks of two or more lines, all full but the last, which ends a clause: one wrapped paragraph. */
      const wrappedBlocks = new Set<Line[]>();
      // A split word is a mid-sentence break too: the plainest there is.
      let breaks = splits;
      let plain = splits;
      for (const block of blocks) {
        // The longest line, raised to minWidth: the width grows when blocks merge (as they do when
        // the stage runs on its own output), which makes fewer lines full, never more.
        const width = documentWidth >= o.minWidth ? Math.max(widestOf(block), o.minWidth) : undefined;
        let allFull = block.length > 1;
        for (let i = 0; i + 1 < block.length; i++) {
          const a = block[i] as Line;
          const b = block[i + 1] as Line;
          breaks++;
          if (width === undefined || !isFull(a.last, b.first, width, o)) {
            allFull = false;
            continue;
          }
          full.set(a, width);
          if (LOWERCASE_START.test(b.text) && !CLAUSE_END.test(a.text)) plain++;
        }
        // Three lines or more, every one but the last full: one width, so one wrapped paragraph,
        // however its last line ends (a table row, a quote's attribution "– Name, Title").
        const wrapped = allFull && (block.length >= MIN_WRAPPED_LINES || CLAUSE_END.test(block.at(-1)?.text ?? ''));
        if (wrapped) wrappedBlocks.add(block);
      }
      const evidence = blocks.length > 1 ? WRAPPED_EVIDENCE : UNBROKEN_EVIDENCE;
      const wrappedDocument = plain >= evidence.min && plain >= breaks * evidence.share;

      const joinReason = (block: Line[], i: number, isHeadline: boolean): Because | undefined => {
        const a = block[i - 1] as Line;
        const b = block[i] as Line;
        if (!wrappedDocument || !full.has(a) || isListItem(a.text, b.text)) return undefined;
        const ends = CLAUSE_END.test(a.text);
        const lowercase = LOWERCASE_START.test(b.text);
        if (lowercase && !ends) return 'lowercase';
        if (isHeadline) return undefined;
        // A short capitalised line stands on its own, unless the full line above it has not
        // finished: inside a wrapped paragraph ("... – Pierre" + "Mouallem, CISO, Delinea"), or
        // mid-clause ("... a custom step in" + "Directory.build.targets as shown here:").
        const label = isLabel(b.text);
        if (wrappedBlocks.has(block) && !(label && ends)) return 'wrapped-paragraph';
        if (!lowercase && endsOpen(a.text)) return 'open-end';
        if (label || lowercase) return undefined;
        if (ends || isTitleCase(a.text)) return undefined;
        return 'wrapped-document';
      };

      // Step 2: write paragraphs, recording every join.
      const paragraphs: string[] = [];
      blocks.forEach((block, k) => {
        let paragraph = block[0]?.text ?? '';
        for (let i = 1; i < block.length; i++) {
          const b = block[i] as Line;
          const because = joinReason(block, i, k === 0 && i === 1);
          if (!because) {
            paragraphs.push(paragraph);
            paragraph = b.text;
            continue;
          }
          const a = block[i - 1] as Line;
          paragraph += ` ${b.text}`;
          changes.push(
            change('joined-line', a.breakAt, {
              removed: '\n',
              inserted: ' ',
              evidence: { because, width: full.get(a) ?? 0 },
            }),
          );
        }
        paragraphs.push(paragraph);
      });
      changes.sort((x, y) => x.offset - y.offset);
      return keep(doc, { text: paragraphs.join('\n'), changes });
    },
  };
}
