/**
 * Main-content extraction on the parsed page, in four passes over the tree, each linear:
 *
 * 1. strip: what is never content goes, whatever the page: scripts and other non-text elements,
 *    hidden elements, navigation/aside/ARIA furniture, page-level header and footer.
 * 2. measure: per element, its text and link text (characters).
 * 3. prune: blocks the page labels as furniture (class/id words: comment, related, share,
 *    sidebar...) and blocks made mostly of links (menus, tag clouds, card lists). A kind of prune is
 *    given up when it would leave the page without a body, because then that kind *is* the body
 *    (a forum whose posts are marked `comment`, a listing page made of links).
 * 4. root: the deepest element that holds most of what is left ("mass" = text outside links), with
 *    a lower bar for elements the page marks as its content (<article>, <main>, itemprop).
 *
 * Every removal of visible text becomes a Removal with the text (capped) and its evidence.
 */
import { BLOCKS, childElements, findBody, isContainer, round } from './blocks.js';
import { blockText, collapse, type Document, type Element, isElement, rawText, removeNode } from './dom.js';
import { repeatedFields } from './fields.js';
import { fillInFields } from './forms.js';
import { copyOf, shownLetters } from './hidden-copies.js';
import {
  CHROME_TAGS,
  CONTENT_TAGS,
  classHint,
  contentMarker,
  FURNITURE_TAGS,
  furnitureRole,
  hiddenKind,
  JUNK_TAGS,
} from './hints.js';
import { hasLikeSibling, likeRuns, listingRootChild, overPage } from './listing.js';
import { amidProse, proseBeside } from './neighbours.js';
import { PART_SHARE, partWord } from './parts.js';
import { CODE_TAGS, COMMENT_WORDS, commentLabelled, commentThread, scriptData } from './signals.js';
import { stopwordDensity, stopwordLanguage, wordsOf } from './stopwords.js';
import { teaserRows } from './teasers.js';

export interface Removal {
  readonly rule: string;
  readonly tag: string;
  /** The removed text, white space folded, capped at REMOVED_CAP characters. */
  readonly text: string;
  /** Length of the whole removed text. */
  readonly length: number;
  readonly evidence: Readonly<Record<string, string | number>>;
}

export interface Extraction {
  /** The element whose (pruned) subtree is the content; the document when nothing narrower holds it. */
  readonly root: Element | Document;
  readonly removals: readonly Removal[];
  /** Non-text elements removed (script, style, ...), counted per tag. */
  readonly dropped: ReadonlyMap<string, number>;
  /** Characters of text outside links left in the root. */
  readonly mass: number;
}

export interface ExtractOptions {
  /** Share of the page's remaining text an element must hold to be the root. Default 0.8. */
  readonly rootShare?: number;
  /** The same for an element the page marks as content (<article>, <main>, itemprop=articleBody). */
  readonly markedRootShare?: number;
  /** Link text share above which a block is a link list. */
  readonly linkDensity?: number;
  /** Read <noscript> content as page content (for pages that show their text only there). */
  readonly noscript?: boolean;
  /** The page's `<html lang>`, for the stop-word list (else the language is guessed from the page). */
  readonly lang?: string | undefined;
  /** Keep hidden blocks (not screen-reader-only ones): for pages that hide all until a script runs. */
  readonly keepHidden?: boolean;
  /**
   * What the page declares itself to be (metadata `kind`). On an `article` page, an element marked
   * as content by its tag but labelled a comment by its class/id (`<article class="comment">`) is
   * a reader's comment, not the story: it neither marks content nor shields the thread around it.
   */
  readonly pageKind?: 'article' | 'discussion' | undefined;
}

export const REMOVED_CAP = 200;
const HIDDEN_KEPT = 3000;
/** Characters and link share of a hidden block that reads as a collapsed panel of prose. */
const HIDDEN_PROSE_MIN = 400;
const HIDDEN_PROSE_LINKS = 0.2;
const LISTING_SHARE = 0.4;
const LISTING_REST = 0.3;
/** Share of the page's text a run of like link blocks (cards) holds to be the page's content. */
const RUN_SHARE = 0.2;
/** A listing's root leaves out no prose beside its cards (its heading, its description): under 1 character. */
const LISTING_PROSE_LEFT = 1;
/** Link share above which a block's words are read for prose (jusText: 0.2 marks a block bad). */
const LINKISH = 0.2;
/** Stop-word share below which a linking block is not prose. */
const PROSE_MIN = 0.1;
/** Levels of given-up hint groups searched inside (each a pass over those groups' subtrees). */
const HINT_ROUNDS = 3;
/** Stop-word share of a block kept beside the root as running text. */
const SIBLING_PROSE_MIN = 0.3;
/** Text nodes sampled for the language guess (a few thousand words on most pages). */
const SAMPLE_PARTS = 2000;
/** Characters of prose a body has at least (a paragraph or two). */
const BODY_MIN = 200;

