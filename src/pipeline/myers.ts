/**
 * The `diff` package's line and character diffs (`diffLines`, `diffChars`, version 9, default
 * options), with the same answer part for part, for the span alignment (src/pipeline/spans.ts).
 * The same algorithm (Myers' O(ND) walk with the package's edge pruning, path choice and
 * component merging), run with the paths' positions in a dense Int32Array, characters as code
 * points in arrays kept between calls, and lines cut by `indexOf`: the package keeps a path object
 * per step in an array indexed by negative diagonals (a hash table in V8) and splits lines with a
 * regular expression, which made it most of the alignment's cost. Its tie-breaks are kept
 * exactly, so the spans of every change record stay as they were; test/pipeline/myers.test.ts
 * compares both on random and hostile inputs.
 */

export interface DiffPart {
  readonly value: string;
  readonly added: boolean;
  readonly removed: boolean;
}

interface Component {
  readonly count: number;
  readonly added: boolean;
  readonly removed: boolean;
  readonly previous: Component | undefined;
}

/** Marks a diagonal with no path in the dense `oldPos` array. */
const NONE = -2;

/**
 * Tokens (lines as strings, characters as code points), and where each starts in its text (one
 * more entry: the text's length).
 */
interface Tokens {
  readonly ids: readonly string[] | Int32Array;
  readonly starts: readonly number[] | Int32Array;
}

/**
 * Scratch arrays kept between calls (a thread runs one diff at a time): allocating a typed
 * array's backing store cost more than many of the small diffs that need one. Slot 0 and 1 are
 * the old side's characters and starts, 2 and 3 the new side's, 4 the walk's positions. Past
 * `SCRATCH_LIMIT` entries an array is made for the call and not kept.
 */
const scratch: Int32Array[] = Array.from({ length: 5 }, () => new Int32Array(256));
const SCRATCH_LIMIT = 1 << 20;

function buffer(slot: number, size: number): Int32Array {
  const kept = scratch[slot] as Int32Array;
  if (kept.length >= size) return kept;
  if (size > SCRATCH_LIMIT) return new Int32Array(size);
  const grown = new Int32Array(Math.min(SCRATCH_LIMIT, Math.max(size, 2 * kept.length)));
  scratch[slot] = grown;
  return grown;
}

/**
 * The package's line tokens: each line with its line break (`\n`, so also `\r\n`), none empty.
 * A scan by `indexOf` rather than the package's split on a regular expression and a filter,
 * which allocated three arrays of strings.
 */
function lineTokens(text: string): Tokens {
  const ids: string[] = [];
  const starts: number[] = [];
  for (let at = 0; at < text.length; ) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl + 1;
    ids.push(text.slice(at, end));
    starts.push(at);
    at = end;
  }
  starts.push(text.length);
  return { ids, starts };
}

/** The package's character tokens (`Array.from`): code points, a lone surrogate one of its own. */
function charTokens(text: string, slot: number): Tokens {
  const ids = buffer(slot, text.length);
  const starts = buffer(slot + 1, text.length + 1);
  let n = 0;
  for (let at = 0; at < text.length; ) {
    const code = text.charCodeAt(at);
    let codePoint = code;
    if (code >= 0xd800 && code <= 0xdbff && at + 1 < text.length) {
      const low = text.charCodeAt(at + 1);
      if (low >= 0xdc00 && low <= 0xdfff) codePoint = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
    }
    ids[n] = codePoint;
    starts[n] = at;
    n++;
    at += codePoint > 0xffff ? 2 : 1;
  }
  starts[n] = text.length;
  return { ids: ids.subarray(0, n), starts: starts.subarray(0, n + 1) };
}

/** `last` followed by one more added or removed token, merged into it when it is of that kind. */
function extend(last: Component | undefined, added: boolean): Component {
  const removed = !added;
  if (last && last.added === added && last.removed === removed)
    return { count: last.count + 1, added, removed, previous: last.previous };
  return { count: 1, added, removed, previous: last };
}

/**
 * The components of the shortest edit script from `a` to `b` within `maxEditLength` edits, in
 * order, or undefined past it: `diffWithOptionsObj` of the package, step for step. The best path
 * per diagonal is its old position in a dense Int32Array and its last component in an array
 * beside it (the package allocated a path object per step).
 */
