/**
 * What an element says about itself: tag, class/id words, ARIA role, schema.org itemprop. These
 * are the page author's own labels for page parts (they are in English on sites in every
 * language, as CSS and ARIA are), so they carry across languages where visible phrases do not.
 */
import { NEVER_TEXT_TAGS } from '../text/html-text.js';
import type { Element } from './dom.js';

/** Tags whose content is never article text: removed with their content before scoring. */
export const JUNK_TAGS: ReadonlySet<string> = new Set([...NEVER_TEXT_TAGS, 'link', 'meta']);

/** Page furniture by tag: navigation and asides anywhere, header/footer outside article/main. */
export const FURNITURE_TAGS = new Set(['nav', 'aside', 'menu']);
export const CHROME_TAGS = new Set(['header', 'footer']);
export const CONTENT_TAGS = new Set(['article', 'main']);

/** ARIA roles of the same furniture. */
export const FURNITURE_ROLES = new Set([
  'navigation',
  'search',
  'complementary',
  'banner',
  'contentinfo',
  'dialog',
  'alertdialog',
  'menu',
  'menubar',
  'toolbar',
]);

/**
 * The page's own label of an element as furniture: a furniture ARIA role (`role=navigation`), or
 * `aria-modal="true"`, which marks a dialog over the page (a cookie or privacy-policy modal, a
 * sign-up form) with or without a role.
 */
export function furnitureRole(el: Element): string | undefined {
  const role = (el.attribs.role ?? '').toLowerCase();
  if (FURNITURE_ROLES.has(role)) return `role=${role}`;
  if ((el.attribs['aria-modal'] ?? '').toLowerCase() === 'true') return 'aria-modal';
  return undefined;
}

/** Class/id words of page parts that are not the page's content. */
const NEGATIVE_WORDS = new Set([
  'comment',
  'comments',
  'related',
  'share',
  'sharing',
  'sharebar',
  'social',
  'sidebar',
  'breadcrumb',
  'breadcrumbs',
  'newsletter',
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'promo',
  'advert',
  'advertisement',
  'ad',
  'ads',
  'adslot',
  'sponsor',
  'sponsored',
  'banner',
  'popup',
  'modal',
  'subscribe',
  'subscription',
  'signup',
  'footer',
  'masthead',
  'nav',
  'navbar',
  'navigation',
  'menu',
  'widget',
  'widgets',
  'pagination',
  'pager',
  'disqus',
  'recommended',
  'recommendations',
  'trending',
  'popular',
  'outbrain',
  'taboola',
  'toolbar',
  'skip',
  'tags',
  'tagcloud',
  'crumbs',
  'offcanvas',
  'overlay',
  'lightbox',
  'login',
  'author',
  'byline',
  'meta',
  'disclaimer',
  'syndication',
]);

/** Class names of text shown to screen readers only ("Skip to content", "Opens in a new window"). */
const SCREEN_READER_CLASSES = new Set([
  'sr-only',
  'screen-reader-text',
  'screen-reader-only',
  'visually-hidden',
  'visuallyhidden',
  'show-for-sr',
  'element-invisible',
  'a11y-hidden',
  'assistive-text',
]);

/** Class/id words of content containers. */
const POSITIVE_WORDS = new Set([
  'article',
  'articlebody',
  'content',
  'entry',
  'main',
  'post',
  'body',
  'story',
  'text',
  'prose',
  'blog',
  'hentry',
]);

const wordCache = new Map<string, readonly string[]>();

/** The words of class and id values: split at '-', '_', white space and camelCase, lower case. */
export function hintWords(el: Element): readonly string[] {
  const { class: cls, id } = el.attribs;
  if (cls === undefined && id === undefined) return [];
  const key = `${cls ?? ''} ${id ?? ''}`;
  if (key === ' ') return [];
  let words = wordCache.get(key);
  if (!words) {
    words = valueWords(key);
    if (wordCache.size > 50_000) wordCache.clear();
    wordCache.set(key, words);
  }
  return words;
}

/** The words of one class or id value (or several, space-separated), as `hintWords` splits them. */
export const valueWords = (value: string): readonly string[] => asciiWords(value) ?? unicodeWords(value);

