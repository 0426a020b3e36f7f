/**
 * Reading order for one PDF page, from positioned text fragments (what pdf.js's
 * `getTextContent` gives) to lines of text with blank lines between paragraphs.
 *
 * PDFs store glyph runs in drawing order, which is not reading order: two-column pages
 * interleave their columns, and headers may be drawn last. So fragments are grouped by
 * geometry only:
 * 1. Rows: fragments on one baseline (within a third of the font size).
 * 2. Segments: a row is cut where the horizontal gap is wider than ~0.8 em (a column gutter or
 *    a table cell), never at a word space.
 * 3. Columns: when some vertical band near the page middle is crossed by few segments and has
 *    enough text on each side, the page has two columns; segments that cross the gutter (a
 *    title, an abstract) are full-width and end the column run above them. Left column first,
 *    then right, run by run.
 * 4. Paragraphs, one a line: within a column, a blank line goes where the vertical gap is clearly larger
 *    than the column's usual line pitch, where the font size changes, or where a line that ends
 *    a sentence or stops short of the margin is followed by an indented one (TeX and groff
 *    indent paragraphs instead of spacing them), or a short line ends a sentence.
 */

export interface Fragment {
  readonly str: string;
  /** Left edge, baseline, width and font size in page units (points, y up). */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly size: number;
}

interface Segment {
  readonly x0: number;
  readonly x1: number;
  readonly y: number;
  readonly size: number;
  readonly text: string;
}

/** A gap this many font sizes wide splits a row into segments (word spaces are ~0.25-0.5 em). */
const GUTTER_EM = 0.8;
/** A vertical gap this many times the usual line pitch is a paragraph break. */
const PARAGRAPH_PITCH = 1.45;

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export function rowsOf(fragments: readonly Fragment[]): Fragment[][] {
  const sorted = [...fragments].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Fragment[][] = [];
  let current: Fragment[] = [];
  let rowY = Number.NaN;
  let rowSize = 0;
  for (const f of sorted) {
    if (current.length > 0 && Math.abs(f.y - rowY) <= Math.max(1, rowSize / 3)) {
      current.push(f);
      continue;
    }
    if (current.length > 0) rows.push(current);
    current = [f];
    rowY = f.y;
    rowSize = f.size;
  }
  if (current.length > 0) rows.push(current);
  return rows;
}

function joinFragments(parts: readonly Fragment[]): string {
  let text = '';
  let end = Number.NaN;
  for (const f of parts) {
    const gap = f.x - end;
    // Glyph runs that do not touch need a space between them unless one already carries it.
    if (text && gap > f.size * 0.15 && !/\s$/.test(text) && !/^\s/.test(f.str)) text += ' ';
    text += f.str;
    end = Math.max(Number.isNaN(end) ? f.x + f.width : end, f.x + f.width);
  }
  return text.replace(/\s+/g, ' ').trim();
}

export function segmentsOf(row: readonly Fragment[], gutterEm = GUTTER_EM): Segment[] {
  const parts = [...row].sort((a, b) => a.x - b.x);
  const out: Segment[] = [];
  let group: Fragment[] = [];
  let end = Number.NEGATIVE_INFINITY;
  const flush = () => {
    const text = joinFragments(group);
    if (text) {
      const first = group[0] as Fragment;
      out.push({ x0: first.x, x1: end, y: first.y, size: median(group.map((g) => g.size)), text });
    }
    group = [];
  };
  for (const f of parts) {
    const blank = f.str.trim() === '';
    if (group.length > 0 && !blank && f.x - end > gutterEm * f.size) flush();
    if (blank && group.length === 0) continue;
    group.push(f);
    if (!blank) end = Math.max(end, f.x + f.width);
  }
  flush();
  return out;
}

/**
 * A row of a two-column page as at most one segment per side: wide spaces inside a column
 * (justification, a sentence end) are no gutter. A row with a segment across the gutter is
 * split only at real gaps.
 */
function sidesOf(row: readonly Fragment[], gutter: number): Segment[] {
  const segments = segmentsOf(row);
  if (segments.some((s) => s.x0 < gutter && s.x1 > gutter)) return segments;
  const left = row.filter((f) => f.x < gutter);
  const right = row.filter((f) => f.x >= gutter);
  return [...segmentsOf(left, Number.POSITIVE_INFINITY), ...segmentsOf(right, Number.POSITIVE_INFINITY)];
}

/** The x of a column gutter, when the page is laid out in two columns. */
export function findGutter(segments: readonly Segment[], pageWidth: number): number | undefined {
  if (segments.length < 6 || !(pageWidth > 0)) return undefined;
  let best: { x: number; crossing: number } | undefined;
  for (let x = pageWidth * 0.3; x <= pageWidth * 0.7; x += pageWidth / 100) {
    const crossing = segments.filter((s) => s.x0 < x && s.x1 > x).length;
    if (!best || crossing < best.crossing) best = { x, crossing };
  }
  if (!best) return undefined;
  const gutter = best.x;
  const left = segments.filter((s) => s.x1 <= gutter).length;
  const right = segments.filter((s) => s.x0 >= gutter).length;
  // Both sides carry real text, and lines crossing the gutter are the exception (titles).
  if (left < 3 || right < 3 || best.crossing > 0.25 * segments.length) return undefined;
  if (Math.min(left, right) < 0.2 * (left + right)) return undefined;
  return gutter;
}

