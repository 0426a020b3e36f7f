/**
 * Per-post author fields on a discussion page: forum software prints, beside every post, a
 * description list of the author's profile ("Joined", "Posts", "Location" and their values). The
 * same terms in the same order on three lists or more are such a template, not what the posters
 * wrote; on other pages a repeated list may be the content (the specifications of each card).
 */
import { collapse, type Element, rawText } from './dom.js';

/** Lists with the same terms at least this many times on the page. */
const COPIES = 3;

/** The lists of the same terms, repeated COPIES times or more, with their terms. */
export function repeatedFields(lists: readonly Element[]): Map<Element, string> {
  const byTerms = new Map<string, Element[]>();
  for (const dl of lists) {
    const terms = dl.children
      .filter((c): c is Element => c.type === 'tag' && c.name === 'dt')
      .map((dt) => collapse(rawText(dt)))
      .join('|');
    if (!terms) continue;
    const same = byTerms.get(terms) ?? [];
    same.push(dl);
    byTerms.set(terms, same);
  }
  const out = new Map<Element, string>();
  for (const [terms, same] of byTerms) if (same.length >= COPIES) for (const dl of same) out.set(dl, terms);
  return out;
}
