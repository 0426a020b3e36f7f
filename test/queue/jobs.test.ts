import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/core/hash.js';
import { documentFromBytes } from '../../src/ingest/read.js';
import { isSafeOutputPath, parseDocument, parseRejectionJob, rejectionKey } from '../../src/queue/jobs.js';

const doc = documentFromBytes(Buffer.from('Headline\nBody.\n'), {
  source: 'site/a.txt',
  sourceKey: 'site',
  output: 'site/a.txt',
  format: 'text',
});

describe('parseDocument', () => {
  it('accepts a document that went through JSON, as a job payload does', () => {
    expect(parseDocument(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
  });

  it.each([
    [null, 'the payload is not an object'],
    [{ ...doc, id: 'abc' }, '`id` is not a content hash'],
    [{ ...doc, source: '' }, '`source` is not a non-empty string'],
    [
      { ...doc, output: '../etc/passwd.txt' },
      '`output` "../etc/passwd.txt" is not a relative path inside the output folder',
    ],
    [{ ...doc, output: '/tmp/x.txt' }, '`output` "/tmp/x.txt" is not a relative path inside the output folder'],
    [{ ...doc, format: 'pdf' }, '`format` is not "text" or "html"'],
    [{ ...doc, raw: 42 }, '`raw` is not a base64 string'],
    [{ ...doc, text: undefined }, '`text` is not a string'],
    [{ ...doc, meta: [] }, '`meta` is not an object'],
    [{ ...doc, changes: {} }, '`changes` is not an array'],
  ])('says why %j is not a document', (payload, why) => {
    expect(parseDocument(payload)).toBe(why);
  });
});

describe('isSafeOutputPath', () => {
  it('accepts relative paths inside the folder', () => {
    expect(['a.txt', 'site/a.txt', 'feed/0f3a.txt', 'a..b.txt'].every(isSafeOutputPath)).toBe(true);
  });
  it('rejects what could write outside it', () => {
    expect(
      ['', '/a.txt', '../a.txt', 'a/../../b.txt', 'a/./b.txt', 'a\\..\\b.txt', 'a//b.txt', 'a\0.txt'].some(
        isSafeOutputPath,
      ),
    ).toBe(false);
  });
});

describe('parseRejectionJob', () => {
  it('accepts {key, rejection} with a known reason and says what is wrong otherwise', () => {
    const job = { key: 'r-1', rejection: { source: 'a.pdf', reason: 'unsupported-type', message: 'no' } };
    expect(parseRejectionJob(job)).toEqual(job);
    expect(parseRejectionJob({ key: 'r-1' })).toBe('the payload is not {key, rejection}');
    expect(parseRejectionJob({ key: 'r-1', rejection: { source: 'a', reason: 'boring', message: '' } })).toBe(
      'the rejection has no source or no known reason',
    );
  });
});

describe('rejectionKey', () => {
  it('is the hash of the record, so the same rejection is written once and a different one is not merged', () => {
    const r = { source: 'a.pdf', reason: 'unsupported-type', message: '".pdf" is not .txt' } as const;
    expect(rejectionKey(r)).toBe(`r-${contentHash(JSON.stringify(r))}`);
    expect(rejectionKey({ ...r, source: 'b.pdf' })).not.toBe(rejectionKey(r));
  });
});
