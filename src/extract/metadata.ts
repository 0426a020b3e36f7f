/**
 * Page metadata from the parsed tree: <title>, the headline <h1>, canonical URL, <html lang>, and
 * what publishers declare for machines: Open Graph / article meta tags and JSON-LD (schema.org
 * Article and friends). JSON-LD is untrusted text: parsed in a try, walked with a node budget, and
 * only strings are taken from it.
 */
import { collapse, type Document, type Element, isElement, rawText } from './dom.js';

export interface PageMetadata {
  /** Text of the first <h1> inside <article>/<main>, else one found in <title>, else the first <h1>. */
  readonly h1?: string;
  readonly title?: string;
  /** `<link rel=canonical>` href, else `og:url`: absolute http(s) URLs only. */
  readonly url?: string;
  readonly author?: string;
  /** As the page states it (ISO 8601 in nearly all pages). */
  readonly published?: string;
  readonly siteName?: string;
  /** From <html lang>, as written (a BCP 47 tag such as `de-DE`). */
  readonly language?: string;
  /** JSON-LD `articleBody`: the body when a script-rendered page shows none. */
  readonly articleBody?: string;
  /**
   * The page's own summary (`og:description`, else `description`, else `twitter:description`):
   * the last evidence of what a page shows once its script runs, when its markup shows nothing.
   */
  readonly description?: string;
  /**
   * What the page declares itself to be (og:type, JSON-LD @type): `article` for a story or blog
   * post, whose comment thread is not its content; `discussion` for a forum thread or Q&A page,
   * whose replies are. A discussion type anywhere wins over an article type.
   */
  readonly kind?: 'article' | 'discussion';
  /**
   * Whether the page states it describes a product: a JSON-LD top-level or `@graph` item of type
   * `Product` (not a nested one such as a review's `itemReviewed`), an `og:type` of `product`, or a
   * microdata `Product` item that is no other item's property. Read anywhere in the page, <h1>s too.
   */
  readonly product?: boolean;
}

const CONTENT_ROOTS = new Set(['article', 'main']);
const absoluteUrl = (s: string | undefined): string | undefined =>
  s && /^https?:\/\/[^/\s]+/i.test(s.trim()) ? s.trim() : undefined;
const clean = (s: unknown, max = 300): string | undefined => {
  if (typeof s !== 'string') return undefined;
  const v = collapse(s);
  return v && v.length <= max ? v : undefined;
};

/** The fields of JSON-LD objects we read, first found wins. */
interface LdFields {
  headline?: string | undefined;
  author?: string | undefined;
  published?: string | undefined;
  siteName?: string | undefined;
  articleBody?: string;
  article?: boolean;
  discussion?: boolean;
}

/** schema.org types of a single authored text (Article and its subtypes, blog posts). */
const ARTICLE_TYPE = /^(?:\w*Article|BlogPosting|Report)$/;
/** schema.org types of a thread of posts by several people. */
const DISCUSSION_TYPE = /^(?:DiscussionForumPosting|QAPage)$/;

const nameOf = (v: unknown): string | undefined => {
  if (typeof v === 'string') return clean(v, 200);
  if (Array.isArray(v)) return nameOf(v[0]);
  if (v && typeof v === 'object') return clean((v as Record<string, unknown>).name, 200);
  return undefined;
};

/** A JSON-LD block's value; undefined when broken (common and harmless: the page's other metadata still counts). */
function parseLd(el: Element): unknown {
  try {
    return JSON.parse(rawText(el)) as unknown;
  } catch {
    return undefined;
  }
}

/** Walks parsed JSON-LD breadth first, at most `budget` objects (graphs can be large). */
function readLd(value: unknown, into: LdFields): void {
  const queue: unknown[] = [value];
  let budget = 2000;
  while (queue.length && budget-- > 0) {
    const v = queue.shift();
    if (Array.isArray(v)) {
      queue.push(...v.slice(0, 200));
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    const o = v as Record<string, unknown>;
    if (typeof o.articleBody === 'string' && !into.articleBody) into.articleBody = o.articleBody.slice(0, 1_000_000);
    // A forum thread (DiscussionForumPosting) declares its first post as `text` and the replies as
    // `comment`s: together they are the thread's body.
    const type = String(o['@type'] ?? '');
    for (const t of Array.isArray(o['@type']) ? o['@type'].map(String) : [type]) {
      if (ARTICLE_TYPE.test(t)) into.article = true;
      if (DISCUSSION_TYPE.test(t)) into.discussion = true;
    }
    if (/Posting|QAPage|Question/.test(type) && !into.articleBody && typeof o.text === 'string') {
      const replies = (Array.isArray(o.comment) ? o.comment : [])
        .slice(0, 500)
        .map((c: unknown) => (c && typeof c === 'object' ? (c as Record<string, unknown>).text : undefined))
        .filter((t): t is string => typeof t === 'string');
      into.articleBody = [o.text, ...replies].join('\n').slice(0, 1_000_000);
    }
    into.headline ??= clean(o.headline);
    into.author ??= nameOf(o.author);
    into.published ??= clean(o.datePublished, 60);
    into.siteName ??= nameOf(o.publisher);
    for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage', 'itemListElement']) {
      if (o[key] && typeof o[key] === 'object') queue.push(o[key]);
    }
  }
}

