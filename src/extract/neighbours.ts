/**
 * Evidence from a block's neighbours in the tree. A link list or a link-heavy paragraph between two
 * paragraphs of running text is part of that text (a "further reading" list, a list of the tools an
 * article compares, a "Read more:" line); site menus and card rows are not set between paragraphs.
 * And prose that sits right beside the element that holds most of the page (a summary before it,
 * an FAQ after it) continues it, where a menu, a card row or a widget does not.
 */
import type { ChildNode, Element } from './dom.js';

export interface Counts {
  /** Visible characters. */
  readonly text: number;
  /** Of which inside links. */
  readonly link: number;
  /** Links. */
  readonly links: number;
  /** Content markers inside (<article>...): teasers of other pages, when beside the content. */
  readonly markers: number;
  /** Link lists pruned inside. */
  readonly lists?: number;
}

/** Characters of a paragraph of running text, and the link share it stays under. */
const PARAGRAPH = 80;
const PARAGRAPH_LINKS = 0.2;

/** A paragraph of running text: long enough, and few of its characters in links. */
const paragraph = (c: Counts): boolean => c.text >= PARAGRAPH && c.link <= PARAGRAPH_LINKS * c.text;

const visibleChars = (s: string): number => s.replace(/\s+/g, '').length;

/**
 * The nearest sibling on one side that shows text, read as a paragraph or not. Text directly in the
 * parent (paragraphs split by <br>) counts as a paragraph when it is long enough.
 */
function neighbourIsParagraph(el: Element, side: 'prev' | 'next', countsOf: (el: Element) => Counts): boolean {
  for (let n: ChildNode | null = el[side]; n; n = n[side]) {
    if (n.type === 'text') {
      const chars = visibleChars(n.data);
      if (chars === 0) continue;
      return chars >= PARAGRAPH;
    }
    if (n.type !== 'tag') continue;
    const c = countsOf(n);
    if (c.text === 0) continue;
    return paragraph(c);
  }
  return false;
}

/**
 * A row of links: two or more items, each of them wholly one link (a list of other stories'
 * headlines). Those go wherever they stand; a list whose items say something besides their link does
 * not.
 */
function linkRow(el: Element, countsOf: (el: Element) => Counts): boolean {
  let items = 0;
  for (const child of el.children) {
    if (child.type !== 'tag') continue;
    const c = countsOf(child);
    if (c.text === 0) continue;
    if (c.link < c.text) return false;
    items++;
  }
  return items >= 2;
}

/** A block set between two paragraphs of running text, on both sides, and not a row of links. */
export function amidProse(el: Element, countsOf: (el: Element) => Counts): boolean {
  return (
    neighbourIsParagraph(el, 'prev', countsOf) && neighbourIsParagraph(el, 'next', countsOf) && !linkRow(el, countsOf)
  );
}

/** Characters of a sibling kept as prose beside the content, and its link share. */
const SIBLING_PROSE = 200;
const SIBLING_LINKS = 0.2;
/** At most this share of the content's own text: a continuation, not a second page body. */
const SIBLING_SHARE = 0.5;
/** The page's own furniture tags: never a continuation of its text. */
const ASIDE_TAGS = new Set(['nav', 'aside', 'menu', 'footer']);
/** Characters per link prose has at least (card rows link every title: one per 100 or so). */
const CHARS_PER_LINK = 250;
/** Items titled by a link of their own from which a block is a row of cards (teasers of other pages). */
const CARDS = 2;
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const TITLE_BLOCKS = new Set([...HEADINGS, 'p', 'div', 'li', 'dt', 'span', 'strong', 'b']);

/**
 * Blocks inside `el` whose whole text is one link: a card's title (`<h3><a>Title</a></h3>`). Links
 * in running text sit inside sentences; teasers of other pages each open with a linked title, and
 * their descriptions read as prose, so that words alone do not tell them apart.
 */
function titledItems(el: Element, countsOf: (el: Element) => Counts): number {
  let n = 0;
  const walk = (node: Element): void => {
    for (const child of node.children) {
      if (n >= CARDS || child.type !== 'tag') continue;
      const c = countsOf(child);
      if (c.text === 0) continue;
      if (TITLE_BLOCKS.has(child.name) && c.links === 1 && c.link === c.text) n++;
      else walk(child);
    }
  };
  walk(el);
  return n;
}

/** A short block between the content and prose beside it (a heading such as "FAQ"). */
const BRIDGE = 150;
const BRIDGES = 2;

/**
 * Siblings of `content` that continue it: prose (at least SIBLING_PROSE characters, few links, and
 * what `reads` says reads as running text) next to it, or next to it but for a heading or two.
 */
export function proseBeside(
  content: Element,
  countsOf: (el: Element) => Counts,
  reads: (el: Element) => boolean,
): Set<Element> {
  const kept = new Set<Element>();
  const contentCounts = countsOf(content);
  for (const side of ['prev', 'next'] as const) {
    const pending: Element[] = [];
    for (let n: ChildNode | null = content[side]; n; n = n[side]) {
      if (n.type !== 'tag') {
        if (n.type === 'text' && visibleChars(n.data) > 0) break;
        continue;
      }
      const c = countsOf(n);
      if (c.text === 0) continue;
      if (
        c.text >= SIBLING_PROSE &&
        c.text <= SIBLING_SHARE * contentCounts.text &&
        c.markers === 0 &&
        (c.lists ?? 0) <= 1 &&
        !ASIDE_TAGS.has(n.name) &&
        c.link <= SIBLING_LINKS * c.text &&
        c.links * CHARS_PER_LINK <= c.text &&
        titledItems(n, countsOf) < CARDS &&
        reads(n)
      ) {
        for (const b of pending) kept.add(b);
        pending.length = 0;
        kept.add(n);
        continue;
      }
      if (c.text <= BRIDGE && c.link < 0.5 * c.text && pending.length < BRIDGES) {
        pending.push(n);
        continue;
      }
      break;
    }
  }
  return kept;
}
