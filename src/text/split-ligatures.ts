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
 *
 * Tokens, chains and candidates are built in src/text/ligature-candidates.ts, the words asked of
 * and given to other documents in src/text/ligature-queries.ts; this file judges and joins.
 */
import type { Dictionary } from './dictionary.js';
import {
  cachedCandidate,
  chainsOf,
  LIGATURES,
  LOWER_PIECE,
  MAX_PIECES,
  STARTS_WITH_LIGATURE,
} from './ligature-candidates.js';
import {
  type Candidate,
  isCamelJoin,
  isNameBrokenBefore,
  isNameOrTerm,
  isRepeatedName,
  isRepeatedWordPair,
  isWordRun,
  type Side,
  type Token,
  Usage,
} from './ligature-evidence.js';

export { ligatureQueries, ligatureVocabulary } from './ligature-queries.js';

export type LigatureEvidence = 'document' | 'batch' | 'dictionary' | 'fragments';

export interface LigatureJoin {
  /** Offset of the first piece in the text. */
  readonly offset: number;
  /** The split text, e.g. "confl ict". */
  readonly removed: string;
  /** The joined word, e.g. "conflict". */
  readonly inserted: string;
  readonly by: LigatureEvidence;
}

/** All lower case, or a capital then lower case: "iPhone", "NATO" and "McCaffrey" are never pieces. */
const PLAIN_PIECE = /^\p{Lu}?\p{Ll}+$|^\p{Lu}$/u;

/** How a word comes out of a PDF whose ligature glyphs each leave a space behind (after the glyph). */
export function splitAtLigatures(word: string): string {
  return word.replace(/(ffi|ffl|ff|fi|fl)(?=[a-z])/g, (ligature, _group, at: number) =>
    at === 0 && ligature.length === word.length ? ligature : `${ligature} `,
  );
}

/**
 * What follows a candidate that ends in a bare "f": the word after a space ("the" of "of f the
 * page"), "." for a full stop, else undefined.
 */
function bareFollower(text: string, last: Token): string | undefined {
  if (last.text !== 'f') return undefined;
  if (text.charAt(last.end) === '.') return '.';
  return /^ (\p{L}+)/u.exec(text.slice(last.end, last.end + 64))?.[1];
}

/**
 * "of f the page": an ff glyph cut in two before a space, or the first letter of the next word
 * cut off it ("of f ava bean" is "of fava bean")? The f closes the word before only when that
 * word is attested (dictionary, document) and the other reading is not: the next piece is a
 * word on its own and "f" plus it is no word anywhere.
 */
function bareFEndsWord(joined: string, follower: string, usage: Usage, dictionary: Dictionary | undefined): boolean {
  // "ff." abbreviates "and the following"; "my stuf f." is "stuff" because "stuf" is no word.
  const head = joined.slice(0, -1);
  if (follower === '.') return !(dictionary ? dictionary.standsAlone(head) : usage.usedAnywhere(head));
  // An f never runs on into a capital: "of f GetYourGuide" is "off".
  if (/^\p{Lu}/u.test(follower)) return dictionary ? dictionary.standsAlone(joined) : usage.occurs(joined);
  const other = `f${follower}`;
  if (usage.occurs(other) || usage.inBatch(other) || dictionary?.has(other)) return false;
  if (dictionary) return dictionary.standsAlone(joined) && dictionary.standsAlone(follower);
  return usage.occurs(joined) && usage.usedAnywhere(follower);
}

