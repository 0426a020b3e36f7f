/**
 * The root of a listing page (a news section, a catalogue, an index: link lists are most of what
 * is left once the furniture went). Its cards are its content and their text sits in links, so by
 * text outside links alone the root would shrink to the one block of prose beside them (an intro
 * line, a cookie notice) and drop the cards as outside the content.
 */

import type { Element } from './dom.js';

/** Blocks of one run of like siblings: this many at least (a pair is not yet a grid). */
const RUN_MIN = 3;

/**
 * Link blocks that are like siblings (one parent, one tag, one class: a grid's cards, a feed's
 * entries, each a title link with its summary, authors or price) and together hold more than
 * `share` characters of text. Each card alone is a small link block; the run of them is the page.
 */
export function likeRuns(blocks: readonly Element[], text: (el: Element) => number, share: number): Set<Element> {
  const runs = new Map<unknown, Map<string, Element[]>>();
  for (const el of blocks) {
    const byKind = runs.get(el.parent) ?? new Map<string, Element[]>();
    runs.set(el.parent, byKind);
    const kind = `${el.name} ${el.attribs.class ?? ''}`;
    const run = byKind.get(kind) ?? [];
    run.push(el);
    byKind.set(kind, run);
  }
  const kept = new Set<Element>();
  for (const byKind of runs.values())
    for (const run of byKind.values()) {
      if (run.length < RUN_MIN) continue;
      if (run.reduce((n, el) => n + text(el), 0) > share) for (const el of run) kept.add(el);
    }
  return kept;
}

/** Whether a sibling of the same tag and class shows text (the element is one of a run). */
export function hasLikeSibling(el: Element, text: (el: Element) => number): boolean {
  const cls = el.attribs.class ?? '';
  for (const sib of el.parent?.children ?? []) {
    if (sib === el || sib.type !== 'tag') continue;
    if (sib.name === el.name && (sib.attribs.class ?? '') === cls && text(sib) > 0) return true;
  }
  return false;
}

/** What the root step knows of a candidate child: shares of its parent's text and prose. */
export interface RootShares {
  /** Share of the parent's visible text (links included) in the child. */
  readonly text: number;
  /** Share of the parent's text outside links in the child. */
  readonly prose: number;
  /** Characters of text outside links the parent holds beside the child (left out if it is taken). */
  readonly proseLeft: number;
}

/**
 * Whether a listing's root narrows to this child: it holds most of the text without leaving out
 * prose (the page's heading, the category's description above its grid: `left` characters at
 * most), or most of the prose and at least half of the text (the main column beside a menu of
 * categories).
 */
export function listingRootChild(s: RootShares, rootShare: number, left: number): boolean {
  return (s.text >= rootShare && s.proseLeft < left) || (s.prose >= rootShare && s.text >= 0.5);
}

/**
 * A modal dialog over the page (a consent or sign-up panel): never its body, however much prose it
 * holds beside cards whose text is all links. The page says so itself (`aria-modal`, a dialog role).
 */
export const overPage = (role: string | undefined): boolean =>
  role === 'aria-modal' || role === 'role=dialog' || role === 'role=alertdialog';
