/**
 * Signals read off one element and its subtree, with no page state: a comment thread's items, a
 * script's JSON state shown as text.
 */
import type { Element } from './dom.js';
import { classHint } from './hints.js';

/** Class/id words of a comment thread and its items. */
export const COMMENT_WORDS = new Set(['comment', 'comments']);
/** Comment-labelled items that make a block a comment thread. */
const THREAD_ITEMS = 2;

/** Elements whose text is code or sample data shown to the reader, JSON included. */
export const CODE_TAGS = new Set(['pre', 'code', 'samp', 'kbd', 'textarea', 'tt']);
/** Characters of a JSON text below which it may be a short inline sample, not a script's state. */
const SCRIPT_DATA_MIN = 200;
const SCRIPT_DATA_MAX = 2_000_000;

/**
 * An element whose whole text is one JSON object or array: state a script reads (a product widget's
 * settings, a shop's price table), often hidden by a class the page's CSS defines. Readers never see
 * it as text; JSON shown to them sits in <pre>/<code>, which this is never asked about.
 */
export function scriptData(el: Element): boolean {
  const kids = el.children;
  if (kids.length !== 1 || kids[0]?.type !== 'text') return false;
  const text = kids[0].data.trim();
  if (text.length < SCRIPT_DATA_MIN || text.length > SCRIPT_DATA_MAX) return false;
  const first = text[0];
  const last = text[text.length - 1];
  if (!((first === '{' && last === '}') || (first === '[' && last === ']'))) return false;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

/** Labelled a comment by its class/id (`article.comment`, `li#comment-12`). */
export function commentLabelled(el: Element): boolean {
  const hint = classHint(el).negative;
  return hint !== undefined && COMMENT_WORDS.has(hint);
}

/**
 * A thread of comments: the block holds several items its page also labels comments (WordPress'
 * `li.comment`, `article.comment`). A forum's replies section labelled `comments` as a whole holds
 * posts labelled otherwise, so this tells a blog's thread from a discussion declared an article.
 */
export function commentThread(el: Element): boolean {
  let items = 0;
  const walk = (node: Element): boolean => {
    for (const child of node.children) {
      if (child.type !== 'tag') continue;
      if (commentLabelled(child) && ++items >= THREAD_ITEMS) return true;
      if (walk(child)) return true;
    }
    return false;
  };
  return walk(el);
}