const unicodeWords = (key: string): string[] =>
  key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * unicodeWords for an ASCII key in one pass (runs of letters and digits, split where a lower-case
 * letter meets an upper-case one); undefined for any other key, whose lower case may hold other
 * letters (Unicode lower-cases a few non-ASCII letters to ASCII ones).
 */
function asciiWords(key: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let prevLower = false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c > 0x7f) return undefined;
    const lower = c >= 0x61 && c <= 0x7a;
    const upper = c >= 0x41 && c <= 0x5a;
    if (lower || (c >= 0x30 && c <= 0x39)) word += key[i];
    else if (upper) {
      if (prevLower && word) {
        words.push(word);
        word = '';
      }
      word += String.fromCharCode(c + 32);
    } else if (word) {
      words.push(word);
      word = '';
    }
    prevLower = lower;
  }
  if (word) words.push(word);
  return words;
}

export interface Hint {
  readonly negative?: string;
  readonly positive?: string;
}

export function classHint(el: Element): Hint {
  const words = hintWords(el);
  let negative: string | undefined;
  let positive: string | undefined;
  for (const w of words) {
    if (!negative && NEGATIVE_WORDS.has(w)) negative = w;
    if (!positive && POSITIVE_WORDS.has(w)) positive = w;
  }
  const itemprop = (el.attribs.itemprop ?? '').toLowerCase();
  if (itemprop === 'articlebody' || itemprop === 'text' || itemprop === 'reviewbody') positive = `itemprop=${itemprop}`;
  return { ...(negative ? { negative } : {}), ...(positive ? { positive } : {}) };
}

/** Hidden by attribute, inline style or a screen-reader-only class. */
export function hiddenKind(el: Element): string | undefined {
  const a = el.attribs;
  if ('hidden' in a) return 'hidden';
  // A link hidden from screen readers is the duplicate of a visible one (a card's image link and
  // title link): its text is on screen, unlike that of a hidden panel.
  if (a['aria-hidden'] === 'true' && el.name !== 'a') return 'aria-hidden';
  const style = a.style;
  if (style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return 'style-hidden';
  const cls = a.class;
  if (cls && screenReaderOnly(cls)) return 'screen-reader-only';
  return undefined;
}

/** Class values repeat across a page (and its site): each is split and looked up once. */
const srCache = new Map<string, boolean>();
const SCREEN_READER_PARTS =
  /sr-only|screen-reader|visually|show-for-sr|element-invisible|a11y-hidden|assistive-text|(?:^|[-_\s])sr(?:$|[-_\s])/i;

/**
 * A screen-reader class by its words, as frameworks other than the listed ones spell it
 * (`visible-sr`, `sr-visible`, `u-sr-only`): `sr` beside `only` or `visible`; not one shown on
 * focus (`sr-only-focusable`: a skip link that appears when tabbed to).
 */
function srWords(c: string): boolean {
  const words = c.toLowerCase().split(/[-_]+/);
  return words.includes('sr') && (words.includes('only') || words.includes('visible')) && !words.includes('focusable');
}
function screenReaderOnly(cls: string): boolean {
  // Every listed class holds one of these, whatever its case: most class values hold none.
  if (!SCREEN_READER_PARTS.test(cls)) return false;
  let only = srCache.get(cls);
  if (only === undefined) {
    only = cls.split(/\s+/).some((c) => SCREEN_READER_CLASSES.has(c.toLowerCase()) || srWords(c));
    if (srCache.size > 50_000) srCache.clear();
    srCache.set(cls, only);
  }
  return only;
}

/** Marked as the page's main content by the page itself (strongest first). */
export function contentMarker(el: Element): number {
  // Asked of every element, most of which have neither attribute: no lower-cased copy then.
  const { itemprop, role } = el.attribs;
  if (itemprop !== undefined && itemprop.toLowerCase() === 'articlebody') return 4;
  if (el.name === 'article') return 3;
  if (el.name === 'main' || (role !== undefined && role.toLowerCase() === 'main')) return 2;
  return 0;
}
