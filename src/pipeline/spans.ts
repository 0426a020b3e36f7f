/**
 * Where each change sits in the original input. A stage records offsets in the text it received;
 * to show a change in the text the user gave, each stage's edits are mapped back through the
 * edits of the stages before it. The map travels with the document (plain JSON, so it crosses
 * queue stages) as runs `[outStart, baseStart, length, ...]`: the stretches of the current text
 * that are unchanged copies of the base text. A stage's own map is found by aligning its input
 * with its output (a line diff, refined to characters inside small changed blocks), so it holds
 * even where a stage's records summarise many edits in one (a count of collapsed spaces).
 * Stages that write a new text rather than edit one (decode: bytes to text; html: markup to
 * text) start the map afresh: later spans refer to their output, their own to their input.
 */
import type { Change, Document } from '../core/document.js';
import { diffChars, diffLines } from './myers.js';

/** Stages whose output is a new text, not an edit of their input. */
const REWRITING_STAGES = new Set(['decode', 'html']);

/** Changed blocks larger than this (characters, both sides) are not refined to characters. */
const REFINE_LIMIT = 4000;

type Runs = number[];

function push(runs: Runs, out: number, base: number, length: number): void {
  if (length <= 0) return;
  const n = runs.length;
  // Merge with the previous run when it continues it on both sides.
  if (n >= 3 && (runs[n - 3] ?? 0) + (runs[n - 1] ?? 0) === out && (runs[n - 2] ?? 0) + (runs[n - 1] ?? 0) === base) {
    runs[n - 1] = (runs[n - 1] ?? 0) + length;
    return;
  }
  runs.push(out, base, length);
}

/**
 * The unchanged stretches read off the stage's own records, when they account for every edit:
 * applied to `before` in offset order they must give exactly `after`. Cheap (one pass), and the
 * usual case; otherwise undefined and the texts are aligned by diff.
 */
export function runsFromChanges(before: string, after: string, changes: readonly Change[]): Runs | undefined {
  const edits = [...changes].sort((a, b) => a.offset - b.offset);
  const runs: Runs = [];
  const pieces: string[] = [];
  let ia = 0;
  let ib = 0;
  for (const edit of edits) {
    const removed = edit.removed ?? '';
    if (edit.offset < ia || before.slice(edit.offset, edit.offset + removed.length) !== removed) return undefined;
    push(runs, ib, ia, edit.offset - ia);
    pieces.push(before.slice(ia, edit.offset), edit.inserted ?? '');
    ib += edit.offset - ia + (edit.inserted?.length ?? 0);
    ia = edit.offset + removed.length;
  }
  push(runs, ib, ia, before.length - ia);
  pieces.push(before.slice(ia));
  return pieces.join('') === after ? runs : undefined;
}

/**
 * Most line edits the exact diff looks for: the development corpus needs under 900; past this the
 * alignment is the greedy walk below, whose spans are coarser but whose cost is linear.
 */
const MAX_LINE_EDITS = 2048;
/** How far the greedy walk looks ahead for a line that reappears. */
const LOOKAHEAD = 32;

interface LinePart {
  readonly value: string;
  readonly added?: boolean;
  readonly removed?: boolean;
}

/** Lines with their line breaks, as `diffLines` splits them. */
const linesOf = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

/**
 * A line alignment in linear time: equal lines are kept; otherwise a line of one side found a few
 * lines ahead on the other makes what lies before it removed (or added), and failing that the two
 * lines are a replacement.
 */
