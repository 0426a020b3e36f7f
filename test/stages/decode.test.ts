import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/core/document.js';
import type { Outcome } from '../../src/core/stage.js';
import { documentFromBytes } from '../../src/ingest/read.js';
import { createDecode } from '../../src/stages/decode.js';
import { createNormalize } from '../../src/stages/normalize.js';
import { controlByteShare, decodeStrictUtf8 } from '../../src/text/encoding.js';

const fromBytes = (bytes: Uint8Array): Document =>
  documentFromBytes(bytes, { source: 'site/a.txt', sourceKey: 'site', output: 'site/a.txt', format: 'text' });

const kept = (outcome: Outcome): Document => {
  if (outcome.action !== 'keep') throw new Error(`expected keep, got drop: ${outcome.reason} ${outcome.message}`);
  return outcome.doc;
};

const decode = createDecode();

/** UTF-16BE bytes of a string (Node only writes little-endian). */
const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

describe('decode: Unicode', () => {
  it('reads valid UTF-8, removes raw and records the encoding, with no change records', () => {
    const doc = kept(decode.run(fromBytes(Buffer.from('Headline\nCafé “society” — naïve.\n'))));
    expect(doc.text).toBe('Headline\nCafé “society” — naïve.\n');
    expect('raw' in doc).toBe(false);
    expect(doc.meta).toEqual({ encoding: 'utf-8' });
    expect(doc.changes).toEqual([]);
  });

  it('strips a UTF-8 byte order mark', () => {
    const doc = kept(decode.run(fromBytes(Buffer.from('\uFEFFHeadline\nBody text.'))));
    expect(doc.text).toBe('Headline\nBody text.');
    expect(doc.meta.encoding).toBe('utf-8');
    expect(doc.changes).toEqual([
      { stage: 'decode', rule: 'bom', offset: 0, removed: '\uFEFF', evidence: { encoding: 'utf-8' } },
    ]);
  });

  it('reads UTF-16 LE with a byte order mark', () => {
    const doc = kept(decode.run(fromBytes(Buffer.from('\uFEFFHeadline\nCafé “société”.', 'utf16le'))));
    expect(doc.text).toBe('Headline\nCafé “société”.');
    expect(doc.meta.encoding).toBe('utf-16le');
    expect(doc.changes).toEqual([
      { stage: 'decode', rule: 'bom', offset: 0, removed: '\uFEFF', evidence: { encoding: 'utf-16le' } },
    ]);
  });

  it('reads UTF-16 BE with a byte order mark', () => {
    const doc = kept(decode.run(fromBytes(utf16be('\uFEFFHeadline\nCafé “société”.'))));
    expect(doc.text).toBe('Headline\nCafé “société”.');
    expect(doc.meta.encoding).toBe('utf-16be');
    expect(doc.changes).toEqual([
      { stage: 'decode', rule: 'bom', offset: 0, removed: '\uFEFF', evidence: { encoding: 'utf-16be' } },
    ]);
  });

  it('recognises BOM-less UTF-16 by its NUL bytes, in both byte orders', () => {
    const le = kept(decode.run(fromBytes(Buffer.from('Headline\nPlain Latin text.', 'utf16le'))));
    expect(le.text).toBe('Headline\nPlain Latin text.');
    expect(le.meta.encoding).toBe('utf-16le');
    expect(le.changes).toEqual([
      { stage: 'decode', rule: 'utf16-without-bom', offset: 0, evidence: { encoding: 'utf-16le' } },
    ]);
    const be = kept(decode.run(fromBytes(utf16be('Headline\nPlain Latin text.'))));
    expect(be.text).toBe('Headline\nPlain Latin text.');
    expect(be.changes).toEqual([
      { stage: 'decode', rule: 'utf16-without-bom', offset: 0, evidence: { encoding: 'utf-16be' } },
    ]);
  });

  it('rejects UTF-16 with a truncated code unit as undecodable', () => {
    const bytes = Buffer.concat([Buffer.from('\uFEFFHeadline', 'utf16le'), Buffer.from([0x41])]);
    const outcome = decode.run(fromBytes(bytes));
    expect(outcome).toMatchObject({
      action: 'drop',
      reason: 'undecodable',
      message: 'the bytes are not valid utf-16le',
    });
    expect('raw' in outcome.doc).toBe(false);
  });

  it('reads UTF-8 with a few stray bytes, replacing them with U+FFFD', () => {
    const bytes = Buffer.concat([
      Buffer.from('“One” and “two” and “three”, '),
      Buffer.from([0xff]),
      Buffer.from(' then more “quoted” text.'),
    ]);
    const doc = kept(decode.run(fromBytes(bytes)));
    expect(doc.text).toBe('“One” and “two” and “three”, \uFFFD then more “quoted” text.');
    expect(doc.meta.encoding).toBe('utf-8');
    expect(doc.changes).toEqual([
      {
        stage: 'decode',
        rule: 'invalid-utf8',
        offset: 29,
        inserted: '\uFFFD',
        evidence: { count: 1, valid: 8, invalid: 1 },
      },
    ]);
  });
});

