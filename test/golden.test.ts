/**
 * The seeds are the founding examples: `cleanwire clean seeds/input` must produce exactly the
 * clean articles decided in seeds/expected (see seeds/README.md for why each line stays or goes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './support/cli.js';

const seeds = readdirSync(join(ROOT, 'seeds/input'))
  .filter((f) => f.endsWith('.txt'))
  .sort();

describe('golden seeds', () => {
  const out = tempDir();
  let stderr = '';

  beforeAll(async () => {
    const result = await runCli(['clean', join(ROOT, 'seeds/input'), '--out', out, '--no-progress']);
    stderr = result.stderr;
    expect(result.code).toBe(0);
  });

  it('finds all five seeds', () => {
    expect(seeds).toHaveLength(5);
    expect(stderr).toContain('cleaned 5 input file(s): 5 article(s), 0 rejected');
  });

  it.each(seeds)('%s matches seeds/expected', (name) => {
    const got = readFileSync(join(out, name), 'utf8');
    const want = readFileSync(join(ROOT, 'seeds/expected', name), 'utf8');
    expect(got).toBe(want);
  });

  it('records one article per seed, with title and body matching the file', () => {
    const records = readFileSync(join(out, 'articles.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((r) => r.source)).toEqual(seeds);
    for (const record of records) {
      expect(`${record.title}\n${record.text}\n`).toBe(
        readFileSync(join(ROOT, 'seeds/expected', record.source), 'utf8'),
      );
      expect(record.lang).toBe('eng');
    }
  });
});