function greedyLineParts(a: string, b: string): LinePart[] {
  const la = linesOf(a);
  const lb = linesOf(b);
  const parts: LinePart[] = [];
  const add = (part: LinePart) => {
    const last = parts.at(-1);
    if (last && last.added === part.added && last.removed === part.removed)
      parts[parts.length - 1] = { ...last, value: last.value + part.value };
    else parts.push(part);
  };
  let i = 0;
  let j = 0;
  while (i < la.length || j < lb.length) {
    const x = la[i];
    const y = lb[j];
    if (x !== undefined && x === y) {
      add({ value: x });
      i++;
      j++;
      continue;
    }
    const ahead = (lines: string[], from: number, line: string | undefined) => {
      if (line === undefined) return -1;
      for (let k = from + 1; k < Math.min(lines.length, from + 1 + LOOKAHEAD); k++) if (lines[k] === line) return k;
      return -1;
    };
    const inA = ahead(la, i, y);
    const inB = inA === -1 ? ahead(lb, j, x) : -1;
    if (inA !== -1) {
      add({ value: la.slice(i, inA).join(''), removed: true });
      i = inA;
    } else if (inB !== -1) {
      add({ value: lb.slice(j, inB).join(''), added: true });
      j = inB;
    } else {
      if (x !== undefined) add({ value: x, removed: true });
      if (y !== undefined) add({ value: y, added: true });
      i += x === undefined ? 0 : 1;
      j += y === undefined ? 0 : 1;
    }
  }
  return parts;
}

/**
 * Common ends are first compared a chunk at a time (string equality of slices is native), then
 * a character at a time: a third of the time a character loop took, on texts whose first and last
 * edits lie thousands of characters in.
 */
const CHUNK = 64;

/** How many characters `a` and `b` share at the start, at most `max`. */
function commonPrefix(a: string, b: string, max: number): number {
  let n = 0;
  while (n + CHUNK <= max && a.slice(n, n + CHUNK) === b.slice(n, n + CHUNK)) n += CHUNK;
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** How many characters `a` and `b` share at the end, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  const [la, lb] = [a.length, b.length];
  let n = 0;
  while (n + CHUNK <= max && a.slice(la - n - CHUNK, la - n) === b.slice(lb - n - CHUNK, lb - n)) n += CHUNK;
  while (n < max && a.charCodeAt(la - 1 - n) === b.charCodeAt(lb - 1 - n)) n++;
  return n;
}

/** The unchanged stretches between a stage's input (`before`) and output (`after`). */
export function alignRuns(before: string, after: string): Runs {
  const runs: Runs = [];
  if (before === after) {
    push(runs, 0, 0, before.length);
    return runs;
  }
  const max = Math.min(before.length, after.length);
  const prefix = commonPrefix(before, after, max);
  const suffix = commonSuffix(before, after, max - prefix);
  push(runs, 0, 0, prefix);
  const a = before.slice(prefix, before.length - suffix);
  const b = after.slice(prefix, after.length - suffix);
  let ia = prefix;
  let ib = prefix;
  // Myers' diff costs (lines × edits): capped, so that a stage that rewrote most lines of a huge
  // text (unwrap dropping 200,000 blank lines) costs linear time; then a greedy line walk aligns.
  const parts = diffLines(a, b, MAX_LINE_EDITS) ?? greedyLineParts(a, b);
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (!part) break;
    if (!part.added && !part.removed) {
      push(runs, ib, ia, part.value.length);
      ia += part.value.length;
      ib += part.value.length;
      continue;
    }
    // A removed block next to an added one is a replacement: refine it to characters.
    const next = parts[k + 1];
    const removed = part.removed ? part.value : next?.removed ? next.value : '';
    const added = part.added ? part.value : next?.added ? next.value : '';
    const paired = next !== undefined && (next.added || next.removed) && next.added !== part.added;
    if (paired && removed.length + added.length <= REFINE_LIMIT) {
      let ca = ia;
      let cb = ib;
      for (const c of diffChars(removed, added)) {
        if (!c.added && !c.removed) push(runs, cb, ca, c.value.length);
        if (!c.added) ca += c.value.length;
        if (!c.removed) cb += c.value.length;
      }
    }
    if (paired) {
      ia += removed.length;
      ib += added.length;
      k++;
    } else if (part.removed) ia += part.value.length;
    else ib += part.value.length;
  }
  push(runs, after.length - suffix, before.length - suffix, suffix);
  return runs;
}

/** A position in the text the runs describe, in the base text (inserted text maps to where it went in). */
export function mapPosition(runs: readonly number[], position: number): number {
  let lo = 0;
  let hi = runs.length / 3 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((runs[mid * 3] ?? 0) <= position) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return 0;
  const [out, base, length] = [runs[found * 3] ?? 0, runs[found * 3 + 1] ?? 0, runs[found * 3 + 2] ?? 0];
  return base + Math.min(position - out, length);
}

