/**
 * Post signatures on a discussion page. Forum software prints each poster's signature (a motto,
 * links to their projects, their setup) under every post they write, in a block the page labels
 * `signature` (class or id word). They are the same lines post after post, not what was written in
 * the thread. Read by structure: two labelled blocks or more on the page (a signature per post); a
 * single labelled block (an article's closing signature, a `signature-dishes` section) is left
 * alone, and so is a labelled block that holds the page's <h1> or half or more of its text.
 */

import type { Removal } from './content.js';
import type { Document, Element } from './dom.js';
import { hintWords } from './hints.js';
import { pruneLabelledCopies } from './labelled-copies.js';

/** Asked of every element: the class and id are split into words only when they hold the letters. */
const MAYBE = /signature/i;
const label = (el: Element): string | undefined => {
  const { class: cls, id } = el.attribs;
  return ((cls !== undefined && MAYBE.test(cls)) || (id !== undefined && MAYBE.test(id))) &&
    hintWords(el).includes('signature')
    ? 'signature'
    : undefined;
};

/** Removes the signature blocks of the page's posts and returns their change records. */
export function prunePostSignatures(doc: Document): Removal[] {
  // Two labelled blocks at least (a signature under each of several posts), under half the page.
  return pruneLabelledCopies(doc, { rule: 'post-signature', label, copies: 2, maxShare: 0.5 });
}
