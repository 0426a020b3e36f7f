/**
 * appendLine from several processes at once, with records far over the 512 KiB at which
 * fs.appendFile splits its writes: every line must come out whole.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/cli.js';
import { startProcess } from '../support/queue-processes.js';

const WRITER = `
import { appendLine } from './src/output/writer.ts';
const [path, tag, count, size] = process.argv.slice(-4);
const filler = tag.repeat(Number(size));
await Promise.all(Array.from({ length: Number(count) }, (_, i) => appendLine(path, JSON.stringify({ tag, i, filler }))));
`;

describe('appendLine', () => {
  it('keeps 1 MB records from three processes whole', async () => {
    const path = join(tempDir(), 'shared.jsonl');
    const writers = ['a', 'b', 'c'].map((tag) =>
      startProcess(process.execPath, [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        WRITER,
        path,
        tag,
        '8',
        '1048576',
      ]),
    );
    const ended = await Promise.all(writers.map((w) => w.exited()));
    expect(ended.map((e) => e.code)).toEqual([0, 0, 0]);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const records = lines.map((line) => JSON.parse(line) as { tag: string; i: number; filler: string });
    expect(records).toHaveLength(24);
    for (const r of records) expect(r.filler).toBe(r.tag.repeat(1048576));
    expect(new Set(records.map((r) => `${r.tag}${r.i}`)).size).toBe(24);
  });
});
