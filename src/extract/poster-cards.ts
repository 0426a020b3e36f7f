/**
 * Poster cards on a thread: forum software prints beside every post a card of its author (name,
 * rank, join date, post count: "Well-known member", "410 posts · Joined 2002"), in a block the
 * page labels by class/id words: a person (`user`, `author`, `poster`, `member`) and a part of
 * their profile (`details`, `info`, `card`, `stats`), or one compound word (`postprofile`,
 * `userinfo`). The same card post after post is the template's, not what was written; `fields.ts`
 * reads the same cards when they are description lists with the same terms.
 *
 * Left alone: fewer than three labelled cards on the page (an article's one author box), a card of
 * more than a short paragraph (a profile that is the content), one that holds the <h1>, and cards
 * that together hold a third of the page's text or more.
 */
import type { Removal } from './content.js';
import type { Document, Element } from './dom.js';
import { hintWords } from './hints.js';
import { pruneLabelledCopies } from './labelled-copies.js';

const PERSON = new Set(['user', 'author', 'poster', 'member']);
const PART = new Set(['details', 'info', 'infos', 'card', 'stats']);
const COMPOUND = new Set(['postprofile', 'userinfo', 'userdetails', 'authorinfo', 'posterinfo', 'memberinfo']);

/** Asked of every element: the class and id are split into words only when they hold a person word. */
const MAYBE = /user|author|poster|member|profile/i;

function cardLabel(el: Element): string | undefined {
  const { class: cls, id } = el.attribs;
  if (!((cls !== undefined && MAYBE.test(cls)) || (id !== undefined && MAYBE.test(id)))) return undefined;
  const words = hintWords(el);
  const compound = words.find((w) => COMPOUND.has(w));
  if (compound) return compound;
  const person = words.find((w) => PERSON.has(w));
  const part = person ? words.find((w) => PART.has(w)) : undefined;
  return person && part ? `${person} ${part}` : undefined;
}

/** Removes the poster cards of a thread's posts and returns their change records. */
export function prunePosterCards(doc: Document): Removal[] {
  // A card is a few short lines (a name, a rank, a date, counts); three or more, under a third of the page.
  return pruneLabelledCopies(doc, { rule: 'poster-card', label: cardLabel, copies: 3, maxShare: 1 / 3, maxChars: 200 });
}
