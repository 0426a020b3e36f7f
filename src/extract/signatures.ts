/**
 * Post signatures on a discussion page. Forum software prints each poster's signature (a motto,
 * links to their projects, their setup) under every post they write, in a block the page labels
 * `signature` (class or id word). They are the same lines post after post, not what was written in
 * the thread. Read by structure: two labelled blocks or more on the page (a signature per post); a
 * single labelled block (an article's closing signature, a `signature-dishes` section) is left
 * alone, and so is a labelled block that holds the page's <h1> or half or more of its text.
 */
import { REMOVED_CAP, type Removal } from './content.js';
import { collapse, type Document, type Element, isElement, removeNode } from './dom.js';
import { hintWords } from './hints.js';
import { holdsH1, shownText } from './reviews.js';

const RULE = 'post-signature';
/** Labelled blocks on the page at least: one under each of several posts. */
const COPIES = 2;
/** The labelled blocks together hold less than this share of the page's text. */
const MAX_SHARE = 0.5;
const NEVER = new Set(['html', 'body', 'main', 'article', 'h1']);
/** Never shown: not searched. */
const SILENT = new Set(['head', 'script', 'style', 'template']);

/** Asked of every element: the class and id are split into words only when they hold the letters. */
const MAYBE = /signature/i;
const labelled = (el: Element): boolean => {
  const { class: cls, id } = el.attribs;
  return (
    ((cls !== undefined && MAYBE.test(cls)) || (id !== undefined && MAYBE.test(id))) &&
    hintWords(el).includes('signature')
  );
};

/** Removes the signature blocks of the page's posts and returns their change records. */
export function prunePostSignatures(doc: Document): Removal[] {
  const found: Element[] = [];
  const visit = (el: Element | Document): void => {
    for (const child of el.children) {
      if (!isElement(child) || SILENT.has(child.name)) continue;
      if (!NEVER.has(child.name) && labelled(child) && !holdsH1(child)) found.push(child);
      else visit(child);
    }
  };
  visit(doc);
  if (found.length < COPIES) return [];
  const texts = found.map((el) => collapse(shownText(el)));
  const pageChars = collapse(shownText(doc)).length;
  const total = texts.reduce((n, t) => n + t.length, 0);
  if (total >= MAX_SHARE * pageChars) return [];
  const removals: Removal[] = [];
  found.forEach((el, i) => {
    const text = texts[i] ?? '';
    if (text)
      removals.push({
        rule: RULE,
        tag: el.name,
        text: text.slice(0, REMOVED_CAP),
        length: text.length,
        evidence: { label: 'signature', copies: found.length },
      });
    removeNode(el);
  });
  return removals;
}
