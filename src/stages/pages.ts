/**
 * pages: text with form-feed page breaks (PDF-to-text: pdftotext, pdfminer, mutool, tesseract,
 * cleanwire's own PDF reader) becomes one flow of text, without the furniture every page repeats.
 *
 * Only the edges of pages are looked at (the first and last `band` non-blank lines of a page),
 * and a line is taken off an edge only when nothing but removed lines stands between it and the
 * page break, so body text is never touched:
 * - `running-head` / `running-foot`: a line whose shape (lower case, digits as #) stands at the
 *   top (bottom) of at least `minShare` of the pages, and of two pages or more: "Journal of X,
 *   Vol. 3" and "Journal of X, Vol. 4" are one head. The first page counts like any other: a
 *   masthead printed on every page is no title. (A running head that repeats the title word
 *   for word takes the title off the first page too; the text's first paragraph then heads it.)
 * - `page-number`: "Page 3", "3 of 9", "- 4 -" at an edge; a bare number ("12", "– 2") only when
 *   it counts the pages: number minus page index is the same on two pages or more, or it is the
 *   page's own number. A short line between the edge and a page number is a head or foot too, and
 *   so is a short line at an edge that ends with its own page's number ("Gazette Page 1").
 * Then the page breaks go (`page-break`). Where a paragraph runs on to the next page (the page
 * ends with a hyphen, or without ending a sentence, and the next starts lower case) the two lines
 * are put next to each other (`page-join`), with no blank line between, for the unwrap stage to
 * join like any other wrapped line (and decide the hyphen on its evidence). Elsewhere a blank line
 * between the pages stays a paragraph break.
 *
 * Text without a form feed is returned untouched.
 */
import type { Change } from '../core/document.js';
import { expectKnownKeys, expectNumber } from '../core/options.js';
import type { TextStage } from '../core/stage.js';
import { keep } from '../core/stage.js';

export interface PagesOptions {
  /** Non-blank lines looked at from the top and from the bottom of each page. Default 2. */
  band?: number;
  /** Share of the pages a head or foot must stand on (and two pages at least). Default 0.3. */
  minShare?: number;
  /**
   * Lines longer than this are paragraphs, not wrapped lines: a paragraph that runs on to the
   * next page is joined on one line. Default 110, unwrap's own limit for wrapped lines.
   */
  maxLine?: number;
}

const STAGE = 'pages';

interface PageLine {
  readonly text: string;
  readonly offset: number;
}

interface Page {
  readonly index: number;
  /** Offset of the form feed that ends the page, or -1 for a last page without one. */
  readonly breakAt: number;
  readonly lines: readonly PageLine[];
}

/** Explicit page numbers: "Page 3", "page 3 of 9", "3 of 9", "3/9", "- 4 -", "— 4 —". */
const PAGE_LABEL =
  /^(?:(?:page|p\.|pg\.?|seite|página|pagina|pagina|sida|side|strona)\s*\d{1,4}(?:\s*(?:of|\/|von|de|sur|di|van|av|z)\s*\d{1,4})?|\d{1,4}\s*(?:of|\/|von|de|sur|di|van|av|z)\s*\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—])$/i;
