/**
 * Element kinds the extractor reasons about (blocks that go as a whole, containers a root may be)
 * and small tree helpers without page state.
 */
import { type Document, type Element, isElement } from './dom.js';

/** Blocks that may be pruned as a whole (inline elements go with the block around them). */
export const BLOCKS = new Set([
  'div',
  'section',
  'ul',
  'ol',
  'li',
  'p',
  'table',
  'tbody',
  'tr',
  'td',
  'th',
  'dl',
  'dd',
  'dt',
  'form',
  'span',
  'figure',
  'header',
  'footer',
  'blockquote',
  'details',
  'center',
]);

/** Elements that group blocks: the root is one of these, never a paragraph, list or table of its own. */
const CONTAINERS = new Set([
  'div',
  'section',
  'article',
  'main',
  'form',
  'header',
  'footer',
  'center',
  'body',
  'html',
  'noscript',
]);
export const isContainer = (el: Element): boolean => CONTAINERS.has(el.name) || el.name.includes('-');

export const round = (x: number): number => Math.round(x * 100) / 100;

export function childElements(el: Element | Document): Element[] {
  return el.children.filter(isElement);
}

export function findBody(doc: Document): Element | undefined {
  for (const child of childElements(doc)) {
    if (child.name === 'body') return child;
    if (child.name === 'html') return childElements(child).find((c) => c.name === 'body');
  }
  return undefined;
}
