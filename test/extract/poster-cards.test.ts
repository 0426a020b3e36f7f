/**
 * Poster cards on a thread: the author's name, rank and counts beside every post, in blocks
 * labelled by a person word and a profile-part word (`message-userDetails`, `author-info`) or one
 * compound word (`postprofile`). Three or more go; one author box under an article stays.
 */
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract/extract.js';
import { ARTICLE_LINES } from './pages.js';

const POSTS = [
  'Has anyone measured how far the new board goes on one charge? I did twenty miles on Friday and ten on Sunday.',
  'About eighteen miles for me on flat roads, less in the hills. Cold weather takes another fifth off that.',
  'Same here: the battery sag shows after fifteen miles, so I plan my rides around a charger at work.',
];
const CARDS = ['rider42 Well-known member', 'hillclimber New member', 'kb_tom Well-known member'];
const post = (text: string, card: string, cls = 'message-userDetails'): string =>
  `<div class="message"><div class="${cls}"><span>${card.split(' ')[0]}</span> <span>${card.split(' ').slice(1).join(' ')}</span></div><div class="message-body"><p>${text}</p></div></div>`;
const thread = (body: string): string =>
  `<html><head><title>What is your range?</title></head><body><main><h1>What is your range?</h1>${body}</main></body></html>`;

describe('extract: poster cards beside the posts of a thread', () => {
  it('drops the card beside each post and records each one', () => {
    const r = extractPage(thread(POSTS.map((p, i) => post(p, CARDS[i] ?? '')).join('')));
    expect(r.lines).toEqual(['What is your range?', ...POSTS]);
    expect(r.removals.filter((x) => x.rule === 'poster-card')).toEqual(
      CARDS.map((text) => ({
        rule: 'poster-card',
        tag: 'div',
        text,
        length: text.length,
        evidence: { label: 'user details', copies: 3 },
      })),
    );
  });

  it('reads a compound label too (phpBB postprofile)', () => {
    const r = extractPage(thread(POSTS.map((p, i) => post(p, CARDS[i] ?? '', 'postprofile')).join('')));
    expect(r.lines).toEqual(['What is your range?', ...POSTS]);
    expect(r.removals.filter((x) => x.rule === 'poster-card').map((x) => x.evidence)).toEqual(
      CARDS.map(() => ({ label: 'postprofile', copies: 3 })),
    );
  });

  it('leaves alone fewer than three cards, and an author box under an article (one card)', () => {
    const two = extractPage(
      thread(
        POSTS.slice(0, 2)
          .map((p, i) => post(p, CARDS[i] ?? ''))
          .join(''),
      ),
    );
    expect(two.lines).toEqual(['What is your range?', CARDS[0], POSTS[0], CARDS[1], POSTS[1]]);
    expect(two.removals.filter((x) => x.rule === 'poster-card')).toEqual([]);
    const article = extractPage(
      `<html><body><article><h1>Night buses</h1>${ARTICLE_LINES.map((p) => `<p>${p}</p>`).join('')}<div class="author-info">Anna Berg writes about transport.</div></article></body></html>`,
    );
    // One author box is the class-hint pass's to judge (its `author` word), not a thread's card.
    expect(article.removals.map((x) => [x.rule, x.evidence])).toEqual([['class-hint', { word: 'author' }]]);
    expect(article.lines).toEqual(['Night buses', ...ARTICLE_LINES]);
  });
});
