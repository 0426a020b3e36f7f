/**
 * The `diff` package's line and character diffs (`diffLines`, `diffChars`, version 9, default
 * options), with the same answer part for part, for the span alignment (src/pipeline/spans.ts).
 * The same algorithm (Myers' O(ND) walk with the package's edge pruning, path choice and
 * component merging), run on integer tokens in a dense path array: the package compares token
 * strings and keeps its paths in an array indexed by negative diagonals (a hash table in V8),
 * which made it most of the alignment's cost. Its tie-breaks are kept exactly, so the spans of
 * every change record stay as they were; test/pipeline/myers.test.ts compares both on random
 * and hostile inputs.
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

interface Path {
  oldPos: number;
  last: Component | undefined;
}

/**
 * Tokens (lines as strings, characters as code points), and where each starts in its text (one
 * more entry: the text's length).
 */
interface Tokens {
  readonly ids: readonly string[] | Int32Array;
  readonly starts: Int32Array;
}

/** The package's line tokens: each line with its line break (`\n` or `\r\n`), none empty. */
function lineTokens(text: string): Tokens {
  const parts = text.split(/(\n|\r\n)/);
  if (!parts[parts.length - 1]) parts.pop();
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i % 2) lines[lines.length - 1] += part;
    else lines.push(part);
  }
  const kept = lines.filter(Boolean);
  const starts = new Int32Array(kept.length + 1);
  let at = 0;
  for (let i = 0; i < kept.length; i++) {
    starts[i] = at;
    at += (kept[i] as string).length;
  }
  starts[kept.length] = at;
  return { ids: kept, starts };
}

/** The package's character tokens (`Array.from`): code points, a lone surrogate one of its own. */
function charTokens(text: string): Tokens {
  const ids = new Int32Array(text.length);
  const starts = new Int32Array(text.length + 1);
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

/**
 * The components of the shortest edit script from `a` to `b` within `maxEditLength` edits, in
 * order, or undefined past it: `diffWithOptionsObj` of the package, step for step.
 */
function editScript(
  a: readonly string[] | Int32Array,
  b: readonly string[] | Int32Array,
  maxEditLength: number,
): Component[] | undefined {
  const oldLen = a.length;
  const newLen = b.length;
  const maxEdit = Math.min(newLen + oldLen, maxEditLength);
  // The best path per diagonal, in two dense arrays that grow with the edit length: diagonals
  // 0, 1, 2... in one and -1, -2... in the other.
  const up: (Path | undefined)[] = [];
  const down: (Path | undefined)[] = [];
  const get = (diagonal: number) => (diagonal >= 0 ? up[diagonal] : down[-1 - diagonal]);
  const set = (diagonal: number, path: Path | undefined) => {
    if (diagonal >= 0) up[diagonal] = path;
    else down[-1 - diagonal] = path;
  };
  const extractCommon = (path: Path, diagonal: number): number => {
    let oldPos = path.oldPos;
    let newPos = oldPos - diagonal;
    let common = 0;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && a[oldPos + 1] === b[newPos + 1]) {
      newPos++;
      oldPos++;
      common++;
    }
    if (common) path.last = { count: common, added: false, removed: false, previous: path.last };
    path.oldPos = oldPos;
    return newPos;
  };
  const addToPath = (path: Path, added: boolean, removed: boolean, oldPosInc: number): Path => {
    const last = path.last;
    if (last && last.added === added && last.removed === removed) {
      return {
        oldPos: path.oldPos + oldPosInc,
        last: { count: last.count + 1, added, removed, previous: last.previous },
      };
    }
    return { oldPos: path.oldPos + oldPosInc, last: { count: 1, added, removed, previous: last } };
  };
  const first: Path = { oldPos: -1, last: undefined };
  set(0, first);
  let newPos = extractCommon(first, 0);
  if (first.oldPos + 1 >= oldLen && newPos + 1 >= newLen) return inOrder(first.last);
  let minDiagonal = Number.NEGATIVE_INFINITY;
  let maxDiagonal = Number.POSITIVE_INFINITY;
  for (let editLength = 1; editLength <= maxEdit; editLength++) {
    const top = Math.min(maxDiagonal, editLength);
    for (let diagonal = Math.max(minDiagonal, -editLength); diagonal <= top; diagonal += 2) {
      const removePath = get(diagonal - 1);
      const addPath = get(diagonal + 1);
      if (removePath) set(diagonal - 1, undefined);
      let canAdd = false;
      if (addPath) {
        const addPathNewPos = addPath.oldPos - diagonal;
        canAdd = 0 <= addPathNewPos && addPathNewPos < newLen;
      }
      const canRemove = removePath !== undefined && removePath.oldPos + 1 < oldLen;
      if (!canAdd && !canRemove) {
        set(diagonal, undefined);
        continue;
      }
      const path =
        !canRemove || (canAdd && (removePath as Path).oldPos < (addPath as Path).oldPos)
          ? addToPath(addPath as Path, true, false, 0)
          : addToPath(removePath as Path, false, true, 1);
      newPos = extractCommon(path, diagonal);
      if (path.oldPos + 1 >= oldLen && newPos + 1 >= newLen) return inOrder(path.last);
      set(diagonal, path);
      if (path.oldPos + 1 >= oldLen) maxDiagonal = Math.min(maxDiagonal, diagonal - 1);
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
  const a = charTokens(before);
  const b = charTokens(after);
  return parts(editScript(a.ids, b.ids, Number.POSITIVE_INFINITY) ?? [], before, a, after, b);
}
