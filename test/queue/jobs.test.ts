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
    [null, 'the document is not an object'],
    [{ ...doc, id: 'abc' }, 'the document `id` is not a content hash ("abc")'],
    [{ ...doc, source: '' }, 'the document `source` is empty ("")'],
    [
      { ...doc, output: '../etc/passwd.txt' },
      'the document `output` is not a relative .txt path inside the output folder ("../etc/passwd.txt")',
    ],
    [
      { ...doc, output: 'articles.jsonl' },
      'the document `output` is not a relative .txt path inside the output folder ("articles.jsonl")',
    ],
    [{ ...doc, format: 'pdf' }, 'the document `format` is not one of text, html ("pdf")'],
    [{ ...doc, raw: 42 }, 'the document `raw` is not base64 (42)'],
    [{ ...doc, raw: 'a*b=' }, 'the document `raw` is not base64 ("a*b=")'],
    [{ ...doc, text: undefined }, 'the document has no `text`'],
    [{ ...doc, meta: [] }, 'the document `meta` is not an object ([])'],
    [{ ...doc, meta: { lang: 5 } }, 'the document `meta` `lang` is not a string (5) ({"lang":5})'],
    [{ ...doc, changes: {} }, 'the document `changes` is not an array ({})'],
    [
      { ...doc, changes: [{ stage: 's', rule: 'r', offset: 1, evidence: { a: [] } }] },
      'the document `changes` [0] `evidence` `a` is not a string or a number ({"a":[]}) ([{"stage":"s","rule":"r","offset":1,"evidence":{"a":[]}}])',
    ],
    [{ ...doc, __proto__: null, evil: true }, 'the document has an unexpected field "evil"'],
    [
      { ...doc, source: 'x'.repeat(9000) },
      `the document \`source\` is longer than 8192 characters ("${'x'.repeat(119)}…)`,
    ],
  ])('says why %j is not a document', (payload, why) => {
    expect(parseDocument(payload)).toBe(why);
  });

  it('lets metadata fields it does not know through', () => {
    const given = { ...doc, meta: { lang: 'eng', publisher: 'x' } };
    expect(parseDocument(given)).toEqual(given);
  });
});

describe('isSafeOutputPath', () => {
  it('accepts relative paths inside the folder', () => {
    expect(['a.txt', 'site/a.txt', 'feed/0f3a.txt', 'a..b.txt', 'a b/ü.txt'].every(isSafeOutputPath)).toBe(true);
  });
  it('rejects what could write outside it', () => {
    expect(
      [
        '',
        '/a.txt',
        '../a.txt',
        'a/../../b.txt',
        'a/./b.txt',
        'a\\..\\b.txt',
        'a//b.txt',
        'a\0.txt',
        'articles.jsonl',
        'rejected.jsonl',
        'a.txt.123.0.tmp',
        '.txt',
        'site/.hidden.txt',
        'a\n.txt',
        `${'a'.repeat(300)}.txt`,
        'a.txt/',
      ].some(isSafeOutputPath),
    ).toBe(false);
  });
});

describe('parseRejectionJob', () => {
  it('accepts {key, rejection} with a known reason and says what is wrong otherwise', () => {
    const key = `r-${'0'.repeat(32)}`;
    const job = { key, rejection: { source: 'a.pdf', reason: 'unsupported-type', message: 'no' } };
    expect(parseRejectionJob(job)).toEqual(job);
    expect(parseRejectionJob({ key })).toBe('the rejection job has no `rejection`');
    expect(parseRejectionJob({ ...job, key: 'r-1' })).toBe(
      'the rejection job `key` is not a document id or a rejection key ("r-1")',
    );
    expect(parseRejectionJob({ key, rejection: { source: 'a', reason: 'boring', message: '' } })).toBe(
      'the rejection job `rejection` `reason` is not a known reason code ("boring") ({"source":"a","reason":"boring","message":""})',
    );
  });
});

describe('rejectionKey', () => {
  it('is the hash of the record, so the same rejection is written once and a different one is not merged', () => {
    const r = { source: 'a.pdf', reason: 'unsupported-type', message: '".pdf" is not .txt' } as const;
    expect(rejectionKey(r)).toBe(`r-${contentHash(JSON.stringify(r))}`);
    expect(rejectionKey({ ...r, source: 'b.pdf' })).not.toBe(rejectionKey(r));
    expect(parseRejectionJob({ key: rejectionKey(r), rejection: r })).toEqual({ key: rejectionKey(r), rejection: r });
  });
});
