/**
 * HTML to text blocks for the html stage, in three linear steps:
 *
 * 1. A cheap scan caps the nesting depth: htmlparser2 keeps its open-element stack with
 *    `unshift`, so nesting costs quadratic time (100,000 nested <div> take seconds). Tags deeper
 *    than the cap are removed before parsing; their text stays.
 * 2. The safety net on what is kept: what is never article text (scripts, navigation, forms,
 *    page chrome) goes, and the rest is reduced to a handful of attribute-free block tags. The
 *    extractor (src/extract/extract.ts) applies these tag rules on the tree it already parsed;
 *    htmlToBlocks applies them with sanitize-html to markup from elsewhere (a JSON-LD body).
 * 3. LineWriter writes one block per line.
 */
import { createRequire } from 'node:module';
import type sanitize from 'sanitize-html';

/**
 * sanitize-html, loaded on first use: only markup from outside the parsed page (a JSON-LD body)
 * needs it, and loading it (its own htmlparser2 and postcss) cost every pool thread and the CLI
 * about 70 ms of start-up, for text corpora that never use it. A CommonJS package, so a
 * synchronous require keeps htmlToBlocks synchronous.
 */
let sanitizer: typeof sanitize | undefined;
const sanitizeHtml = (html: string, options: sanitize.IOptions): string => {
  sanitizer ??= createRequire(import.meta.url)('sanitize-html') as typeof sanitize;
  return sanitizer(html, options);
};

/**
 * Elements whose content is never article text on any page: code, embeds, form controls, the
 * document head. The extractor (src/extract/) removes them before it scores blocks.
 */
export const NEVER_TEXT_TAGS = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'canvas',
  'svg',
  'math',
  'button',
  'select',
  'option',
  'datalist',
  'textarea',
  'input',
  'label',
  'dialog',
  'audio',
  'video',
  'map',
  'title',
  'head',
] as const;

/**
 * Elements this safety net drops with their whole content: the never-text ones and page furniture
 * (navigation, asides, menus, forms), which the extractor has already weighed on the page.
 */
export const DROPPED_TAGS = [...NEVER_TEXT_TAGS, 'nav', 'aside', 'form', 'menu'] as const;

/**
 * Page header and footer: dropped at page level, kept inside <article> or <main>, where
 * <header> holds the headline and standfirst and <footer> may hold a last line of content.
 * A headline inside a dropped page header is not lost: the title comes from the metadata pass.
 */
const CHROME_TAGS = new Set(['header', 'footer']);
const CONTENT_ROOTS = new Set(['article', 'main']);

/** ARIA roles that mark the same furniture as the dropped tags. */
const DROPPED_ROLES = new Set(['navigation', 'search', 'complementary', 'banner', 'contentinfo', 'dialog', 'menu']);

/** Elements that start and end a line of text. */
const BLOCK_TAGS = [
  'address',
  'article',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'ol',
  'p',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
] as const;

const DROP_MARKER = 'cleanwire-drop';

/** Tags that end a line in the block writer: the block tags, <br> and <pre>. */
export const LINE_TAGS: ReadonlySet<string> = new Set<string>([...BLOCK_TAGS, 'br', 'pre']);

/** Elements whose text the block writer never reads, wherever they are. */
export const SKIPPED_TEXT_TAGS = ['script', 'style', 'textarea', 'option', 'xmp'] as const;

/** Elements that never have content, and elements that close themselves when a sibling opens. */
const VOID_TAGS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'tbody', 'thead', 'tfoot']);

export interface DepthCap {
  readonly html: string;
  /** Tags removed because they were nested deeper than the cap. */
  readonly removed: number;
  readonly maxDepth: number;
}

/**
 * Removes tags nested deeper than `cap` (counting elements that can nest: not void elements, not
 * those a sibling closes implicitly). One regex pass; the HTML is returned untouched when no
 * element is that deep.
 */
