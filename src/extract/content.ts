/**
 * Main-content extraction on the parsed page, in four passes over the tree, each linear:
 *
 * 1. strip: what is never content goes, whatever the page: scripts and other non-text elements,
 *    hidden elements, navigation/aside/ARIA furniture, page-level header and footer.
 * 2. measure: per element, its text and link text (characters).
 * 3. prune: blocks the page labels as furniture (class/id words: comment, related, share,
 *    sidebar...) and blocks made mostly of links (menus, tag clouds, card lists). A kind of prune is
 *    given up when it would leave the page without a body, because then that kind *is* the body
 *    (a forum whose posts are marked `comment`, a listing page made of links).
 * 4. root: the deepest element that holds most of what is left ("mass" = text outside links), with
 *    a lower bar for elements the page marks as its content (<article>, <main>, itemprop).
 *
 * Every removal of visible text becomes a Removal with the text (capped) and its evidence.
 */
import type { Document, Element } from './dom.js';
import { repeatedFields } from './fields.js';
import { pruneLinkLists } from './link-lists.js';
import { attached, type ExtractOptions, Page, type Removal } from './page.js';
import { pruneHinted } from './prune-hints.js';
import { chooseRoot } from './root.js';
import { commentLabelled } from './signals.js';
import { stripPage } from './strip.js';
import { teaserRows } from './teasers.js';

export { type ExtractOptions, REMOVED_CAP, type Removal } from './page.js';

export interface Extraction {
  /** The element whose (pruned) subtree is the content; the document when nothing narrower holds it. */
  readonly root: Element | Document;
  readonly removals: readonly Removal[];
  /** Non-text elements removed (script, style, ...), counted per tag. */
  readonly dropped: ReadonlyMap<string, number>;
  /** Characters of text outside links left in the root. */
  readonly mass: number;
}

export function extractContent(doc: Document, options: ExtractOptions = {}): Extraction {
  const page = new Page(doc, options);
  const { holdsMarker, holdsBody, massOf, floor, prune } = page;

  // 1. strip (strip.ts): what is never content goes first, so no later count includes it.
  const fillIn = stripPage(page);

  // 2. measure (page.ts): text and link text per element, kept current by every prune below.
  page.measure();

  // 3a. page-level header and footer, and class/id hints, in groups by kind (prune-hints.ts); the
  // groups that hold least go first, and a group goes only if the page keeps a body without it.
  pruneHinted(page);

  // 3a'. forms to fill in (forms.ts), once the page's chrome and labelled furniture are gone: a form
  // goes when the page keeps a body of its own without it, and never the form a page wraps its
  // body in.
  for (const [form, fields] of fillIn) {
    if (!attached(form) || holdsMarker(form) || holdsBody(form)) continue;
    if (page.remaining - massOf(form) < floor()) continue;
    prune(form, 'fill-in-form', { fields });
  }

  // 3a''. rows of teaser cards beside the page's own story (teasers.ts), all or none: the page
  // keeps a body of its own without them.
  const rows = teaserRows(doc, page.statOf, commentLabelled);
  const rowMass = rows.reduce((m, { row }) => m + massOf(row), 0);
  if (rows.length > 0 && page.remaining - rowMass >= floor()) {
    for (const { row, cards } of rows) prune(row, 'teaser-row', { cards });
  }

  // A discussion prints its posters' profile fields beside each post: the same terms, post after post.
  if (options.pageKind === 'discussion')
    for (const [dl, terms] of repeatedFields(page.lists)) if (dl.parent) prune(dl, 'repeated-fields', { terms });

  // 3b. link lists (link-lists.ts): a block whose text is mostly link text, outermost first; kept
  // when they are what the page is made of (a listing).
  const listing = pruneLinkLists(page);

  // 4. root (root.ts): the deepest element that holds most of what is left; last, so that the
  // furniture pruned above does not hold the root up at the page.
  const { root, mass } = chooseRoot(page, listing);
  return { root, removals: page.removals, dropped: page.dropped, mass };
}
