/**
 * Post signatures on a thread: the poster's lines under every post, in a block labelled
 * `signature`. Two or more go; a single labelled block (an article's closing signature) stays.
 */
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract/extract.js';

const POSTS = [
  'Has anyone measured how far the new board goes on one charge? I did twenty miles on Friday and ten on Sunday.',
  'About eighteen miles for me on flat roads, less in the hills. Cold weather takes another fifth off that.',
  'Same here: the battery sag shows after fifteen miles, so I plan my rides around a charger at work.',
];
const SIG = ['Riding since 2015, two boards and counting.', 'Builds and repairs: see my profile.'] as const;
const post = (text: string, sig?: string): string =>
  `<div class="post"><div class="content"><p>${text}</p></div>${sig ? `<div class="signature">${sig}</div>` : ''}</div>`;
const thread = (body: string): string =>
  `<html><head><title>What is your range?</title></head><body><main><h1>What is your range?</h1>${body}</main></body></html>`;

describe('extract: post signatures', () => {
  it('drops a signature under each post and records each one', () => {
    const r = extractPage(
      thread(post(POSTS[0] ?? '', SIG[0]) + post(POSTS[1] ?? '', SIG[1]) + post(POSTS[2] ?? '', SIG[0])),
    );
    expect(r.lines).toEqual(['What is your range?', ...POSTS]);
    expect(r.removals.filter((x) => x.rule === 'post-signature')).toEqual(
      [SIG[0], SIG[1], SIG[0]].map((text) => ({
        rule: 'post-signature',
        tag: 'div',
        text,
        length: text.length,
        evidence: { label: 'signature', copies: 3 },
      })),
    );
  });

  it('leaves a single labelled block alone, and blocks that are most of the page', () => {
    const one = extractPage(thread(post(POSTS[0] ?? '') + post(POSTS[1] ?? '', SIG[0])));
    expect(one.lines).toEqual(['What is your range?', POSTS[0], POSTS[1], SIG[0]]);
    expect(one.removals.filter((x) => x.rule === 'post-signature')).toEqual([]);
    const most = extractPage(
      thread(
        `<div class="signature-dishes"><p>${POSTS[0]}</p></div><div class="signature-dishes"><p>${POSTS[1]}</p></div>`,
      ),
    );
    expect(most.lines).toEqual(['What is your range?', POSTS[0], POSTS[1]]);
    expect(most.removals.filter((x) => x.rule === 'post-signature')).toEqual([]);
  });
});
