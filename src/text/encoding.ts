/**
 * Byte-level facts the decode stage decides on: byte order marks, the NUL pattern of BOM-less
 * UTF-16, how binary the bytes look, how close to UTF-8 they are, and which legacy character set
 * chardet thinks they are in. Each helper is a single linear pass (or a bounded sample), so a
 * 20 MB input costs milliseconds.
 */
import { isUtf8, transcode } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';

export type UnicodeEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface Bom {
  readonly encoding: UnicodeEncoding;
  readonly length: number;
}

export function detectBom(bytes: Uint8Array): Bom | undefined {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** How much of the input the UTF-16 and NUL sniffers look at: enough to be sure, cheap on huge files. */
const SNIFF_BYTES = 8000;

/**
 * BOM-less UTF-16 shows as NUL bytes in every other position (the high byte of Latin text).
 * Returns the byte order when at least `minShare` of one parity is NUL and almost none of the other.
 */
export function sniffUtf16(bytes: Uint8Array, minShare = 0.3): 'utf-16le' | 'utf-16be' | undefined {
  const end = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  const pairs = end / 2;
  if (pairs < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < end; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const rare = pairs * 0.05;
  if (oddNul >= pairs * minShare && evenNul <= rare) return 'utf-16le';
  if (evenNul >= pairs * minShare && oddNul <= rare) return 'utf-16be';
  return undefined;
}

/** Whether a NUL byte occurs in the first bytes: the test git and file(1) use for binary content. */
export function hasNulNearStart(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/** C0 controls other than tab, LF, VT, FF and CR, plus DEL: bytes that do not occur in text. */
function isControlByte(byte: number): boolean {
  return (byte < 0x20 && (byte < 0x09 || byte > 0x0d)) || byte === 0x7f;
}

const controlByte = (byte: number): number => ((byte < 0x20 && (byte < 0x09 || byte > 0x0d)) || byte === 0x7f ? 1 : 0);

/**
 * This scan runs over every input byte: it reads four bytes at a time and tests them together
 * (the bit tricks for "some byte below 0x20" and "some byte equal to 0x7f"), and only a word that
 * holds one (white space mostly) is looked at byte by byte: half the time of a byte loop.
 */
export function controlByteShare(bytes: Uint8Array): number {
  const n = bytes.length;
  if (n === 0) return 0;
  let count = 0;
  let i = 0;
  const start = bytes.byteOffset;
  // A Uint32Array view needs an offset that is a multiple of 4.
  for (; i < n && ((start + i) & 3) !== 0; i++) count += controlByte(bytes[i] as number);
  const words = (n - i) >>> 2;
  if (words > 0) {
    const view = new Uint32Array(bytes.buffer, start + i, words);
    for (let k = 0; k < words; k++) {
      const w = view[k] as number;
      const d = w ^ 0x7f7f7f7f;
      // Bitwise operators work mod 2^32, so the subtractions borrow as unsigned words would.
      if ((((w - 0x20202020) & ~w) | ((d - 0x01010101) & ~d)) & 0x80808080) {
        const j = i + 4 * k;
        count +=
          controlByte(bytes[j] as number) +
          controlByte(bytes[j + 1] as number) +
          controlByte(bytes[j + 2] as number) +
          controlByte(bytes[j + 3] as number);
      }
    }
    i += 4 * words;
  }
  for (; i < n; i++) count += controlByte(bytes[i] as number);
  return count / n;
}

export function controlCharShare(text: string): number {
  if (text.length === 0) return 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) if (isControlByte(text.charCodeAt(i))) count++;
  return count / text.length;
}

export interface Utf8Stats {
  /** Well-formed multi-byte sequences. */
  readonly valid: number;
  /** Bytes that start no well-formed sequence. */
  readonly invalid: number;
}

/** Counts well-formed multi-byte UTF-8 sequences and stray bytes (overlongs and surrogates are stray). */
export function utf8Stats(bytes: Uint8Array): Utf8Stats {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) {
      invalid++;
      i++;
    } else {
      valid++;
      i += length;
    }
  }
  return { valid, invalid };
}

/**
 * Length of the well-formed UTF-8 sequence starting at `i` (2 to 4), or 0 when there is none.
 * Follows the Unicode table of well-formed byte sequences (no overlongs, no surrogates, <= U+10FFFF).
 */
