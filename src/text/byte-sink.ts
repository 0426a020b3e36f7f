/**
 * A reusable buffer that folded text is written into as UTF-8 bytes, to be hashed as it is.
 * Line keys and MinHash signatures hash text that a scan builds a character at a time; building
 * it as a string (one concatenation or one slice a character or word, then a join) cost more than
 * the scan itself. SHA-256 of these bytes is SHA-256 of the string they encode, since hashing a
 * string hashes its UTF-8; the scans write only letters, digits and ASCII, never a lone surrogate.
 */

/** Bytes kept between uses; a larger buffer, for a huge text, is dropped after its use. */
const KEPT_BYTES = 1 << 20;

export class ByteSink {
  bytes = new Uint8Array(1024);
  length = 0;

  /** Empties the sink, with room for `units` UTF-16 code units (3 bytes each at most). */
  reset(units: number): void {
    this.length = 0;
    const needed = units * 3;
    if (needed > this.bytes.length || (this.bytes.length > KEPT_BYTES && needed <= KEPT_BYTES)) {
      this.bytes = new Uint8Array(Math.max(1024, needed));
    }
  }

  /** Appends one ASCII code unit. */
  ascii(code: number): void {
    this.bytes[this.length++] = code;
  }

  /** Appends a code point (not a lone surrogate) as UTF-8. */
  codePoint(cp: number): void {
    const bytes = this.bytes;
    let at = this.length;
    if (cp < 0x80) bytes[at++] = cp;
    else if (cp < 0x800) {
      bytes[at++] = 0xc0 | (cp >> 6);
      bytes[at++] = 0x80 | (cp & 0x3f);
    } else if (cp < 0x10000) {
      bytes[at++] = 0xe0 | (cp >> 12);
      bytes[at++] = 0x80 | ((cp >> 6) & 0x3f);
      bytes[at++] = 0x80 | (cp & 0x3f);
    } else {
      bytes[at++] = 0xf0 | (cp >> 18);
      bytes[at++] = 0x80 | ((cp >> 12) & 0x3f);
      bytes[at++] = 0x80 | ((cp >> 6) & 0x3f);
      bytes[at++] = 0x80 | (cp & 0x3f);
    }
    this.length = at;
  }

  /** The bytes written: a view, good until the sink is next written. */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}
