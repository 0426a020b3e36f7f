import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';

const readJsonl = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const BODY = [
  'Night buses for the north',
  'The city council voted on Tuesday to extend the night bus network to the northern districts, a plan debated for three years.',
  'Supporters said the new routes would help shift workers, while critics pointed to the cost, estimated at four million a year.',
  'The first buses are expected to run in the spring, once drivers have been hired and trained for the new routes.',
];

describe('cleanwire clean --isolated', () => {
  it('cleans each input on its own: a near-copy is marked in one batch, not when isolated', async () => {
    const input = tempDir();
    mkdirSync(join(input, 'site'));
    writeFileSync(join(input, 'site/a.txt'), `${BODY.join('\n')}\n`);
    writeFileSync(join(input, 'site/b.txt'), `${BODY.join('\n').replace('Tuesday', 'Monday')}\n`);
    const batch = tempDir();
    const alone = tempDir();
    expect((await runCli(['clean', input, '--out', batch, '--no-progress'])).code).toBe(0);
    expect((await runCli(['clean', input, '--out', alone, '--no-progress', '--isolated'])).code).toBe(0);
    const batchRecords = readJsonl(join(batch, 'articles.jsonl'));
    const aloneRecords = readJsonl(join(alone, 'articles.jsonl'));
    expect(batchRecords.map((r) => r.source)).toEqual(['site/a.txt', 'site/b.txt']);
    expect(aloneRecords.map((r) => r.source)).toEqual(['site/a.txt', 'site/b.txt']);
    expect(batchRecords.filter((r) => r.duplicateOf)).toHaveLength(1);
    expect(aloneRecords.filter((r) => r.duplicateOf)).toHaveLength(0);
    expect(aloneRecords.map((r) => r.text)).toEqual(batchRecords.map((r) => r.text));
  });
});
