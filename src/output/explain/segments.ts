/**
 * What the explain views draw: a document's original text cut at every change's span, each piece
 * marked with the change that removed it (the latest stage's, where changes overlap), and the
 * text each change put in, at the place it went in. Changes by the stages that write a new text
 * (decode, html) refer to the raw input and are listed apart.
 */
import type { Change, RecordId } from '../../core/document.js';

export const REWRITING_STAGES: ReadonlySet<string> = new Set(['decode', 'html']);

export interface ExplainDoc {
  readonly source: string;
  readonly id: RecordId;
  readonly title: string;
  /** The original text: what decode (and, for HTML, html) produced from the input. */
  readonly base: string;
  readonly changes: readonly Change[];
  /** Set when the document became no article: the reason code and message. */
  readonly rejected?: { readonly reason: string; readonly message: string };
  /** The original was rebuilt from an article record (inputs not at hand), not read. */
  readonly reconstructed?: boolean;
}

export type Piece =
  | { readonly kind: 'kept'; readonly text: string }
  | { readonly kind: 'removed'; readonly text: string; readonly change: number }
  | { readonly kind: 'inserted'; readonly text: string; readonly change: number };

export const ruleOf = (change: Change): string => `${change.stage}/${change.rule}`;

/** The changes placed in the original text, with their index in `doc.changes`. */
function placed(doc: ExplainDoc): { change: Change; index: number; start: number; end: number }[] {
  const out = [];
  for (const [index, change] of doc.changes.entries()) {
    if (!change.span || REWRITING_STAGES.has(change.stage)) continue;
    const start = Math.max(0, Math.min(doc.base.length, change.span[0]));
    const end = Math.max(start, Math.min(doc.base.length, change.span[1]));
    out.push({ change, index, start, end });
  }
  return out;
}

export function piecesOf(doc: ExplainDoc): Piece[] {
  const edits = placed(doc);
  const cuts = new Set<number>([0, doc.base.length]);
  const inserts = new Map<number, { text: string; change: number }[]>();
  for (const edit of edits) {
    cuts.add(edit.start);
    cuts.add(edit.end);
    if (edit.change.inserted) {
      const list = inserts.get(edit.end) ?? [];
      list.push({ text: edit.change.inserted, change: edit.index });
      inserts.set(edit.end, list);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  // Removals sorted by start, so each piece only scans the ones that can cover it.
  const removals = edits.filter((e) => e.end > e.start).sort((a, b) => a.start - b.start);
  const pieces: Piece[] = [];
  const emitInserts = (at: number) => {
    for (const insert of inserts.get(at) ?? []) pieces.push({ kind: 'inserted', ...insert });
  };
  emitInserts(0);
  let first = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k] ?? 0;
    const b = points[k + 1] ?? 0;
    while (first < removals.length && (removals[first]?.end ?? 0) <= a) first++;
    let by = -1;
    for (let r = first; r < removals.length && (removals[r]?.start ?? 0) <= a; r++) {
      const edit = removals[r];
      if (edit && edit.end >= b && edit.index > by) by = edit.index;
    }
    const text = doc.base.slice(a, b);
    if (text) pieces.push(by >= 0 ? { kind: 'removed', text, change: by } : { kind: 'kept', text });
    emitInserts(b);
  }
  return pieces;
}

/** How many changes each rule made, over the documents given, most first. */
export function ruleCounts(docs: readonly ExplainDoc[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const doc of docs)
    for (const change of doc.changes) counts.set(ruleOf(change), (counts.get(ruleOf(change)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
