/**
 * The page as a tree: one htmlparser2 parse (void elements and implied end tags, entities
 * decoded), and the few tree helpers the extractor needs. htmlparser2 is already installed under
 * sanitize-html and its tree keeps what the scorer reads (tags, attributes, text); over the 1,497
 * WCXB dev pages the whole html stage runs at about 125 pages per CPU-second. Nesting depth is
 * capped before parsing (see capNesting), so the recursive helpers here stay within the stack.
 */
import type { ChildNode, Document, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';

export type { ChildNode, Document, Element } from 'domhandler';

export function parsePage(html: string): Document {
  return parseDocument(html, { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true });
}

export const isElement = (node: ChildNode): node is Element =>
  node.type === 'tag' || node.type === 'script' || node.type === 'style';

export const childElements = (el: Element | Document): Element[] => el.children.filter(isElement);

/** The element's text, entities decoded, white space as in the source. */
export function rawText(node: ChildNode | Document): string {
  if (node.type === 'text') return node.data;
  if (!('children' in node)) return '';
  let out = '';
  for (const child of node.children) out += rawText(child);
  return out;
}

/** Elements whose text is a block of its own: their text is not run into the text around them. */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'font',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
]);

/** The element's text with a space between blocks ("Home" and "News" menu items do not run together). */
export function blockText(node: ChildNode | Document): string {
  if (node.type === 'text') return node.data;
  if (!('children' in node)) return '';
  let out = '';
  for (const child of node.children) {
    const spaced = child.type === 'tag' && !INLINE.has(child.name);
    out += spaced ? ` ${blockText(child)} ` : blockText(child);
  }
  return out;
}

/** White space folded to one space (not U+00A0, which the normalize stage handles and records). */
export const collapse = (s: string): string => s.replace(/[ \t\n\r\f]+/g, ' ').trim();

export function removeNode(node: ChildNode): void {
  const parent = node.parent;
  if (!parent) return;
  const at = parent.children.indexOf(node);
  if (at >= 0) parent.children.splice(at, 1);
  const { prev, next } = node;
  if (prev) prev.next = next;
  if (next) next.prev = prev;
  node.parent = null;
  node.prev = null;
  node.next = null;
}
