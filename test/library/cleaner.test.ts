import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../src/index.js';
import { cleanText, createCleaner, isRejection, OptionError } from '../../src/index.js';
import { ROOT } from '../support/cli.js';
import { readSeed } from '../support/seeds.js';

const article = (result: unknown): ArticleRecord => {
  expect(isRejection(result as never)).toBe(false);
  return result as ArticleRecord;
};

describe('cleanText', () => {
  it('cleans a seed as the CLI does: same title and body as seeds/expected', async () => {
    const names = readdirSync(join(ROOT, 'seeds/input'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const result = article(await cleanText(readSeed(name)));
      expect(`${result.title}\n${result.text}\n`).toBe(readFileSync(join(ROOT, 'seeds/expected', name), 'utf8'));
    }
  });

  it('takes a record with a URL: its host is the publisher', async () => {
    const result = article(
      await cleanText({
        text: 'A headline for the record\nThe body says something long enough to be an article paragraph here.',
        url: 'https://www.example.org/news/1',
      }),
    );
    expect(result.sourceKey).toBe('example.org');
    expect(result.url).toBe('https://www.example.org/news/1');
    expect(result.title).toBe('A headline for the record');
  });

  it('keeps a record id and metadata as given, and takes metadata.url as the URL', async () => {
    const metadata = { dump: 'CC-MAIN', url: 'https://news.example.net/a', tags: ['x'] };
    const result = article(
      await cleanText({
        id: 'doc-a',
        metadata,
        text: 'A headline for the record\nThe body says something long enough to be an article paragraph here.',
      }),
    );
    expect(result.id).toBe('doc-a');
    expect(result.metadata).toEqual(metadata);
    expect(result.sourceKey).toBe('news.example.net');
    expect(result.hash).toMatch(/^[0-9a-f]{32}$/);
    await expect(cleanText({ id: { a: 1 }, text: 'x' } as never)).rejects.toThrow(/input.id/);
  });

  it('cleans HTML when told the format', async () => {
    const result = article(
      await cleanText({
        format: 'html',
        text: '<html><head><title>T</title></head><body><nav>Home | News</nav><h1>Storm hits the coast</h1><p>The storm reached the coast on Monday night, and the rain did not stop until the morning after.</p></body></html>',
      }),
    );
    expect(result.title).toBe('Storm hits the coast');
    expect(result.text).toContain('The storm reached the coast');
    expect(result.text).not.toContain('Home | News');
  });

  it('returns a rejection with a reason code for input with no article', async () => {
    const result = await cleanText('   \n\n  ');
    expect(isRejection(result)).toBe(true);
    expect(result).toMatchObject({ reason: 'empty-input' });
  });

  it('refuses bad input and bad options with errors that quote the value', async () => {
    await expect(cleanText(42 as never)).rejects.toThrow(OptionError);
    await expect(cleanText({ text: 'x', colour: 'red' } as never)).rejects.toThrow(/"colour"/);
    await expect(cleanText({ text: 'x', format: 'pdf' } as never)).rejects.toThrow(/"pdf"/);
    await expect(cleanText('x', { pipeline: { gate: { minWords: -1 } } })).rejects.toThrow(/-1/);
  });
});

describe('createCleaner', () => {
  const topics = ['ferry', 'storm', 'market', 'school', 'bridge'];
  const siteDocs = (n: number) =>
    topics.slice(0, n).map((topic) => ({
      sourceKey: 'harbor',
      text: [
        `The ${topic} is the talk of the harbour this week`,
        `Residents said the ${topic} had changed how the whole town spends its mornings, and the council agreed to look again at the ${topic} before the summer.`,
        'Harbor Ledger thanks its readers: subscribe at the front desk for the weekly paper edition.',
      ].join('\n'),
    }));

  it('cleanBatch learns a source template across the batch and applies it to the first document too', async () => {
    const cleaner = createCleaner();
    const results = await cleaner.cleanBatch(siteDocs(5));
    await cleaner.close();
    expect(results).toHaveLength(5);
    for (const result of results) {
      const a = article(result);
      expect(a.text).not.toContain('Harbor Ledger thanks');
      expect(a.changes.some((c) => c.rule === 'source-template')).toBe(true);
    }
  });

  it('learn then stream gives what cleanBatch gives, one document at a time', async () => {
    const batch = createCleaner();
    const expected = await batch.cleanBatch(siteDocs(5));
    await batch.close();
    const cleaner = createCleaner();
    await cleaner.learn(siteDocs(5));
    const streamed: unknown[] = [];
    for await (const result of cleaner.stream(siteDocs(5))) streamed.push(result);
    await cleaner.close();
    expect(streamed).toEqual(expected);
  });

  it('a closed cleaner refuses work', async () => {
    const cleaner = createCleaner();
    await cleaner.close();
    await expect(cleaner.clean('text')).rejects.toThrow(/closed/);
  });

  it('rejects unknown options', () => {
    expect(() => createCleaner({ pipelines: {} } as never)).toThrow(/"pipelines"/);
  });
});
