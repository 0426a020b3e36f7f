/**
 * The page state the extraction passes share (content.ts): the options, the removals made so far,
 * and per element its measured text and link text, kept current as blocks are pruned so that every
 * pass judges what is *left* of the page.
 */
import { blockText, collapse, type Document, type Element, isElement, removeNode } from './dom.js';
import { CONTENT_TAGS, contentMarker } from './hints.js';
import { commentLabelled } from './signals.js';
import { stopwordDensity, stopwordLanguage, wordsOf } from './stopwords.js';

export interface Removal {
  readonly rule: string;
  readonly tag: string;
  /** The removed text, white space folded, capped at REMOVED_CAP characters. */
  readonly text: string;
  /** Length of the whole removed text. */
  readonly length: number;
  readonly evidence: Readonly<Record<string, string | number>>;
}

export interface ExtractOptions {
  /** Share of the page's remaining text an element must hold to be the root. Default 0.8. */
  readonly rootShare?: number;
  /** The same for an element the page marks as content (<article>, <main>, itemprop=articleBody). */
  readonly markedRootShare?: number;
  /** Link text share above which a block is a link list. */
  readonly linkDensity?: number;
  /** Read <noscript> content as page content (for pages that show their text only there). */
  readonly noscript?: boolean;
  /** The page's `<html lang>`, for the stop-word list (else the language is guessed from the page). */
  readonly lang?: string | undefined;
  /** Keep hidden blocks (not screen-reader-only ones): for pages that hide all until a script runs. */
  readonly keepHidden?: boolean;
  /**
   * What the page declares itself to be (metadata `kind`). On an `article` page, an element marked
   * as content by its tag but labelled a comment by its class/id (`<article class="comment">`) is
   * a reader's comment, not the story: it neither marks content nor shields the thread around it.
   */
  readonly pageKind?: 'article' | 'discussion' | undefined;
}

export const REMOVED_CAP = 200;
/** Text nodes sampled for the language guess (a few thousand words on most pages). */
const SAMPLE_PARTS = 2000;
/** Characters of prose a body has at least (a paragraph or two). */
export const BODY_MIN = 200;

export interface Stat {
  text: number;
  link: number;
  links: number;
  /** Content markers (<article>, <main>, itemprop=articleBody) inside the element. */
  markers: number;
  /** Link lists pruned inside the element (3b): a row of cards keeps its descriptions, not its titles. */
  lists?: number;
}

export type Evidence = Record<string, string | number>;

export const countText = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 12) n++;
  }
  return n;
};

export class Page {
  readonly articlePage: boolean;
  readonly removals: Removal[] = [];
  /** Non-text elements removed (script, style, ...), counted per tag. */
  readonly dropped = new Map<string, number>();
  private readonly stats = new Map<Element, Stat>();
  /** The page's first text nodes, to guess its stop-word language from when <html lang> does not say. */
  readonly sample: string[] = [];
  /** Description lists, for the per-post author fields of a discussion. */
  readonly lists: Element[] = [];
  /** Text outside links left in the page. */
  remaining = 0;
  /** All text left in the page, links included. */
  remainingText = 0;
  private lang: string | undefined | null = null;

  constructor(
    readonly doc: Document,
    readonly options: ExtractOptions,
  ) {
    this.articlePage = options.pageKind === 'article';
  }

  /** A reader's comment on an article page: its <article> tag does not make it the story. */
  readonly commentItem = (el: Element): boolean => this.articlePage && commentLabelled(el);
  /** The page's own content marker, not counting comment items of an article page. */
  readonly marker = (el: Element): number => (contentMarker(el) > 0 && !this.commentItem(el) ? contentMarker(el) : 0);
  /** Inside an element the page marks as its content (its header and footer are the story's). */
  readonly insideContent = (el: Element): boolean => {
    for (let p = el.parent; p && p.type !== 'root'; p = p.parent) {
      const e = p as Element;
      if ((CONTENT_TAGS.has(e.name) || contentMarker(e) > 0) && !this.commentItem(e)) return true;
    }
    return false;
  };

  /** Removes `el`, recording its visible text; its counts are left as they are (see `prune`). */
  readonly remove = (el: Element, rule: string, evidence: Evidence): void => {
    const text = collapse(blockText(el));
    if (text)
      this.removals.push({ rule, tag: el.name, text: text.slice(0, REMOVED_CAP), length: text.length, evidence });
    removeNode(el);
  };

  /** Counts every element's text and link text (step 2), and sets what remains to the page's. */
  measure(): void {
    const total = this.measureIn(this.doc, false);
    this.remaining = total.text - total.link;
    this.remainingText = total.text;
  }

  private measureIn(el: Element | Document, inLink: boolean): Stat {
    const s: Stat = { text: 0, link: 0, links: 0, markers: 0 };
    for (const child of el.children) {
      if (child.type === 'text') {
        if (this.sample.length < SAMPLE_PARTS) this.sample.push(child.data);
        const n = countText(child.data);
        s.text += n;
        if (inLink) s.link += n;
      } else if (isElement(child)) {
        if (child.name === 'dl') this.lists.push(child);
        const isLink = child.name === 'a' && !inLink;
        const c = this.measureIn(child, inLink || isLink);
        s.text += c.text;
        s.link += c.link;
        s.links += c.links + (isLink ? 1 : 0);
        s.markers += c.markers + (this.marker(child) > 0 ? 1 : 0);
      }
    }
    if (el.type !== 'root') this.stats.set(el as Element, s);
    return s;
  }

  readonly statOf = (el: Element): Stat => this.stats.get(el) ?? { text: 0, link: 0, links: 0, markers: 0 };
  readonly holdsMarker = (el: Element): boolean => this.statOf(el).markers > 0;
  readonly massOf = (el: Element): number => {
    const s = this.statOf(el);
    return s.text - s.link;
  };

  /** Removes `el` and takes its counts off every ancestor. */
  readonly prune = (el: Element, rule: string, evidence: Evidence): void => {
    const s = this.statOf(el);
    for (let p = el.parent; p && p.type !== 'root'; p = p.parent) {
      const ps = this.stats.get(p as Element);
      if (!ps) continue;
      ps.text -= s.text;
      ps.link -= s.link;
      ps.links -= s.links;
      if (rule === 'link-density') ps.lists = (ps.lists ?? 0) + 1;
    }
    this.remaining -= s.text - s.link;
    this.remainingText -= s.text;
    this.remove(el, rule, evidence);
  };

  /** Most of the page's text, and prose rather than links: the body, whatever its tag says. */
  readonly holdsBody = (el: Element): boolean => {
    const st = this.statOf(el);
    return this.massOf(el) > 0.5 * this.remaining && this.massOf(el) >= BODY_MIN && st.link < 0.5 * st.text;
  };

  /** What must stay for a prune group to go: the page keeps a body of its own. */
  readonly floor = (): number => Math.max(250, 0.25 * this.remaining);

  /** Stop-word density of a block: low in link rows and tag lists, high in prose that links. */
  readonly prose = (el: Element): number | undefined => {
    const words = wordsOf(blockText(el));
    if (this.lang === null) this.lang = stopwordLanguage(wordsOf(this.sample.join(' ')), this.options.lang);
    return stopwordDensity(words, this.lang);
  };
}

/** Still in the page: no ancestor of it was removed. */
export function attached(el: Element): boolean {
  let p: Element | Document | null = el;
  while (p && p.type !== 'root') p = p.parent as Element | Document | null;
  return p !== null;
}

/** Letters and digits only, lower case: to find one block's text again in another's. */
export const letters = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