describe('decode: raw as bytes (in process) and as base64 (queue payloads)', () => {
  it('gives the same document from either form', () => {
    const cases = [
      Buffer.from('Headline\r\nCafé “society” — naïve. 😀\r\n'),
      Buffer.from('\uFEFF\uFEFFTwo byte order marks: the first is recorded, the second dropped as TextDecoder does.'),
      Buffer.from('Caf\xe9 in latin-1, not UTF-8.', 'latin1'),
      Buffer.from('\uFEFFHeadline in UTF-16.', 'utf16le'),
      Buffer.from([0x41, 0xed, 0xa0, 0x80, 0x42, 0xc0, 0xaf, 0x43, 0xf4, 0x90, 0x80, 0x80]),
      Buffer.from('Plain ASCII only.'),
    ];
    for (const bytes of cases) {
      const base64 = decode.run(fromBytes(bytes));
      const raw = new Uint8Array(bytes);
      expect(decode.run({ ...fromBytes(bytes), raw })).toEqual(base64);
    }
  });

  it('reads valid UTF-8 as TextDecoder does, and refuses what it refuses', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const pick = [() => next() % 256, () => 0x80 + (next() % 64), () => 0xc0 + (next() % 64), () => 0x41];
    for (let i = 0; i < 20_000; i++) {
      const bytes = Uint8Array.from({ length: next() % 10 }, () => (pick[next() % 4] as () => number)());
      let expected: string | undefined;
      try {
        expected = strict.decode(bytes);
      } catch {
        expected = undefined;
      }
      expect(decodeStrictUtf8(bytes)).toBe(expected);
    }
    expect(decodeStrictUtf8(Buffer.from('\uFEFFx'))).toBe('x');
    expect(decodeStrictUtf8(new Uint8Array(0))).toBe('');
  });
});

describe('decode: the control-byte scan', () => {
  it('counts what a byte loop counts, at any alignment and length', () => {
    const control = (b: number) => (b < 0x20 && (b < 0x09 || b > 0x0d)) || b === 0x7f;
    const naive = (bytes: Uint8Array) => (bytes.length ? bytes.filter(control).length / bytes.length : 0);
    const edges = [0, 8, 9, 10, 13, 14, 0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xff];
    let seed = 5;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let i = 0; i < 20_000; i++) {
      const whole = Uint8Array.from({ length: 48 }, () =>
        next() % 3 === 0 ? next() % 256 : (edges[next() % edges.length] as number),
      );
      const from = next() % 4;
      const bytes = whole.subarray(from, from + (next() % 44));
      expect(controlByteShare(bytes)).toBe(naive(bytes));
    }
  });
});