function judge(
  candidate: Candidate,
  wholeChain: boolean,
  usage: Usage,
  dictionary: Dictionary | undefined,
  follower?: string,
): LigatureEvidence | null {
  const [first = ''] = candidate.pieces;
  // A word may start with a fi or fl glyph ("fi rst", "fl ight"), never with ff: "ff ba" is hex.
  if (first.startsWith('ff')) return null;
  const joined = candidate.pieces.join('');
  if (follower !== undefined && !bareFEndsWord(joined, follower, usage, dictionary)) return null;
  if (!PLAIN_PIECE.test(first) || candidate.pieces.slice(1).some((piece) => !LOWER_PIECE.test(piece))) {
    // An identifier in camel case ("Affi nitySpace", "SlackNotifi er"): only on its own words.
    if (candidate.someRare || !dictionary) return null;
    return isCamelJoin(candidate, usage, dictionary) ? 'dictionary' : null;
  }
  if (isWordRun(candidate, usage, dictionary)) {
    // Every way to join words side by side below needs a common glyph: across an st or ft space
    // ("most people", everywhere) they stay two words. Asked first: it spares reading the paragraph's words.
    if (candidate.someRare) return null;
    // Only where the document breaks words on that side: "a field in flux" and "this influx" in a
    // text with no broken glyph are two readings, not one word broken.
    const broken = candidate.sides.every((side) => usage.breaks(side));
    const mayBeCompound =
      usage.beforeMode && candidate.pieces.length === 2 && candidate.sides[0] === 'before' && first.length >= 3;
    if (!(broken && candidate.greedy) && !mayBeCompound) return null;
    // Two words that spell a third join only when the document spells the third unbroken and the
    // paragraph does not use the right ones by themselves ("off set" stays unless "offset" is there).
    const alone = candidate.pieces.slice(1).some((piece) => usage.usedAlone(piece, candidate.at));
    if (!alone && broken && !candidate.someRare && candidate.greedy && usage.occurs(joined)) return 'document';
    // Another document of the batch spells the third, and this one breaks words on that side of
    // its glyphs: "porta filter", "scaff old". A short word in front ("a float", "in finite", "be
    // fits") stays a word: a reading of its own, whatever other documents say.
    if (!alone && !candidate.someRare && candidate.greedy && first.length >= 3 && broken && usage.inBatch(joined)) {
      return 'batch';
    }
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
    if (compound) return 'dictionary';
    return usage.beforeMode && !candidate.someRare && isRepeatedWordPair(candidate, usage) ? 'fragments' : null;
  }
  // "to ff t" is "to fft" broken after its glyph: a word never ends in a bare glyph piece.
  const last = candidate.pieces.at(-1) ?? '';
  if ((LIGATURES as readonly string[]).includes(last) && (dictionary?.standsAlone(first) ?? false)) return null;
  // Across an st or ft space, two frequent words ("first hand", "cost less") are two words.
  if (candidate.someRare && dictionary && candidate.rareSegments.every((word) => dictionary.isFrequent(word))) {
    return null;
  }
  if (usage.occurs(joined)) return 'document';
  // st and ft glyphs join only into a frequent word: a rare one ("astunning") is a Scrabble list's, not the text's.
  if (dictionary?.has(joined) && (!candidate.someRare || dictionary.isFrequent(joined))) return 'dictionary';
  // Other documents' spelling, for pieces one of which is no word ("fi nancials"), or where the
  // document breaks words on that side ("porta filter": a Scrabble list knows "porta").
  const fragment = dictionary !== undefined && candidate.pieces.some((piece) => !dictionary.standsAlone(piece));
  const broken = candidate.sides.every((side) => usage.breaks(side));
  if (usage.inBatch(joined) && (fragment || broken) && (!candidate.someRare || dictionary?.isFrequent(joined))) {
    return 'batch';
  }
  if (!dictionary) return null;
  // A name or term no dictionary lists is the whole run of pieces or nothing: stopping early
  // would leave its tail ("off notifi cations" must not give "offnotifi cations").
  if (!wholeChain || candidate.someRare) return null;
  if (isNameOrTerm(candidate, usage, dictionary)) return 'fragments';
  if (!usage.beforeMode) return null;
  const name = isNameBrokenBefore(candidate, usage, dictionary) || isRepeatedName(candidate, usage, dictionary);
  return name ? 'fragments' : null;
}

