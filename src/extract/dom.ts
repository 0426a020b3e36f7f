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
  const doc = parseDocument(html, { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true });
  return intoBody(doc);
}

/** What may stay in <head>: anything else closes it in an HTML5 parser and starts the body. */
const HEAD_TAGS = new Set(['meta', 'link', 'title', 'script', 'style', 'base', 'noscript', 'template']);

/**
 * htmlparser2 keeps nodes where the markup puts them; an HTML5 tree builder moves what follows
 * `</body>` or `</html>` (templates that close the body early), and what opens the body inside
 * <head>, into <body>. The extractor reads <body>, so it does the same: without it, a page whose
 * article follows a stray `</html>` shows no text at all.
 */
function intoBody(doc: Document): Document {
  const html = doc.children.find((c): c is Element => c.type === 'tag' && c.name === 'html');
  const body = html?.children.find((c): c is Element => c.type === 'tag' && c.name === 'body');
  if (!html || !body) return doc;
  const before: ChildNode[] = [];
  const after: ChildNode[] = [];
  const head = html.children.find((c): c is Element => c.type === 'tag' && c.name === 'head');
  if (head) {
    const at = head.children.findIndex(
      (c) => (c.type === 'tag' && !HEAD_TAGS.has(c.name)) || (c.type === 'text' && c.data.trim() !== ''),
    );
    if (at >= 0) before.push(...head.children.slice(at));
  }
  let seenBody = false;
  for (const c of html.children) {
    if (c === body) seenBody = true;
    else if (c !== head && c.type !== 'comment') (seenBody ? after : before).push(c);
  }
  let seenHtml = false;
  for (const c of doc.children) {
    if (c === html) seenHtml = true;
    else if (c.type === 'tag' || c.type === 'script' || c.type === 'style' || c.type === 'text')
      (seenHtml ? after : before).push(c);
  }
  if (before.length === 0 && after.length === 0) return doc;
  for (const n of [...before, ...after]) removeNode(n);
  const children = [...before, ...body.children, ...after];
  body.children = [];
  let prev: ChildNode | null = null;
  for (const n of children) {
    n.parent = body;
    n.prev = prev;
    n.next = null;
    if (prev) prev.next = n;
    body.children.push(n);
    prev = n;
  }
  return doc;
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
