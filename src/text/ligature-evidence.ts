/**
 * What a split-ligature candidate is judged on (src/text/split-ligatures.ts): the document's own
 * word use (`Usage`) and the tests that tell a word broken at its glyph from words side by side.
 */
import { codePointAt, codePointBefore, codePointTest, unitsOf } from './char-class.js';
import type { Dictionary } from './dictionary.js';
import type { Token } from './letter-runs.js';
import { RunIndex } from './run-index.js';

export type { Token };

/** Where a space sits relative to the ligature it broke. */
export type Side = 'after' | 'before';

/** A candidate: its pieces, and for each space between them the side of the glyph it is on. */
export interface Candidate {
  readonly pieces: readonly string[];
  readonly sides: readonly Side[];
  readonly at: number;
  /** Whether every broken glyph is a rare one (st, ft). */
  readonly rare: boolean;
  /** Whether some broken glyph is a rare one. */
  readonly someRare: boolean;
  /** The words between the rare glyphs' spaces ("fi rst hand" gives "first", "hand"). */
  readonly rareSegments: readonly string[];
  /** Whether every space is where the longest glyphs put it ("off ice" is not: "office" has an ffi glyph). */
  readonly greedy: boolean;
}

/** White space as /\s/ knows it (no code point outside the BMP is). */
const SPACE = codePointTest('\\s');
const LETTER = codePointTest('\\p{L}');
/** Punctuation and symbols: what is trimmed off a word's edges. */
const EDGE_MARK = codePointTest('[\\p{P}\\p{S}]');

/**
 * The words a document uses, lower-cased: every letter run in the document (to find a joined form
 * unbroken), and per paragraph the white-space-delimited words that are no piece of a candidate
 * (to tell a word the paragraph really uses, "tool", from a piece that only ever sits next to a
 * ligature, "er"). "we're", "re-election" and "2.x" do not make "re" or "x" words in use.
 * Word use is judged within the paragraph because later stages remove whole paragraphs: what the
 * candidate's own paragraph says survives them, so a second cleaning decides the same way.
 */
export class Usage {
  /**
   * Set when the document plainly breaks words before their glyphs (see `findLigatureJoins`):
   * then a split before a glyph may also join two words into a compound or a name.
   */
  beforeMode = false;
  /** The sides of their glyphs on which the document plainly breaks words (see `findLigatureJoins`). */
  splitSides: Readonly<Record<Side, boolean>> = { before: false, after: false };
  /** Candidates already built, by first piece offset and length: a second look reuses them. */
  readonly candidates = new Map<string, Candidate | undefined>();
  /** How often each pair of adjacent pieces ("Amaz fit") occurs in the document's chains. */
  private readonly pairs = new Map<string, number>();
  /** Words the batch or store spells unbroken (lower case), see src/text/ligature-vocabulary.ts. */
  private readonly batch: ReadonlySet<string>;
  private readonly text: string;
  private readonly chains: readonly (readonly Token[])[];
  /** The document's letter runs, asked whether one is a word. */
  private readonly runs: RunIndex;
  // The word sets below are built on first use: many documents' candidates are settled before
  // any question about word use (and building them reads every word of the text).
  private pieceSet: Set<number> | undefined;
  private lineStartList: number[] | undefined;
  private anywhereSet: Set<string> | undefined;
  private readonly aloneByLine = new Map<number, Set<string>>();

  constructor(text: string, chains: readonly (readonly Token[])[], batch: ReadonlySet<string> = new Set()) {
    this.batch = batch;
    this.text = text;
    this.chains = chains;
    this.runs = new RunIndex(text);
    for (const chain of chains) {
      for (let i = 1; i < chain.length; i++) {
        const key = `${chain[i - 1]?.text} ${chain[i]?.text}`;
        this.pairs.set(key, (this.pairs.get(key) ?? 0) + 1);
      }
    }
  }

  /** Offsets of the first characters of candidate pieces: no word in use. */
  private get pieces(): Set<number> {
    this.pieceSet ??= new Set(this.chains.flatMap((chain) => chain.map((token) => token.start)));
    return this.pieceSet;
  }

