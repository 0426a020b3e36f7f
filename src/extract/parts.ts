/**
 * Class words that name a part of a story page outright: its comments, its author's box, its
 * sharing bar, its tags, its related links. On a page that declares itself an article these win
 * over a content word in the same class value (`post-author`, `entry-meta`, `article-tags`,
 * `related-posts`), where the content word only says whose part it is. Layout words (sidebar, nav,
 * widget, footer) do not: themes put them on the column that holds the story (`content-sidebar-wrap`,
 * `sidebar-enabled--false`). Only the class value is read: ids are often a heading's words made
 * into a slug (`more-on-repairs-related-articles`), and a heading's words say nothing of the block.
 */
import type { Element } from './dom.js';

const PART_WORDS = new Set([
  'comment',
  'comments',
  'author',
  'byline',
  'related',
  'share',
  'sharing',
  'sharebar',
  'social',
  'tags',
  'tagcloud',
  'pagination',
  'pager',
  'breadcrumb',
  'breadcrumbs',
  'meta',
  'modal',
  'recommended',
  'recommendations',
  'trending',
  'popular',
]);

/** Share of the page's remaining text below which a named part may be a part (not the story's own column). */
export const PART_SHARE = 0.15;

/** The first word of the class value that names a page part, if any. */
export function partWord(el: Element): string | undefined {
  const cls = el.attribs.class;
  if (!cls) return undefined;
  for (const w of cls
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)) {
    if (PART_WORDS.has(w)) return w;
  }
  return undefined;
}
