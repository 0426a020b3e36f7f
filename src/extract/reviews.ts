/**
 * Customer reviews on a product page. A page that states it describes a product (schema.org
 * `Product` as its JSON-LD or microdata item, or `og:type` product) has the product's description
 * and specifications as its content; the shoppers' reviews under it are other people's posts, as
 * comments are under a story, and are often longer than the description, so the root and the
 * text-density passes keep them. The page labels that block in its markup (class/id word
 * `review`/`reviews`, `itemprop=review`, a schema.org `Review` item), in any language.
 *
 * Left alone: pages that declare an article or a discussion (a review *article* is the content),
 * pages that do not declare a product (metadata.ts reads the statement, `product`), a labelled block that holds the page's <h1> (a wrapper
 * whose class merely lists features such as `reviews-enabled`) or half or more of the page's text.
 */
import { REMOVED_CAP, type Removal } from './content.js';
import { collapse, type Document, type Element, isElement, removeNode } from './dom.js';
import { valueWords } from './hints.js';
import type { PageMetadata } from './metadata.js';

const RULE = 'product-reviews';
/** A labelled block holding this share of the page's text or more is the page, not a part of it. */
const MAX_SHARE = 0.5;
const NEVER = new Set(['html', 'body', 'main', 'article', 'h1']);

function reviewLabel(el: Element): string | undefined {
  const a = el.attribs;
  if ((a.itemprop ?? '').trim().toLowerCase() === 'review') return 'itemprop=review';
  if (/schema\.org\/Review\/?$/i.test((a.itemtype ?? '').trim())) return 'itemtype=Review';
  for (const key of ['class', 'id'] as const) {
    const w = valueWords(a[key] ?? '').find((x) => x === 'review' || x === 'reviews');
    if (w) return `${key}=${w}`;
  }
  return undefined;
}

/** Text a reader sees: script and style bodies (JSON data, often the largest part of a shop page) do not count. */
export function shownText(node: Element | Document): string {
  let out = '';
  for (const c of node.children) {
    if (c.type === 'text') out += c.data;
    else if (c.type === 'tag' && !SILENT.has(c.name)) out += ` ${shownText(c)} `;
  }
  return out;
}
const SILENT = new Set(['head', 'script', 'style', 'noscript', 'template', 'svg']);

export const holdsH1 = (el: Element): boolean =>
  el.children.some((c) => isElement(c) && (c.name === 'h1' || holdsH1(c)));

/**
 * Removes the review blocks of a product page from the tree (before content extraction) and
 * returns their change records; returns none and leaves the tree alone on any other page.
 */
export function pruneProductReviews(doc: Document, metadata: PageMetadata): Removal[] {
  if (metadata.kind || !metadata.product) return [];
  const pageChars = collapse(shownText(doc)).length;
  const removals: Removal[] = [];
  const visit = (el: Element | Document): void => {
    for (const child of [...el.children]) {
      if (!isElement(child) || child.name === 'script' || child.name === 'head') continue;
      const label = NEVER.has(child.name) ? undefined : reviewLabel(child);
      if (label && !holdsH1(child)) {
        const text = collapse(shownText(child));
        if (text.length < MAX_SHARE * pageChars) {
          if (text) {
            const evidence = { label, share: Math.round((100 * text.length) / Math.max(1, pageChars)) / 100 };
            removals.push({
              rule: RULE,
              tag: child.name,
              text: text.slice(0, REMOVED_CAP),
              length: text.length,
              evidence,
            });
          }
          removeNode(child);
          continue;
        }
      }
      visit(child);
    }
  };
  visit(doc);
  return removals;
}
