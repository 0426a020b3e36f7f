/**
 * Properties of the whole pipeline on generated articles: real sentences (from the seeds' clean
 * articles) arranged into new articles, then damaged the way scraped news is damaged.
 *  - no content line of the clean article is lost;
 *  - no word is invented (every output word is spelled out in the input, spaces aside);
 *  - cleaning is idempotent: cleaning the output again changes nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';
import { cleanText } from './support/pipeline.js';

const expectedDir = join(ROOT, 'seeds/expected');
const sentences = [
  ...new Set(
    readdirSync(expectedDir).flatMap((f) =>
      readFileSync(join(expectedDir, f), 'utf8')
        .split('\n')
        .slice(1)
        .flatMap((p) => p.match(/[^.!?]+[.!?]+["”’]?(\s|$)/g) ?? [])
        .map((s) => s.trim())
        .filter((s) => s.split(' ').length >= 6),
    ),
  ),
];

const paragraph = fc.uniqueArray(fc.constantFrom(...sentences), { minLength: 1, maxLength: 3 }).map((s) => s.join(' '));
const headline = fc
  .constantFrom(...sentences)
  .map((s) =>
    s
      .replace(/[.!?"”’]+$/, '')
      .split(' ')
      .slice(0, 9)
      .join(' '),
  )
  .filter((h) => /^[A-Z“"']/.test(h));
const article = fc
  .record({ title: headline, body: fc.uniqueArray(paragraph, { minLength: 2, maxLength: 8 }) })
  .filter(
    ({ title, body }) =>
      !body.includes(title) &&
      new Set(body.flatMap((p) => p.split(/(?<=[.!?])\s/))).size ===
        body.flatMap((p) => p.split(/(?<=[.!?])\s/)).length,
  );

const header = fc.constantFrom([], ['World News'], ['Home » News » World'], ['Politics', 'Top Stories']);
const trailer = fc.constantFrom(
  [],
  ['Leave a Reply', 'Your email address will not be published. Required fields are marked *'],
  ['Share this:', 'Facebook', 'Twitter', 'WhatsApp'],
  ['Related Sources:', '• Source 1 • Source 2'],
  ['Source link'],
);
const repeat = fc.constantFrom('none', 'body', 'last');
const separator = fc.constantFrom('\n', '\n\n');

const noisy = fc
  .record({ article, header, trailer, repeat, separator })
  .map(({ article: a, header: h, trailer: t, repeat: r, separator: sep }) => {
    const body = r === 'body' ? [...a.body, ...a.body] : r === 'last' ? [...a.body, a.body.at(-1) ?? ''] : a.body;
    return { clean: [a.title, ...a.body], input: [...h, a.title, ...body, ...t].join(sep) };
  });

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

describe('pipeline properties', () => {
  it('loses no line of the clean article', async () => {
    await fc.assert(
      fc.asyncProperty(noisy, async ({ clean, input }) => {
        const { text } = await cleanText(input);
        const lines = new Set((text ?? '').split('\n'));
        for (const line of clean) expect(lines, `missing: ${line}`).toContain(line);
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it('invents no word', async () => {
    await fc.assert(
      fc.asyncProperty(noisy, async ({ input }) => {
        const { text } = await cleanText(input);
        const spelled = input.toLowerCase().replace(/\s+/g, '');
        for (const word of words(text ?? '')) expect(spelled, `invented: ${word}`).toContain(word);
      }),
      { numRuns: 60, seed: 43 },
    );
  });

  it('is idempotent', async () => {
    await fc.assert(
      fc.asyncProperty(noisy, async ({ input }) => {
        const once = await cleanText(input);
        if (once.text === undefined) return;
        const twice = await cleanText(`${once.text}\n`);
        expect(twice.text).toBe(once.text);
      }),
      { numRuns: 60, seed: 44 },
    );
  });
});