interface Stat {
  text: number;
  link: number;
  links: number;
  /** Content markers (<article>, <main>, itemprop=articleBody) inside the element. */
  markers: number;
  /** Link lists pruned inside the element (3b): a row of cards keeps its descriptions, not its titles. */
  lists?: number;
}

const countText = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 12) n++;
  }
  return n;
};

/**
 * A collapsed panel of prose (an accordion, a tab, a "read more"): a script shows it on a click,
 * and its text is the page's. A hidden menu or dropdown is mostly links, and a hidden label is
 * short.
 */
function hiddenProse(el: Element): boolean {
  let text = 0;
  let link = 0;
  const walk = (node: Element, inLink: boolean): void => {
    for (const child of node.children) {
      if (child.type === 'text') {
        const n = countText(child.data);
        text += n;
        if (inLink) link += n;
      } else if (child.type === 'tag') walk(child, inLink || child.name === 'a');
    }
  };
  walk(el, false);
  return text >= HIDDEN_PROSE_MIN && link < HIDDEN_PROSE_LINKS * text;
}

export function extractContent(doc: Document, options: ExtractOptions = {}): Extraction {
  const articlePage = options.pageKind === 'article';
  /** A reader's comment on an article page: its <article> tag does not make it the story. */
  const commentItem = (el: Element): boolean => articlePage && commentLabelled(el);
  /** The page's own content marker, not counting comment items of an article page. */
  const marker = (el: Element): number => (contentMarker(el) > 0 && !commentItem(el) ? contentMarker(el) : 0);
  /** Inside an element the page marks as its content (its header and footer are the story's). */
  const insideContent = (el: Element): boolean => {
    for (let p = el.parent; p && p.type !== 'root'; p = p.parent) {
      const e = p as Element;
      if ((CONTENT_TAGS.has(e.name) || contentMarker(e) > 0) && !commentItem(e)) return true;
    }
    return false;
  };
  const rootShare = options.rootShare ?? 0.8;
  const markedRootShare = options.markedRootShare ?? 0.4;
  const linkDensity = options.linkDensity ?? 0.5;
  const removals: Removal[] = [];
  const dropped = new Map<string, number>();
  const remove = (el: Element, rule: string, evidence: Record<string, string | number>): void => {
    const text = collapse(blockText(el));
    if (text) removals.push({ rule, tag: el.name, text: text.slice(0, REMOVED_CAP), length: text.length, evidence });
    removeNode(el);
  };

  // 1. strip
  /** Hidden blocks kept as content a script reveals, and how they are hidden. */
  const keptHidden = new Map<Element, string>();
  /** Forms to fill in (forms.ts) and their fields, found before the fields are stripped. */
  const fillIn = new Map<Element, number>();
  const strip = (parent: Element | Document, inCode = false): void => {
    for (const node of [...parent.children]) {
      if (node.type === 'comment' || node.type === 'directive' || node.type === 'cdata') {
        removeNode(node);
        continue;
      }
      if (!isElement(node)) continue;
      const name = node.name;
      if (name === 'noscript' && options.noscript) {
        strip(node, inCode);
        continue;
      }
      if (JUNK_TAGS.has(name)) {
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        removeNode(node);
        continue;
      }
      const hidden = hiddenKind(node);
      // A hidden block this big is content a script reveals, not a menu or a label.
      if (
        hidden &&
        (hidden === 'screen-reader-only' ||
          (!options.keepHidden && countText(rawText(node)) < HIDDEN_KEPT && !hiddenProse(node)))
      ) {
        remove(node, 'hidden', { by: hidden });
        continue;
      }
      if (hidden) keptHidden.set(node, hidden);
      // Read before its fields go with the never-text elements below.
      const fields = name === 'form' ? fillInFields(node) : 0;
      if (fields > 0) fillIn.set(node, fields);
      const code = inCode || CODE_TAGS.has(name);
      if (!code && scriptData(node)) {
        remove(node, 'script-data', { format: 'json' });
        continue;
      }
      strip(node, code);
    }
  };
  strip(doc);
  // A kept hidden block whose text the page already shows is a second copy of it (hidden-copies.ts).
  if (keptHidden.size > 0) {
    const shown = shownLetters(doc, new Set(keptHidden.keys()));
    for (const [el, by] of keptHidden) {
      if (attached(el) && copyOf(letters(rawText(el)), shown)) remove(el, 'hidden', { by, copy: 'of shown text' });
    }
  }

  // 2. measure
  const stats = new Map<Element, Stat>();
  /** The page's first text nodes, to guess its stop-word language from when <html lang> does not say. */
  const sample: string[] = [];
  /** Description lists, for the per-post author fields of a discussion. */
  const lists: Element[] = [];
  const measure = (el: Element | Document, inLink: boolean): Stat => {
    const s: Stat = { text: 0, link: 0, links: 0, markers: 0 };
    for (const child of el.children) {
      if (child.type === 'text') {
        if (sample.length < SAMPLE_PARTS) sample.push(child.data);
        const n = countText(child.data);
        s.text += n;
        if (inLink) s.link += n;
      } else if (isElement(child)) {
        if (child.name === 'dl') lists.push(child);
        const isLink = child.name === 'a' && !inLink;
        const c = measure(child, inLink || isLink);
        s.text += c.text;
        s.link += c.link;
        s.links += c.links + (isLink ? 1 : 0);
        s.markers += c.markers + (marker(child) > 0 ? 1 : 0);
      }
    }
    if (el.type !== 'root') stats.set(el as Element, s);
    return s;
  };
  const total = measure(doc, false);
  const statOf = (el: Element): Stat => stats.get(el) ?? { text: 0, link: 0, links: 0, markers: 0 };
  const holdsMarker = (el: Element): boolean => statOf(el).markers > 0;
  const massOf = (el: Element): number => {
    const s = statOf(el);
    return s.text - s.link;
  };
  let remaining = total.text - total.link;
  let remainingText = total.text;
  /** Removes `el` and takes its counts off every ancestor. */
  const prune = (el: Element, rule: string, evidence: Record<string, string | number>): void => {
    const s = statOf(el);
    for (let p = el.parent; p && p.type !== 'root'; p = p.parent) {
      const ps = stats.get(p as Element);
      if (!ps) continue;
      ps.text -= s.text;
      ps.link -= s.link;
      ps.links -= s.links;
      if (rule === 'link-density') ps.lists = (ps.lists ?? 0) + 1;
    }
    remaining -= s.text - s.link;
    remainingText -= s.text;
    remove(el, rule, evidence);
  };
  /** Most of the page's text, and prose rather than links: the body, whatever its tag says. */
  const holdsBody = (el: Element): boolean => {
    const st = statOf(el);
    return massOf(el) > 0.5 * remaining && massOf(el) >= BODY_MIN && st.link < 0.5 * st.text;
  };
  /** What must stay for a prune group to go: the page keeps a body of its own. */
  const floor = (): number => Math.max(250, 0.25 * remaining);

  // 3a. page-level header and footer, and class/id hints, in groups by kind; the groups that hold
  // least go first, and a group goes only if the page keeps a body without it.
  const hinted = new Map<string, { rule: string; els: Element[] }>();
  const addTo = (key: string, rule: string, el: Element): void => {
    const group = hinted.get(key) ?? { rule, els: [] };
    group.els.push(el);
    hinted.set(key, group);
  };
  const collectHints = (parent: Element | Document, inContent: boolean): void => {
    for (const el of childElements(parent)) {
      const marked = (CONTENT_TAGS.has(el.name) || contentMarker(el) > 0) && !commentItem(el);
      if (CHROME_TAGS.has(el.name) && !inContent && !holdsMarker(el) && !holdsBody(el)) {
        addTo(`<${el.name}>`, 'page-chrome', el);
        continue;
      }
      const role = furnitureRole(el);
      if ((FURNITURE_TAGS.has(el.name) || role) && !holdsMarker(el) && (overPage(role) || !holdsBody(el))) {
        addTo(FURNITURE_TAGS.has(el.name) ? `<${el.name}>` : (role ?? ''), 'furniture', el);
        continue;
      }
      // A link's class names its look (an overlay that makes a whole card clickable), not a page
      // part: links are judged by link density, with the block they stand in.
      if (el.name !== 'body' && el.name !== 'html' && el.name !== 'a' && !marked) {
        const hint = classHint(el);
        // A content word beside a furniture word vetoes it, except for a small block of an article
        // page whose class names a part of the story page (parts.ts).
        const negative = hint.positive
          ? articlePage && massOf(el) < PART_SHARE * remaining
            ? partWord(el)
            : undefined
          : hint.negative;
        // A discussion's replies are its content, whatever their class says.
        const reply = options.pageKind === 'discussion' && COMMENT_WORDS.has(negative ?? '');
        if (negative && !holdsMarker(el) && !reply) {
          const key = articlePage && COMMENT_WORDS.has(negative) && commentThread(el) ? 'comment-thread' : undefined;
          if (!givenUp.has(key ?? negative)) {
            addTo(key ?? negative, key ?? 'class-hint', el);
            continue;
          }
        }
      }
      collectHints(el, inContent || marked);
    }
  };
  // A group given up is the page's body under a furniture word (a theme that labels its main
  // column `footer-group` or every block `widget`): what its parts label furniture is still read, a
  // few levels down.
  let searched: (Element | Document)[] = [doc];
  /** Words given up once label the body here, at every level (Elementor's `widget` on each block). */
  const givenUp = new Set<string>();
  for (let round = 0; round < HINT_ROUNDS && searched.length > 0; round++) {
    hinted.clear();
    for (const el of searched) {
      if (el.type === 'root') collectHints(el, false);
      else collectHints(el, insideContent(el));
    }
    searched = [];
    const groups = [...hinted.entries()]
      .map(([word, { rule, els }]) => ({ word, rule, els, mass: els.reduce((m, el) => m + massOf(el), 0) }))
      .sort((a, b) => a.mass - b.mass);
    for (const group of groups) {
      // Tags and roles are the page's own statement, so they need less: only that the group is not
      // where most of the text is. Class words are guesses, so the page must keep a body of its own.
      // On an article page a comment thread is never the body, however long: it goes as long as a
      // body of its own is left.
      if (
        (group.rule === 'class-hint' && remaining - group.mass < floor()) ||
        (group.rule === 'comment-thread' && remaining - group.mass < BODY_MIN)
      ) {
        searched.push(...group.els);
        givenUp.add(group.word);
        continue;
      }
      for (const el of group.els) {
        prune(
          el,
          group.rule,
          group.rule === 'furniture' || group.rule === 'page-chrome' ? { kind: group.word } : { word: group.word },
        );
      }
    }
  }

  // 3a'. forms to fill in (forms.ts), once the page's chrome and labelled furniture are gone: a form
  // goes when the page keeps a body of its own without it, and never the form a page wraps its
  // body in.
  for (const [form, fields] of fillIn) {
    if (!attached(form) || holdsMarker(form) || holdsBody(form)) continue;
    if (remaining - massOf(form) < floor()) continue;
    prune(form, 'fill-in-form', { fields });
  }

  // 3a''. rows of teaser cards beside the page's own story (teasers.ts), all or none: the page
  // keeps a body of its own without them.
  const rows = teaserRows(doc, statOf, commentLabelled);
  const rowMass = rows.reduce((m, { row }) => m + massOf(row), 0);
  if (rows.length > 0 && remaining - rowMass >= floor()) {
    for (const { row, cards } of rows) prune(row, 'teaser-row', { cards });
  }

  // A discussion prints its posters' profile fields beside each post: the same terms, post after post.
  if (options.pageKind === 'discussion')
    for (const [dl, terms] of repeatedFields(lists)) if (dl.parent) prune(dl, 'repeated-fields', { terms });

  // 3b. link lists: a block whose text is mostly link text, outermost first.
  const linkLists: Element[] = [];
  const proseOf = new Map<Element, number | undefined>();
  let lang: string | undefined | null = null;
  /** Stop-word density of a block: low in link rows and tag lists, high in prose that links. */
  const prose = (el: Element): number | undefined => {
    const words = wordsOf(blockText(el));
    if (lang === null) lang = stopwordLanguage(wordsOf(sample.join(' ')), options.lang);
    return stopwordDensity(words, lang);
  };
  const collectLinks = (parent: Element | Document): void => {
    for (const el of childElements(parent)) {
      const s = statOf(el);
      const density = s.text > 0 ? s.link / s.text : 0;
      if (BLOCKS.has(el.name) && s.links > 0 && density > LINKISH && !holdsMarker(el)) {
        // Half links or more, or a good share of links in words that do not read as prose.
        const p = density > linkDensity ? undefined : prose(el);
        if (density > linkDensity || (s.links > 1 && p !== undefined && p < PROSE_MIN)) {
          // Between two paragraphs it is part of the running text: kept whole.
          if (amidProse(el, statOf)) continue;
          linkLists.push(el);
          proseOf.set(el, p);
          continue;
        }
      }
      collectLinks(el);
    }
  };
  collectLinks(doc);
  // When link lists are most of what is left, the page is a listing (news front, catalogue,
  // index): its lists are its content.
  const listText = linkLists.reduce((n, el) => n + statOf(el).text, 0);
  const listing = remainingText - listText < LISTING_REST * remainingText;
  // So is a run of like link blocks (one card each) that together hold a fifth of it.
  const cardRun = listing
    ? new Set<Element>()
    : likeRuns(linkLists, (el) => statOf(el).text, RUN_SHARE * remainingText);
  for (const el of listing ? [] : linkLists) {
    const s = statOf(el);
    // A link list that is most of the page is the page: a listing, a catalogue, an index.
    if (s.text > LISTING_SHARE * remainingText || cardRun.has(el)) continue;
    const p = proseOf.get(el);
    const words = p === undefined ? {} : { stopwordDensity: round(p) };
    prune(el, 'link-density', { linkDensity: round(s.link / s.text), links: s.links, ...words });
  }

  // 4. root
  const body = findBody(doc);
  let root: Element | Document = body ?? doc;
  /** Where the kept text starts: above `root` once prose beside a narrower root was kept. */
  let top: Element | Document | undefined;
  // On a listing the cards are its content and their text sits in links: the root holds most of
  // the text, links included (by text outside links it would be the one block of prose beside them).
  // A page that declares itself an article keeps its root by prose: precision first there.
  const cards = listing && !articlePage;
  const weigh = (el: Element): number => (cards ? statOf(el).text : massOf(el));
  const rootMass = (): number => (root.type === 'root' ? (cards ? remainingText : remaining) : weigh(root as Element));
  /** Running text by its words, where a list applies (structure decides for unspaced scripts). */
  const reads = (el: Element): boolean => (prose(el) ?? SIBLING_PROSE_MIN) >= SIBLING_PROSE_MIN;
  for (;;) {
    const whole = rootMass();
    if (whole <= 0) break;
    let next: Element | undefined;
    const proseHere = root.type === 'root' ? remaining : massOf(root as Element);
    for (const child of childElements(root)) {
      const m = weigh(child);
      const share = m / whole;
      // A footer is never the content's root, whatever prose it holds (an about-us, a city list).
      if (!isContainer(child) || child.name === 'footer') continue;
      if (cards) {
        const proseLeft = proseHere - massOf(child);
        if (
          listingRootChild(
            { text: share, prose: proseHere > 0 ? massOf(child) / proseHere : 0, proseLeft },
            rootShare,
            LISTING_PROSE_LEFT,
          )
        ) {
          next = child;
          break;
        }
        continue;
      }
      // One of a run of like marked blocks (a thread's posts, a front page's teasers) is not the
      // page's content by its mark alone: on a page not declared an article, its like siblings
      // with text keep the root above them.
      const marked = share >= markedRootShare && marker(child) > 0 && m >= 200;
      if (share >= rootShare || (marked && (articlePage || !hasLikeSibling(child, (el) => statOf(el).text)))) {
        next = child;
        break;
      }
    }
    if (!next) break;
    // Prose right beside the root continues it (a summary before, an FAQ after); loose text in the
    // parent would come along with it, so then the parent is not widened.
    // A copy of the root's own text (a second layout of the same article) is not a continuation.
    let rootLetters: string | undefined;
    const content = next;
    const continues = (el: Element): boolean => {
      if (!reads(el)) return false;
      const head = letters(blockText(el)).slice(0, 60);
      rootLetters ??= letters(blockText(content));
      return !rootLetters.includes(head);
    };
    const beside = looseText(root) || articlePage ? new Set<Element>() : proseBeside(next, statOf, continues);
    for (const sibling of childElements(root)) {
      if (sibling !== next && !beside.has(sibling) && statOf(sibling).text > 0)
        remove(sibling, 'outside-content', {
          rootTag: next.name,
          share: round(weigh(sibling) / whole),
          ...(cards ? { of: 'text' } : {}),
        });
    }
    if (beside.size > 0) top ??= root;
    root = next;
  }
  if (top) root = top;
  return { root, removals, dropped, mass: rootMass() };
}

/** Still in the page: no ancestor of it was removed. */
function attached(el: Element): boolean {
  let p: Element | Document | null = el;
  while (p && p.type !== 'root') p = p.parent as Element | Document | null;
  return p !== null;
}

/** Text directly in the element, outside its children (white space aside). */
const looseText = (el: Element | Document): boolean => el.children.some((c) => c.type === 'text' && /\S/.test(c.data));

/** Letters and digits only, lower case: to find one block's text again in another's. */
const letters = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