/**
 * The joins to make in `text`, in text order. `dictionary` is the dictionary of the document's
 * language; without one, only the document itself is evidence. `batch` holds words other
 * documents of the batch or store spell unbroken (lower case; see `ligatureQueries`).
 */
export function findLigatureJoins(
  text: string,
  dictionary?: Dictionary,
  batch: ReadonlySet<string> = new Set(),
): LigatureJoin[] {
  const found = chainsOf(text);
  if (found.length === 0) return [];
  const usage = new Usage(text, found, batch);
  let joins = joinAll(text, found, usage, dictionary);
  // A document whose plain splits (a piece no word, the joined word in the dictionary) are all or
  // nearly all before the glyph breaks words that way: look again with that known. Plain splits
  // on a side are also what lets other documents' words join two words on that side.
  const before = joins.filter((join) => join.plain === 'before').length;
  const after = joins.filter((join) => join.plain === 'after').length;
  usage.beforeMode = before >= BEFORE_MODE_MIN && before >= BEFORE_MODE_SHARE * after;
  usage.splitSides = { before: before >= SIDE_MIN, after: after >= SIDE_MIN };
  if (usage.beforeMode || usage.splitSides.before || usage.splitSides.after) {
    joins = joinAll(text, found, usage, dictionary);
  }
  const common = joins.some((join) => !join.rare);
  return joins.filter((join) => common || !join.rare).map(({ rare: _rare, plain: _plain, ...join }) => join);
}

type FoundJoin = LigatureJoin & { rare: boolean; plain: Side | undefined };

/** Plain splits before the glyph that make a document one that breaks words that way. */
const BEFORE_MODE_MIN = 3;
const BEFORE_MODE_SHARE = 4;
/** Plain splits on a side that show the document breaks words on that side. */
const SIDE_MIN = 2;

function joinAll(text: string, found: readonly (readonly Token[])[], usage: Usage, dictionary: Dictionary | undefined) {
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
  follower: string | undefined,
): boolean {
  const [first, second] = [chain[from]?.text ?? '', chain[from + 1]?.text ?? ''];
  if (to < from + 2 || !(LIGATURES as readonly string[]).includes(second)) return false;
  if (!(dictionary ? dictionary.standsAlone(first) : usage.usedAlone(first, chain[from]?.start ?? 0))) return false;
  const rest = cachedCandidate(chain, from + 1, to, usage);
  return rest !== undefined && judge(rest, false, usage, dictionary, follower) !== null;
}

/**
 * "its fi nancials", "shader starfi eld": a word before a piece that starts with a glyph, in a
 * chain whose pieces from that piece on are a whole word: the chain starts with that word, the
 * split word after it.
 */
function leadsChain(chain: readonly Token[], from: number, usage: Usage, dictionary: Dictionary | undefined): boolean {
  const [first, start] = [chain[from - 1], chain[from]];
  if (from !== 1 || !first || !start || !STARTS_WITH_LIGATURE.test(start.text)) return false;
  return dictionary ? dictionary.standsAlone(first.text) : usage.usedAlone(first.text, first.start);
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
    const wholeChain =
      wholeChainFits && to === chain.length - 1 && (from === 0 || leadsChain(chain, from, usage, dictionary));
    const follower = bareFollower(text, end);
    if (leavesWordBefore(chain, from, to, usage, dictionary, follower)) continue;
    const by = judge(candidate, wholeChain, usage, dictionary, follower);
    if (!by) continue;
    const join = {
      offset: start.start,
      removed: text.slice(start.start, end.end),
      inserted: candidate.pieces.join(''),
      by,
      rare: candidate.rare,
      plain: (by === 'dictionary' || by === 'batch') && dictionary ? plainSide(candidate, dictionary) : undefined,
    };
    return { join, next: to + 1 };
  }
  return undefined;
}
