/**
 * Hidden copies: a hidden block is kept when it is long or reads as prose (a collapsed panel a
 * click opens), but some pages ship their whole text twice, once shown and once hidden (the raw
 * Markdown of the article for a script, a second layout for another screen). A hidden block whose
 * text is already on the page, shown, is that copy: readers see its text once.
 */
import type { ChildNode, Document, Element } from './dom.js';

/** Letters and digits only, lower case: markup and punctuation differ between two copies. */
const letters = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Letters a hidden block has at least to be compared (short ones are labels). */
const COPY_MIN = 200;
/** Windows of a hidden block looked up in the shown text, their length, and the share found. */
const WINDOWS = 8;
const WINDOW = 40;
const FOUND = 0.75;

/** The letters of the page's text outside the given (hidden) elements. */
export function shownLetters(root: Document | Element, hidden: ReadonlySet<Element>): string {
  const parts: string[] = [];
  const walk = (node: ChildNode | Document | Element): void => {
    if (node.type === 'text') {
      parts.push(node.data);
      return;
    }
    if (!('children' in node)) return;
    if (node.type !== 'root' && hidden.has(node as Element)) return;
    for (const child of node.children) walk(child);
  };
  walk(root);
  return letters(parts.join(' '));
}

/**
 * Whether the block's letters (letters and digits, lower case) are found in the shown text: at
 * least three in four of WINDOWS windows spread over it. A Markdown copy carries link targets the
 * shown text has not, so a window may miss; the hidden tabs of a code sample (one per language)
 * share their sentences with the shown tab but not their code, so most windows miss.
 */
export function copyOf(block: string, shown: string): boolean {
  if (block.length < COPY_MIN) return false;
  let found = 0;
  for (let i = 0; i < WINDOWS; i++) {
    const at = Math.floor(((i + 0.5) / WINDOWS) * (block.length - WINDOW));
    if (shown.includes(block.slice(at, at + WINDOW))) found++;
  }
  return found >= FOUND * WINDOWS;
}