describe('decode: legacy charsets', () => {
  it('reads windows-1252 (curly quotes, é) named by chardet', () => {
    const text =
      '“Café society” — it’s naïve to think the résumé matters.\nA second line with more text about the café.\n';
    const doc = kept(decode.run(fromBytes(iconv.encode(text, 'windows-1252'))));
    expect(doc.text).toBe(text);
    expect(doc.meta.encoding).toBe('windows-1252');
    expect(doc.changes).toEqual([
      {
        stage: 'decode',
        rule: 'legacy-encoding',
        offset: 0,
        evidence: { encoding: 'windows-1252', confidence: 58, detector: 'chardet' },
      },
    ]);
  });

  it('reads text chardet calls ISO-8859-1 as windows-1252, its superset', () => {
    const text = 'Le café est très bon, même en été.\n';
    const doc = kept(decode.run(fromBytes(iconv.encode(text, 'windows-1252'))));
    expect(doc.text).toBe(text);
    expect(doc.changes).toEqual([
      {
        stage: 'decode',
        rule: 'legacy-encoding',
        offset: 0,
        evidence: { encoding: 'windows-1252', confidence: 61, detector: 'chardet' },
      },
    ]);
  });

  it('reads ISO-8859-2 and windows-1251', () => {
    const polish = 'Zażółć gęślą jaźń. Łódź i Kraków są pięknymi miastami w Polsce, więcej tekstu.\n';
    const pl = kept(decode.run(fromBytes(iconv.encode(polish, 'iso-8859-2'))));
    expect(pl.text).toBe(polish);
    expect(pl.meta.encoding).toBe('iso-8859-2');
    const russian = 'Привет, как дела? Это тестовый текст на русском языке для проверки.\n';
    const ru = kept(decode.run(fromBytes(iconv.encode(russian, 'windows-1251'))));
    expect(ru.text).toBe(russian);
    expect(ru.meta.encoding).toBe('windows-1251');
  });

  it('reads an HTML page in the charset it declares, unless the bytes are valid UTF-8', () => {
    const page = '<html><head><meta charset="windows-1251"></head><body><p>Привет, мир</p></body></html>';
    const html = (bytes: Uint8Array): Document =>
      documentFromBytes(bytes, { source: 'a.html', sourceKey: 'site', output: 'a.txt', format: 'html' });
    const declared = kept(decode.run(html(iconv.encode(page, 'windows-1251'))));
    expect(declared.text).toBe(page);
    expect(declared.changes).toEqual([
      {
        stage: 'decode',
        rule: 'legacy-encoding',
        offset: 0,
        evidence: { encoding: 'windows-1251', confidence: 100, detector: 'html-meta' },
      },
    ]);
    const utf8 = kept(decode.run(html(Buffer.from(page))));
    expect(utf8.meta.encoding).toBe('utf-8');
    expect(utf8.changes).toEqual([]);
    // A text file's content is not a declaration.
    const text = kept(decode.run(fromBytes(iconv.encode(page, 'windows-1251'))));
    expect(text.changes[0]?.evidence).toEqual({ encoding: 'windows-1252', confidence: 0, detector: 'fallback' });
  });

  it('falls back to windows-1252 when chardet is unsure', () => {
    const doc = kept(decode.run(fromBytes(iconv.encode('café', 'windows-1252'))));
    expect(doc.text).toBe('café');
    expect(doc.changes).toEqual([
      {
        stage: 'decode',
        rule: 'legacy-encoding',
        offset: 0,
        evidence: { encoding: 'windows-1252', confidence: 0, detector: 'fallback' },
      },
    ]);
  });

  it('uses the configured fallback charset', () => {
    const doc = kept(createDecode({ fallbackEncoding: 'iso-8859-2' }).run(fromBytes(Buffer.from([0x63, 0xb1]))));
    expect(doc.text).toBe('cą');
    expect(doc.meta.encoding).toBe('iso-8859-2');
  });

  it('rejects bytes that decode to mostly replacement characters as undecodable', () => {
    const bytes = Buffer.from('Text \x81\x8d\x8f\x90\x9d\x81\x8d\x8f\x90\x9d end', 'latin1');
    const outcome = decode.run(fromBytes(bytes));
    expect(outcome).toMatchObject({
      action: 'drop',
      reason: 'undecodable',
      message: '52.6% of the text read as windows-1252 is undecodable bytes',
    });
  });
});

describe('decode: line ends', () => {
  it('turns CRLF and lone CR into LF, one record per kind with its count and first offset', () => {
    const doc = kept(decode.run(fromBytes(Buffer.from('Head\r\nOne\r\nTwo\rThree\r'))));
    expect(doc.text).toBe('Head\nOne\nTwo\nThree\n');
    expect(doc.changes).toEqual([
      { stage: 'decode', rule: 'crlf', offset: 4, removed: '\r\n', inserted: '\n', evidence: { count: 2 } },
      { stage: 'decode', rule: 'cr', offset: 14, removed: '\r', inserted: '\n', evidence: { count: 2 } },
    ]);
  });

  it('fixes line ends of documents that arrive as text (JSONL), and leaves them otherwise alone', () => {
    const { raw: _raw, ...bytesDoc } = fromBytes(Buffer.from('x'));
    const record: Document = { ...bytesDoc, text: 'Head\r\nBody' };
    const doc = kept(decode.run(record));
    expect(doc.text).toBe('Head\nBody');
    expect(doc.meta).toEqual({});
    expect(doc.changes).toEqual([
      { stage: 'decode', rule: 'crlf', offset: 4, removed: '\r\n', inserted: '\n', evidence: { count: 1 } },
    ]);
    const plain = { ...record, text: 'Head\nBody' };
    expect(decode.run(plain)).toEqual({ action: 'keep', doc: plain });
  });
});

