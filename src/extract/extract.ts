/**
 * A page to content lines: parse once, read the metadata, find the content (content.ts), then
 * read the kept subtree's lines off the same tree with htmlToBlocks' rules (html-text.ts), which
 * stay the safety net on what is kept.
 * A page that shows no text but declares a JSON-LD `articleBody` (a script-rendered page) gets
 * that body instead.
 */
import { DROPPED_TAGS, htmlToBlocks, LINE_TAGS, LineWriter, SKIPPED_TEXT_TAGS } from '../text/html-text.js';
import { hasCdata, openCdata } from './cdata.js';
import { type ExtractOptions, extractContent, type Removal } from './content.js';
import { collapse, type Document, type Element, parsePage } from './dom.js';
import { type PageMetadata, readPageMetadata } from './metadata.js';
import { prunePosterCards } from './poster-cards.js';
import { pruneProductReviews } from './reviews.js';
import { prunePostSignatures } from './signatures.js';

export interface PageExtraction {
  readonly lines: string[];
  readonly metadata: PageMetadata;
  readonly removals: readonly Removal[];
  readonly dropped: ReadonlyMap<string, number>;
  /** Where the lines came from: the page's markup, its JSON-LD articleBody, or its description. */
  readonly from: 'dom' | 'json-ld' | 'json-ld+dom' | 'description';
  /** Set when the page showed nearly nothing and its <noscript> or hidden blocks were read. */
  readonly revealed?: 'noscript' | 'hidden' | 'cdata';
}

/** Below this many characters of visible text, a longer JSON-LD articleBody is taken instead. */
const VISIBLE_MIN = 200;

const VOID = new Set(['br', 'hr', 'img', 'wbr', 'area', 'base', 'col', 'embed', 'param', 'source', 'track']);

/**
 * Elements the block writer would drop as furniture: what is left of them was kept by the
 * extractor on evidence (a page-level <header> holding the article, a <form> around the page).
 */
const RENAMED = new Set(['form', 'header', 'footer', 'nav', 'aside', 'menu', 'dialog', 'noscript']);

/** What the block writer drops with its content: never-text elements and furniture by tag. */
const SKIPPED: ReadonlySet<string> = new Set<string>([...SKIPPED_TEXT_TAGS, ...DROPPED_TAGS]);
const TAG_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * The kept subtree as lines, read off the tree the page was parsed into (it is not written out
 * and parsed again). The rules are htmlToBlocks' on tag names, the safety net on what is kept:
 * never-text elements and furniture tags go with their content (the extractor has already
 * removed them), block tags end lines, other tags only hold text. A <form> reads as a <div>
 * (ASP.NET pages wrap the whole page in one form), and so do the other RENAMED elements.
 * Attributes were read by the extractor and play no part here.
 */
function contentLines(root: Element | Document): string[] {
  const out = new LineWriter();
  const visit = (el: Element): void => {
    const name = RENAMED.has(el.name) ? 'div' : el.name;
    if (!TAG_NAME.test(name)) {
      children(el);
      return;
    }
    if (SKIPPED.has(name)) return;
    const line = LINE_TAGS.has(name);
    if (line) out.tag(name, false);
    if (VOID.has(name)) return;
    children(el);
    if (line) out.tag(name, true);
  };
  const children = (el: Element | Document): void => {
    for (const child of el.children) {
      if (child.type === 'text') out.text(child.data);
      else if (child.type === 'tag' || child.type === 'script' || child.type === 'style') visit(child);
    }
  };
  if (root.type !== 'root' && (root as Element).name !== 'body') visit(root as Element);
  else children(root);
  return out.end();
}

