/**
 * Candidate building for split ligatures (src/text/split-ligatures.ts): the words of a text as
 * letter runs, the chains of runs that may be one word split at ligature glyphs, and the
 * candidates whose every space sits at a glyph boundary. Apart from the judging and joining so
 * that the vocabulary queries (src/text/ligature-queries.ts) can build the same candidates.
 */
import { codePointTest } from './char-class.js';
import { runFrom, runTo } from './letter-runs.js';
import type { Candidate, Side, Token, Usage } from './ligature-evidence.js';

/** Ligatures, longest first; capital F only at a word's start. */
export const LIGATURES = ['ffi', 'ffl', 'ff', 'fi', 'fl', 'ft', 'st'] as const;
const RARE_LIGATURES = new Set(['ft', 'st']);
/** A piece that may end just before a space left after a glyph. */
const ENDS_IN_LIGATURE = /(?:ff|fi|fl|ft|st)$|^F(?:f|fi|fl|i|l)$/u;
/** A piece that may start just after a space left before a glyph. */
export const STARTS_WITH_LIGATURE = /^(?:ff|fi|fl|ft|st)/u;
export const LOWER_PIECE = /^\p{Ll}+$/u;
/** A piece of an identifier in camel case that starts lower case: "nitySpace" of "Affi nitySpace". */
const CAMEL_TAIL = /^\p{Ll}+(?:\p{Lu}\p{Ll}*)+$/u;
/** A split word has at most this many pieces: three ligatures broken on both sides is already rare. */
export const MAX_PIECES = 6;

/**
 * The ligatures with a boundary at `at` of `lower` (a word, first letter lower-cased): those with
 * an occurrence that starts or ends there, and the ff ligatures also one that starts just before
 * (some extractors, pypdf on Times, cut an ff glyph in two: "caf feine", "dif ferent"). Asked only
 * at the spaces of a candidate: the whole word's boundaries were most of building one.
 */
function ligaturesAt(lower: string, at: number): string[] {
  const found: string[] = [];
  for (const ligature of LIGATURES) {
    if (
      lower.startsWith(ligature, at) ||
      (at >= ligature.length && lower.startsWith(ligature, at - ligature.length)) ||
      (ligature.startsWith('ff') && at >= 1 && lower.startsWith(ligature, at - 1))
    ) {
      found.push(ligature);
    }
  }
  return found;
}

/**
 * Whether a token starts a word: not the tail of "we're", "don't", "3D" or "file.fi". A split
 * word's first piece always does (after a hyphen too: "domain-speci fic" is a compound's part;
 * after an underscore: "shared_bu ffers" is a snake-case identifier's part).
 */
function startsWord(text: string, token: Token): boolean {
  // What /[\p{L}\p{N}'’.\\]/u says of the code unit before the token (none at the start: no match).
  return token.start === 0 || !WORD_BEFORE(text.charCodeAt(token.start - 1));
}

const WORD_BEFORE = codePointTest("[\\p{L}\\p{N}'’.\\\\]");

/**
 * Whether a token ends a word: not a letter before a hyphen like the "e" of "e-commerce", nor
 * the "isn" of "isn't" (a contraction is a word of its own: "stuff isn't" is no split "stuffisn").
 */
