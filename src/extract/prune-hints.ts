/**
 * Step 3a of the extraction (content.ts): page-level header and footer, and blocks the page labels
 * as furniture by tag, ARIA role or class/id word, pruned in groups by kind.
 */
import { childElements } from './blocks.js';
import type { Document, Element } from './dom.js';
import { CHROME_TAGS, CONTENT_TAGS, classHint, contentMarker, FURNITURE_TAGS, furnitureRole } from './hints.js';
import { overPage } from './listing.js';
import { BODY_MIN, type Page } from './page.js';
import { PART_SHARE, partWord } from './parts.js';
import { COMMENT_WORDS, commentThread } from './signals.js';

/** Levels of given-up hint groups searched inside (each a pass over those groups' subtrees). */
const HINT_ROUNDS = 3;

/** The groups that hold least go first, and a group goes only if the page keeps a body without it. */
export function pruneHinted(page: Page): void {
  const { doc, options, articlePage, commentItem, holdsMarker, holdsBody, massOf, floor, prune } = page;
  const hinted = new Map<string, { rule: string; els: Element[] }>();
  const addTo = (key: string, rule: string, el: Element): void => {
    const group = hinted.get(key) ?? { rule, els: [] };
    group.els.push(el);
    hinted.set(key, group);
  };
  const collectHints = (parent: Element | Document, inContent: boolean): void => {
    for (const el of childElements(parent)) {
      const marked = (CONTENT_TAGS.has(el.name) || contentMarker(el) > 0) && !commentItem(el);
      if (CHROME_TAGS.has(el.name) && !inContent && !holdsMarker(el) && !holdsBody(el)) {
        addTo(`<${el.name}>`, 'page-chrome', el);
        continue;
      }
      const role = furnitureRole(el);
      if ((FURNITURE_TAGS.has(el.name) || role) && !holdsMarker(el) && (overPage(role) || !holdsBody(el))) {
        addTo(FURNITURE_TAGS.has(el.name) ? `<${el.name}>` : (role ?? ''), 'furniture', el);
        continue;
      }
      // A link's class names its look (an overlay that makes a whole card clickable), not a page
      // part: links are judged by link density, with the block they stand in.
      if (el.name !== 'body' && el.name !== 'html' && el.name !== 'a' && !marked) {
        const hint = classHint(el);
        // A content word beside a furniture word vetoes it, except for a small block of an article
        // page whose class names a part of the story page (parts.ts).
        const negative = hint.positive
          ? articlePage && massOf(el) < PART_SHARE * page.remaining
            ? partWord(el)
            : undefined
          : hint.negative;
        // A discussion's replies are its content, whatever their class says.
        const reply = options.pageKind === 'discussion' && COMMENT_WORDS.has(negative ?? '');
        if (negative && !holdsMarker(el) && !reply) {
          const key = articlePage && COMMENT_WORDS.has(negative) && commentThread(el) ? 'comment-thread' : undefined;
          if (!givenUp.has(key ?? negative)) {
            addTo(key ?? negative, key ?? 'class-hint', el);
            continue;
          }
        }
      }
      collectHints(el, inContent || marked);
    }
  };
  // A group given up is the page's body under a furniture word (a theme that labels its main
  // column `footer-group` or every block `widget`): what its parts label furniture is still read, a
  // few levels down.
  let searched: (Element | Document)[] = [doc];
  /** Words given up once label the body here, at every level (Elementor's `widget` on each block). */
  const givenUp = new Set<string>();
  for (let round = 0; round < HINT_ROUNDS && searched.length > 0; round++) {
    hinted.clear();
    for (const el of searched) {
      if (el.type === 'root') collectHints(el, false);
      else collectHints(el, page.insideContent(el));
    }
    searched = [];
    const groups = [...hinted.entries()]
      .map(([word, { rule, els }]) => ({ word, rule, els, mass: els.reduce((m, el) => m + massOf(el), 0) }))
      .sort((a, b) => a.mass - b.mass);
    for (const group of groups) {
      // Tags and roles are the page's own statement, so they need less: only that the group is not
      // where most of the text is. Class words are guesses, so the page must keep a body of its own.
      // On an article page a comment thread is never the body, however long: it goes as long as a
      // body of its own is left.
      if (
        (group.rule === 'class-hint' && page.remaining - group.mass < floor()) ||
        (group.rule === 'comment-thread' && page.remaining - group.mass < BODY_MIN)
      ) {
        searched.push(...group.els);
        givenUp.add(group.word);
        continue;
      }
      for (const el of group.els) {
        prune(
          el,
          group.rule,
          group.rule === 'furniture' || group.rule === 'page-chrome' ? { kind: group.word } : { word: group.word },
        );
      }
    }
  }
}
