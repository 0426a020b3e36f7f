/**
 * Step 4 of the extraction (content.ts): the root, the deepest element that holds most of what is
 * left of the page, with a lower bar for elements the page marks as its content.
 */
import { childElements, findBody, isContainer, round } from './blocks.js';
import { blockText, type Document, type Element } from './dom.js';
import { hasLikeSibling, listingRootChild } from './listing.js';
import { proseBeside } from './neighbours.js';
import { BODY_MIN, letters, type Page } from './page.js';

/** A listing's root leaves out no prose beside its cards (its heading, its description): under 1 character. */
const LISTING_PROSE_LEFT = 1;
/** Stop-word share of a block kept beside the root as running text. */
const SIBLING_PROSE_MIN = 0.3;

/** Text directly in the element, outside its children (white space aside). */
const looseText = (el: Element | Document): boolean => el.children.some((c) => c.type === 'text' && /\S/.test(c.data));

/** Descends to the root, removing what lies beside it; returns it and the mass it holds. */
export function chooseRoot(page: Page, listing: boolean): { root: Element | Document; mass: number } {
  const { doc, options, articlePage, statOf, massOf, marker, prose, remove } = page;
  const rootShare = options.rootShare ?? 0.8;
  const markedRootShare = options.markedRootShare ?? 0.4;
  const { remaining, remainingText } = page;
  const body = findBody(doc);
  let root: Element | Document = body ?? doc;
  /** Where the kept text starts: above `root` once prose beside a narrower root was kept. */
  let top: Element | Document | undefined;
  // On a listing the cards are its content and their text sits in links: the root holds most of
  // the text, links included (by text outside links it would be the one block of prose beside them).
  // A page that declares itself an article keeps its root by prose: precision first there; unless
  // it has no body of prose to keep (under BODY_MIN characters outside links: a heading and a line
  // over a grid of cards, a section page declared with the site's one article template).
  const cards = listing && (!articlePage || remaining < BODY_MIN);
  const weigh = (el: Element): number => (cards ? statOf(el).text : massOf(el));
  const rootMass = (): number => (root.type === 'root' ? (cards ? remainingText : remaining) : weigh(root as Element));
  /** Running text by its words, where a list applies (structure decides for unspaced scripts). */
  const reads = (el: Element): boolean => (prose(el) ?? SIBLING_PROSE_MIN) >= SIBLING_PROSE_MIN;
  for (;;) {
    const whole = rootMass();
    if (whole <= 0) break;
    let next: Element | undefined;
    const proseHere = root.type === 'root' ? remaining : massOf(root as Element);
    for (const child of childElements(root)) {
      const m = weigh(child);
      const share = m / whole;
      // A footer is never the content's root, whatever prose it holds (an about-us, a city list).
      if (!isContainer(child) || child.name === 'footer') continue;
      if (cards) {
        const proseLeft = proseHere - massOf(child);
        if (
          listingRootChild(
            { text: share, prose: proseHere > 0 ? massOf(child) / proseHere : 0, proseLeft },
            rootShare,
            LISTING_PROSE_LEFT,
          )
        ) {
          next = child;
          break;
        }
        continue;
      }
      // One of a run of like marked blocks (a thread's posts, a front page's teasers) is not the
      // page's content by its mark alone: on a page not declared an article, its like siblings
      // with text keep the root above them.
      const marked = share >= markedRootShare && marker(child) > 0 && m >= 200;
      if (share >= rootShare || (marked && (articlePage || !hasLikeSibling(child, (el) => statOf(el).text)))) {
        next = child;
        break;
      }
    }
    if (!next) break;
    // Prose right beside the root continues it (a summary before, an FAQ after); loose text in the
    // parent would come along with it, so then the parent is not widened.
    // A copy of the root's own text (a second layout of the same article) is not a continuation.
    let rootLetters: string | undefined;
    const content = next;
    const continues = (el: Element): boolean => {
      if (!reads(el)) return false;
      const head = letters(blockText(el)).slice(0, 60);
      rootLetters ??= letters(blockText(content));
      return !rootLetters.includes(head);
    };
    const beside = looseText(root) || articlePage ? new Set<Element>() : proseBeside(next, statOf, continues);
    for (const sibling of childElements(root)) {
      if (sibling !== next && !beside.has(sibling) && statOf(sibling).text > 0)
        remove(sibling, 'outside-content', {
          rootTag: next.name,
          share: round(weigh(sibling) / whole),
          ...(cards ? { of: 'text' } : {}),
        });
    }
    if (beside.size > 0) top ??= root;
    root = next;
  }
  if (top) root = top;
  return { root, mass: rootMass() };
}
