/**
 * Step 3b of the extraction (content.ts): link lists, blocks whose text is mostly link text (menus,
 * tag clouds, card lists), outermost first; unless they are what the page is made of.
 */
import { BLOCKS, childElements, round } from './blocks.js';
import type { Document, Element } from './dom.js';
import { describedList, entryOfKeptList } from './list-items.js';
import { likeRuns } from './listing.js';
import { amidProse } from './neighbours.js';
import type { Page } from './page.js';

const LISTING_SHARE = 0.4;
const LISTING_REST = 0.3;
/** Share of the page's text a run of like link blocks (cards) holds to be the page's content. */
const RUN_SHARE = 0.2;
/** Link share above which a block's words are read for prose (jusText: 0.2 marks a block bad). */
const LINKISH = 0.2;
/** Stop-word share below which a linking block is not prose. */
const PROSE_MIN = 0.1;

/** Prunes the page's link lists; returns whether the page is a listing (its lists are its content). */
export function pruneLinkLists(page: Page): boolean {
  const { statOf, holdsMarker, prose, prune } = page;
  const linkDensity = page.options.linkDensity ?? 0.5;
  const linkLists: Element[] = [];
  const proseOf = new Map<Element, number | undefined>();
  const collectLinks = (parent: Element | Document): void => {
    for (const el of childElements(parent)) {
      const s = statOf(el);
      const density = s.text > 0 ? s.link / s.text : 0;
      if (BLOCKS.has(el.name) && s.links > 0 && density > LINKISH && !holdsMarker(el)) {
        // Half links or more, or a good share of links in words that do not read as prose.
        const p = density > linkDensity ? undefined : prose(el);
        if (density > linkDensity || (s.links > 1 && p !== undefined && p < PROSE_MIN)) {
          // Between two paragraphs it is part of the running text: kept whole.
          if (amidProse(el, statOf)) continue;
          linkLists.push(el);
          proseOf.set(el, p);
          continue;
        }
      }
      collectLinks(el);
    }
  };
  collectLinks(page.doc);
  const remainingText = page.remainingText;
  // When link lists are most of what is left, the page is a listing (news front, catalogue,
  // index): its lists are its content.
  const listText = linkLists.reduce((n, el) => n + statOf(el).text, 0);
  const listing = remainingText - listText < LISTING_REST * remainingText;
  // So is a run of like link blocks (one card each) that together hold a fifth of it.
  const cardRun = listing
    ? new Set<Element>()
    : likeRuns(linkLists, (el) => statOf(el).text, RUN_SHARE * remainingText);
  for (const el of listing ? [] : linkLists) {
    const s = statOf(el);
    // A link list that is most of the page is the page: a listing, a catalogue, an index.
    if (s.text > LISTING_SHARE * page.remainingText || cardRun.has(el)) continue;
    // One entry of a list or table that is not a link list as a whole: it stays with its list (it
    // still counts above, where link lists tell a listing page).
    if (entryOfKeptList(el, s.links) || describedList(el, statOf)) continue;
    const p = proseOf.get(el);
    const words = p === undefined ? {} : { stopwordDensity: round(p) };
    prune(el, 'link-density', { linkDensity: round(s.link / s.text), links: s.links, ...words });
  }
  return listing;
}