function editScript(
  a: readonly string[] | Int32Array,
  b: readonly string[] | Int32Array,
  maxEditLength: number,
): Component[] | undefined {
  const oldLen = a.length;
  const newLen = b.length;
  const maxEdit = Math.min(newLen + oldLen, maxEditLength);
  // Diagonals -(maxEdit + 1) .. maxEdit + 1, at index diagonal + span.
  const span = maxEdit + 1;
  const oldPos = buffer(4, 2 * span + 1).fill(NONE, 0, 2 * span + 1);
  const lasts: (Component | undefined)[] = new Array(2 * span + 1).fill(undefined);
  /** Where the run of equal tokens from `from` on diagonal `diagonal` ends (old side). */
  const slide = (from: number, diagonal: number): number => {
    let pos = from;
    while (pos + 1 < oldLen && pos + 1 - diagonal < newLen && a[pos + 1] === b[pos + 1 - diagonal]) pos++;
    return pos;
  };
  let pos = slide(-1, 0);
  let last: Component | undefined =
    pos > -1 ? { count: pos + 1, added: false, removed: false, previous: undefined } : undefined;
  if (pos + 1 >= oldLen && pos + 1 >= newLen) return inOrder(last);
  oldPos[span] = pos;
  lasts[span] = last;
  let minDiagonal = Number.NEGATIVE_INFINITY;
  let maxDiagonal = Number.POSITIVE_INFINITY;
  for (let editLength = 1; editLength <= maxEdit; editLength++) {
    const top = Math.min(maxDiagonal, editLength);
    for (let diagonal = Math.max(minDiagonal, -editLength); diagonal <= top; diagonal += 2) {
      const at = diagonal + span;
      const removeOld = oldPos[at - 1] as number;
      const addOld = oldPos[at + 1] as number;
      const removeLast = lasts[at - 1];
      if (removeOld !== NONE) {
        oldPos[at - 1] = NONE;
        lasts[at - 1] = undefined;
      }
      const canAdd = addOld !== NONE && 0 <= addOld - diagonal && addOld - diagonal < newLen;
      const canRemove = removeOld !== NONE && removeOld + 1 < oldLen;
      if (!canAdd && !canRemove) {
        oldPos[at] = NONE;
        lasts[at] = undefined;
        continue;
      }
      if (!canRemove || (canAdd && removeOld < addOld)) {
        pos = addOld;
        last = extend(lasts[at + 1], true);
      } else {
        pos = removeOld + 1;
        last = extend(removeLast, false);
      }
      const end = slide(pos, diagonal);
      if (end > pos) last = { count: end - pos, added: false, removed: false, previous: last };
      pos = end;
      const newPos = pos - diagonal;
      if (pos + 1 >= oldLen && newPos + 1 >= newLen) return inOrder(last);
      oldPos[at] = pos;
      lasts[at] = last;
      if (pos + 1 >= oldLen) maxDiagonal = Math.min(maxDiagonal, diagonal - 1);
      if (newPos + 1 >= newLen) minDiagonal = Math.max(minDiagonal, diagonal + 1);
    }
  }
  return undefined;
}

function inOrder(last: Component | undefined): Component[] {
  const components: Component[] = [];
  for (let c = last; c; c = c.previous) components.push(c);
  return components.reverse();
}

/** `buildValues` of the package: each component's text, from the new side unless removed. */
function parts(components: readonly Component[], before: string, a: Tokens, after: string, b: Tokens): DiffPart[] {
  const out: DiffPart[] = [];
  let newPos = 0;
  let oldPos = 0;
  for (const { count, added, removed } of components) {
    if (!removed) {
      out.push({ value: after.slice(b.starts[newPos], b.starts[newPos + count]), added, removed });
      newPos += count;
      if (!added) oldPos += count;
    } else {
      out.push({ value: before.slice(a.starts[oldPos], a.starts[oldPos + count]), added, removed });
      oldPos += count;
    }
  }
  return out;
}

/** `diffLines(before, after, { maxEditLength })`: undefined when more edits are needed. */
export function diffLines(
  before: string,
  after: string,
  maxEditLength = Number.POSITIVE_INFINITY,
): DiffPart[] | undefined {
  const a = lineTokens(before);
  const b = lineTokens(after);
  const components = editScript(a.ids, b.ids, maxEditLength);
  return components && parts(components, before, a, after, b);
}

/** `diffChars(before, after)`. */
export function diffChars(before: string, after: string): DiffPart[] {
  const a = charTokens(before, 0);
  const b = charTokens(after, 2);
  return parts(editScript(a.ids, b.ids, Number.POSITIVE_INFINITY) ?? [], before, a, after, b);
}