/** A number alone, or with a dash on one side ("–2", groff's "- 2" without its closing dash). */
/** A line that ends with its page's number as a label: "Page 3", or set off by a dash ("– 3"). */
const HEAD_WITH_NUMBER = /\S\s+(?:(?:page|p\.|pg\.?|seite|página|pagina|sida|side|strona)\s*|[-–—|]\s*)(\d{1,4})$/i;
const BARE_NUMBER = /^[-–—]?\s*(\d{1,4})\s*[-–—]?$/;
const numberOf = (line: string): number => Number(BARE_NUMBER.exec(line)?.[1]);
/** Longest line (in words) taken as a head or foot only because it stands beside a page number. */
const MARGIN_WORDS = 12;
const wordCount = (line: string): number => line.split(/\s+/).filter(Boolean).length;
const ENDS_SENTENCE = /[.!?…:;"”’»)\]]$/u;
const STARTS_LOWER = /^\p{Ll}/u;
const ENDS_HYPHEN = /\p{L}-$/u;

function splitPages(text: string): Page[] {
  const pages: Page[] = [];
  let start = 0;
  const pieces = text.split('\f');
  pieces.forEach((piece, index) => {
    const last = index === pieces.length - 1;
    // The text after the last form feed is a page only when it holds something.
    if (!(last && piece.trim() === '')) {
      const lines: PageLine[] = [];
      let offset = start;
      for (const line of piece.split('\n')) {
        lines.push({ text: line, offset });
        offset += line.length + 1;
      }
      pages.push({ index: pages.length, breakAt: last ? -1 : start + piece.length, lines });
    }
    start += piece.length + 1;
  });
  return pages;
}

/** A head's identity across pages: case, spacing and the digits (page, volume, date) do not count. */
function shapeKey(line: string): string | undefined {
  const key = line.trim().toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');
  if (!/\p{L}/u.test(key) || key.length > 160) return undefined;
  return key;
}

/** Indexes of the first (or last) `band` non-blank lines of a page, edge first. */
function edgeLines(page: Page, band: number, fromTop: boolean): number[] {
  const out: number[] = [];
  const n = page.lines.length;
  for (let k = 0; k < n && out.length < band; k++) {
    const i = fromTop ? k : n - 1 - k;
    if ((page.lines[i] as PageLine).text.trim() !== '') out.push(i);
  }
  return out;
}

interface Removal {
  readonly rule: 'running-head' | 'running-foot' | 'page-number';
  readonly evidence: Readonly<Record<string, string | number>>;
}

export function createPages(options: PagesOptions = {}): TextStage {
  expectKnownKeys(STAGE, options, ['band', 'minShare', 'maxLine']);
  const band =
    options.band === undefined ? 2 : expectNumber(STAGE, 'band', options.band, { min: 1, max: 10, integer: true });
  const minShare =
    options.minShare === undefined ? 0.3 : expectNumber(STAGE, 'minShare', options.minShare, { min: 0, max: 1 });

  const maxLine =
    options.maxLine === undefined ? 110 : expectNumber(STAGE, 'maxLine', options.maxLine, { min: 1, integer: true });
  return {
    name: STAGE,
    kind: 'text',
    run(doc) {
      if (!doc.text.includes('\f')) return keep(doc);
      const pages = splitPages(doc.text);
      const tops = pages.map((p) => edgeLines(p, band, true));
      const bottoms = pages.map((p) => edgeLines(p, band, false));
      const lineAt = (p: number, i: number) => ((pages[p] as Page).lines[i] as PageLine).text.trim();

      // Shapes at the tops and bottoms, counted once a page.
      const headCount = new Map<string, number>();
      const footCount = new Map<string, number>();
      const count = (edges: number[][], into: Map<string, number>) =>
        edges.forEach((indexes, p) => {
          const keys = new Set(indexes.map((i) => shapeKey(lineAt(p, i))).filter((k) => k !== undefined));
          for (const key of keys) into.set(key, (into.get(key) ?? 0) + 1);
        });
      count(tops, headCount);
      count(bottoms, footCount);
      const needed = Math.max(2, Math.ceil(minShare * pages.length));

      // Bare numbers at the edges count the pages when number - index agrees on two pages or more.
      const shifts = new Map<number, number>();
      pages.forEach((_, p) => {
        const seen = new Set<number>();
        for (const i of [...(tops[p] ?? []), ...(bottoms[p] ?? [])]) {
          const line = lineAt(p, i);
          if (BARE_NUMBER.test(line)) seen.add(numberOf(line) - p);
        }
        for (const shift of seen) shifts.set(shift, (shifts.get(shift) ?? 0) + 1);
      });

      const pageNumber = (p: number, line: string): Removal | undefined => {
        if (PAGE_LABEL.test(line)) return { rule: 'page-number', evidence: { page: p + 1, form: 'label' } };
        if (!BARE_NUMBER.test(line)) return undefined;
        const pagesCounted = shifts.get(numberOf(line) - p) ?? 0;
        if (pagesCounted >= 2)
          return { rule: 'page-number', evidence: { page: p + 1, form: 'counter', pages: pagesCounted } };
        // Alone, a number at the page's edge that is the page's own number (counting from one).
        return numberOf(line) === p + 1 && pages.length > 1
          ? { rule: 'page-number', evidence: { page: p + 1, form: 'own-number' } }
          : undefined;
      };
      const furniture = (p: number, i: number, top: boolean): Removal | undefined => {
        const line = lineAt(p, i);
        const number = pageNumber(p, line);
        if (number) return number;
        const key = shapeKey(line);
        const seen = key === undefined ? 0 : ((top ? headCount : footCount).get(key) ?? 0);
        if (seen < needed) {
          // A head that carries the page's own number ("Gazette Page 1", "Gazette – 2") needs no
          // other page to repeat it: a one-page document has its masthead too.
          const own = HEAD_WITH_NUMBER.exec(line);
          return own && Number(own[1]) === p + 1 && wordCount(line) <= MARGIN_WORDS
            ? { rule: top ? 'running-head' : 'running-foot', evidence: { page: p + 1, form: 'own-number' } }
            : undefined;
        }
        return { rule: top ? 'running-head' : 'running-foot', evidence: { pages: seen, of: pages.length } };
      };

      const changes: Change[] = [];
      const bodies: { page: Page; lines: PageLine[] }[] = [];
      for (const page of pages) {
        const p = page.index;
        const removed = new Map<number, Removal>();
        // From each edge inwards, stopping at the first line that is not furniture.
        for (const [edges, top] of [
          [tops[p] ?? [], true],
          [bottoms[p] ?? [], false],
        ] as const) {
          // A short line between the edge and a page number stands in the margin with it: a head
          // or foot even when no other page repeats it (groff prints none on the first page).
          // (Only on pages longer than both bands: on a shorter one the edges overlap.)
          const roomy = page.lines.filter((l) => l.text.trim() !== '').length > 2 * band;
          const numberAt = roomy ? edges.findLastIndex((i) => pageNumber(p, lineAt(p, i)) !== undefined) : -1;
          for (const [k, i] of edges.entries()) {
            const margin =
              k < numberAt && wordCount(lineAt(p, i)) <= MARGIN_WORDS
                ? ({ rule: top ? 'running-head' : 'running-foot', evidence: { beside: 'page-number' } } as const)
                : undefined;
            const removal = removed.get(i) ?? furniture(p, i, top) ?? margin;
            if (!removal) break;
            removed.set(i, removal);
          }
        }
        const kept: PageLine[] = [];
        page.lines.forEach((line, i) => {
          const removal = removed.get(i);
          if (!removal) kept.push(line);
          else
            changes.push({
              stage: STAGE,
              rule: removal.rule,
              offset: line.offset,
              removed: line.text,
              evidence: removal.evidence,
            });
        });
        // Blank lines at the page's edges are page margin, not paragraph breaks inside the text.
        const first = kept.findIndex((l) => l.text.trim() !== '');
        const last = kept.findLastIndex((l) => l.text.trim() !== '');
        bodies.push({ page, lines: first === -1 ? [] : kept.slice(first, last + 1) });
      }

      let out = '';
      let previous: { page: Page; lines: PageLine[] } | undefined;
      for (const body of bodies) {
        if (body.lines.length === 0) continue;
        if (previous) {
          const tail = (previous.lines[previous.lines.length - 1] as PageLine).text.trimEnd();
          const head = (body.lines[0] as PageLine).text.trimStart();
          const hyphen = ENDS_HYPHEN.test(tail) && STARTS_LOWER.test(head);
          const runsOn = hyphen || (!ENDS_SENTENCE.test(tail) && STARTS_LOWER.test(head));
          // The extractor's own paragraph mark: a blank line somewhere between the two body lines.
          const lastLine = previous.lines[previous.lines.length - 1] as PageLine;
          const trail = doc.text.slice(lastLine.offset + lastLine.text.length, previous.page.breakAt);
          const lead = doc.text.slice((body.page.lines[0] as PageLine).offset, (body.lines[0] as PageLine).offset);
          const blank = /\n[ \t]*\n/.test(trail) || /^[ \t]*\n/.test(lead) || /\n[ \t]*\n/.test(lead);
          // Lines that are whole paragraphs (a PDF reader's output) join on one line; wrapped lines
          // and a hyphen stay a line apart for unwrap to join and to decide the hyphen.
          const paragraphs = tail.length > maxLine || head.length > maxLine;
          const joint = runsOn ? (paragraphs && !hyphen ? ' ' : '\n') : blank ? '\n\n' : '\n';
          out += joint;
          changes.push({
            stage: STAGE,
            rule: runsOn ? 'page-join' : 'page-break',
            offset: previous.page.breakAt,
            removed: '\f',
            ...(joint === ' ' ? { inserted: ' ' } : {}),
            evidence: { page: body.page.index + 1, ...(runsOn ? { hyphen: hyphen ? 1 : 0 } : {}) },
          });
        }
        out += body.lines.map((l) => l.text).join('\n');
        previous = body;
      }
      // Form feeds of pages with nothing left on them.
      for (const body of bodies) {
        if (body.lines.length === 0 && body.page.breakAt >= 0)
          changes.push({
            stage: STAGE,
            rule: 'page-break',
            offset: body.page.breakAt,
            removed: '\f',
            evidence: { page: body.page.index + 1, empty: 1 },
          });
      }
      if (/\S/.test(out) && /\n\s*$/.test(doc.text)) out += '\n';
      changes.sort((a, b) => a.offset - b.offset);
      return keep(doc, { text: out, changes });
    },
  };
}
