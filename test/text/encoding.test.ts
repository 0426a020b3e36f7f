/**
 * Decoding in pieces (src/text/encoding.ts): the same text as decoding the bytes whole, whatever
 * character a piece boundary falls inside, and the same string representation at every size (a
 * text decoded whole above about 1 MB became a two-byte string even when all Latin-1).
 */
import { transcode } from 'node:buffer';
import { serialize } from 'node:v8';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeLegacy, decodeStrictUtf8, decodeUtf16 } from '../../src/text/encoding.js';

/** V8's serializer tags a string stored one byte a character with `"`; a two-byte one is padded first. */
const isOneByte = (text: string): boolean => serialize(text)[2] === 0x22;

/** A deterministic text of `length` characters drawn from `alphabet`. */
function text(length: number, alphabet: readonly string[], seed = 7): string {
  let state = seed;
  const parts: string[] = [];
  for (let i = 0; i < length; i++) {
    state = (state * 48271) % 2147483647;
    parts.push(alphabet[state % alphabet.length] ?? 'a');
  }
  return parts.join('');
}

const MIXED = ['a', 'é', '€', '😀', '東', '\n', ' '];

describe('decoding in pieces', () => {
  it('gives the text decoded whole for UTF-8 with multi-byte characters across every boundary', () => {
    for (const seed of [1, 2, 3]) {
      const original = text(900_000 + seed * 1_013, MIXED, seed);
      const bytes = Buffer.from(original, 'utf8');
      expect(bytes.length).toBeGreaterThan(3 * (1 << 19));
      expect(decodeStrictUtf8(bytes)).toBe(original);
      expect(decodeStrictUtf8(bytes)).toBe(transcode(bytes, 'utf8', 'utf16le').toString('utf16le'));
    }
  });

  it('gives the text decoded whole for UTF-16 (surrogate pairs across boundaries) and legacy sets', () => {
    const original = text(1_200_001, MIXED, 5);
    const le = Buffer.from(original, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(decodeUtf16(le, 'utf-16le')).toBe(original);
    expect(decodeUtf16(be, 'utf-16be')).toBe(original);
    for (const encoding of ['shift_jis', 'gb18030', 'windows-1252', 'euc-kr']) {
      const bytes = iconv.encode(original, encoding);
      expect(bytes.length).toBeGreaterThan(1 << 19);
      expect(decodeLegacy(bytes, encoding), encoding).toBe(iconv.decode(bytes, encoding));
    }
  });

  it('still rejects invalid input that sits at a piece boundary', () => {
    const piece = 1 << 19;
    const utf8 = Buffer.from('a'.repeat(piece * 2), 'utf8');
    utf8[piece - 1] = 0xe2; // a lead byte with an ASCII byte after it
    expect(decodeStrictUtf8(utf8)).toBeUndefined();
    const utf16 = Buffer.from('a'.repeat(piece), 'utf16le');
    utf16.writeUInt16LE(0xd83d, piece - 2); // a high surrogate, then no low one
    expect(decodeUtf16(utf16, 'utf-16le')).toBeUndefined();
    expect(
      decodeUtf16(Buffer.concat([utf16.subarray(0, 4), Buffer.alloc(piece * 2), Buffer.from([0x41])]), 'utf-16le'),
    ).toBeUndefined();
  });

  it('keeps Latin-1 text one byte a character at every size', () => {
    for (const length of [1_000, 1_000_000, 1_100_000, 3_000_000]) {
      const original = text(length, ['a', 'é', ' ', '\n', 'Z']);
      expect(isOneByte(decodeStrictUtf8(Buffer.from(original, 'utf8')) ?? ''), `UTF-8 ${length}`).toBe(true);
      expect(isOneByte(decodeUtf16(Buffer.from(original, 'utf16le'), 'utf-16le') ?? ''), `UTF-16 ${length}`).toBe(true);
      expect(isOneByte(decodeLegacy(Buffer.from(original, 'latin1'), 'windows-1252')), `1252 ${length}`).toBe(true);
    }
    // What decoding whole does above Node's external-string limit: the case this guards.
    const whole = Buffer.from('a'.repeat(1_100_000), 'utf8');
    expect(isOneByte(transcode(whole, 'utf8', 'utf16le').toString('utf16le'))).toBe(false);
  });
});
