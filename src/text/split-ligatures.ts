/**
 * Finds words that PDF extraction split at a ligature glyph and decides, on evidence, which to
 * join. Extractors leave the space on either side of the glyph, or on both: "confl ict" and
 * "offi cial" (after), "di fferent", "o ffset" and "E ffelsberg" (before), "di ff erent" (both).
 *
 * A split is only a candidate when every space in it sits exactly where a ligature glyph starts
 * or ends in the joined word: the ligatures are ff, fi, fl, ffi, ffl, ft and st (the Unicode
 * ones; ft is a common font ligature), capitalised at a word start (Fi, Fl, Ff). The pieces
 * are letter runs separated by one space each, and every piece after the first is lower case. So
 * "if it" is never a candidate, and "off ice" is one only to be left alone as two words.
 *
 * Words side by side that happen to spell another ("off set", "be fit", "a field") are left alone
 * when every piece is a word in its own right and each piece on the far side of a glyph is a
 * common word or one its paragraph uses by itself (see `isWordRun`). Otherwise a candidate is
 * joined only with evidence, strongest first:
 *  - `document`: the joined word occurs unbroken elsewhere in the same document;
 *  - `dictionary`: the joined word is in the dictionary of the document's language;
 *  - `fragments`: the pieces read as one name or term no dictionary lists ("Netfl ix",
 *    "Jeff erson", "Sheffi eld", "E ffelsberg"), see `isNameOrTerm`.
 * The rare st and ft ligatures are only taken in a document that shows ff, fi or fl splits too:
 * "most" and "after" are everywhere, a font that joins st is not.
 */
import type { Dictionary } from './dictionary.js';

export type LigatureEvidence = 'document' | 'dictionary' | 'fragments';

export interface LigatureJoin {
  /** Offset of the first piece in the text. */
  readonly offset: number;
  /** The split text, e.g. "confl ict". */
  readonly removed: string;
  /** The joined word, e.g. "conflict". */
  readonly inserted: string;
  readonly by: LigatureEvidence;
}

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Where a space sits relative to the ligature it broke. */
type Side = 'after' | 'before';

/** Ligatures, longest first; capital F only at a word's start. */
const LIGATURES = ['ffi', 'ffl', 'ff', 'fi', 'fl', 'ft', 'st'] as const;
const RARE_LIGATURES = new Set(['ft', 'st']);
/** A piece that may end just before a space left after a glyph. */
const ENDS_IN_LIGATURE = /(?:ff|fi|fl|ft|st)$|^F(?:f|fi|fl|i|l)$/u;
/** A piece that may start just after a space left before a glyph. */
const STARTS_WITH_LIGATURE = /^(?:ff|fi|fl|ft|st)/u;
const LOWER_PIECE = /^\p{Ll}+$/u;
/** All lower case, or a capital then lower case: "iPhone", "NATO" and "McCaffrey" are never pieces. */
const PLAIN_PIECE = /^\p{Lu}?\p{Ll}+$|^\p{Lu}$/u;
const LETTERS = /\p{L}+/gu;
const WORD_ALONE = /(?<!\S)([\p{P}\p{S}]*)(\p{L}+)[\p{P}\p{S}]*(?!\S)/gu;
/** A split word has at most this many pieces: three ligatures broken on both sides is already rare. */
const MAX_PIECES = 6;

/** The ligature boundaries of a word: positions where a ligature starts or ends, and the ligatures there. */
function ligatureBoundaries(word: string): Map<number, Set<string>> {
  const lower = word.charAt(0).toLowerCase() + word.slice(1);
  const found = new Map<number, Set<string>>();
  const mark = (at: number, ligature: string) => {
    const set = found.get(at);
    if (set) set.add(ligature);
    else found.set(at, new Set([ligature]));
  };
  for (let at = lower.indexOf('f'); at !== -1; at = lower.indexOf('f', at + 1)) {
    for (const ligature of LIGATURES) {
      if (ligature !== 'st' && lower.startsWith(ligature, at)) {
        mark(at, ligature);
        mark(at + ligature.length, ligature);
        // Some extractors (pypdf on Times) cut an ff glyph in two: "caf feine", "dif ferent".
        if (ligature.startsWith('ff')) mark(at + 1, ligature);
      }
    }
  }
  for (let at = lower.indexOf('st'); at !== -1; at = lower.indexOf('st', at + 1)) {
    mark(at, 'st');
    mark(at + 2, 'st');
  }
  return found;
}

