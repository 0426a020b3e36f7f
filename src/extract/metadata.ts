/**
 * Page metadata from the parsed tree: <title>, the headline <h1>, canonical URL, <html lang>, and
 * what publishers declare for machines: Open Graph / article meta tags and JSON-LD (schema.org
 * Article and friends). JSON-LD is untrusted text: parsed in a try, walked with a node budget, and
 * only strings are taken from it.
 */
import { collapse, type Document, type Element, rawText } from './dom.js';

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

export function readPageMetadata(doc: Document): PageMetadata {
  const metas = new Map<string, string>();
  let canonical: string | undefined;
  let title: string | undefined;
  let language: string | undefined;
  const ld: LdFields = {};
  const h1s: { text: string; inContent: boolean }[] = [];
  const walk = (el: Element, inContent: boolean): void => {
    const name = el.name;
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
        try {
          readLd(JSON.parse(rawText(el)), ld);
        } catch {
          // Broken JSON-LD is common and harmless: the page's other metadata still counts.
        }
      }
      return;
    } else if (name === 'h1') {
      const text = collapse(rawText(el));
      if (text) h1s.push({ text, inContent });
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
  };
  return out;
}
