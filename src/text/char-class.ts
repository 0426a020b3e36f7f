/**
 * Character classes as lookups. Counting words or hashing them by matching a Unicode regular
 * expression such as /[\p{L}\p{N}]+/gu makes an array of every word, which for a line of several
 * megabytes is millions of strings and most of the time goes in garbage collection. A scan that
 * asks, per code point, whether it is in the class does the same work without those strings; the
 * answer is the regular expression's own, remembered per code point.
 */

/** Whether a code point is in the class of `pattern` (one code point, no flags needed). */
export type CodePointTest = (codePoint: number) => boolean;

/** The tests made so far, by pattern: modules that ask for one class share one table. */
const made = new Map<string, CodePointTest>();

/**
 * A remembered test for a character class: `pattern` is a class such as `[\p{L}\p{N}]`, tested
 * with the `u` flag on one code point at a time. The Basic Multilingual Plane is remembered in a
 * 64 KB table, other planes in a map of the code points met (at most 65,536 of them). The same
 * pattern gives the same test (patterns are the code's own constants, so the tests are few).
 */
export function codePointTest(pattern: string): CodePointTest {
  let test = made.get(pattern);
  if (test === undefined) {
    test = rememberedTest(pattern);
    made.set(pattern, test);
  }
  return test;
}

/**
 * The class's ASCII members as a table (1 in it, 0 not): a scan reads most code units from it
 * without decoding a code point or calling the test.
 */
export function asciiTable(test: CodePointTest): Uint8Array {
  return Uint8Array.from({ length: 0x80 }, (_, code) => (test(code) ? 1 : 0));
}

function rememberedTest(pattern: string): CodePointTest {
  const regex = new RegExp(`^(?:${pattern})$`, 'u');
  // 0: not asked yet, 1: not in the class, 2: in it.
  const bmp = new Uint8Array(0x10000);
  const astral = new Map<number, boolean>();
  return (codePoint) => {
    if (codePoint < 0x10000) {
      let known = bmp[codePoint] as number;
      if (known === 0) {
        known = regex.test(String.fromCharCode(codePoint)) ? 2 : 1;
        bmp[codePoint] = known;
      }
      return known === 2;
    }
    let known = astral.get(codePoint);
    if (known === undefined) {
      known = regex.test(String.fromCodePoint(codePoint));
      if (astral.size < 0x10000) astral.set(codePoint, known);
    }
    return known;
  };
}

/**
 * The code point at `at`, as a regular expression with the `u` flag reads it: a surrogate pair is
 * one code point, a lone surrogate is itself.
 */
export function codePointAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code >= 0xd800 && code <= 0xdbff && at + 1 < text.length) {
    const low = text.charCodeAt(at + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return code;
}

/** The code point that ends just before `at`, reading no further back than `from`. */
export function codePointBefore(text: string, at: number, from: number): number {
  const low = text.charCodeAt(at - 1);
  if (low >= 0xdc00 && low <= 0xdfff && at - 2 >= from) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return low;
}

/** Code units the code point takes in UTF-16. */
export function unitsOf(codePoint: number): number {
  return codePoint > 0xffff ? 2 : 1;
}
