import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';
import {
  articleText,
  eventually,
  lifecycle,
  PATIENCE_MS,
  readLines,
  startCli,
  stopAll,
  uniquePrefix,
} from '../support/queue-processes.js';

afterAll(stopAll);

describe('cleanwire watch', () => {
  it('with --after move, moves what it enqueued to processed/ and what it could not read to rejected/', async () => {
    const inbox = tempDir();
    const out = tempDir();
    mkdirSync(join(inbox, 'site'));
    writeFileSync(join(inbox, 'site/early.txt'), articleText(1));
    const env = {
      REDIS_URL: inject('redisUrl'),
      CLEANWIRE_PREFIX: uniquePrefix('watch'),
      CLEANWIRE_OUT: out,
      LOG_LEVEL: 'error',
    };
    const worker = startCli(['worker'], env);
    const watcher = startCli(['watch', inbox, '--after', 'move', '--stable-ms', '200'], env);
    await Promise.all([worker.waitFor('cleanwire worker ready'), watcher.waitFor('cleanwire watch ready')]);
    expect(lifecycle(watcher.output(), 'watch', 'ready')).toMatchObject({
      inbox,
      redis: inject('redisUrl'),
      prefix: env.CLEANWIRE_PREFIX,
      topology: 'default',
      after: 'move',
      stable_ms: 200,
      pid: watcher.child.pid,
    });
    writeFileSync(join(inbox, 'site/late.txt'), articleText(2));
    writeFileSync(join(inbox, 'notes.docx'), 'PK');
    await eventually(
      () => existsSync(join(inbox, 'processed/site/late.txt')) && existsSync(join(inbox, 'rejected/notes.docx')),
      PATIENCE_MS,
      'files moved',
    );
    await eventually(
      () => readLines(join(out, 'articles.jsonl')).length === 2 && readLines(join(out, 'rejected.jsonl')).length === 1,
      PATIENCE_MS,
      'output',
    );
    expect(existsSync(join(inbox, 'processed/site/early.txt'))).toBe(true);
    expect(['site/early.txt', 'site/late.txt', 'notes.docx'].some((rel) => existsSync(join(inbox, rel)))).toBe(false);
    expect(readFileSync(join(out, 'site/late.txt'), 'utf8')).toBe(articleText(2));
    expect(readLines(join(out, 'rejected.jsonl')).map((l) => JSON.parse(l))).toEqual([
      {
        source: 'notes.docx',
        reason: 'unsupported-type',
        message: '".docx" is not .txt, .html, .htm, .pdf, .jsonl, .ndjson, .warc or .wet (optionally .gz or .zst)',
      },
    ]);
    expect((await watcher.stop('SIGTERM')).code).toBe(0);
    expect(lifecycle(watcher.output(), 'watch', 'stopped')).toMatchObject({ event: 'stopped' });
    expect(lifecycle(watcher.output(), 'watch', 'stopped')).not.toHaveProperty('unfinished');
  });

  it('exits 2 on a bad --after, quoting it', async () => {
    const result = await runCli(['watch', tempDir(), '--after', 'delete'], { REDIS_URL: inject('redisUrl') });
    expect(result.stderr).toBe('cleanwire: --after must be leave or move, got "delete"\n');
    expect(result.code).toBe(2);
  });
});