export function capNesting(html: string, cap: number): DepthCap {
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
  const maxDepth = deepestNesting(html);
  if (maxDepth <= cap) return { html, removed: 0, maxDepth };
  let excess = 0;
  let depth = 0;
  const out = html.replace(tag, (whole, close: string, rawName: string, selfClose: string) => {
    const name = rawName.toLowerCase();
    if (VOID_TAGS.has(name) || SELF_CLOSING_SIBLINGS.has(name) || selfClose) return whole;
    if (close) {
      const deep = depth > cap;
      depth = Math.max(0, depth - 1);
      if (!deep) return whole;
      excess++;
      return ' ';
    }
    if (++depth <= cap) return whole;
    excess++;
    return ' ';
  });
  return { html: out, removed: excess, maxDepth };
}

const SLASH = 0x2f;
const isAsciiLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
/** [a-zA-Z0-9:-] */
const isNameChar = (c: number): boolean => isAsciiLetter(c) || (c >= 0x30 && c <= 0x3a) || c === 0x2d;

/**
 * A tag name of up to six ASCII letters as a number, case folded (five bits a letter); -1 for any
 * other name. The names that do not nest (VOID_TAGS, SELF_CLOSING_SIBLINGS) are all such names,
 * so the depth scan looks them up without a lower-cased copy of every tag name.
 */
function nameKey(s: string, start: number, end: number): number {
  if (end - start > 6) return -1;
  let key = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) return -1;
    key = key * 32 + (c - 0x60);
  }
  return key;
}
const FLAT_KEYS: ReadonlySet<number> = new Set(
  [...VOID_TAGS, ...SELF_CLOSING_SIBLINGS].map((name) => nameKey(name, 0, name.length)),
);

/**
 * The deepest nesting capNesting's tag pattern finds: the same matches as
 * `<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>` scanned left to right (a
 * quote inside a tag runs to its closing quote; a tag whose quote never closes is no tag, and the
 * scan goes on after its '<'), found with indexOf instead of a regex: this runs over every page.
 * The next '>', '"' and "'" are remembered while the scan moves forward.
 */
function deepestNesting(html: string): number {
  let depth = 0;
  let maxDepth = 0;
  const end = html.length;
  // Next '>', '"', "'" at or after the scan position (-1: none left); -2: not looked up yet.
  let gt = -2;
  let dq = -2;
  let sq = -2;
  let at = html.indexOf('<');
  while (at >= 0) {
    let i = at + 1;
    const closing = html.charCodeAt(i) === SLASH;
    if (closing) i++;
    if (!isAsciiLetter(html.charCodeAt(i))) {
      at = html.indexOf('<', at + 1);
      continue;
    }
    const nameStart = i;
    while (i < end && isNameChar(html.charCodeAt(i))) i++;
    const nameEnd = i;
    let close = -1;
    for (;;) {
      if (gt !== -1 && gt < i) gt = html.indexOf('>', i);
      if (gt === -1) break;
      if (dq !== -1 && dq < i) dq = html.indexOf('"', i);
      if (sq !== -1 && sq < i) sq = html.indexOf("'", i);
      const quote = dq === -1 ? sq : sq === -1 ? dq : Math.min(dq, sq);
      if (quote === -1 || quote > gt) {
        close = gt;
        break;
      }
      const closeQuote = html.indexOf(quote === dq ? '"' : "'", quote + 1);
      if (closeQuote === -1) break;
      i = closeQuote + 1;
    }
    if (close === -1) {
      // No tag here: the scan goes on from the next '<', which may lie before what was looked up.
      gt = dq = sq = -2;
      at = html.indexOf('<', at + 1);
      continue;
    }
    const selfClosing = close - 1 >= i && html.charCodeAt(close - 1) === SLASH;
    if (!(selfClosing || FLAT_KEYS.has(nameKey(html, nameStart, nameEnd)))) {
      if (closing) depth = Math.max(0, depth - 1);
      else if (++depth > maxDepth) maxDepth = depth;
    }
    at = html.indexOf('<', close + 1);
  }
  return maxDepth;
}

/** The same white space the block writer folds: not U+00A0, which normalize handles and records. */
const collapse = (s: string): string => s.replace(/[ \t\n\r\f]+/g, ' ').trim();

/**
 * A <title> usually ends in the site's name ("Headline | Site", "Headline - Site"): the last
 * segment goes when it is short (at most four words) and shorter than what is left.
 */
