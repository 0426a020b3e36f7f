/**
 * Link-heavy parts of a list or table whose container is not a link list (step 3b, link-lists.ts).
 * Containers are read first (outermost first): a list or table that is a menu as a whole goes as a
 * whole before its items are reached. So an item reached on its own belongs to a list of prose
 * entries, and when it is mostly a link (a product named by its shop link, a cited document, a
 * term linked to its page) it is one entry of that list, not a menu of its own. An item that holds
 * many links is a menu or a sidebar set in a list or a layout table, and is judged alone.
 */
import type { Element } from './dom.js';

/** Items and cells: parts of a structure that is read as a whole. */
const ITEM_TAGS = new Set(['li', 'dt', 'dd', 'td', 'th']);
/** Links an entry holds at most (a sidebar cell or a mega-menu's item holds dozens). */
const ENTRY_LINKS = 5;

/** Whether `el` is one entry of a list or table that was itself kept: not judged alone. */
export const entryOfKeptList = (el: Element, links: number): boolean => ITEM_TAGS.has(el.name) && links <= ENTRY_LINKS;

/** Characters outside links that make a list item say something besides its link. */
const DESCRIBED = 10;

/**
 * A list whose entries say something besides their links (half of them or more): "Official
 * website: …", a tool with what it does, a document with its date. A menu's or an archive's items
 * are their links (at most a count beside them), and so is a row of other stories' headlines.
 */
export function describedList(el: Element, counts: (el: Element) => { text: number; link: number }): boolean {
  if (el.name !== 'ul' && el.name !== 'ol') return false;
  let items = 0;
  let described = 0;
  for (const child of el.children) {
    if (child.type !== 'tag' || child.name !== 'li') continue;
    const c = counts(child);
    if (c.text === 0) continue;
    items++;
    if (c.text - c.link >= DESCRIBED) described++;
  }
  return items >= 2 && 2 * described >= items;
}