export function extractPage(html: string, options: ExtractOptions = {}): PageExtraction {
  const doc = parsePage(html);
  const metadata = readPageMetadata(doc);
  const withLang = { lang: metadata.language, pageKind: metadata.kind, ...options };
  let reviews = [...pruneProductReviews(doc, metadata), ...prunePostSignatures(doc), ...prunePosterCards(doc)];
  let content = extractContent(doc, withLang);
  let lines = contentLines(content.root);
  let revealed: PageExtraction['revealed'];
  // A page that shows (almost) nothing: some show their text to script-less readers only (forum
  // software among them), others ship it hidden for a script to reveal (shop pages, tabs). Each
  // retry parses again (the first pass pruned its tree) and is taken only if it shows more.
  // Most pages show enough: the retries (and the scan of the whole page for <noscript>) are skipped.
  const retries: ['noscript' | 'hidden' | 'cdata', ExtractOptions][] = [];
  if (chars(lines) < VISIBLE_MIN) {
    // A stray <![CDATA[ may have hidden the rest of the page (cdata.ts); the scan is paid here only.
    if (hasCdata(html)) retries.push(['cdata', {}]);
    if (!options.noscript && /<noscript/i.test(html)) retries.push(['noscript', { noscript: true }]);
    if (!options.keepHidden && content.removals.some((r) => r.rule === 'hidden'))
      retries.push(['hidden', { noscript: true, keepHidden: true }]);
  }
  for (const [kind, retry] of retries) {
    if (chars(lines) >= VISIBLE_MIN) break;
    const redo = parsePage(kind === 'cdata' ? openCdata(html) : html);
    const redoReviews = [
      ...pruneProductReviews(redo, metadata),
      ...prunePostSignatures(redo),
      ...prunePosterCards(redo),
    ];
    const again = extractContent(redo, { ...withLang, ...retry });
    const more = contentLines(again.root);
    if (chars(more) > chars(lines)) {
      reviews = redoReviews;
      content = again;
      lines = more;
      revealed = kind;
    }
  }
  const found = {
    metadata,
    removals: [...reviews, ...content.removals],
    dropped: content.dropped,
    ...(revealed ? { revealed } : {}),
  };
  const body = metadata.articleBody ? collapseBody(metadata.articleBody) : [];
  const visible = chars(lines);
  const bodyChars = chars(body);
  // The page declares a body its visible text does not hold: its text is drawn by a script.
  if (visible < VISIBLE_MIN && bodyChars > visible) return { ...found, lines: body, from: 'json-ld' };
  // The page declares a body its visible text does not hold (a script draws it, or draws only the
  // replies): the declared body goes first.
  if (bodyChars >= VISIBLE_MIN && !holds(lines, body))
    return { ...found, lines: [...body, ...lines], from: 'json-ld+dom' };
  // Nothing to read but the page's own summary (a script-drawn page without a declared body):
  // taken when it is a paragraph (forum software puts the first post's opening there), not a
  // one-line tagline, which says nothing a reader came for.
  const description = metadata.description ?? '';
  if (visible < VISIBLE_MIN && description.length >= VISIBLE_MIN)
    return { ...found, lines: [description], from: 'description' };
  return { ...found, lines, from: 'dom' };
}

/** Letters and digits only, lower case: markup and punctuation differ between a page and its JSON-LD. */
const letters = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Whether the visible lines hold the declared body: any of its first paragraphs' opening words
 * (JSON-LD bodies are often flattened or reordered, so one miss is not enough).
 */
function holds(lines: readonly string[], body: readonly string[]): boolean {
  const declared = letters(body.join(' '));
  if (declared.length < 60) return true;
  const visible = letters(lines.join(' '));
  return [0, 0.25, 0.5, 0.75].some((at) => {
    const from = Math.floor(at * (declared.length - 30));
    return visible.includes(declared.slice(from, from + 30));
  });
}

const chars = (lines: readonly string[]): number => lines.reduce((n, l) => n + l.length, 0);

/** A JSON-LD body: its own line breaks are its paragraphs; it may hold escaped markup. */
function collapseBody(body: string): string[] {
  const text = /<[a-z][^>]*>/i.test(body) ? htmlToBlocks(body).lines.join('\n') : body;
  return text
    .split(/\n+/)
    .map(collapse)
    .filter((l) => l.length > 0);
}