function endsSentence(text: string): boolean {
  return /[.!?:"”’)]$/.test(text);
}

/** Lines of one column run, blank lines between paragraphs. */
function columnLines(segments: readonly Segment[]): string[] {
  if (segments.length === 0) return [];
  const pitches: number[] = [];
  for (let i = 1; i < segments.length; i++) {
    const gap = (segments[i - 1] as Segment).y - (segments[i] as Segment).y;
    if (gap > 0) pitches.push(gap);
  }
  const pitch = median(pitches);
  const bodySize = median(segments.map((s) => s.size)) || 1;
  const left = Math.min(...segments.map((s) => s.x0));
  const right = Math.max(...segments.map((s) => s.x1));
  const lines: string[] = [];
  segments.forEach((s, i) => {
    const prev = segments[i - 1];
    if (prev) {
      const gap = prev.y - s.y;
      const sizeChange = Math.abs(prev.size - s.size) > 0.15 * Math.max(prev.size, s.size);
      const indented = s.x0 - left > 0.8 * s.size && s.x0 - left < 6 * s.size;
      // Larger type (a title) has a wider line pitch of its own.
      const wide = pitch > 0 && gap > PARAGRAPH_PITCH * pitch * Math.max(1, Math.min(prev.size, s.size) / bodySize);
      // Justified text fills its lines: a line that stops well short of the margin ends a paragraph.
      const short = prev.x1 < right - 1.5 * prev.size;
      const paragraph = (indented && (short || endsSentence(prev.text))) || (short && endsSentence(prev.text));
      if (wide || sizeChange || gap < 0 || paragraph) lines.push('', s.text);
      else lines[lines.length - 1] = runOn(lines[lines.length - 1] as string, s.text);
      return;
    }
    lines.push(s.text);
  });
  return lines;
}

/**
 * The lines of one paragraph become one line, except after a hyphen: whether "negotia-" +
 * "tion" loses its hyphen is the unwrap stage's decision, on its evidence, so the break stays.
 * A dash at a line end ("season—" + "it's") joins without a space.
 */
export function runOn(line: string, next: string): string {
  if (/\p{L}-$/u.test(line)) return `${line}\n${next}`;
  if (/\S[–—]$/u.test(line)) return line + next;
  return `${line} ${next}`;
}

/** The page's text in reading order: one paragraph a line (split after a hyphen), blank lines between. */
export function pageText(fragments: readonly Fragment[], pageWidth: number): string {
  const usable = fragments.filter((f) => Number.isFinite(f.x) && Number.isFinite(f.y) && f.size > 0);
  const rows = rowsOf(usable);
  const gutter = findGutter(
    rows.flatMap((row) => segmentsOf(row)),
    pageWidth,
  );
  const blocks: string[][] = [];
  if (gutter === undefined) {
    // One column: a row is one line, however wide its spaces (justified text, tab stops).
    blocks.push(columnLines(rows.flatMap((row) => segmentsOf(row, Number.POSITIVE_INFINITY))));
  } else {
    // A running head or foot is one row set apart above or below the body: one line across the
    // page even when its parts sit on either side of the gutter ("Journal ... Page 2").
    const ys = rows.map((row) => (row[0] as Fragment).y);
    const pitch = median(ys.slice(1).map((y, i) => (ys[i] as number) - y));
    const apart = (i: number, j: number) =>
      ys[i] !== undefined && ys[j] !== undefined && Math.abs((ys[i] as number) - (ys[j] as number)) > 1.5 * pitch;
    const segments = rows.flatMap((row, i) =>
      (i === 0 && apart(0, 1)) || (i === rows.length - 1 && apart(i, i - 1))
        ? segmentsOf(row, Number.POSITIVE_INFINITY).map((s) => ({
            ...s,
            x0: Math.min(s.x0, gutter - 1),
            x1: Math.max(s.x1, gutter + 1),
          }))
        : sidesOf(row, gutter),
    );
    let leftRun: Segment[] = [];
    let rightRun: Segment[] = [];
    let spanRun: Segment[] = [];
    const flushColumns = () => {
      const left = columnLines(leftRun);
      const right = columnLines(rightRun);
      // A paragraph that runs off the foot of the left column goes on at the top of the right,
      // unless the right column starts with an indent after a short line (a new paragraph).
      const last = left[left.length - 1];
      const foot = leftRun[leftRun.length - 1];
      const top = rightRun[0];
      const newParagraph =
        foot !== undefined &&
        top !== undefined &&
        top.x0 - Math.min(...rightRun.map((r) => r.x0)) > 0.8 * top.size &&
        foot.x1 < Math.max(...leftRun.map((r) => r.x1)) - 1.5 * foot.size;
      if (last !== undefined && right.length > 0 && !endsSentence(last) && !newParagraph)
        blocks.push([...left.slice(0, -1), runOn(last, right[0] as string), ...right.slice(1)]);
      else blocks.push(left, right);
      leftRun = [];
      rightRun = [];
    };
    const flushSpans = () => {
      blocks.push(columnLines(spanRun));
      spanRun = [];
    };
    for (const s of segments) {
      const side = s.x1 <= gutter ? leftRun : s.x0 >= gutter ? rightRun : undefined;
      if (side) {
        flushSpans();
        side.push(s);
      } else {
        flushColumns();
        spanRun.push(s);
      }
    }
    flushSpans();
    flushColumns();
  }
  const lines: string[] = [];
  for (const block of blocks) {
    if (lines.length > 0 && block.length > 0) lines.push('');
    lines.push(...block);
  }
  return lines.join('\n');
}