export function utf8SequenceLength(bytes: ArrayLike<number>, i: number): number {
  const lead = bytes[i] ?? 0;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (lead >= 0xc2 && lead <= 0xdf) return cont(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const lo = lead === 0xe0 ? 0xa0 : 0x80;
    const hi = lead === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const lo = lead === 0xf0 ? 0x90 : 0x80;
    const hi = lead === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/**
 * Bytes decoded at a time into one string. Node hands a decoded text of more than 1,031,913 code
 * units (its EXTERN_APEX) to V8 as an external two-byte string, where a shorter one is copied into
 * the heap, one byte a character when every character is Latin-1. Text decoded whole thus changed
 * representation at about 1 MB: every later stage read twice the bytes, and V8's regular
 * expressions run slower on two-byte strings (unwrap on one 1.1 MB word: 2 ms at 1.0 MB, 13 ms at
 * 1.1 MB). Decoded in pieces of at most this many bytes (never more characters than bytes in
 * the encodings decoded here) and joined, a text has the same representation at every size.
 */
const PIECE_BYTES = 1 << 19;

/**
 * `decode` over consecutive pieces of `bytes` (at most PIECE_BYTES each), joined: `decode` must
 * carry whatever a piece ends in the middle of to the next one (a streaming decoder), or `cut`
 * must move each piece's end back to a character boundary.
 */
function decodeInPieces(
  bytes: Uint8Array,
  decode: (piece: Uint8Array, last: boolean) => string,
  cut: (end: number) => number = (end) => end,
): string {
  if (bytes.length <= PIECE_BYTES) return decode(bytes, true);
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; ) {
    const end = start + PIECE_BYTES >= bytes.length ? bytes.length : cut(start + PIECE_BYTES);
    parts.push(decode(bytes.subarray(start, end), end === bytes.length));
    start = end;
  }
  return parts.join('');
}

/** In valid UTF-8, the start of the character `at` is in: back over continuation bytes (at most 3). */
function utf8Boundary(bytes: Uint8Array, at: number): number {
  let end = at;
  while (end > at - 3 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return end;
}

/**
 * The text when the bytes are valid UTF-8, else undefined. Node's `isUtf8` (simdutf) checks the
 * bytes at memory speed, and ICU's UTF-8 to UTF-16 transcoding then reads them in about 60% of
 * the time of TextDecoder (or of Buffer#toString), which in Node 20 decode UTF-8 a byte at a
 * time; over HTML pages that was the decode stage's largest cost. The result is the same string:
 * TextDecoder would also drop a byte order mark at the start, so bytes that begin with one (after
 * the one detectBom took off) go the old way.
 */
export function decodeStrictUtf8(bytes: Uint8Array): string | undefined {
  if (!isUtf8(bytes)) return undefined;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strictUtf8.decode(bytes);
  return decodeInPieces(
    bytes,
    (piece) => transcode(piece, 'utf8', 'utf16le').toString('utf16le'),
    (end) => utf8Boundary(bytes, end),
  );
}

/** UTF-8 with every stray byte replaced by U+FFFD. */
export function decodeLenientUtf8(bytes: Uint8Array): string {
  return lenientUtf8.decode(bytes);
}

/** UTF-16 text, or undefined when it holds unpaired surrogates or a truncated code unit. */
export function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string | undefined {
  try {
    const decoder = new TextDecoder(encoding, { fatal: true });
    return decodeInPieces(bytes, (piece, last) => decoder.decode(piece, { stream: !last }));
  } catch {
    return undefined;
  }
}

/** chardet reads the whole buffer (seconds on 20 MB): it gets the bytes around non-ASCII ones instead. */
const DETECT_SAMPLE_BYTES = 64 * 1024;
const DETECT_CONTEXT_BYTES = 200;

/**
 * A sample for the charset detector: the input itself when small, else windows of context around
 * its non-ASCII bytes (where the evidence is), up to DETECT_SAMPLE_BYTES.
 */
export function detectionSample(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= DETECT_SAMPLE_BYTES) return bytes;
  const parts: Uint8Array[] = [];
  let size = 0;
  let i = 0;
  while (i < bytes.length && size < DETECT_SAMPLE_BYTES) {
    if ((bytes[i] ?? 0) < 0x80) {
      i++;
      continue;
    }
    const start = Math.max(0, i - DETECT_CONTEXT_BYTES);
    const end = Math.min(bytes.length, i + DETECT_CONTEXT_BYTES);
    parts.push(bytes.subarray(start, end));
    size += end - start;
    i = end;
  }
  if (parts.length === 0) return bytes.subarray(0, DETECT_SAMPLE_BYTES);
  return Buffer.concat(parts);
}

export interface LegacyGuess {
  /** Lower-case charset name, as iconv-lite accepts it. */
  readonly encoding: string;
  /** chardet's confidence, 0..100; 0 when the fallback was used. */
  readonly confidence: number;
}

/** Charsets chardet may name that are not legacy single/multi-byte sets iconv-lite can decode here. */
const NOT_LEGACY = /^(utf-|ascii$|iso_2022$|mbcs$|sbcs$)/i;

/**
 * The legacy charset of bytes that are not UTF-8: chardet's best guess that iconv-lite can decode,
 * when chardet is at least `minConfidence` sure of it, else `fallback`.
 */
export function guessLegacyEncoding(bytes: Uint8Array, minConfidence: number, fallback: string): LegacyGuess {
  for (const match of chardet.analyse(detectionSample(bytes))) {
    if (match.confidence < minConfidence) break;
    if (NOT_LEGACY.test(match.name) || !iconv.encodingExists(match.name)) continue;
    return { encoding: match.name.toLowerCase(), confidence: match.confidence };
  }
  return { encoding: fallback, confidence: 0 };
}

/**
 * The charset an HTML page declares (`<meta charset>` or the http-equiv Content-Type), read from
 * its first 2 KiB as the HTML standard's prescan does; lower-case, or undefined.
 */
export function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 2048)).toString('latin1');
  const match = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return match?.[1]?.toLowerCase();
}

export function decodeLegacy(bytes: Uint8Array, encoding: string): string {
  // iconv.decode is this decoder's write then end: in pieces, the decoder carries a split character.
  const decoder = iconv.getDecoder(encoding);
  return decodeInPieces(bytes, (piece, last) => {
    const text = decoder.write(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
    return last ? text + (decoder.end() ?? '') : text;
  });
}

export function isKnownEncoding(name: string): boolean {
  return iconv.encodingExists(name);
}

export function countChar(text: string, char: string): number {
  let count = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) count++;
  return count;
}
