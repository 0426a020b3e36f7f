/**
 * Progress counts documents and bytes: the events `cleanFiles` reports end at every document and
 * every input byte, never go back, and the bar shows them with a rate and a time left.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressBar } from '../../src/cli/progress.js';
import { type CleanProgress, cleanFiles } from '../../src/embedded/clean-files.js';
import { tempDir } from '../support/cli.js';

const article = (i: number) =>
  `Headline number ${i} for the test\nThe first paragraph of article ${i} says what happened on the day, and who said it.\n`;

describe('clean progress', () => {
  it('reports documents and input bytes, ending at all of them, never going back', async () => {
    const input = tempDir();
    let bytes = 0;
    for (let i = 0; i < 12; i++) {
      writeFileSync(join(input, `a${i}.txt`), article(i));
      bytes += Buffer.byteLength(article(i));
    }
    writeFileSync(join(input, 'shard.jsonl'), `${JSON.stringify({ id: 'x', text: article(99) })}\n`);
    bytes += Buffer.byteLength(article(99));
    const seen: CleanProgress[] = [];
    await cleanFiles([input], { out: tempDir(), onProgress: (p) => seen.push(p) });
    const last = seen.at(-1);
    expect(last).toMatchObject({ docs: 13, totalDocs: 13, bytes, totalBytes: bytes });
    expect(last?.steps).toBe(last?.totalSteps);
    for (let k = 1; k < seen.length; k++) {
      expect(seen[k]?.docs).toBeGreaterThanOrEqual(seen[k - 1]?.docs ?? 0);
      expect(seen[k]?.bytes).toBeGreaterThanOrEqual(seen[k - 1]?.bytes ?? 0);
    }
  });

  it('draws documents, megabytes, a rate and the time left on a terminal', () => {
    const stream = Object.assign(new PassThrough(), {
      isTTY: true,
      columns: 200,
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
    });
    let drawn = '';
    stream.on('data', (chunk: Buffer) => {
      drawn += chunk.toString();
    });
    const bar = createProgressBar(stream as unknown as NodeJS.WriteStream);
    for (let steps = 1; steps <= 40; steps++)
      bar.update({
        steps,
        totalSteps: 40,
        docs: Math.max(0, steps - 20),
        totalDocs: 20,
        bytes: steps * 1e5,
        totalBytes: 4e6,
      });
    bar.stop();
    expect(drawn).toContain('20/20 docs');
    expect(drawn).toContain('4.0/4.0 MB');
    expect(drawn).toMatch(/\d+(\.\d)? docs\/s/);
    expect(drawn).toMatch(/\| (\d+s|\?) left/);
  });
});
