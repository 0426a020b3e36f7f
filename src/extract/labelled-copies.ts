/**
 * Blocks a template prints once per post, found by the words the page labels them with: post
 * signatures (`signatures.ts`) and poster cards (`poster-cards.ts`). Both read the page the same
 * way: every labelled block outside the page's frame (never `html`, `body`, `main`, `article` or
 * the <h1>, nor a block holding it), enough copies to be a template's, and together under a share
 * of the page's text (more is the page's content, whatever its label).
 */
import { REMOVED_CAP, type Removal } from './content.js';
import { collapse, type Document, type Element, isElement, removeNode } from './dom.js';
import { holdsH1, shownText } from './reviews.js';

const NEVER = new Set(['html', 'body', 'main', 'article', 'h1']);
/** Never shown: not searched. */
const SILENT = new Set(['head', 'script', 'style', 'template']);

export interface LabelledCopies {
  readonly rule: string;
  /** The block's label (the evidence recorded), or undefined when it is not one. */
  readonly label: (el: Element) => string | undefined;
  /** Fewest labelled blocks on the page, before and after `maxChars`. */
  readonly copies: number;
  /** The blocks together hold less than this share of the page's shown text. */
  readonly maxShare: number;
  /** Longest block that counts: a longer one is left alone. */
  readonly maxChars?: number;
}

/** Removes the labelled blocks when they read as a template's copies; returns their change records. */
export function pruneLabelledCopies(doc: Document, options: LabelledCopies): Removal[] {
  const { rule, label, copies, maxShare, maxChars = Number.POSITIVE_INFINITY } = options;
  const found: { el: Element; label: string }[] = [];
  const visit = (el: Element | Document): void => {
    for (const child of el.children) {
      if (!isElement(child) || SILENT.has(child.name)) continue;
      const named = NEVER.has(child.name) ? undefined : label(child);
      if (named && !holdsH1(child)) found.push({ el: child, label: named });
      else visit(child);
    }
  };
  visit(doc);
  if (found.length < copies) return [];
  const blocks = found.map((b) => ({ ...b, text: collapse(shownText(b.el)) })).filter((b) => b.text.length <= maxChars);
  if (blocks.length < copies) return [];
  const total = blocks.reduce((n, b) => n + b.text.length, 0);
  if (total >= maxShare * collapse(shownText(doc)).length) return [];
  const removals: Removal[] = [];
  for (const { el, label: named, text } of blocks) {
    if (text)
      removals.push({
        rule,
        tag: el.name,
        text: text.slice(0, REMOVED_CAP),
        length: text.length,
        evidence: { label: named, copies: blocks.length },
      });
    removeNode(el);
  }
  return removals;
}
