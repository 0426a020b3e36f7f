import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/ingest/inputs.js';
import type { Ingested } from '../../src/ingest/read.js';
import { type AfterIngest, createInbox } from '../../src/watch/inbox.js';
import { tempDir } from '../support/cli.js';

function setup(after: AfterIngest) {
  const dir = tempDir();
  mkdirSync(join(dir, 'site'));
  const submitted: Ingested[] = [];
  const errors: string[] = [];
  const inbox = createInbox({
    after,
    maxBytes: 1000,
    concurrency: 4,
    submit: async (item) => {
      submitted.push(item);
    },
    onError: (file, error) => errors.push(`${file.rel}: ${error.message}`),
  });
  const file = (rel: string, content: string): InputFile => {
    writeFileSync(join(dir, rel), content);
    return { path: join(dir, rel), root: dir, rel };
  };
  return { dir, inbox, submitted, errors, file };
}

describe('inbox', () => {
  it('with after=move, moves a file with a document to processed/ and an unreadable one to rejected/', async () => {
    const { dir, inbox, submitted, errors, file } = setup('move');
    inbox.take(file('site/a.txt', 'Headline\nBody.\n'));
    inbox.take(file('site/b.doc', '%PDF'));
    inbox.take(file('site/c.txt', 'x'.repeat(2000)));
    await inbox.idle();
    expect(errors).toEqual([]);
    expect(readFileSync(join(dir, 'processed/site/a.txt'), 'utf8')).toBe('Headline\nBody.\n');
    expect(existsSync(join(dir, 'rejected/site/b.doc'))).toBe(true);
    expect(existsSync(join(dir, 'rejected/site/c.txt'))).toBe(true);
    expect(['site/a.txt', 'site/b.doc', 'site/c.txt'].some((rel) => existsSync(join(dir, rel)))).toBe(false);
    expect(submitted.map((item) => ('doc' in item ? item.doc.source : item.rejection.reason)).sort()).toEqual([
      'site/a.txt',
      'too-large',
      'unsupported-type',
    ]);
  });

  it('with after=leave, leaves files where they are', async () => {
    const { dir, inbox, submitted, file } = setup('leave');
    inbox.take(file('site/a.txt', 'Headline\nBody.\n'));
    await inbox.idle();
    expect(existsSync(join(dir, 'site/a.txt'))).toBe(true);
    expect(existsSync(join(dir, 'processed'))).toBe(false);
    expect(submitted).toHaveLength(1);
  });

  it('takes a file reported twice in a row after the first take, and not at all once it was moved', async () => {
    const { inbox, submitted, errors, file } = setup('move');
    const a = file('site/a.txt', 'Headline\nBody.\n');
    inbox.take(a);
    inbox.take(a);
    await inbox.idle();
    // The second report found the file gone (moved): no `unreadable` rejection for it.
    expect(submitted).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
