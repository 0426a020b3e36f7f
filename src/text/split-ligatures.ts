/**
 * Finds words that PDF extraction split after a ligature glyph ("confl ict", "offi cial",
 * "fl uff y") and decides, on evidence, which to join.
 *
 * A split is only a candidate when it sits exactly where a ligature glyph would end: the left
 * piece ends in ff, fi or fl (ffi and ffl included), one space follows, the right piece starts
 * with a lower-case letter, and re-splitting the joined word after every ligature (longest
 * first: ffi, ffl, ff, fi, fl) gives back exactly the pieces seen. So "off ice" is never
 * "office" (that splits as "offi ce") and "if it" is never a candidate at all.
 *
 * Words that happen to spell another word ("off set", "diff tool") are left alone when the right
 * one is a common word or one its paragraph uses by itself (see `isWordRun`). Otherwise a
 * candidate is joined only with evidence, strongest first:
 *  - `document`: the joined word occurs unbroken elsewhere in the same document;
 *  - `dictionary`: the joined word is in the dictionary of the document's language;
 *  - `fragments`: the pieces read as one name or term no dictionary lists ("Netfl ix",
 *    "Jeff erson", "Sheffi eld"), see `isNameOrTerm`.
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

const LIGATURE_BREAK = /(ffi|ffl|ff|fi|fl)(?=[a-z])/g;
const ENDS_IN_LIGATURE = /(?:ff|fi|fl)$/;
const LOWER_PIECE = /^[a-z]\p{Ll}*$/u;
const LETTERS = /\p{L}+/gu;

/** How a word comes out of a PDF whose ligature glyphs each leave a space behind. */
export function splitAtLigatures(word: string): string {
  return word.replace(LIGATURE_BREAK, (ligature, _group, at: number) =>
    at === 0 && ligature.length === word.length ? ligature : `${ligature} `,
  );
}

