/**
 * A form the reader fills in: a sign-up, contact, quote or search form set into or beside the
 * story. Its text is labels, a line of pitch and the choices of its drop-downs, not the page's
 * content. The form an ASP.NET page wraps its whole body in holds that body, and a form with much
 * text besides its fields is more than a form: both are left to the other rules.
 */
import type { Element } from './dom.js';

/**
 * Input types a reader types words into. A shop's form (a quantity, a size to pick) is the product's
 * own, and hidden and submit inputs are not fields to fill.
 */
const ENTRY_TYPES = new Set(['text', 'email', 'tel', 'search', 'url', 'password', '']);
/** Elements whose text is a field's value or choices, never read as the page's text. */
const FIELD_TEXT = new Set(['select', 'textarea', 'option', 'datalist']);
/** Characters of text outside its fields above which a form is more than fields and their labels. */
export const FORM_TEXT_MAX = 1000;

/**
 * The fields of a form to fill in: how many fields a reader writes in (<textarea>, a text
 * <input>) it holds, or 0 when it holds none or more than FORM_TEXT_MAX characters of text
 * outside its fields.
 */
export function fillInFields(el: Element): number {
  let fields = 0;
  let text = 0;
  const walk = (node: Element): boolean => {
    for (const child of node.children) {
      if (child.type === 'text') {
        text += child.data.replace(/\s+/g, '').length;
        if (text > FORM_TEXT_MAX) return false;
      } else if (child.type === 'tag') {
        const name = child.name;
        if (FIELD_TEXT.has(name)) {
          if (name === 'textarea') fields++;
          continue;
        }
        if (name === 'input' && ENTRY_TYPES.has((child.attribs.type ?? '').toLowerCase().trim())) fields++;
        if (!walk(child)) return false;
      }
    }
    return true;
  };
  return walk(el) ? fields : 0;
}
