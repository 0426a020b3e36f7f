/**
 * Step 1 of the extraction (content.ts): what is never content goes, whatever the page: comments,
 * scripts and other non-text elements, hidden elements, script data; and hidden copies of shown text.
 */
import { type Document, type Element, isElement, rawText, removeNode } from './dom.js';
import { fillInFields } from './forms.js';
import { copyOf, shownLetters } from './hidden-copies.js';
import { hiddenKind, JUNK_TAGS } from './hints.js';
import { attached, countText, letters, type Page } from './page.js';
import { CODE_TAGS, scriptData } from './signals.js';

const HIDDEN_KEPT = 3000;
/** Characters and link share of a hidden block that reads as a collapsed panel of prose. */
const HIDDEN_PROSE_MIN = 400;
const HIDDEN_PROSE_LINKS = 0.2;

/**
 * A collapsed panel of prose (an accordion, a tab, a "read more"): a script shows it on a click,
 * and its text is the page's. A hidden menu or dropdown is mostly links, and a hidden label is
 * short.
 */
function hiddenProse(el: Element): boolean {
  let text = 0;
  let link = 0;
  const walk = (node: Element, inLink: boolean): void => {
    for (const child of node.children) {
      if (child.type === 'text') {
        const n = countText(child.data);
        text += n;
        if (inLink) link += n;
      } else if (child.type === 'tag') walk(child, inLink || child.name === 'a');
    }
  };
  walk(el, false);
  return text >= HIDDEN_PROSE_MIN && link < HIDDEN_PROSE_LINKS * text;
}

/** Strips the page; returns the forms to fill in (forms.ts) and their fields, found before the fields go. */
export function stripPage(page: Page): Map<Element, number> {
  const { options, dropped, remove } = page;
  /** Hidden blocks kept as content a script reveals, and how they are hidden. */
  const keptHidden = new Map<Element, string>();
  const fillIn = new Map<Element, number>();
  const strip = (parent: Element | Document, inCode = false): void => {
    for (const node of [...parent.children]) {
      if (node.type === 'comment' || node.type === 'directive' || node.type === 'cdata') {
        removeNode(node);
        continue;
      }
      if (!isElement(node)) continue;
      const name = node.name;
      if (name === 'noscript' && options.noscript) {
        strip(node, inCode);
        continue;
      }
      if (JUNK_TAGS.has(name)) {
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        removeNode(node);
        continue;
      }
      const hidden = hiddenKind(node);
      // A hidden block this big is content a script reveals, not a menu or a label.
      if (
        hidden &&
        (hidden === 'screen-reader-only' ||
          (!options.keepHidden && countText(rawText(node)) < HIDDEN_KEPT && !hiddenProse(node)))
      ) {
        remove(node, 'hidden', { by: hidden });
        continue;
      }
      if (hidden) keptHidden.set(node, hidden);
      // Read before its fields go with the never-text elements below.
      const fields = name === 'form' ? fillInFields(node) : 0;
      if (fields > 0) fillIn.set(node, fields);
      const code = inCode || CODE_TAGS.has(name);
      if (!code && scriptData(node)) {
        remove(node, 'script-data', { format: 'json' });
        continue;
      }
      strip(node, code);
    }
  };
  strip(page.doc);
  // A kept hidden block whose text the page already shows is a second copy of it (hidden-copies.ts).
  if (keptHidden.size > 0) {
    const shown = shownLetters(page.doc, new Set(keptHidden.keys()));
    for (const [el, by] of keptHidden) {
      if (attached(el) && copyOf(letters(rawText(el)), shown)) remove(el, 'hidden', { by, copy: 'of shown text' });
    }
  }
  return fillIn;
}
