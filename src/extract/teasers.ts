/**
 * Rows of teasers: other stories shown as small <article> cards (a headline, a date, a line of the
 * story) beside the page's own story. HTML marks a self-contained composition with <article>, so
 * a page that holds one long <article> and elsewhere a block of three or more short ones shows
 * its story and cards of others ("more from", "latest", "you may also like"). A block of cards
 * on a page with no long <article> of its own (a listing, a front page) is that page's content,
 * and is left alone here.
 */
import type { Document, Element } from './dom.js';

/** Characters of an <article> below which it is a card (a teaser), not a story. */
export const CARD_MAX = 600;
/** Cards from which a block is a row of them. */
export const CARDS_MIN = 3;
/** Share of a row's text that its cards hold at least (the rest: a heading, a "more" link). */
const CARD_SHARE = 0.7;
/**
 * Share of a card's text in links it has at least: a teaser links its headline to its story, where
 * a reply in a thread of <article>s links a name at most.
 */
const CARD_LINKS = 0.15;

export interface Counts {
  /** Visible characters. */
  readonly text: number;
  /** Of which inside links. */
  readonly link: number;
  /** Content markers inside. */
  readonly markers: number;
}

interface Cards {
  /** Short <article>s inside. */
  small: number;
  /** Long <article>s inside (stories). */
  long: number;
  /** Characters inside the short ones. */
  cardText: number;
}

/**
 * The outermost blocks made of short <article> cards that link, on a page that also holds an
 * <article> of CARD_MAX characters or more outside them (its story). `countsOf` gives an element's
 * counts; subtrees without a content marker are not walked. `skip` tells short <article>s that are
 * no cards (a reader's comment).
 */
export function teaserRows(
  root: Document | Element,
  countsOf: (el: Element) => Counts,
  skip: (el: Element) => boolean,
): { row: Element; cards: number }[] {
  const textOf = (el: Element): number => countsOf(el).text;
  const walked = (el: Element): boolean => el.name === 'article' || countsOf(el).markers > 0;
  const info = new Map<Element, Cards>();
  let stories = 0;
  const count = (el: Element): Cards => {
    const c: Cards = { small: 0, long: 0, cardText: 0 };
    if (el.name === 'article') {
      const { text: n, link } = countsOf(el);
      if (n >= CARD_MAX) c.long = 1;
      else if (n > 0 && link >= CARD_LINKS * n && !skip(el)) {
        c.small = 1;
        c.cardText = n;
      }
      stories += c.long;
      info.set(el, c);
      return c;
    }
    for (const child of el.children) {
      if (child.type !== 'tag' || !walked(child)) continue;
      const k = count(child);
      c.small += k.small;
      c.long += k.long;
      c.cardText += k.cardText;
    }
    info.set(el, c);
    return c;
  };
  const top = root.type === 'root' ? root.children : [root];
  for (const child of top) if (child.type === 'tag' && walked(child)) count(child);
  if (stories === 0) return [];
  const rows: { row: Element; cards: number }[] = [];
  const pick = (el: Element): void => {
    const c = info.get(el);
    if (!c || c.small === 0) return;
    if (c.long === 0 && c.small >= CARDS_MIN && c.cardText >= CARD_SHARE * textOf(el)) {
      rows.push({ row: el, cards: c.small });
      return;
    }
    for (const child of el.children) if (child.type === 'tag') pick(child);
  };
  for (const child of top) if (child.type === 'tag') pick(child);
  return rows;
}
