import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';
import {
  articleText,
  eventually,
  PATIENCE_MS,
  type Running,
  readLines,
  startCli,
  stopAll,
  uniquePrefix,
} from '../support/queue-processes.js';

let redisUrl: string;
let worker: Running;
let env: NodeJS.ProcessEnv;
let out: string;

beforeAll(async () => {
  redisUrl = inject('redisUrl');
  out = tempDir();
  env = { REDIS_URL: redisUrl, CLEANWIRE_PREFIX: uniquePrefix('enqueue'), CLEANWIRE_OUT: out, LOG_LEVEL: 'error' };
  // Jobs are removed the moment they finish: only the ledger can keep enqueueing idempotent.
  worker = startCli(['worker', '--concurrency', '2'], {
    ...env,
    CLEANWIRE_KEEP_COMPLETED_COUNT: '0',
    CLEANWIRE_ATTEMPTS: '2',
    CLEANWIRE_BACKOFF_MS: '50',
  });
  await worker.waitFor('cleanwire worker ready');
});
afterAll(stopAll);

const ids = (file: string) => readLines(join(out, file)).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('cleanwire enqueue', () => {
  it('enqueues a folder, waits, and writes what `clean` writes; enqueueing it again adds nothing', async () => {
    const input = tempDir();
    mkdirSync(join(input, 'site'));
    for (let i = 0; i < 6; i++) writeFileSync(join(input, `site/${i}.txt`), articleText(i));
    writeFileSync(join(input, 'site/scan.doc'), '%PDF-1.4');
    const first = await runCli(['enqueue', input, '--wait'], env);
    expect(first.stderr).toContain('enqueued 7 document(s) from 7 file(s): 7 queued, 0 already finished');
    expect(first.stderr).toMatch(/7 document\(s\): 6 article\(s\), 1 rejected, 0 failed in [\d.]+ s/);
    expect(first.code).toBe(0);
    expect(readFileSync(join(out, 'site/3.txt'), 'utf8')).toBe(articleText(3));
    const second = await runCli(['enqueue', input, '--wait'], env);
    expect(second.stderr).toContain('enqueued 7 document(s) from 7 file(s): 0 queued, 7 already finished');
    expect(second.code).toBe(0);
    expect(
      ids('articles.jsonl')
        .map((a) => a.source)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4, 5].map((i) => `site/${i}.txt`));
    expect(ids('rejected.jsonl')).toEqual([
      {
        source: 'site/scan.doc',
        reason: 'unsupported-type',
        message: '".doc" is not .txt, .html, .htm, .pdf, .jsonl, .ndjson, .warc or .wet (optionally .gz or .zst)',
      },
    ]);
  });

  it('carries record ids and metadata from a gzipped shard through the queues, as `clean` writes them', async () => {
    const input = tempDir();
    const records = [0, 1, 2].map((i) => ({
      doc_id: i === 1 ? 1001 : `q-${i}`,
      body: articleText(700 + i),
      meta: { shard: 7, i },
    }));
    writeFileSync(join(input, 'part.jsonl.gz'), gzipSync(records.map((r) => JSON.stringify(r)).join('\n')));
    const keys = ['--id-key', 'doc_id', '--text-key', 'body', '--metadata-key', 'meta'];
    const queued = await runCli(['enqueue', input, '--wait', ...keys], env);
    expect(queued.code).toBe(0);
    const local = tempDir();
    expect((await runCli(['clean', input, '--out', local, '--no-progress', ...keys])).code).toBe(0);
    const fromClean = readLines(join(local, 'articles.jsonl'));
    expect(fromClean.map((l) => JSON.parse(l).id)).toEqual(['q-0', 1001, 'q-2']);
    const fromQueue = readLines(join(out, 'articles.jsonl')).filter((l) => fromClean.includes(l));
    expect(fromQueue).toHaveLength(3);
    expect(JSON.parse(fromClean[1] ?? '{}')).toMatchObject({ id: 1001, metadata: { shard: 7, i: 1 } });
  });

  it('rejects the same content from another file as duplicate-input, once', async () => {
    const input = tempDir();
    writeFileSync(join(input, 'original.txt'), articleText(100));
    copyFileSync(join(input, 'original.txt'), join(input, 'copy.txt'));
    const result = await runCli(['enqueue', join(input, 'original.txt'), join(input, 'copy.txt'), '--wait'], env);
    expect(result.stderr).toMatch(/2 document\(s\): 1 article\(s\), 1 rejected, 0 failed/);
    await runCli(['enqueue', join(input, 'copy.txt'), '--wait'], env);
    const id = ids('articles.jsonl').find((a) => a.source === 'original.txt')?.id;
    expect(ids('rejected.jsonl').filter((r) => r.source === 'copy.txt')).toEqual([
      { source: 'copy.txt', reason: 'duplicate-input', message: 'same content as original.txt', id },
    ]);
  });

  it('exits 1 naming the document when its job fails for good, and starts it over when enqueued again', async () => {
    const input = tempDir();
    mkdirSync(join(input, 'blocked'));
    writeFileSync(join(input, 'blocked/story.txt'), articleText(200));
    writeFileSync(join(out, 'blocked'), 'a file where the output folder needs a folder');
    const failed = await runCli(['enqueue', input, '--wait'], env);
    expect(failed.stderr).toMatch(/1 document\(s\): 0 article\(s\), 0 rejected, 1 failed/);
    expect(failed.stderr).toMatch(
      /failed: blocked\/story\.txt: segment-emit: .*(ENOTDIR|EEXIST).* \(after 2 attempts\)/,
    );
    expect(failed.code).toBe(1);
    // The failure for good is in rejected.jsonl too, once, under the document's id (written by
    // the emitting segment right after the failure, so possibly just after the wait ended).
    const failedFor = () => ids('rejected.jsonl').filter((r) => r.source === 'blocked/story.txt');
    await eventually(() => failedFor().length > 0, PATIENCE_MS, 'the job-failed record');
    expect(failedFor()).toEqual([
      {
        source: 'blocked/story.txt',
        reason: 'job-failed',
        message: expect.stringMatching(/^segment-emit: .*\(after 2 attempts\)$/),
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
      },
    ]);
    rmSync(join(out, 'blocked'));
    const again = await runCli(['enqueue', input, '--wait'], env);
    expect(again.stderr).toMatch(/1 document\(s\): 1 article\(s\), 0 rejected, 0 failed/);
    expect(again.code).toBe(0);
    expect(readFileSync(join(out, 'blocked/story.txt'), 'utf8')).toBe(articleText(200));
  });

  it('gives up after --timeout when nothing processes the queue', async () => {
    const input = tempDir();
    writeFileSync(join(input, 'a.txt'), articleText(300));
    // --timeout counts from the command's start: connecting and enqueueing come first, and take
    // seconds on a loaded machine (with 1 s, the hard stop fired before the wait could report).
    const result = await runCli(['enqueue', input, '--wait', '--timeout', '20'], {
      ...env,
      CLEANWIRE_PREFIX: uniquePrefix('idle'),
    });
    expect(result.stderr).toContain('timed out: 1 document(s) unfinished after 20 s');
    expect(result.code).toBe(1);
  });

  it('refuses a topology other than the one the workers run', async () => {
    const result = await runCli(['enqueue', tempDir(), '--topology', 'fused'], env);
    expect(result.stderr).toContain(
      `cleanwire: the workers on prefix "${env.CLEANWIRE_PREFIX}" run the "default" topology, not "fused": set CLEANWIRE_TOPOLOGY=default (or --topology default)`,
    );
    expect(result.code).toBe(2);
  });
});