/** Where the stretch ending at `position` (exclusive) ends in the base text. */
export function mapEnd(runs: readonly number[], position: number): number {
  if (position <= 0) return mapPosition(runs, 0);
  const last = mapPosition(runs, position - 1);
  // Inside a run the last character maps one to one; in a gap (inserted text) it maps to the gap.
  return mapPosition(runs, position) === last + 1 || isMapped(runs, position - 1) ? last + 1 : last;
}

function isMapped(runs: readonly number[], position: number): boolean {
  for (let lo = 0, hi = runs.length / 3 - 1; lo <= hi; ) {
    const mid = (lo + hi) >> 1;
    const out = runs[mid * 3] ?? 0;
    if (position < out) hi = mid - 1;
    else if (position >= out + (runs[mid * 3 + 2] ?? 0)) lo = mid + 1;
    else return true;
  }
  return false;
}

/** `outer` maps stage output to stage input, `inner` stage input to base: the result maps output to base. */
export function composeRuns(outer: readonly number[], inner: readonly number[]): Runs {
  const runs: Runs = [];
  let j = 0;
  for (let k = 0; k < outer.length; k += 3) {
    const [out, mid, length] = [outer[k] ?? 0, outer[k + 1] ?? 0, outer[k + 2] ?? 0];
    const end = mid + length;
    while (j < inner.length && (inner[j] ?? 0) + (inner[j + 2] ?? 0) <= mid) j += 3;
    for (let m = j; m < inner.length && (inner[m] ?? 0) < end; m += 3) {
      const from = Math.max(mid, inner[m] ?? 0);
      const to = Math.min(end, (inner[m] ?? 0) + (inner[m + 2] ?? 0));
      push(runs, out + (from - mid), (inner[m + 1] ?? 0) + (from - (inner[m] ?? 0)), to - from);
    }
  }
  return runs;
}

const identity = (text: string): Runs => (text.length ? [0, 0, text.length] : []);

/**
 * The record with its span, its keys in the same order. Not `{ ...change, span }`: V8 (Node 20)
 * gives every object that a spread and then a new key make a hidden class of its own, so each of
 * 500,000 records (a hyphen break a line) carried its own map and descriptor array, about 300 of
 * its 570 heap bytes, and every later reader of the records (sorting by offset, JSON, the pool's
 * copies) went megamorphic. Object.assign onto an empty object follows the shared transitions.
 */
export const withSpan = (change: Change, span: readonly [number, number]): Change =>
  Object.assign({}, change, { span });

/**
 * Gives the changes a stage just added their `span` in the base text, and the document the map
 * of its new text. `before` is the document the stage received, `after` what it returned.
 */
export function trackSpans(stage: string, before: Document, after: Document): Document {
  const added = after.changes.length - before.changes.length;
  // No map means the identity on the current text: a stage that changed nothing leaves it so.
  if (added === 0 && before.text === after.text) return after;
  const prior = before.spanMap ?? identity(before.text);
  const rewrites = REWRITING_STAGES.has(stage);
  const spanOf = (change: Change): readonly [number, number] => {
    const end = change.offset + (change.removed?.length ?? 0);
    if (rewrites) return [change.offset, end];
    const start = mapPosition(prior, change.offset);
    return [start, end > change.offset ? Math.max(start, mapEnd(prior, end)) : start];
  };
  let changes = after.changes;
  if (added) {
    const spanned = changes.slice();
    for (let i = before.changes.length; i < spanned.length; i++) {
      const change = spanned[i] as Change;
      spanned[i] = withSpan(change, spanOf(change));
    }
    changes = spanned;
  }
  if (rewrites) {
    // A new text: its map starts as the identity, which is what no map means.
    const { spanMap: _old, ...rest } = after;
    return { ...rest, changes };
  }
  const spanMap =
    before.text === after.text
      ? prior
      : composeRuns(
          runsFromChanges(before.text, after.text, after.changes.slice(before.changes.length)) ??
            alignRuns(before.text, after.text),
          prior,
        );
  return { ...after, changes, spanMap };
}
