/**
 * trackSpans on stages of every kind of record: exact (the map is read off the records),
 * summarising or overlapping (the texts are aligned by diff), and hostile texts (huge, empty, odd
 * Unicode). Whatever the path, each change's span must hold what it removed in the base text, and
 * every run of the map must be a true copy of the base.
 */
import { describe, expect, it } from 'vitest';
import type { Change, Document } from '../../src/core/document.js';
import { alignRuns, runsFromChanges, trackSpans } from '../../src/pipeline/spans.js';

const doc = (text: string, changes: readonly Change[] = [], spanMap?: readonly number[]): Document => ({
  id: 'd',
  source: 's',
  sourceKey: 'k',
  output: 'o.txt',
  format: 'text',
  text,
  meta: {},
  changes,
  ...(spanMap ? { spanMap } : {}),
});

/** A stage's output: `edits` applied to `before` (offsets in `before`), recorded as given or not. */
function stage(name: string, before: Document, edits: readonly Change[], recorded = edits): Document {
  let text = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.offset - b.offset)) {
    text += before.text.slice(at, edit.offset) + (edit.inserted ?? '');
    at = edit.offset + (edit.removed?.length ?? 0);
  }
  text += before.text.slice(at);
  return trackSpans(name, before, doc(text, [...before.changes, ...recorded]));
}

const edit = (offset: number, removed: string, inserted?: string): Change => ({
  stage: 't',
  rule: 'r',
  offset,
  removed,
  ...(inserted === undefined ? {} : { inserted }),
});

/**
 * Every run copies the base; every new change's span holds what it removed (exactly where the
 * alignment is fine; a coarse one, past the line diff's cap, may take a character or two around).
 */
function expectTrue(base: string, result: Document, from = 0): void {
  const runs = result.spanMap ?? [0, 0, result.text.length];
  for (let k = 0; k < runs.length; k += 3) {
    const [out = 0, at = 0, length = 0] = runs.slice(k, k + 3);
    expect(result.text.slice(out, out + length)).toBe(base.slice(at, at + length));
  }
  for (const change of result.changes.slice(from)) {
    const [start, end] = change.span ?? [-1, -1];
    if (!change.removed) continue;
    expect(base.slice(start, end)).toContain(change.removed);
    expect(end - start).toBeLessThanOrEqual(change.removed.length + 2);
  }
}

describe('trackSpans', () => {
  const base = 'Harbour  reopens\n\nThe  harbour reopened on Tuesday.\n\n\nLeave a Reply\nThanks.\n';

  it('reads the map off exact records, and a later stage’s span lands on the base text', () => {
    const spaces = [edit(7, '  ', ' '), edit(21, '  ', ' ')];
    const first = stage('normalize', doc(base), spaces);
    expect(runsFromChanges(base, first.text, spaces)).toEqual(first.spanMap);
    const reply = first.text.indexOf('Leave a Reply\n');
    const second = stage('boilerplate', first, [edit(reply, 'Leave a Reply\n')]);
    expectTrue(base, second, 2);
    expect(second.changes[2]?.span).toEqual([base.indexOf('Leave'), base.indexOf('Thanks')]);
  });

  it('aligns by diff when the records summarise, with the same spans later', () => {
    const all = [edit(7, '  ', ' '), edit(21, '  ', ' ')];
    // One record for both collapses: the records do not account for the text.
    const first = stage('normalize', doc(base), all, [{ ...edit(7, '  ', ' '), evidence: { collapsed: 2 } }]);
    expect(runsFromChanges(base, first.text, first.changes)).toBeUndefined();
    expect(first.spanMap).toEqual(alignRuns(base, first.text));
    const reply = first.text.indexOf('Leave a Reply\n');
    const second = stage('boilerplate', first, [edit(reply, 'Leave a Reply\n')]);
    expectTrue(base, second, 1);
    expect(second.changes[1]?.span).toEqual([base.indexOf('Leave'), base.indexOf('Thanks')]);
  });

  it('aligns by diff when records overlap', () => {
    const edits = [edit(0, 'Harbour  reopens\n', 'Harbour reopens\n')];
    const overlapping = [...edits, edit(7, '  ', ' ')];
    const first = stage('normalize', doc(base), edits, overlapping);
    expect(runsFromChanges(base, first.text, overlapping)).toBeUndefined();
    expect(first.spanMap).toEqual(alignRuns(base, first.text));
    expectTrue(base, first);
  });

  it('leaves a document no stage changed as it was', () => {
    const given = doc(base);
    expect(trackSpans('repeats', given, given)).toBe(given);
    const empty = doc('');
    expect(trackSpans('repeats', empty, doc(''))).toEqual(doc(''));
  });

  it('holds on odd Unicode: astral letters, lone surrogates, combining marks, right-to-left text', () => {
    const odd = '\ud835\udc00\ud835\udc01  x\u0301\u0301\n\udc00 \u05e9\u05dc\u05d5\u05dd  \ud83d\n\n\nend\n';
    const first = stage('normalize', doc(odd), [edit(4, '  ', ' '), edit(odd.indexOf('\u05dd') + 1, '  ', ' ')]);
    expectTrue(odd, first, 0);
    // Summarised: a blank line and the lone high surrogate go with no record of their own.
    const at = first.text.indexOf('\ud83d');
    const second = stage('unwrap', first, [edit(at, '\ud83d\n\n'), edit(at + 3, '\n')], [edit(at, '\ud83d')]);
    expectTrue(odd, second, 2);
  });

  it('holds on a huge text whose stage summarises thousands of edits', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `Line ${i} of a long\u00a0text.\n\n`);
    const huge = lines.join('');
    const blanks: Change[] = [];
    for (let at = huge.indexOf('\n\n'); at !== -1; at = huge.indexOf('\n\n', at + 2)) blanks.push(edit(at + 1, '\n'));
    const first = stage('unwrap', doc(huge), blanks, [{ ...edit(1, '\n'), evidence: { blank: blanks.length } }]);
    expect(first.text.length).toBe(huge.length - blanks.length);
    expectTrue(huge, first, 1);
    const last = first.text.indexOf('Line 19999');
    const second = stage('boilerplate', first, [edit(last, first.text.slice(last))]);
    expectTrue(huge, second, 1);
    const [start = -1] = second.changes[1]?.span ?? [];
    expect(huge.indexOf('Line 19999') - start).toBeLessThanOrEqual(1);
  });
});
