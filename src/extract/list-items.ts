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