/** How a word comes out of a PDF whose ligature glyphs each leave a space behind (after the glyph). */
export function splitAtLigatures(word: string): string {
  return word.replace(/(ffi|ffl|ff|fi|fl)(?=[a-z])/g, (ligature, _group, at: number) =>
    at === 0 && ligature.length === word.length ? ligature : `${ligature} `,
  );
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const letters = new RegExp(LETTERS);
  for (let m = letters.exec(text); m; m = letters.exec(text)) {
    tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/**
 * Whether a token starts a word: not the tail of "we're", "don't", "3D" or "file.fi". A split
 * word's first piece always does (after a hyphen too: "domain-speci fic" is a compound's part).
 */
function startsWord(text: string, token: Token): boolean {
  return !/[\p{L}\p{N}'’_.\\]/u.test(text.charAt(token.start - 1));
}

/** Whether a token ends a word: not a letter before a hyphen like the "e" of "e-commerce". */
function endsWord(text: string, token: Token): boolean {
  const next = text.charAt(token.end);
  if (/[\p{N}_@]/u.test(next)) return false;
  return !(token.text.length === 1 && /[-‐]/u.test(next));
}

/** Whether `right` may continue `left` as the next piece of a word split at a ligature. */
function continues(text: string, left: Token, right: Token): boolean {
  if (right.start !== left.end + 1 || text[left.end] !== ' ' || !LOWER_PIECE.test(right.text)) return false;
  if (ENDS_IN_LIGATURE.test(left.text) || STARTS_WITH_LIGATURE.test(right.text)) return true;
  // An ff glyph cut in two ("caf feine", "dif ferent"): an f on each side of the space.
  if (left.text.length < 2 || !left.text.endsWith('f') || !right.text.startsWith('f')) return false;
  // A bare "f" ends the word ("staf f,") only before a clause mark or the line's end: before a
  // space it may start the next word the extractor broke ("of f ava bean" is "of fava bean"), and
  // "f/2.8", "f-stop" and "f." are f-numbers and abbreviations.
  return (
    right.text.length >= 3 || (right.text === 'f' && /^(?:[,;:!?)]|\n|$)/u.test(text.slice(right.end, right.end + 1)))
  );
}

/** Runs of tokens each of which may continue the one before. */
function chains(text: string, tokens: readonly Token[]): Token[][] {
  const found: Token[][] = [];
  let chain: Token[] = [];
  for (const token of tokens) {
    const last = chain.at(-1);
    if (last && continues(text, last, token) && endsWord(text, token)) {
      chain.push(token);
      continue;
    }
    if (chain.length > 1) found.push(chain);
    chain = startsWord(text, token) ? [token] : [];
  }
  if (chain.length > 1) found.push(chain);
  return found;
}

/**
 * The words a document uses, lower-cased: every letter run in the document (to find a joined form
 * unbroken), and per paragraph the white-space-delimited words that are no piece of a candidate
 * (to tell a word the paragraph really uses, "tool", from a piece that only ever sits next to a
 * ligature, "er"). "we're", "re-election" and "2.x" do not make "re" or "x" words in use.
 * Word use is judged within the paragraph because later stages remove whole paragraphs: what the
 * candidate's own paragraph says survives them, so a second cleaning decides the same way.
 */
class Usage {
  /**
   * Set when the document plainly breaks words before their glyphs (see `findLigatureJoins`):
   * then a split before a glyph may also join two words into a compound or a name.
   */
  beforeMode = false;
  /** Candidates already built, by first piece offset and length: a second look reuses them. */
  readonly candidates = new Map<string, Candidate | undefined>();
  // Built on first use (most documents ask few questions, many none): the letter runs, and per
  // line the words used alone.
  private runs: Set<string> | undefined;
  private readonly alone = new Map<number, Set<string>>();
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
    private readonly pieces: ReadonlySet<number>,
  ) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.lineStarts.push(at + 1);
  }

  /** Whether the document has `word` unbroken. */
  occurs(word: string): boolean {
    if (!this.runs) this.runs = new Set(this.tokens.map((token) => token.text.toLowerCase()));
    return this.runs.has(word.toLowerCase());
  }

  /** Whether the paragraph around offset `at` uses `word` on its own. */
  usedAlone(word: string, at: number): boolean {
    return this.wordsAlone(this.lineOf(at)).has(word.toLowerCase());
  }

  private wordsAlone(line: number): Set<string> {
    let words = this.alone.get(line);
    if (words) return words;
    words = new Set();
    const from = this.lineStarts[line] ?? 0;
    const to = this.lineStarts[line + 1] ?? this.text.length;
    // A white-space-delimited word that is letters once its edge punctuation is stripped.
    for (const m of this.text.slice(from, to).matchAll(WORD_ALONE)) {
      const word = m[2] as string;
      if (!this.pieces.has(from + m.index + (m[1] as string).length)) words.add(word.toLowerCase());
    }
    this.alone.set(line, words);
    return words;
  }

  private lineOf(at: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** A candidate: its pieces, and for each space between them the side of the glyph it is on. */
interface Candidate {
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

/**
 * Words side by side that happen to spell another: "off set", "diff tool", "be fit", "a field".
 * When every piece is a word in its own right and each right piece is a frequent word or one the
 * paragraph uses on its own, nothing says the space is a broken ligature ("off peak", "diff
 * using" stay unless the document spells "offpeak"). Before a glyph the left piece must also be
 * a word of general use:
 * "fennel flowers" is a word pair, "bene fits" is not, though a Scrabble list knows "bene". Without a dictionary, a run whose pieces the
 * paragraph also uses on their own is such a case.
 */
function isWordRun(candidate: Candidate, usage: Usage, dictionary: Dictionary | undefined): boolean {
  const { pieces, sides, at } = candidate;
  const rights = pieces.slice(1);
  if (!dictionary) {
    return rights.every((right, i) => {
      const left = pieces[i] ?? '';
      return usage.usedAlone(right, at) && (sides[i] === 'after' || usage.usedAlone(left, at));
    });
  }
  if (!pieces.every((piece) => dictionary.standsAlone(piece))) return false;
  return rights.every((right, i) => {
    if (usage.usedAlone(right, at)) return true;
    if (sides[i] === 'before') return dictionary.isFrequent(right) && dictionary.isKnown(pieces[i] ?? '');
    return dictionary.isFrequent(right);
  });
}

/** "backend" is "back" + "end": a word the dictionary is too old to know, not a word's tail. */
function isCompound(piece: string, dictionary: Dictionary): boolean {
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
function isNameOrTerm(candidate: Candidate, usage: Usage, dictionary: Dictionary): boolean {
  const { pieces, sides, at } = candidate;
  const [first = '', ...rest] = pieces;
  const isTail = (piece: string) =>
    !dictionary.standsAlone(piece) && !usage.usedAlone(piece, at) && !isCompound(piece, dictionary);
  if (pieces.length === 2 && sides[0] === 'before') {
    const right = rest[0] ?? '';
    return (
      /^\p{Lu}/u.test(first) && !dictionary.standsAlone(first) && /^ff\p{L}*[aeiouy]/u.test(right) && isTail(right)
    );
  }
  if (!sides.every((side) => side === 'after')) return false;
  const leftIsWord = dictionary.standsAlone(first);
  if (leftIsWord && (first.length <= 3 || !/^[aeiouy]/.test(rest[0] ?? ''))) return false;
  return rest.every((right, i) => {
    const left = i === 0 ? first : (rest[i - 1] ?? '');
    const tail = isTail(right) && (/[aeiouy]/.test(right) || (left.endsWith('i') && left.length > 2));
    if (tail) return true;
    return i === 0 && first.length >= 4 && first.endsWith('fl') && !dictionary.has(first);
  });
}

function judge(
  candidate: Candidate,
  wholeChain: boolean,
  usage: Usage,
  dictionary: Dictionary | undefined,
): LigatureEvidence | null {
  const [first = ''] = candidate.pieces;
  if (!PLAIN_PIECE.test(first)) return null;
  // A word may start with a fi or fl glyph ("fi rst", "fl ight"), never with ff: "ff ba" is hex.
  if (first.startsWith('ff')) return null;
  const joined = candidate.pieces.join('');
  if (isWordRun(candidate, usage, dictionary)) {
    // Two words that spell a third join only when the document spells the third unbroken and the
    // paragraph does not use the right ones by themselves ("off set" stays unless "offset" is there).
    const alone = candidate.pieces.slice(1).some((piece) => usage.usedAlone(piece, candidate.at));
    if (!alone && !candidate.someRare && candidate.greedy && usage.occurs(joined)) return 'document';
    // In a document that breaks words before their glyphs, "work flows" and "pro file" are the
    // compounds it broke; a short word in front ("a field", "in flight", "be fit") stays a word.
    const compound =
      usage.beforeMode &&
      !alone &&
      !candidate.someRare &&
      candidate.pieces.length === 2 &&
      candidate.sides[0] === 'before' &&
      first.length >= 3 &&
      dictionary?.isKnown(joined) === true;
    return compound ? 'dictionary' : null;
  }
  // "to ff t" is "to fft" broken after its glyph: a word never ends in a bare glyph piece.
  const last = candidate.pieces.at(-1) ?? '';
  if ((LIGATURES as readonly string[]).includes(last) && (dictionary?.standsAlone(first) ?? false)) return null;
  // Across an st or ft space, two frequent words ("first hand", "cost less") are two words.
  if (candidate.someRare && dictionary && candidate.rareSegments.every((word) => dictionary.isFrequent(word))) {
    return null;
  }
  if (usage.occurs(joined)) return 'document';
  if (!dictionary) return null;
  // st and ft glyphs join only into a frequent word: a rare one ("astunning") is a Scrabble list's, not the text's.
  if (dictionary.has(joined) && (!candidate.someRare || dictionary.isFrequent(joined))) return 'dictionary';
  // A name or term no dictionary lists is the whole run of pieces or nothing: stopping early
  // would leave its tail ("off notifi cations" must not give "offnotifi cations").
  if (!wholeChain || candidate.someRare) return null;
  if (isNameOrTerm(candidate, usage, dictionary)) return 'fragments';
  return usage.beforeMode && isNameBrokenBefore(candidate, usage, dictionary) ? 'fragments' : null;
}

/**
 * In a document that breaks words before their glyphs: a capitalised piece, then a piece that
 * starts with the glyph and is no word, compound or word used alone ("Net flix", "So fia").
 */
function isNameBrokenBefore(candidate: Candidate, usage: Usage, dictionary: Dictionary): boolean {
  const [first = '', right = ''] = candidate.pieces;
  return (
    candidate.pieces.length === 2 &&
    candidate.sides[0] === 'before' &&
    /^\p{Lu}\p{Ll}*$/u.test(first) &&
    right.length >= 3 &&
    /[aeiouy]/u.test(right.slice(2)) &&
    !dictionary.isKnown(right) &&
    !usage.usedAlone(right, candidate.at) &&
    !isCompound(right, dictionary)
  );
}

function cachedCandidate(chain: readonly Token[], from: number, to: number, usage: Usage): Candidate | undefined {
  const key = `${chain[from]?.start ?? 0} ${to - from}`;
  if (usage.candidates.has(key)) return usage.candidates.get(key);
  const candidate = candidateOf(chain, from, to);
  usage.candidates.set(key, candidate);
  return candidate;
}

/**
 * The pieces from..to of a chain as a candidate, when every space between them sits at a
 * ligature boundary of the joined word; else undefined.
 */
function candidateOf(chain: readonly Token[], from: number, to: number): Candidate | undefined {
  const pieces = chain.slice(from, to + 1).map((token) => token.text);
  const boundaries = ligatureBoundaries(pieces.join(''));
  const sides: Side[] = [];
  let rare = true;
  let someRare = false;
  const rareSegments = [pieces[0] ?? ''];
  let at = 0;
  for (let i = 0; i < pieces.length - 1; i++) {
    at += (pieces[i] ?? '').length;
    const ligatures = boundaries.get(at);
    if (!ligatures) return undefined;
    const right = pieces[i + 1] ?? '';
    const before = [...ligatures].some((ligature) => right.startsWith(ligature));
    sides.push(before ? 'before' : 'after');
    if ([...ligatures].some((ligature) => !RARE_LIGATURES.has(ligature))) {
      rare = false;
      rareSegments[rareSegments.length - 1] += right;
    } else {
      someRare = true;
      rareSegments.push(right);
    }
  }
  const joined = pieces.join('');
  const lower = joined.charAt(0).toLowerCase() + joined.slice(1);
  const greedyBoundaries = new Set<number>();
  for (const m of lower.matchAll(/ffi|ffl|ff|fi|fl|ft|st/g)) {
    greedyBoundaries.add(m.index);
    greedyBoundaries.add(m.index + m[0].length);
    if (m[0].startsWith('ff')) greedyBoundaries.add(m.index + 1);
  }
  let offset = 0;
  let greedy = true;
  for (const piece of pieces.slice(0, -1)) {
    offset += piece.length;
    if (!greedyBoundaries.has(offset)) greedy = false;
  }
  return { pieces, sides, at: chain[from]?.start ?? 0, rare, someRare, rareSegments, greedy };
}

/**
 * The joins to make in `text`, in text order. `dictionary` is the dictionary of the document's
 * language; without one, only the document itself is evidence.
 */
export function findLigatureJoins(text: string, dictionary?: Dictionary): LigatureJoin[] {
  const tokens = tokenize(text);
  const found = chains(text, tokens);
  if (found.length === 0) return [];
  const pieces = new Set(found.flatMap((chain) => chain.map((token) => token.start)));
  const usage = new Usage(text, tokens, pieces);
  let joins = joinAll(text, found, usage, dictionary);
  // A document whose plain splits (a piece no word, the joined word in the dictionary) are all or
  // nearly all before the glyph breaks words that way: look again with that known.
  const before = joins.filter((join) => join.plain === 'before').length;
  const after = joins.filter((join) => join.plain === 'after').length;
  if (before >= BEFORE_MODE_MIN && before >= BEFORE_MODE_SHARE * after) {
    usage.beforeMode = true;
    joins = joinAll(text, found, usage, dictionary);
  }
  const common = joins.some((join) => !join.rare);
  return joins.filter((join) => common || !join.rare).map(({ rare: _rare, plain: _plain, ...join }) => join);
}

type FoundJoin = LigatureJoin & { rare: boolean; plain: Side | undefined };

/** Plain splits before the glyph that make a document one that breaks words that way. */
const BEFORE_MODE_MIN = 3;
const BEFORE_MODE_SHARE = 4;

function joinAll(text: string, found: readonly Token[][], usage: Usage, dictionary: Dictionary | undefined) {
  const joins: FoundJoin[] = [];
  for (const chain of found) {
    let i = 0;
    while (i < chain.length - 1) {
      const join = longestJoin(text, chain, i, usage, dictionary);
      if (!join) {
        i++;
        continue;
      }
      joins.push(join.join);
      i = join.next;
    }
  }
  return joins;
}

/**
 * "a fi re" is "a fire", not "afire": when the second piece is a ligature by itself and the first
 * is a word, the first stays a word whenever the pieces after it join into one on their own.
 * ("di ff erent" still joins whole: "ff erent" is no word.)
 */
function leavesWordBefore(
  chain: readonly Token[],
  from: number,
  to: number,
  usage: Usage,
  dictionary: Dictionary | undefined,
): boolean {
  const [first, second] = [chain[from]?.text ?? '', chain[from + 1]?.text ?? ''];
  if (to < from + 2 || !(LIGATURES as readonly string[]).includes(second)) return false;
  if (!(dictionary ? dictionary.standsAlone(first) : usage.usedAlone(first, chain[from]?.start ?? 0))) return false;
  const rest = cachedCandidate(chain, from + 1, to, usage);
  return rest !== undefined && judge(rest, false, usage, dictionary) !== null;
}

/** The side of a two-piece split whose glyph-carrying piece is no word ("di fferent", "confl ict"): no doubt where its space is. */
function plainSide(candidate: Candidate, dictionary: Dictionary): Side | undefined {
  const [first = '', right = ''] = candidate.pieces;
  if (candidate.pieces.length !== 2) return undefined;
  const side = candidate.sides[0];
  // Before the glyph the right piece carries it ("fferent"), after it the left one ("confl").
  return dictionary.standsAlone(side === 'before' ? right : first) ? undefined : side;
}

/** The longest run of pieces from `from` on that joins with evidence. */
function longestJoin(
  text: string,
  chain: readonly Token[],
  from: number,
  usage: Usage,
  dictionary: Dictionary | undefined,
): { join: FoundJoin; next: number } | undefined {
  const start = chain[from];
  if (!start) return undefined;
  const wholeChainFits = chain.length <= MAX_PIECES;
  for (let to = Math.min(chain.length - 1, from + MAX_PIECES - 1); to > from; to--) {
    const end = chain[to];
    const candidate = end && cachedCandidate(chain, from, to, usage);
    if (!end || !candidate) continue;
    const wholeChain = wholeChainFits && from === 0 && to === chain.length - 1;
    if (leavesWordBefore(chain, from, to, usage, dictionary)) continue;
    const by = judge(candidate, wholeChain, usage, dictionary);
    if (!by) continue;
    const join = {
      offset: start.start,
      removed: text.slice(start.start, end.end),
      inserted: candidate.pieces.join(''),
      by,
      rare: candidate.rare,
      plain: by === 'dictionary' && dictionary ? plainSide(candidate, dictionary) : undefined,
    };
    return { join, next: to + 1 };
  }
  return undefined;
}