/** The page's own item types: JSON-LD top-level and @graph items (not nested ones such as itemReviewed). */
function ldTypes(json: unknown): string[] {
  const items = Array.isArray(json) ? json : [json];
  const out: string[] = [];
  for (const item of items.slice(0, 100)) {
    if (!item || typeof item !== 'object') continue;
    const o = item as Record<string, unknown>;
    const t = o['@type'];
    for (const v of Array.isArray(t) ? t : [t]) if (typeof v === 'string') out.push(v);
    if (Array.isArray(o['@graph'])) out.push(...ldTypes(o['@graph']));
  }
  return out;
}

const PRODUCT_OG = /^(og:)?product(\.item)?$/i;
const PRODUCT_ITEM = /schema\.org\/Product\/?$/i;

/**
 * The product statements of one element, as the walk meets it: its microdata item type, an
 * og:type meta (any of them, not only the first), a JSON-LD block's top-level types.
 */
function statesProduct(el: Element, json?: unknown): boolean {
  if (json !== undefined) return ldTypes(json).includes('Product');
  if (el.name === 'meta') {
    const key = (el.attribs.property ?? el.attribs.name ?? '').toLowerCase();
    return key === 'og:type' && PRODUCT_OG.test((el.attribs.content ?? '').trim());
  }
  return el.name !== 'script' && PRODUCT_ITEM.test((el.attribs.itemtype ?? '').trim()) && !el.attribs.itemprop;
}

export function readPageMetadata(doc: Document): PageMetadata {
  const metas = new Map<string, string>();
  let canonical: string | undefined;
  let title: string | undefined;
  let language: string | undefined;
  const ld: LdFields = {};
  const h1s: { text: string; inContent: boolean }[] = [];
  let product = false;
  // An <h1>'s text is read whole, so the walk does not enter it: its elements are only looked at
  // for product statements (a product's microdata item may start at its name).
  const productInside = (el: Element): void => {
    for (const child of el.children) {
      if (product || !isElement(child)) continue;
      if (child.name === 'script') {
        if ((child.attribs.type ?? '').toLowerCase() === 'application/ld+json')
          product = statesProduct(child, parseLd(child));
      } else if (statesProduct(child)) product = true;
      else productInside(child);
    }
  };
  const walk = (el: Element, inContent: boolean): void => {
    const name = el.name;
    if (!product && statesProduct(el)) product = true;
    if (name === 'html') language ??= clean(el.attribs.lang, 40);
    else if (name === 'title') title ??= clean(rawText(el)) || undefined;
    else if (name === 'meta') {
      const key = (el.attribs.property ?? el.attribs.name ?? el.attribs.itemprop ?? '').toLowerCase();
      const content = el.attribs.content;
      if (key && content && !metas.has(key)) metas.set(key, content);
    } else if (name === 'link') {
      const rel = (el.attribs.rel ?? '').toLowerCase().split(/\s+/);
      if (rel.includes('canonical')) canonical ??= absoluteUrl(el.attribs.href);
    } else if (name === 'script') {
      if ((el.attribs.type ?? '').toLowerCase() === 'application/ld+json') {
        const json = parseLd(el);
        if (json !== undefined) {
          readLd(json, ld);
          if (!product) product = statesProduct(el, json);
        }
      }
      return;
    } else if (name === 'h1') {
      const text = collapse(rawText(el));
      if (text) h1s.push({ text, inContent });
      if (!product) productInside(el);
      return;
    }
    const within = inContent || CONTENT_ROOTS.has(name);
    for (const child of el.children) if (child.type === 'tag' || child.type === 'script') walk(child, within);
  };
  for (const child of doc.children) if (child.type === 'tag' || child.type === 'script') walk(child, false);

  const h1 =
    h1s.find((h) => h.inContent)?.text ??
    (title ? h1s.find((h) => title?.includes(h.text))?.text : undefined) ??
    h1s[0]?.text;
  const meta = (...keys: string[]) => {
    for (const k of keys) {
      const v = clean(metas.get(k), 200);
      if (v) return v;
    }
    return undefined;
  };
  const url = canonical ?? absoluteUrl(metas.get('og:url'));
  const author = ld.author ?? meta('author', 'article:author', 'parsely-author', 'dc.creator');
  const published =
    ld.published ?? meta('article:published_time', 'datepublished', 'date', 'dc.date', 'parsely-pub-date');
  const siteName = meta('og:site_name', 'application-name') ?? ld.siteName;
  const description = ['og:description', 'description', 'twitter:description']
    .map((k) => clean(metas.get(k), 5000))
    .find((v) => v !== undefined);
  const ogType = (metas.get('og:type') ?? '').trim().toLowerCase();
  const kind =
    ld.discussion || ogType === 'forum' ? 'discussion' : ld.article || ogType === 'article' ? 'article' : undefined;
  const out: PageMetadata = {
    ...(h1 ? { h1 } : {}),
    ...(title ? { title } : !h1 && ld.headline ? { title: ld.headline } : {}),
    ...(url ? { url } : {}),
    ...(author && !/^https?:/.test(author) ? { author } : {}),
    ...(published ? { published } : {}),
    ...(siteName ? { siteName } : {}),
    ...(language ? { language } : {}),
    ...(ld.articleBody ? { articleBody: ld.articleBody } : {}),
    ...(description ? { description } : {}),
    ...(kind ? { kind } : {}),
    ...(product ? { product } : {}),
  };
  return out;
}