function tokenize(text: string): Token[] {
  return [...text.matchAll(LETTERS)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** Whether `right` continues `left` as the next piece of a split word. */
function continues(text: string, left: Token, right: Token): boolean {
  return (
    right.start === left.end + 1 &&
    text[left.end] === ' ' &&
    ENDS_IN_LIGATURE.test(left.text) &&
    /^[a-z]/.test(right.text)
  );
}

/** Runs of tokens each of which may continue the one before. */
function chains(text: string, tokens: readonly Token[]): Token[][] {
  const found: Token[][] = [];
  let chain: Token[] = [];
  for (const token of tokens) {
    const last = chain.at(-1);
    if (last && continues(text, last, token)) {
      chain.push(token);
      continue;
    }
    if (chain.length > 1) found.push(chain);
    chain = [token];
  }
  if (chain.length > 1) found.push(chain);
  return found;
}

/**
 * The words a document uses, lower-cased: every letter run in the document (to find a joined form
 * unbroken), and per paragraph the white-space-delimited words that are not the right piece of a
 * candidate (to tell a word the paragraph really uses, "tool", from a piece that only ever follows
 * a ligature, "er"). "we're", "re-election" and "2.x" do not make "re" or "x" words in use.
 * Word use is judged within the paragraph because later stages remove whole paragraphs: what the
 * candidate's own paragraph says survives them, so a second cleaning decides the same way.
 */
class Usage {
  private readonly runs = new Set<string>();
  private readonly alone = new Set<string>();
  private readonly lineStarts: number[] = [0];

  constructor(text: string, tokens: readonly Token[], rightPieces: ReadonlySet<number>) {
    for (const token of tokens) this.runs.add(token.text.toLowerCase());
    for (const m of text.matchAll(/\n/g)) this.lineStarts.push(m.index + 1);
    for (const m of text.matchAll(/\S+/g)) {
      const word = m[0].replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');
      if (!/^\p{L}+$/u.test(word)) continue;
      const start = m.index + m[0].indexOf(word);
      if (!rightPieces.has(start)) this.alone.add(this.key(word, start));
    }
  }

  /** Whether the document has `word` unbroken. */
  occurs(word: string): boolean {
    return this.runs.has(word.toLowerCase());
  }

  /** Whether the paragraph around offset `at` uses `word` on its own. */
  usedAlone(word: string, at: number): boolean {
    return this.alone.has(this.key(word, at));
  }

  private key(word: string, at: number): string {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return `${lo} ${word.toLowerCase()}`;
  }
}

/**
 * Words side by side that happen to spell another: "off set", "diff tool", "off peak". When every
 * piece is a word in its own right and each right one is a common word or one the paragraph uses
 * on its own, nothing says the space is a broken ligature. Without a dictionary, a run whose right
 * pieces the paragraph also uses on their own is such a case.
 */
function isWordRun(
  first: string,
  rest: readonly string[],
  at: number,
  usage: Usage,
  dictionary: Dictionary | undefined,
): boolean {
  if (!dictionary) return rest.every((right) => usage.usedAlone(right, at));
  if (![first, ...rest].every((piece) => dictionary.standsAlone(piece))) return false;
  return rest.every((right) => dictionary.isCommon(right) || usage.usedAlone(right, at));
}

/** "backend" is "back" + "end": a word the dictionary is too old to know, not a word's tail. */
function isCompound(piece: string, dictionary: Dictionary): boolean {
  for (let cut = 3; cut <= piece.length - 3; cut++) {
    if (dictionary.standsAlone(piece.slice(0, cut)) && dictionary.standsAlone(piece.slice(cut))) return true;
  }
  return false;
}

/**
 * Whether the pieces read as one name or term no dictionary lists ("Netfl ix", "Jeff erson",
 * "Sheffi eld", "Cloudfl are") rather than a word followed by words.
 *  - Every right piece is a word's tail: no word, no compound of words, not used on its own in
 *    the paragraph, and with a vowel unless the piece before it is more than a ligature and ends
 *    in one ("Fujifi lm", "Thinkifi c", but not "fbfeff jc" or "fi fr").
 *  - A left piece that is a word itself is longer than three letters ("off" is followed by
 *    anything) and is followed by a vowel ("Jeff erson", but not "diff backend").
 *  - A left piece that ends in "fl" and is no word may be followed by a word ("Cloudfl are"):
 *    no English word ends in "fl".
 */
function isNameOrTerm(
  first: string,
  rest: readonly string[],
  at: number,
  usage: Usage,
  dictionary: Dictionary,
): boolean {
  const leftIsWord = dictionary.standsAlone(first);
  if (leftIsWord && (first.length <= 3 || !/^[aeiouy]/.test(rest[0] ?? ''))) return false;
  return rest.every((right, i) => {
    const left = i === 0 ? first : (rest[i - 1] ?? '');
    const tail =
      !dictionary.standsAlone(right) &&
      !usage.usedAlone(right, at) &&
      (/[aeiouy]/.test(right) || (left.endsWith('i') && left.length > 2)) &&
      !isCompound(right, dictionary);
    if (tail) return true;
    return i === 0 && first.length >= 4 && first.endsWith('fl') && !dictionary.has(first);
  });
}

function judge(
  pieces: readonly string[],
  at: number,
  wholeChain: boolean,
  usage: Usage,
  dictionary: Dictionary | undefined,
): LigatureEvidence | null {
  const [first = '', ...rest] = pieces;
  if (!rest.every((piece) => LOWER_PIECE.test(piece))) return null;
  // A word may start with a fi or fl glyph ("fi rst", "fl ight"), never with ff: "ff ba" is hex.
  if (first.startsWith('ff')) return null;
  if (isWordRun(first, rest, at, usage, dictionary)) return null;
  const joined = pieces.join('');
  if (usage.occurs(joined)) return 'document';
  if (!dictionary) return null;
  if (dictionary.has(joined)) return 'dictionary';
  // A name or term no dictionary lists is the whole run of pieces or nothing: stopping early
  // would leave its tail ("off notifi cations" must not give "offnotifi cations").
  return wholeChain && isNameOrTerm(first, rest, at, usage, dictionary) ? 'fragments' : null;
}

/**
 * The joins to make in `text`, in text order. `dictionary` is the dictionary of the document's
 * language; without one, only the document itself is evidence.
 */
export function findLigatureJoins(text: string, dictionary?: Dictionary): LigatureJoin[] {
  const tokens = tokenize(text);
  const found = chains(text, tokens);
  if (found.length === 0) return [];
  const rightPieces = new Set(found.flatMap((chain) => chain.slice(1).map((token) => token.start)));
  const usage = new Usage(text, tokens, rightPieces);
  const joins: LigatureJoin[] = [];
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

/** The longest run of pieces from `from` on that joins with evidence. */
function longestJoin(
  text: string,
  chain: readonly Token[],
  from: number,
  usage: Usage,
  dictionary: Dictionary | undefined,
): { join: LigatureJoin; next: number } | undefined {
  const start = chain[from];
  if (!start) return undefined;
  for (let to = chain.length - 1; to > from; to--) {
    const end = chain[to];
    if (!end) continue;
    const pieces = chain.slice(from, to + 1).map((token) => token.text);
    const joined = pieces.join('');
    const removed = text.slice(start.start, end.end);
    if (splitAtLigatures(joined) !== removed) continue;
    const by = judge(pieces, start.start, from === 0 && to === chain.length - 1, usage, dictionary);
    if (by) return { join: { offset: start.start, removed, inserted: joined, by }, next: to + 1 };
  }
  return undefined;
}
