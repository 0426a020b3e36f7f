import { appendFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/ingest/inputs.js';
import { type FolderWatch, isSkipped, watchFolder } from '../../src/watch/watcher.js';
import { tempDir } from '../support/cli.js';
import { eventually, PATIENCE_MS } from '../support/queue-processes.js';

let watch: FolderWatch | undefined;
afterEach(async () => {
  await watch?.close();
  watch = undefined;
});

function start(dir: string, stableMs = 300) {
  const seen: { file: InputFile; size: number }[] = [];
  const errors: Error[] = [];
  watch = watchFolder({
    dir,
    stableMs,
    skipDirs: ['processed', 'rejected'],
    onFile: (file) => seen.push({ file, size: statSync(file.path).size }),
    onError: (error) => errors.push(error),
  });
  return { seen, errors };
}

describe('watchFolder', () => {
  it('reports files present at start and files added later, relative to the folder', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'site'));
    writeFileSync(join(dir, 'site/old.txt'), 'old');
    const { seen, errors } = start(dir);
    await watch?.ready;
    writeFileSync(join(dir, 'new.html'), '<p>new</p>');
    await eventually(() => seen.length === 2, PATIENCE_MS, 'two files');
    expect(seen.map((s) => s.file).sort((a, b) => a.rel.localeCompare(b.rel))).toEqual([
      { path: join(dir, 'new.html'), root: dir, rel: 'new.html' },
      { path: join(dir, 'site/old.txt'), root: dir, rel: 'site/old.txt' },
    ]);
    expect(errors).toEqual([]);
  });

  it('does not report a file while it is still being written', async () => {
    const dir = tempDir();
    const { seen } = start(dir, 1500);
    await watch?.ready;
    const path = join(dir, 'slow.txt');
    writeFileSync(path, 'first half, ');
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 200));
      appendFileSync(path, `part ${i}, `);
    }
    await eventually(() => seen.length === 1, PATIENCE_MS, 'the file');
    expect(seen[0]?.size).toBe('first half, '.length + 5 * 'part 0, '.length);
    await new Promise((r) => setTimeout(r, 500));
    expect(seen).toHaveLength(1);
  });

  it('leaves dot files, temporary names and the processed/ and rejected/ folders alone', async () => {
    const dir = tempDir();
    for (const sub of ['processed', 'rejected', '.git', 'site']) mkdirSync(join(dir, sub));
    for (const name of [
      'processed/a.txt',
      'rejected/b.pdf',
      '.git/c.txt',
      '.hidden.txt',
      'd.txt.tmp',
      'e.part',
      'f.txt~',
    ])
      writeFileSync(join(dir, name), 'x');
    writeFileSync(join(dir, 'site/kept.txt'), 'x');
    const { seen } = start(dir, 100);
    await watch?.ready;
    await eventually(() => seen.length >= 1, PATIENCE_MS, 'the file');
    await new Promise((r) => setTimeout(r, 500));
    expect(seen.map((s) => s.file.rel)).toEqual(['site/kept.txt']);
  });

  it('isSkipped: a leaves-alone case for every rule', () => {
    const skip = ['processed', 'rejected'];
    expect(
      ['', 'a.txt', `site${sep}a.txt`, `site${sep}processed${sep}a.txt`, 'a.tmp.txt'].map((p) => isSkipped(p, skip)),
    ).toEqual([false, false, false, false, false]);
    expect(
      ['processed', `rejected${sep}x.txt`, `.git${sep}x`, 'x.part', 'x.TMP', 'x~'].map((p) => isSkipped(p, skip)),
    ).toEqual([true, true, true, true, true, true]);
  });
});