function endsWord(text: string, token: Token): boolean {
  const next = text.charAt(token.end);
  if (/[\p{N}@]/u.test(next)) return false;
  if (/^['’]t/u.test(text.slice(token.end, token.end + 2)) && token.text.endsWith('n')) return false;
  return !(token.text.length === 1 && /[-‐]/u.test(next));
}

const [F, I, L, S, T] = [...'filst'].map((c) => c.charCodeAt(0));
const [LOWER_A, LOWER_Z, SPACE] = [0x61, 0x7a, 0x20];

/** Whether `right` may continue `left` as the next piece of a word split at a ligature. */
function continues(text: string, left: Token, right: Token): boolean {
  if (right.start !== left.end + 1 || text[left.end] !== ' ') return false;
  // Every way on below needs a glyph's letter at the space: the left piece ending in f, i, l or t,
  // or the right one starting with f or s. Most word pairs have neither; skip their regexes.
  const last = left.text.charCodeAt(left.text.length - 1);
  const first = right.text.charCodeAt(0);
  if (last !== F && last !== I && last !== L && last !== T && first !== F && first !== S) return false;
  if (!LOWER_PIECE.test(right.text) && !CAMEL_TAIL.test(right.text)) return false;
  if (ENDS_IN_LIGATURE.test(left.text) || STARTS_WITH_LIGATURE.test(right.text)) return true;
  // An ff glyph cut in two ("caf feine", "dif ferent"): an f on each side of the space.
  if (left.text.length < 2 || !left.text.endsWith('f') || !right.text.startsWith('f')) return false;
  // A bare "f" ends the word ("staf f,") before a clause mark or the line's end, and may before a
  // space and a word (see `bareFollower`: "of f the page", but "of f ava bean" is "of fava bean")
  // or a full stop (after no word: "my stuf f."); "f/2.8" and "f-stop" are f-numbers.
  return right.text.length >= 3 || (right.text === 'f' && /^(?:[,;:!?).]|\n|$| \p{L})/u.test(text.slice(right.end)));
}

/**
 * Whether letter run `right` joins the chain of `left`, the run before it, in a reading of the
 * text's runs in order: `left` starts a word (or continues a chain, which is after a space and so
 * starts one), `right` may continue it and ends a word.
 */
export function linked(text: string, left: Token, right: Token): boolean {
  return startsWord(text, left) && continues(text, left, right) && endsWord(text, right);
}

/**
 * Whether the units around a space may be a glyph's edge as `continues` needs one (a left piece
 * that ends in ff, fi, fl, ft or st or is a capital F word, a right one that starts with a glyph,
 * or an f on each side), and the unit after it may start a lower-case piece. Read on the four
 * code units beside the space, before any word is made: most spaces go no further.
 */
function glyphBeside(text: string, space: number): boolean {
  const first = text.charCodeAt(space + 1);
  // An ASCII unit that is no lower-case letter starts no piece after a space.
  if (first < 0x80 && !(first >= LOWER_A && first <= LOWER_Z)) return false;
  const last = text.charCodeAt(space - 1);
  if (last === F || last === I || last === L) return true;
  if (last === T) {
    const before = text.charCodeAt(space - 2);
    if (before === F || before === S) return true;
  }
  const second = text.charCodeAt(space + 2);
  return (
    (first === F && (second === F || second === I || second === L || second === T)) || (first === S && second === T)
  );
}

/**
 * Runs of letter runs each of which may continue the one before: what reading the text's letter
 * runs in order finds, a run joining the chain of the one before when that one starts a word, it
 * continues it and it ends a word. Found from the spaces alone, without making a token of every
 * word: a link always sits at one space with a glyph's letter beside it (see `continues`), and
 * a chain is the links that share their runs.
 */
export function chains(text: string): Token[][] {
  const found: Token[][] = [];
  let chain: Token[] = [];
  // A loop over the units: a call to indexOf for each space cost more than reading the units between.
  for (let space = 0; space < text.length; space++) {
    if (text.charCodeAt(space) !== SPACE || !glyphBeside(text, space)) continue;
    const tail = chain[chain.length - 1];
    const left = tail?.end === space ? tail : runTo(text, space);
    const right = left && runFrom(text, space + 1);
    if (!left || !right || !linked(text, left, right)) continue;
    if (left !== tail) {
      if (chain.length > 1) found.push(chain);
      chain = [left];
    }
    chain.push(right);
  }
  if (chain.length > 1) found.push(chain);
  return found;
}

/**
 * The chains of `text`, remembered for the last text asked: the ligatures stage asks for the same
 * document's twice in a row (the words it vouches with, then its queries to the store). Callers
 * only read them.
 */
export function chainsOf(text: string): readonly (readonly Token[])[] {
  if (last?.text !== text) last = { text, found: chains(text) };
  return last.found;
}

let last: { readonly text: string; readonly found: readonly (readonly Token[])[] } | undefined;

export function cachedCandidate(
  chain: readonly Token[],
  from: number,
  to: number,
  usage: Usage,
): Candidate | undefined {
  const key = `${chain[from]?.start ?? 0} ${to - from}`;
  if (usage.candidates.has(key)) return usage.candidates.get(key);
  const candidate = candidateOf(chain, from, to);
  usage.candidates.set(key, candidate);
  return candidate;
}

/** The pieces from..to of a chain, joined, and joined with the first letter lower-cased (as glyphs are sought). */
function piecesOf(chain: readonly Token[], from: number, to: number) {
  const pieces = chain.slice(from, to + 1).map((token) => token.text);
  const joined = pieces.join('');
  return { pieces, joined, lower: joined.charAt(0).toLowerCase() + joined.slice(1) };
}

/**
 * The joined word of the pieces from..to of a chain, lower case, when they are a candidate (what
 * `candidateOf` decides first); else undefined. For the words asked of other documents, which
 * need no more of a candidate than that.
 */
export function candidateWord(chain: readonly Token[], from: number, to: number): string | undefined {
  const { pieces, joined, lower } = piecesOf(chain, from, to);
  let at = 0;
  for (let i = 0; i < pieces.length - 1; i++) {
    at += (pieces[i] ?? '').length;
    if (ligaturesAt(lower, at).length === 0) return undefined;
  }
  return joined.toLowerCase();
}

/**
 * The pieces from..to of a chain as a candidate, when every space between them sits at a
 * ligature boundary of the joined word; else undefined.
 */
export function candidateOf(chain: readonly Token[], from: number, to: number): Candidate | undefined {
  const { pieces, lower } = piecesOf(chain, from, to);
  const sides: Side[] = [];
  let rare = true;
  let someRare = false;
  const rareSegments = [pieces[0] ?? ''];
  let at = 0;
  for (let i = 0; i < pieces.length - 1; i++) {
    at += (pieces[i] ?? '').length;
    const ligatures = ligaturesAt(lower, at);
    if (ligatures.length === 0) return undefined;
    const right = pieces[i + 1] ?? '';
    const before = ligatures.some((ligature) => right.startsWith(ligature));
    sides.push(before ? 'before' : 'after');
    if (ligatures.some((ligature) => !RARE_LIGATURES.has(ligature))) {
      rare = false;
      rareSegments[rareSegments.length - 1] += right;
    } else {
      someRare = true;
      rareSegments.push(right);
    }
  }
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
