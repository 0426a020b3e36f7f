/**
 * End to end on real processes: a watcher and two workers on the test Redis. Files dropped into
 * the inbox, some while the watcher is down, all come out exactly once.
 */
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { tempDir } from './support/cli.js';
import {
  articleText,
  eventually,
  lifecycle,
  readLines,
  startCli,
  stopAll,
  uniquePrefix,
} from './support/queue-processes.js';

afterAll(stopAll);

/** How long a wait may last before the run counts as hung. */
const HANG = 240_000;

describe('watcher and two workers', () => {
  // The bounds below only stop a hung run: five processes share the machine with other tests, so
  // they are minutes, and nothing here measures speed.
  it('turn every file dropped into the inbox into exactly one article or rejection, across a watcher restart', {
    timeout: 600_000,
  }, async () => {
    const inbox = tempDir();
    const out = tempDir();
    const env = {
      REDIS_URL: inject('redisUrl'),
      CLEANWIRE_PREFIX: uniquePrefix('e2e'),
      CLEANWIRE_OUT: out,
      LOG_LEVEL: 'error',
    };
    const workers = [1, 2].map(() => startCli(['worker', '--concurrency', '2'], env));
    const watch = () => startCli(['watch', inbox, '--stable-ms', '1000'], env);
    let watcher = watch();
    await Promise.all([...workers, watcher].map((p) => p.waitFor(/cleanwire (worker|watch) ready/, HANG)));

    mkdirSync(join(inbox, 'site'));
    for (let i = 0; i < 8; i++) writeFileSync(join(inbox, i % 2 ? `site/${i}.txt` : `${i}.txt`), articleText(i));
    // Written in pieces over a second: must be read whole, once.
    const [head, ...rest] = articleText(8).split('\n');
    writeFileSync(join(inbox, 'site/slow.txt'), `${head}\n`);
    for (const line of rest) {
      await new Promise((r) => setTimeout(r, 150));
      appendFileSync(join(inbox, 'site/slow.txt'), `${line}\n`);
    }
    const articles = () => readLines(join(out, 'articles.jsonl'));
    await eventually(() => articles().length === 9, HANG, '9 articles');

    const stopped = await watcher.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    expect(watcher.output()).toContain('cleanwire watch stopped');

    // While the watcher is down: new files, a copy of a file already ingested, a file it cannot read.
    for (let i = 9; i < 14; i++) writeFileSync(join(inbox, `site/${i}.txt`), articleText(i));
    copyFileSync(join(inbox, '0.txt'), join(inbox, 'site/copy-of-0.txt'));
    writeFileSync(join(inbox, 'site/scan.doc'), '%PDF-1.4');
    watcher = watch();
    await watcher.waitFor('cleanwire watch ready', HANG);
    await eventually(
      () => articles().length === 14 && readLines(join(out, 'rejected.jsonl')).length === 2,
      HANG,
      '14 articles and 2 rejections',
    );
    // Time for anything that would come out twice to come out.
    await new Promise((r) => setTimeout(r, 1500));

    const records = articles().map((line) => JSON.parse(line) as { id: string; source: string });
    const expected = [...Array.from({ length: 8 }, (_, i) => (i % 2 ? `site/${i}.txt` : `${i}.txt`)), 'site/slow.txt']
      .concat(Array.from({ length: 5 }, (_, i) => `site/${i + 9}.txt`))
      .sort();
    expect(records.map((r) => r.source).sort()).toEqual(expected);
    expect(new Set(records.map((r) => r.id)).size).toBe(14);
    expect(readFileSync(join(out, 'site/slow.txt'), 'utf8')).toBe(articleText(8));
    expect(readFileSync(join(out, 'site/13.txt'), 'utf8')).toBe(articleText(13));
    const id0 = records.find((r) => r.source === '0.txt')?.id;
    expect(
      readLines(join(out, 'rejected.jsonl'))
        .map((line) => JSON.parse(line))
        .sort((a, b) => a.source.localeCompare(b.source)),
    ).toEqual([
      { source: 'site/copy-of-0.txt', reason: 'duplicate-input', message: 'same content as 0.txt', id: id0 },
      {
        source: 'site/scan.doc',
        reason: 'unsupported-type',
        message: '".doc" is not .txt, .html, .htm, .pdf, .jsonl, .ndjson, .warc or .wet (optionally .gz or .zst)',
      },
    ]);

    await watcher.stop('SIGTERM');
    for (const worker of workers) {
      expect((await worker.stop('SIGTERM')).code).toBe(0);
      // Both workers took part.
      expect(String(lifecycle(worker.output(), 'worker', 'stopped')?.jobs)).toMatch(/(forwarded|article):\d+/);
    }
  });
});