  /** The offset each line starts at. */
  private get lineStarts(): readonly number[] {
    if (!this.lineStartList) {
      const starts = [0];
      for (let at = this.text.indexOf('\n'); at !== -1; at = this.text.indexOf('\n', at + 1)) starts.push(at + 1);
      this.lineStartList = starts;
    }
    return this.lineStartList;
  }

  /**
   * The words used on their own that start in `text[from, to)`, lower case, to `visit`: no piece
   * of a candidate, letters only once edge punctuation is trimmed. White space delimits them, so
   * a range of whole lines reads as the same words as the whole text does there.
   */
  private wordsUsed(from: number, to: number, visit: (lower: string) => void): void {
    const pieces = this.pieces;
    const text = this.text;
    const length = text.length;
    // What /\S+/g finds from `from`, each word trimmed of its edge marks (/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu)
    // and kept when letters alone remain: one scan over remembered character classes, no regex.
    let at = from;
    while (at < length) {
      while (at < length && SPACE(text.charCodeAt(at))) at++;
      if (at >= to || at >= length) return;
      let end = at;
      while (end < length && !SPACE(text.charCodeAt(end))) end++;
      let start = at;
      while (start < end) {
        const codePoint = codePointAt(text, start);
        if (!EDGE_MARK(codePoint)) break;
        start += unitsOf(codePoint);
      }
      let stop = end;
      while (stop > start) {
        const codePoint = codePointBefore(text, stop, start);
        if (!EDGE_MARK(codePoint)) break;
        stop -= unitsOf(codePoint);
      }
      let letters = stop > start;
      for (let k = start; letters && k < stop; ) {
        const codePoint = codePointAt(text, k);
        letters = LETTER(codePoint);
        k += unitsOf(codePoint);
      }
      if (letters && !pieces.has(start)) visit(text.slice(start, stop).toLowerCase());
      at = end;
    }
  }

  /** Words used on their own anywhere in the document, lower case. Built on first use. */
  private get anywhere(): Set<string> {
    if (!this.anywhereSet) {
      const anywhere = new Set<string>();
      this.wordsUsed(0, this.text.length, (lower) => anywhere.add(lower));
      this.anywhereSet = anywhere;
    }
    return this.anywhereSet;
  }

  /**
   * Words used on their own in line (paragraph) `line`, lower case. Built per line on first use:
   * the questions are about a few paragraphs, and keying every word of the text by its line
   * cost more than the rest of the stage.
   */
  private aloneIn(line: number): Set<string> {
    let words = this.aloneByLine.get(line);
    if (!words) {
      const found = new Set<string>();
      const starts = this.lineStarts;
      this.wordsUsed(starts[line] ?? 0, starts[line + 1] ?? this.text.length, (lower) => found.add(lower));
      this.aloneByLine.set(line, found);
      words = found;
    }
    return words;
  }

  /** Whether the document plainly breaks words on this side of their glyphs. */
  breaks(side: Side): boolean {
    return this.splitSides[side];
  }

  /** Whether another document of the batch or store spells `word` unbroken. */
  inBatch(word: string): boolean {
    return this.batch.has(word.toLowerCase());
  }

  /** Whether the document uses `word` on its own anywhere. */
  usedAnywhere(word: string): boolean {
    return this.anywhere.has(word.toLowerCase());
  }

  /** How often the two pieces stand side by side in the document's chains. */
  pairCount(left: string, right: string): number {
    return this.pairs.get(`${left} ${right}`) ?? 0;
  }

  /** Whether the document has `word` unbroken. */
  occurs(word: string): boolean {
    return this.runs.has(word.toLowerCase());
  }

  /** Whether the paragraph around offset `at` uses `word` on its own. */
  usedAlone(word: string, at: number): boolean {
    const lineStarts = this.lineStarts;
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return this.aloneIn(lo).has(word.toLowerCase());
  }
}

/**
 * Words side by side that happen to spell another: "off set", "diff tool", "be fit", "a field".
 * When every piece is a word in its own right and each right piece is a frequent word or one the
 * paragraph uses on its own, nothing says the space is a broken ligature ("off peak", "diff
 * using" stay unless the document spells "offpeak"). Before a glyph the left piece must also be
 * a word of general use:
 * "fennel flowers" is a word pair, "bene fits" is not, though a Scrabble list knows "bene". Without a dictionary, a run whose pieces the
 * paragraph also uses on their own is such a case.
 */
