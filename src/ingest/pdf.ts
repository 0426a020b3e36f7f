/**
 * Reads a .pdf file into a text document with Mozilla's pdf.js (its Node build): text in
 * reading order (src/ingest/pdf-layout.ts), pages separated by a form feed as pdftotext does,
 * so that the `pages` stage can take running heads, page numbers and page-end hyphens out.
 *
 * PDFs are untrusted: pdf.js runs with eval, font loading and system fonts off, the page count
 * and the wall time are bounded, and every failure becomes a rejection with a reason:
 * `pdf-encrypted` (a user password is needed), `pdf-no-text` (image-only or empty pages: no
 * text layer to read, OCR is out of scope), `pdf-unreadable` (not a PDF, truncated beyond
 * repair, or over the time bound).
 */
import type { Document } from '../core/document.js';
import { contentHash } from '../core/hash.js';
import type { ReasonCode } from '../core/reasons.js';
import type { Rejection } from '../core/rejection.js';
import { type Fragment, pageText } from './pdf-layout.js';

export interface PdfOptions {
  /** Pages read at most; the rest of a longer PDF is left out. Default 1000. */
  readonly maxPages?: number;
  /** Wall time for the whole file before it is given up as `pdf-unreadable`. Default 60 000 ms. */
  readonly timeoutMs?: number;
}

export const DEFAULT_MAX_PAGES = 1000;
export const DEFAULT_PDF_TIMEOUT_MS = 60_000;
/** A PDF with fewer letters than this in all its pages has no text layer worth cleaning. */
const MIN_LETTERS = 20;

export type PdfResult =
  | { readonly text: string; readonly pages: number }
  | { readonly reason: ReasonCode; readonly message: string };

class PdfFailure extends Error {
  constructor(
    readonly reason: ReasonCode,
    message: string,
  ) {
    super(message);
  }
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let loaded: Promise<PdfJs> | undefined;

/** pdf.js is large: loaded on the first PDF, not when the CLI starts. */
function pdfjs(): Promise<PdfJs> {
  loaded ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return loaded;
}

interface TextItemLike {
  readonly str: string;
  readonly transform: readonly number[];
  readonly width: number;
}

function isTextItem(item: unknown): item is TextItemLike {
  const i = item as Partial<TextItemLike>;
  return typeof i?.str === 'string' && Array.isArray(i.transform) && typeof i.width === 'number';
}

/** Horizontal text only: rotated stamps (arXiv's margin id) and vertical labels are not prose. */
function fragmentOf(item: TextItemLike): Fragment | undefined {
  const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
  if (Math.abs(b) > 1e-3 * Math.abs(a) || Math.abs(c) > 1e-3 * Math.abs(d) || a <= 0 || d <= 0) return undefined;
  return { str: item.str, x, y, width: item.width, size: d };
}

function classify(error: unknown): PdfFailure {
  if (error instanceof PdfFailure) return error;
  const name = (error as { name?: unknown })?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') return new PdfFailure('pdf-encrypted', `the PDF needs a password: ${message}`);
  return new PdfFailure('pdf-unreadable', `pdf.js could not read the PDF: ${message}`);
}

/** Set when the time bound is hit: the extraction stops at its next step instead of running on unseen. */
interface Cancel {
  cancelled: boolean;
  /** Destroys the loading task, which ends a parse that waits or loops inside pdf.js. */
  destroy?: () => void;
}

async function extract(bytes: Uint8Array, maxPages: number, cancel: Cancel): Promise<PdfResult> {
  const lib = await pdfjs();
  if (cancel.cancelled) throw new PdfFailure('pdf-unreadable', 'cancelled');
  const task = lib.getDocument({
    data: bytes,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    stopAtErrors: false,
    verbosity: lib.VerbosityLevel.ERRORS,
  });
  cancel.destroy = () => void task.destroy().catch(() => undefined);
  try {
    const doc = await task.promise;
    const count = Math.min(doc.numPages, maxPages);
    const pages: string[] = [];
    for (let n = 1; n <= count; n++) {
      if (cancel.cancelled) throw new PdfFailure('pdf-unreadable', 'cancelled');
      const page = await doc.getPage(n);
      const width = page.getViewport({ scale: 1 }).width;
      const content = await page.getTextContent();
      const fragments = content.items.flatMap((item: unknown) => (isTextItem(item) ? (fragmentOf(item) ?? []) : []));
      pages.push(pageText(fragments, width));
      page.cleanup();
    }
    const letters = pages.join('').match(/\p{L}/gu)?.length ?? 0;
    if (letters < MIN_LETTERS) {
      throw new PdfFailure(
        'pdf-no-text',
        `${count} page(s) hold ${letters} letter(s) of text: image-only or empty (no text layer)`,
      );
    }
    // pdftotext's convention: every page ends with a form feed.
    return { text: pages.map((p) => `${p}\n\f`).join(''), pages: count };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

/** PDF bytes to text with `\f` page breaks, or the reason it cannot be read. Never throws. */
export async function pdfToText(bytes: Uint8Array, options: PdfOptions = {}): Promise<PdfResult> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PDF_TIMEOUT_MS;
  const cancel: Cancel = { cancelled: false };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      cancel.cancelled = true;
      cancel.destroy?.();
      reject(new PdfFailure('pdf-unreadable', `reading the PDF took over ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    // pdf.js takes ownership of (and may detach) the buffer it is given: hand it a copy.
    return await Promise.race([extract(new Uint8Array(bytes), maxPages, cancel), timeout]);
  } catch (error) {
    const failure = classify(error);
    return { reason: failure.reason, message: failure.message };
  } finally {
    clearTimeout(timer);
  }
}

/** One PDF file as a text document (its id is the hash of the PDF bytes), or its rejection. */
export async function documentFromPdf(
  bytes: Uint8Array,
  fields: { source: string; sourceKey: string; output: string },
  options: PdfOptions = {},
): Promise<{ readonly doc: Document } | { readonly rejection: Rejection }> {
  const id = contentHash(bytes);
  const result = await pdfToText(bytes, options);
  if ('reason' in result)
    return { rejection: { source: fields.source, reason: result.reason, message: result.message, id } };
  return { doc: { id, ...fields, format: 'text', text: result.text, meta: {}, changes: [] } };
}