describe('decode: rejections', () => {
  it('rejects no bytes and white space only as empty-input, without raw', () => {
    const none = decode.run(fromBytes(Buffer.alloc(0)));
    expect(none).toMatchObject({ action: 'drop', reason: 'empty-input', message: 'the input has no bytes' });
    expect('raw' in none.doc).toBe(false);
    const blank = decode.run(fromBytes(Buffer.from(' \r\n\t\n\u00a0 ')));
    expect(blank).toMatchObject({ action: 'drop', reason: 'empty-input', message: 'the input has only white space' });
    const blankUtf16 = decode.run(fromBytes(Buffer.from('\uFEFF  \n', 'utf16le')));
    expect(blankUtf16).toMatchObject({ action: 'drop', reason: 'empty-input' });
  });

  it('rejects a PNG as binary-input (NUL bytes)', () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
      Buffer.from('IHDR'),
      Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 73 + 41) % 256)),
    ]);
    expect(decode.run(fromBytes(png))).toMatchObject({
      action: 'drop',
      reason: 'binary-input',
      message: expect.stringMatching(/^NUL bytes near the start, and /),
    });
  });

  it('rejects a high share of control bytes as binary-input', () => {
    const bytes = Buffer.from('ab\x01\x02\x03cd\x04\x05\x06efgh\x07\x08', 'latin1');
    expect(decode.run(fromBytes(bytes))).toMatchObject({
      action: 'drop',
      reason: 'binary-input',
      message: '50.0% of the bytes are control characters',
    });
  });

  it('rejects BOM-less "UTF-16" that decodes to control characters as binary-input', () => {
    const bytes = Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 1 + (i % 7) : 0)));
    expect(decode.run(fromBytes(bytes))).toMatchObject({
      action: 'drop',
      reason: 'binary-input',
      message: '100.0% of the utf-16le text is control characters',
    });
  });

  it('keeps readable text with hundreds of NUL bytes from the start on (PDF extractor output)', () => {
    const words = 'The cleaner keeps every sentence of this paper, whatever its extractor left between them. ';
    const body = Array.from({ length: 400 }, (_, i) => `${words}\x00${i % 3 === 0 ? 'r\u00e9sum\u00e9 ' : ''}`).join(
      '',
    );
    const doc = kept(decode.run(fromBytes(Buffer.from(`\x00${body}`))));
    expect(doc.text).toBe(`\x00${body}`);
    const removed = createNormalize().run(doc);
    if (removed.action !== 'keep') throw new Error('normalize never drops');
    expect(removed.doc.text.includes('\x00')).toBe(false);
    expect(removed.doc.changes.find((c) => c.rule === 'control-char')).toMatchObject({
      stage: 'normalize',
      offset: 0,
      removed: '\x00',
      evidence: { count: 401 },
    });
  });

  it('rejects NUL bytes among bytes that are not UTF-8 either, whatever their control share', () => {
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i % 50 === 0 ? 0 : 0x80 + ((i * 7) % 120))));
    expect(decode.run(fromBytes(bytes))).toMatchObject({
      action: 'drop',
      reason: 'binary-input',
      message: expect.stringMatching(/^NUL bytes near the start, and .* of the non-ASCII bytes are not UTF-8$/),
    });
  });

  it('leaves text with a few control bytes, and a NUL far from the start, alone', () => {
    const body = `Head\n${'word '.repeat(2000)}\f\t\x01end\x00`;
    const doc = kept(decode.run(fromBytes(Buffer.from(body))));
    expect(doc.text).toBe(body);
    expect(doc.changes).toEqual([]);
  });
});

describe('decode: options, idempotence, size', () => {
  it('rejects bad options, quoting the bad value', () => {
    expect(() => createDecode({ maxControlShare: 2 })).toThrow(
      'decode: option `maxControlShare` must be a number >= 0 <= 1, got 2',
    );
    expect(() => createDecode({ minDetectConfidence: 'high' } as never)).toThrow(
      'decode: option `minDetectConfidence` must be a number >= 0 <= 100, got "high"',
    );
    expect(() => createDecode({ fallbackEncoding: 'klingon' })).toThrow(
      'decode: option `fallbackEncoding` must be a charset iconv-lite knows, got "klingon"',
    );
    expect(() => createDecode({ maxReplacementShare: -1 } as never)).toThrow('got -1');
    expect(() => createDecode({ maxControlshare: 0.1 } as never)).toThrow('decode: unknown option "maxControlshare"');
  });

  it('is idempotent: decoding the decoded document changes nothing', () => {
    const once = kept(decode.run(fromBytes(Buffer.from('\uFEFFHead\r\nBody “x”.'))));
    expect(decode.run(once)).toEqual({ action: 'keep', doc: once });
  });

  // Its time grows linearly: test/stages/growth.test.ts.
  it('decodes a 20 MB single line, valid and with one stray byte', () => {
    const line = Buffer.alloc(20 * 1024 * 1024, 'word ');
    const doc = kept(decode.run(fromBytes(line)));
    expect(doc.text.length).toBe(20 * 1024 * 1024);

    line[10_000_000] = 0xe9;
    const legacy = kept(decode.run(fromBytes(line)));
    expect(legacy.text.charAt(10_000_000)).toBe('é');
    expect(legacy.meta.encoding).toBe('windows-1252');
  });
});
