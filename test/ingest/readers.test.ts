/**
 * The streaming readers on real files each test writes: JSONL/NDJSON shards plain, gzipped and
 * zstd-compressed (by the real zstd tool), WARC and WET files written byte by byte, and broken or
 * hostile variants of each. Every record read becomes a document or a rejection with a reason.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type Document, rawBytes } from '../../src/core/document.js';
import type { Rejection } from '../../src/core/rejection.js';
import { type Ingested, type ReadOptions, readAll } from '../../src/ingest/read.js';
import { tempDir } from '../support/cli.js';
import { gzipPerRecord, httpResponse, recordId, warcRecord } from '../support/warc.js';

async function read(name: string, bytes: Buffer | string, options: ReadOptions = {}): Promise<Ingested[]> {
  const root = tempDir('cleanwire-readers-');
  writeFileSync(join(root, name), bytes);
  return readAll({ path: join(root, name), root, rel: name }, options);
}

const docs = (items: Ingested[]): Document[] => items.flatMap((i) => ('doc' in i ? [i.doc] : []));
const rejections = (items: Ingested[]): Rejection[] => items.flatMap((i) => ('rejection' in i ? [i.rejection] : []));
const jsonl = (records: unknown[]) => `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;

const BODY = 'A headline for the record\nThe first paragraph of the record says something of substance here.';
const shard = [
  {
    id: 'doc-a',
    text: `${BODY} A.`,
    metadata: { dump: 'CC-MAIN-2024-10', url: 'https://www.example.org/a', nested: [1, { x: null }] },
  },
  { id: 42, text: `${BODY} B.` },
  { id: false, text: `${BODY} C.`, metadata: 'a string is metadata too' },
  { text: `${BODY} D.` },
  { id: null, text: `${BODY} E.` },
  { id: { not: 'a scalar' }, text: `${BODY} F.` },
];

describe('JSONL records (datatrove/dolma convention)', () => {
  it('keeps ids as given (any JSON scalar) and metadata untouched; metadata.url is the URL', async () => {
    const items = await read('shard.jsonl', jsonl(shard));
    const got = docs(items);
    expect(got.map((d) => d.recordId)).toEqual(['doc-a', 42, false, undefined, undefined, undefined]);
    expect(got[0]?.metadata).toEqual(shard[0]?.metadata);
    expect(got[2]?.metadata).toBe('a string is metadata too');
    expect(got[0]?.meta.url).toBe('https://www.example.org/a');
    expect(got[0]?.sourceKey).toBe('example.org');
    expect(got[1]?.sourceKey).not.toBe('example.org');
    // The content hash stays the document (job) id.
    for (const doc of got) expect(doc.id).toMatch(/^[0-9a-f]{32}$/);
    expect(got.map((d) => d.output)).toEqual([
      'shard/doc-a.txt',
      'shard/42.txt',
      'shard/false.txt',
      `shard/${got[3]?.id}.txt`,
      `shard/${got[4]?.id}.txt`,
      `shard/${got[5]?.id}.txt`,
    ]);
  });

  it('reads other layouts with idKey, textKey and metadataKey', async () => {
    const records = [{ doc_id: 'x1', content: BODY, meta: { lang: 'en' }, text: 'not this one' }];
    const [item] = await read('hf.ndjson', jsonl(records), {
      idKey: 'doc_id',
      textKey: 'content',
      metadataKey: 'meta',
    });
    expect(item && 'doc' in item && item.doc).toMatchObject({ recordId: 'x1', text: BODY, metadata: { lang: 'en' } });
    const missing = await read('hf.ndjson', jsonl([{ content: BODY }]), { textKey: 'body' });
    expect(rejections(missing)[0]).toMatchObject({ reason: 'invalid-record' });
    expect(rejections(missing)[0]?.message).toContain('"body"');
  });

  it('quotes a bad key option back', async () => {
    await expect(read('a.jsonl', jsonl(shard), { idKey: '' })).rejects.toThrow(/idKey.*""/);
  });

  it('gives two records with the same id (or ids that sanitise alike) different article files', async () => {
    const got = docs(
      await read(
        'dup.jsonl',
        jsonl([
          { id: 'a/b', text: `${BODY} 1` },
          { id: 'a_b', text: `${BODY} 2` },
          { id: '..', text: `${BODY} 3` },
        ]),
      ),
    );
    expect(new Set(got.map((d) => d.output)).size).toBe(3);
    for (const doc of got) expect(doc.output.startsWith('dup/')).toBe(true);
    expect(got.map((d) => d.recordId)).toEqual(['a/b', 'a_b', '..']);
  });

  it('applies the size limit per record: a long line is rejected alone', async () => {
    const long = { id: 'big', text: `${BODY} ${'word '.repeat(2000)}` };
    const items = await read('mixed.jsonl', jsonl([shard[0], long, shard[1]]), { maxBytes: 2000 });
    expect(docs(items).map((d) => d.recordId)).toEqual(['doc-a', 42]);
    expect(rejections(items)).toEqual([expect.objectContaining({ source: 'mixed.jsonl#2', reason: 'too-large' })]);
  });

  it('reads a gzip shard of several gzip members, and .jsonl.gz output paths drop both extensions', async () => {
    const half = Math.floor(shard.length / 2);
    const bytes = Buffer.concat([gzipSync(jsonl(shard.slice(0, half))), gzipSync(jsonl(shard.slice(half)))]);
    const got = docs(await read('part-0001.jsonl.gz', bytes));
    expect(got).toHaveLength(shard.length);
    expect(got[0]?.output).toBe('part-0001/doc-a.txt');
  });

  it('reads a zstd shard written by the zstd tool', async () => {
    const root = tempDir('cleanwire-zst-');
    writeFileSync(join(root, 'part.jsonl'), jsonl(shard));
    execFileSync('zstd', ['-q', '-19', join(root, 'part.jsonl'), '-o', join(root, 'part.jsonl.zst')]);
    const got = docs(await readAll({ path: join(root, 'part.jsonl.zst'), root, rel: 'part.jsonl.zst' }));
    expect(got.map((d) => d.recordId)).toEqual(['doc-a', 42, false, undefined, undefined, undefined]);
  });

  it('keeps the records before a truncated gzip stream and rejects the rest as unreadable', async () => {
    const whole = gzipSync(jsonl(Array.from({ length: 2000 }, (_, i) => ({ id: i, text: `${BODY} ${i}` }))));
    const items = await read('cut.jsonl.gz', whole.subarray(0, Math.floor(whole.length * 0.6)));
    const last = items.at(-1);
    expect(last && 'rejection' in last && last.rejection).toMatchObject({
      source: 'cut.jsonl.gz',
      reason: 'unreadable',
    });
    expect(docs(items).length).toBeGreaterThan(100);
    expect(docs(items).length).toBeLessThan(2000);
  });

  it('rejects garbage named .zst or .gz as unreadable, without a crash', async () => {
    for (const name of ['junk.jsonl.zst', 'junk.jsonl.gz', 'junk.warc.gz']) {
      const items = await read(name, Buffer.from('this is not compressed at all\n'.repeat(10)));
      expect(rejections(items)).toEqual([expect.objectContaining({ source: name, reason: 'unreadable' })]);
    }
  });

  it('applies the limit to decompressed text: a small .txt.gz that inflates past it is too-large', async () => {
    const items = await read('bomb.txt.gz', gzipSync(Buffer.alloc(5_000_000, 0x61)), { maxBytes: 100_000 });
    expect(rejections(items)).toEqual([expect.objectContaining({ reason: 'too-large' })]);
  });

  it('with rawBytes, gives the bytes themselves in a buffer of their own, for every reader of bytes', async () => {
    const bytes = Buffer.from('<p>Café “société” — the same bytes either way.</p>');
    for (const [name, data] of [
      ['page.html', bytes],
      ['page.html.gz', gzipSync(bytes)],
      ['small.txt', Buffer.from('Tiny.')],
    ] as const) {
      const [asBase64] = docs(await read(name, data));
      const [asBytes] = docs(await read(name, data, { rawBytes: true }));
      const raw = asBytes?.raw;
      if (!(raw instanceof Uint8Array)) throw new Error(`${name}: raw is not bytes`);
      expect(typeof asBase64?.raw).toBe('string');
      expect(Buffer.from(raw).equals(rawBytes(asBase64?.raw ?? ''))).toBe(true);
      // Not a view into Node's shared pool of small buffers: a copy to a thread takes only these bytes.
      expect([raw.byteOffset, raw.buffer.byteLength]).toEqual([0, raw.byteLength]);
      expect({ ...asBytes, raw: '', sourceKey: '' }).toEqual({ ...asBase64, raw: '', sourceKey: '' });
    }
  });

  it('checks the size limit of a plain file before reading it, with its size in the message', async () => {
    const items = await read('big.txt', Buffer.alloc(200_001, 0x61), { maxBytes: 200_000, rawBytes: true });
    expect(rejections(items)).toEqual([
      { source: 'big.txt', reason: 'too-large', message: '200001 bytes is over the limit of 200000' },
    ]);
  });
});

const PAGE = `<!doctype html><html><head><title>Harbour reopens after storm</title></head><body>
<article><h1>Harbour reopens after storm</h1>
<p>The harbour reopened on Tuesday after a storm closed it for three days, the port authority said in a statement.</p>
<p>Fishing boats returned to the quay in the morning, and the ferry to the islands resumed its usual timetable.</p>
</article></body></html>`;

function crawl(): { records: Buffer[]; pageId: string } {
  const pageId = recordId();
  const records = [
    warcRecord(
      {
        'WARC-Type': 'warcinfo',
        'WARC-Date': '2024-03-01T10:00:00Z',
        'WARC-Record-ID': recordId(),
        'Content-Type': 'application/warc-fields',
      },
      'software: test\r\nformat: WARC File Format 1.0\r\n',
    ),
    warcRecord(
      {
        'WARC-Type': 'request',
        'WARC-Target-URI': 'https://news.example.com/harbour',
        'WARC-Date': '2024-03-01T10:00:01Z',
        'WARC-Record-ID': recordId(),
        'Content-Type': 'application/http; msgtype=request',
      },
      'GET /harbour HTTP/1.1\r\nHost: news.example.com\r\n\r\n',
    ),
    warcRecord(
      {
        'WARC-Type': 'response',
        'WARC-Target-URI': 'https://news.example.com/harbour',
        'WARC-Date': '2024-03-01T10:00:02Z',
        'WARC-Record-ID': pageId,
        'Content-Type': 'application/http; msgtype=response',
      },
      httpResponse('200 OK', { 'Content-Type': 'text/html; charset=utf-8' }, PAGE),
    ),
    warcRecord(
      {
        'WARC-Type': 'response',
        'WARC-Target-URI': 'http://news.example.com/old',
        'WARC-Date': '2024-03-01T10:00:03Z',
        'WARC-Record-ID': recordId(),
        'Content-Type': 'application/http; msgtype=response',
      },
      httpResponse('301 Moved Permanently', { Location: 'https://news.example.com/harbour' }, ''),
    ),
    warcRecord(
      {
        'WARC-Type': 'response',
        'WARC-Target-URI': 'https://news.example.com/logo.png',
        'WARC-Date': '2024-03-01T10:00:04Z',
        'WARC-Record-ID': recordId(),
        'Content-Type': 'application/http; msgtype=response',
      },
      httpResponse('200 OK', { 'Content-Type': 'image/png' }, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3])),
    ),
  ];
  return { records, pageId };
}

describe('WARC and WET files', () => {
  it('turns a WARC response with an HTML body into an html document with its URL, date and record id', async () => {
    const { records, pageId } = crawl();
    for (const [name, bytes] of [
      ['crawl.warc', Buffer.concat(records)],
      ['crawl.warc.gz', gzipPerRecord(records)],
    ] as const) {
      const items = await read(name, bytes);
      const [page, ...others] = docs(items);
      expect(others).toEqual([]);
      expect(page).toMatchObject({
        format: 'html',
        source: 'https://news.example.com/harbour',
        sourceKey: 'news.example.com',
        recordId: pageId,
        meta: { url: 'https://news.example.com/harbour' },
        metadata: { url: 'https://news.example.com/harbour', date: '2024-03-01T10:00:02Z', warcType: 'response' },
      });
      expect(rawBytes(page?.raw ?? '').toString('utf8')).toBe(PAGE);
      // The redirect and the image are not pages: rejected with a reason, not lost in silence.
      expect(rejections(items).map((r) => [r.source, r.reason])).toEqual([
        ['http://news.example.com/old', 'not-a-page'],
        ['https://news.example.com/logo.png', 'not-a-page'],
      ]);
    }
  });

  it('turns WET conversion records into text documents', async () => {
    const ids = [recordId(), recordId()];
    const wet = [
      warcRecord(
        {
          'WARC-Type': 'warcinfo',
          'WARC-Date': '2024-03-02T00:00:00Z',
          'WARC-Record-ID': recordId(),
          'Content-Type': 'application/warc-fields',
        },
        'isPartOf: CC-MAIN-2024-10\r\n',
      ),
      ...ids.map((id, i) =>
        warcRecord(
          {
            'WARC-Type': 'conversion',
            'WARC-Target-URI': `https://site${i}.example.net/story`,
            'WARC-Date': `2024-03-02T00:00:0${i}Z`,
            'WARC-Record-ID': id,
            'WARC-Refers-To': recordId(),
            'Content-Type': 'text/plain',
          },
          `${BODY} ${i}\nÜnïcödé survives the trip ${i}.`,
        ),
      ),
    ];
    const items = await read('CC-MAIN-x.warc.wet.gz', gzipPerRecord(wet));
    const got = docs(items);
    expect(rejections(items)).toEqual([]);
    expect(got.map((d) => [d.format, d.recordId, d.sourceKey])).toEqual([
      ['text', ids[0], 'site0.example.net'],
      ['text', ids[1], 'site1.example.net'],
    ]);
    expect(rawBytes(got[1]?.raw ?? '').toString('utf8')).toContain('Ünïcödé survives the trip 1.');
    expect(got[0]?.output).toMatch(/^CC-MAIN-x\.warc\/_urn_uuid_[0-9a-f-]+_\.txt$/);
  });

  it('rejects a WARC record over the size limit alone', async () => {
    const { records } = crawl();
    const items = await read('crawl.warc', Buffer.concat(records), { maxBytes: 200 });
    expect(docs(items)).toEqual([]);
    expect(rejections(items).map((r) => r.reason)).toContain('too-large');
  });

  it('rejects a truncated WARC file as unreadable after the records before the cut, without a crash', async () => {
    const { records } = crawl();
    const whole = Buffer.concat(records);
    // Cut inside the last record's HTTP headers: warcio alone would loop for ever here.
    const items = await read('cut.warc', whole.subarray(0, whole.length - 40));
    expect(docs(items).map((d) => d.source)).toEqual(['https://news.example.com/harbour']);
    const last = items.at(-1);
    expect(last && 'rejection' in last && last.rejection).toMatchObject({ source: 'cut.warc', reason: 'unreadable' });
    expect(last && 'rejection' in last && last.rejection.message).toContain('truncated');
  });
});