export function isWordRun(candidate: Candidate, usage: Usage, dictionary: Dictionary | undefined): boolean {
  const { pieces, sides, at } = candidate;
  const rights = pieces.slice(1);
  if (!dictionary) {
    return rights.every((right, i) => {
      const left = pieces[i] ?? '';
      return usage.usedAlone(right, at) && (sides[i] === 'after' || usage.usedAlone(left, at));
    });
  }
  if (!pieces.every((piece) => dictionary.standsAlone(piece))) return false;
  // The dictionary first: a lookup, where the paragraph's words are read (once) to answer usedAlone.
  return rights.every((right, i) => {
    const frequent =
      sides[i] === 'before'
        ? dictionary.isFrequent(right) && dictionary.isKnown(pieces[i] ?? '')
        : dictionary.isFrequent(right);
    return frequent || usage.usedAlone(right, at);
  });
}

/** "backend" is "back" + "end": a word the dictionary is too old to know, not a word's tail. */
export function isCompound(piece: string, dictionary: Dictionary): boolean {
  for (let cut = 3; cut <= piece.length - 3; cut++) {
    if (dictionary.standsAlone(piece.slice(0, cut)) && dictionary.standsAlone(piece.slice(cut))) return true;
  }
  return false;
}

/**
 * Whether the pieces read as one name or term no dictionary lists rather than a word followed by
 * words. Split after the glyph ("Netfl ix", "Jeff erson", "Sheffi eld", "Cloudfl are"):
 *  - Every right piece is a word's tail: no word, no compound of words, not used on its own in
 *    the paragraph, and with a vowel unless the piece before it is more than a ligature and ends
 *    in one ("Fujifi lm", "Thinkifi c", but not "fbfeff jc" or "fi fr").
 *  - A left piece that is a word itself is longer than three letters ("off" is followed by
 *    anything) and is followed by a vowel ("Jeff erson", but not "diff backend").
 *  - A left piece that ends in "fl" and is no word may be followed by a word ("Cloudfl are"):
 *    no English word ends in "fl".
 * Split before the glyph ("E ffelsberg", "Je fferson"): a capitalised left piece that is no word,
 * and a right piece that starts with a double f (no word starts so), has a vowel after it, and is
 * no word, compound or word used on its own.
 */
export function isNameOrTerm(candidate: Candidate, usage: Usage, dictionary: Dictionary): boolean {
  const { pieces, sides, at } = candidate;
  const [first = '', ...rest] = pieces;
  const isTail = (piece: string) =>
    !dictionary.standsAlone(piece) && !usage.usedAlone(piece, at) && !isCompound(piece, dictionary);
  if (pieces.length === 2 && sides[0] === 'before') {
    const right = rest[0] ?? '';
    // Lower case, the left piece ends in a vowel as before every ff ("ca ffeinate", "bu ffers").
    const left = /^\p{Lu}/u.test(first) || (/[aeiouy]$/u.test(first) && /^ff[aeiouy]/u.test(right));
    return left && !dictionary.standsAlone(first) && /^ff\p{L}*[aeiouy]/u.test(right) && isTail(right);
  }
  if (!sides.every((side) => side === 'after')) return false;
  const leftIsWord = dictionary.standsAlone(first);
  if (leftIsWord && (first.length <= 3 || !/^[aeiouy]/.test(rest[0] ?? ''))) return false;
  return rest.every((right, i) => {
    const left = i === 0 ? first : (rest[i - 1] ?? '');
    const tail = isTail(right) && (/[aeiouy]/.test(right) || (left.endsWith('i') && left.length > 2));
    if (tail) return true;
    if (i !== 0 || dictionary.has(first)) return false;
    // Nor does any end in "fl"; a word that ends in "fi" ("wifi", "sci-fi") is short or listed, and
    // a name that does ("Rafi") is followed by the next sentence's frequent words, not a tail.
    if (first.length >= 4 && first.endsWith('fl')) return true;
    return first.length >= 5 && first.endsWith('fi') && !dictionary.isFrequent(right) && !usage.usedAlone(right, at);
  });
}

