import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';

const readJsonl = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('cleanwire clean', () => {
  it('writes OUT/REL.txt, articles.jsonl and rejected.jsonl for a folder', async () => {
    const input = tempDir();
    const out = tempDir();
    mkdirSync(join(input, 'site'));
    writeFileSync(
      join(input, 'site/a.txt'),
      'A headline that is long enough\nA first paragraph of the article body that says something.\n',
    );
    writeFileSync(join(input, 'site/b.doc'), '%PDF-1.4');
    const result = await runCli(['clean', input, '--out', out, '--no-progress']);
    expect(result.stderr).toContain('1 article(s), 1 rejected');
    expect(result.code).toBe(0);
    expect(readFileSync(join(out, 'site/a.txt'), 'utf8')).toBe(
      'A headline that is long enough\nA first paragraph of the article body that says something.\n',
    );
    const [article] = readJsonl(join(out, 'articles.jsonl'));
    expect(article).toMatchObject({ source: 'site/a.txt', sourceKey: 'site', title: 'A headline that is long enough' });
    expect(readJsonl(join(out, 'rejected.jsonl'))).toEqual([
      {
        source: 'site/b.doc',
        reason: 'unsupported-type',
        message: '".doc" is not .txt, .html, .htm, .pdf, .jsonl, .ndjson, .warc or .wet (optionally .gz or .zst)',
      },
    ]);
  });

  it('exits 2 with a clear message for a path that does not exist', async () => {
    const result = await runCli(['clean', '/no/such/path', '--out', tempDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot read "/no/such/path": no such file or directory');
  });

  it('exits 2 when --out is missing', async () => {
    const result = await runCli(['clean', tempDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("required option '-o, --out <dir>' not specified");
  });
});