export function headlineFromTitle(title: string): string {
  let headline = collapse(title);
  for (let round = 0; round < 2; round++) {
    const m = /^(.*\S)\s+(?:\||-|–|—|::|»|·)\s+(\S.*)$/.exec(headline);
    if (!m?.[1] || !m[2]) break;
    const words = m[2].split(' ').length;
    if (words > 4 || m[2].length >= m[1].length) break;
    headline = m[1];
  }
  return headline;
}

export interface Blocks {
  readonly lines: string[];
  /** Dropped elements per kind (tag name, or `role=...`, or `hidden`), outermost only. */
  readonly dropped: ReadonlyMap<string, number>;
}

/** Drops page furniture and returns the remaining text as blocks, one a line. */
export function htmlToBlocks(html: string): Blocks {
  const dropped = new Map<string, number>();
  const open: string[] = [];
  const count = (kind: string) => dropped.set(kind, (dropped.get(kind) ?? 0) + 1);
  const reduced = sanitizeHtml(html, {
    allowedTags: [...LINE_TAGS],
    allowedAttributes: {},
    nonTextTags: [DROP_MARKER, ...SKIPPED_TEXT_TAGS],
    onOpenTag: (name) => open.push(name),
    onCloseTag: () => open.pop(),
    transformTags: {
      '*': (tagName, attribs) => {
        const kind = dropKind(tagName, attribs, open);
        if (!kind) return { tagName, attribs };
        count(kind);
        return { tagName: DROP_MARKER, attribs: {} };
      },
    },
  });
  return { lines: blocksOf(reduced), dropped };
}

/** Why an element is dropped with its content, or undefined to keep it. `open` ends with the element. */
function dropKind(tag: string, attribs: Readonly<Record<string, string>>, open: readonly string[]): string | undefined {
  if ((DROPPED_TAGS as readonly string[]).includes(tag)) return tag;
  if (CHROME_TAGS.has(tag)) {
    const ancestors = open.slice(0, -1);
    return ancestors.some((t) => CONTENT_ROOTS.has(t)) ? undefined : tag;
  }
  if ('hidden' in attribs || attribs['aria-hidden'] === 'true') return 'hidden';
  const role = attribs.role?.toLowerCase();
  if (role && DROPPED_ROLES.has(role)) return `role=${role}`;
  return undefined;
}

const ENTITY: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };
const decodeEscapes = (s: string): string => s.replace(/&(?:amp|lt|gt|quot);/g, (e) => ENTITY[e] ?? e);

/**
 * Writes text and line-ending tags as lines: a line-ending tag (see LINE_TAGS) ends a line;
 * outside <pre> white space runs fold to one space, inside each source line is a line. The
 * extractor (src/extract/extract.ts) feeds it from the parsed tree; blocksOf from sanitize-html's
 * reduced markup.
 */
export class LineWriter {
  readonly lines: string[] = [];
  private line = '';
  private pre = 0;

  /** Text, entities decoded. */
  text(text: string): void {
    if (this.pre) {
      const parts = text.split('\n');
      parts.forEach((part, i) => {
        if (i > 0) this.flush();
        this.line += part;
      });
    } else {
      this.line += text.replace(/[ \t\n\r\f]+/g, ' ');
    }
  }

  /** A line-ending tag, opening or closing. */
  tag(name: string, closing: boolean): void {
    this.flush();
    if (name === 'pre') this.pre = Math.max(0, this.pre + (closing ? -1 : 1));
  }

  end(): string[] {
    this.flush();
    return this.lines;
  }

  private flush(): void {
    const text = this.line.trim();
    if (text) this.lines.push(this.pre ? text : text.replace(/ {2,}/g, ' '));
    this.line = '';
  }
}

/**
 * Lines of the reduced markup sanitize-html wrote: only the allowed tags, no attributes, text
 * escaped as &amp; &lt; &gt;. Block tags and <br> end a line; inside <pre> each source line is one.
 */
function blocksOf(reduced: string): string[] {
  const out = new LineWriter();
  for (const m of reduced.matchAll(/<(\/?)([a-z0-9-]+)[^>]*>|[^<]+/g)) {
    const name = m[2];
    if (name === undefined) out.text(decodeEscapes(m[0]));
    else out.tag(name, m[1] === '/');
  }
  return out.end();
}