/**
 * In a document that breaks words before their glyphs: a piece, then a piece that starts with the
 * glyph and is no word, compound or word used alone. The first piece is capitalised ("Net flix",
 * "So fia"), or lower case and itself no word the document or the dictionary knows, so that
 * neither piece can stand as a word ("ru fibarba"), or any lower-case piece before an ff piece
 * with a vowel after its glyph ("di fforme"): no word starts with ff, so such a piece is always a
 * tail. ("the ffmpeg" stays: no vowel follows its ff.)
 */
export function isNameBrokenBefore(candidate: Candidate, usage: Usage, dictionary: Dictionary): boolean {
  const [first = '', right = ''] = candidate.pieces;
  const lowerFragment =
    /^\p{Ll}+$/u.test(first) &&
    (/^ff[aeiouy]/u.test(right) || (!dictionary.standsAlone(first) && !usage.usedAnywhere(first)));
  return (
    candidate.pieces.length === 2 &&
    candidate.sides[0] === 'before' &&
    (/^\p{Lu}\p{Ll}*$/u.test(first) || lowerFragment) &&
    right.length >= 3 &&
    /[aeiouy]/u.test(right.slice(2)) &&
    !dictionary.isKnown(right) &&
    !usage.usedAlone(right, candidate.at) &&
    !isCompound(right, dictionary)
  );
}

/** The humps of a camel-case identifier with their offsets: "AffinitySpace" gives Affinity, Space. */
function humps(word: string): { text: string; start: number }[] {
  return [...word.matchAll(/\p{Lu}*\p{Ll}+|\p{Lu}+/gu)].map((m) => ({ text: m[0], start: m.index }));
}

/**
 * An identifier in camel case broken at a glyph ("Affi nitySpace", "SlackNotifi er", "MiiCo
 * ffee"): every space falls inside one hump of the joined identifier, that hump is a word the
 * dictionary or the document knows, and the two parts of it the space leaves are not both words.
 * "off iPad" stays: "offi" is no word.
 */
export function isCamelJoin(candidate: Candidate, usage: Usage, dictionary: Dictionary): boolean {
  const joined = candidate.pieces.join('');
  const parts = humps(joined);
  let at = 0;
  for (const piece of candidate.pieces.slice(0, -1)) {
    at += piece.length;
    const hump = parts.find((h) => h.start < at && at < h.start + h.text.length);
    if (!hump || hump.text.length < 4) return false;
    if (!dictionary.has(hump.text) && !usage.occurs(hump.text)) return false;
    const left = hump.text.slice(0, at - hump.start);
    const right = hump.text.slice(at - hump.start);
    if (dictionary.standsAlone(left) && dictionary.standsAlone(right)) return false;
  }
  return true;
}

/**
 * In a document that breaks words before their glyphs: a capitalised piece that is no word and
 * that the document never uses on its own, standing before the same glyph piece more than once
 * ("Amaz fit" each time the watch is named). A name followed by a word ("Tanaka first") is also
 * used on its own, or not twice before the same word.
 */
export function isRepeatedName(candidate: Candidate, usage: Usage, dictionary: Dictionary): boolean {
  const [first = '', right = ''] = candidate.pieces;
  return (
    candidate.pieces.length === 2 &&
    candidate.sides[0] === 'before' &&
    /^\p{Lu}\p{Ll}+$/u.test(first) &&
    !dictionary.has(first) &&
    !usage.usedAnywhere(first) &&
    usage.pairCount(first, right) >= 2
  );
}

/** Times a pair of words must stand side by side for `isRepeatedWordPair`: more than a name not in the dictionary needs. */
const WORD_PAIR_REPEATS = 3;

/**
 * In a document that breaks words before their glyphs: a capitalised word and a glyph word that
 * stand together `WORD_PAIR_REPEATS` times or more and neither ever on its own ("TIBCO Spot fire",
 * "Spot fire also provides"): a product's name broken each time it is printed. Two words that
 * happen to meet ("White House fire") also stand apart in the rest of the text.
 */
export function isRepeatedWordPair(candidate: Candidate, usage: Usage): boolean {
  const [first = '', right = ''] = candidate.pieces;
  return (
    candidate.pieces.length === 2 &&
    candidate.sides[0] === 'before' &&
    /^\p{Lu}\p{Ll}+$/u.test(first) &&
    usage.pairCount(first, right) >= WORD_PAIR_REPEATS &&
    !usage.usedAnywhere(first) &&
    !usage.usedAnywhere(right)
  );
}
