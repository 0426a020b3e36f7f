/**
 * decode: input bytes (`raw`: base64, or the bytes themselves in process) to text with LF line ends, and `raw` removed.
 *
 * Order of evidence: a byte order mark; the NUL pattern of BOM-less UTF-16; binary sniffing
 * (share of control bytes; NUL bytes only among bytes that are not UTF-8 either); strict UTF-8; UTF-8 with a few stray bytes (replaced by
 * U+FFFD); else a legacy charset: the one an HTML page declares, or the one chardet names
 * (windows-1252 when chardet is unsure).
 * Documents that arrive as text (JSONL records) only get their line ends fixed, and are rejected
 * as `empty-input` when they hold only white space, like files.
 *
 * Offsets in this stage's records refer to the decoded text (after any byte order mark).
 */
import { type Change, type Document, rawBytes } from '../core/document.js';
import { expectKnownKeys, expectNumber, OptionError } from '../core/options.js';
import type { Outcome, TextStage } from '../core/stage.js';
import { drop, keep } from '../core/stage.js';
import {
  controlByteShare,
  controlCharShare,
  countChar,
  declaredHtmlCharset,
  decodeLegacy,
  decodeLenientUtf8,
  decodeStrictUtf8,
  decodeUtf16,
  detectBom,
  guessLegacyEncoding,
  hasNulNearStart,
  isKnownEncoding,
  sniffUtf16,
  utf8Stats,
} from '../text/encoding.js';

export interface DecodeOptions {
  /**
   * Share of control bytes (C0 other than tab/LF/VT/FF/CR, and DEL) above which the input is
   * rejected as `binary-input`. Default 0.1.
   */
  maxControlShare?: number;
  /**
   * Non-UTF-8 bytes are still read as UTF-8 (stray bytes become U+FFFD) when at most this share
   * of their non-ASCII sequences is malformed; above it they are read as a legacy charset.
   * Default 0.2.
   */
  maxInvalidUtf8Share?: number;
  /** chardet confidence (0..100) needed to trust its legacy charset guess. Default 20. */
  minDetectConfidence?: number;
  /** Legacy charset used when chardet is unsure. Default `windows-1252`. */
  fallbackEncoding?: string;
  /**
   * Share of U+FFFD (bytes the legacy charset leaves undefined) in the text above which the input
   * is `undecodable`. Default 0.01.
   */
  maxReplacementShare?: number;
}

const OWNER = 'decode';
const KNOWN = [
  'maxControlShare',
  'maxInvalidUtf8Share',
  'minDetectConfidence',
  'fallbackEncoding',
  'maxReplacementShare',
] as const;

/**
 * Labels the WHATWG Encoding Standard reads as a superset: pages labelled latin-1 are in practice
 * windows-1252 (curly quotes at 0x93/0x94 would otherwise become C1 controls).
 */
const SUPERSET: Readonly<Record<string, string>> = {
  'iso-8859-1': 'windows-1252',
  'iso-8859-9': 'windows-1254',
  'iso-8859-11': 'windows-874',
};

const REPLACEMENT = '\uFFFD';
/** Declared charsets that are no legacy charset: a page that says UTF-8 but is not gets a guess. */
const NOT_LEGACY = /^(utf|ucs|unicode)/i;

interface Decoded {
  readonly text: string;
  readonly encoding: string;
  readonly changes: Change[];
}

type Rejected = { readonly reason: 'binary-input' | 'undecodable'; readonly message: string };

export function createDecode(options: DecodeOptions = {}): TextStage {
  expectKnownKeys(OWNER, options, KNOWN);
  const maxControlShare = expectNumber(OWNER, 'maxControlShare', options.maxControlShare ?? 0.1, { min: 0, max: 1 });
  const maxInvalidUtf8Share = expectNumber(OWNER, 'maxInvalidUtf8Share', options.maxInvalidUtf8Share ?? 0.2, {
    min: 0,
    max: 1,
  });
  const minDetectConfidence = expectNumber(OWNER, 'minDetectConfidence', options.minDetectConfidence ?? 20, {
    min: 0,
    max: 100,
  });
  const maxReplacementShare = expectNumber(OWNER, 'maxReplacementShare', options.maxReplacementShare ?? 0.01, {
    min: 0,
    max: 1,
  });
  const fallbackEncoding = options.fallbackEncoding ?? 'windows-1252';
  if (typeof fallbackEncoding !== 'string' || !isKnownEncoding(fallbackEncoding)) {
    throw new OptionError(
      `${OWNER}: option \`fallbackEncoding\` must be a charset iconv-lite knows, got ${JSON.stringify(fallbackEncoding)}`,
    );
  }

  const change = (rule: string, offset: number, extra: Omit<Change, 'stage' | 'rule' | 'offset'> = {}): Change => ({
    stage: OWNER,
    rule,
    offset,
    ...extra,
  });

  function decodeBytes(bytes: Uint8Array, format: Document['format']): Decoded | Rejected {
    const changes: Change[] = [];
    const bom = detectBom(bytes);
    if (bom) changes.push(change('bom', 0, { removed: '\uFEFF', evidence: { encoding: bom.encoding } }));
    const body = bom ? bytes.subarray(bom.length) : bytes;

    const utf16 = bom && bom.encoding !== 'utf-8' ? bom.encoding : bom ? undefined : sniffUtf16(body);
    if (utf16) {
      const text = decodeUtf16(body, utf16);
      if (text === undefined) return { reason: 'undecodable', message: `the bytes are not valid ${utf16}` };
      if (!bom) changes.push(change('utf16-without-bom', 0, { evidence: { encoding: utf16 } }));
      const share = controlCharShare(text);
      if (share > maxControlShare) return binary(`${percent(share)} of the ${utf16} text is control characters`);
      return { text, encoding: utf16, changes };
    }

    // NUL bytes alone do not make a file binary: PDF extractors leave hundreds in readable text
    // (normalize removes them, recorded as `control-char`). Binary is what is mostly not text: many
    // control bytes, or NULs among bytes that are not UTF-8 either (images, archives).
    const nul = hasNulNearStart(body) ? 'NUL bytes near the start, and ' : '';
    const controls = controlByteShare(body);
    if (controls > maxControlShare) return binary(`${nul}${percent(controls)} of the bytes are control characters`);
    if (nul) {
      const { valid, invalid } = utf8Stats(body);
      if (invalid > 0 && invalid / (valid + invalid) > maxInvalidUtf8Share) {
        return binary(`${nul}${percent(invalid / (valid + invalid))} of the non-ASCII bytes are not UTF-8`);
      }
    }

    const strict = decodeStrictUtf8(body);
    if (strict !== undefined) return { text: strict, encoding: 'utf-8', changes };

    const stats = utf8Stats(body);
    if (stats.valid > 0 && stats.invalid / (stats.valid + stats.invalid) <= maxInvalidUtf8Share) {
      const text = decodeLenientUtf8(body);
      const count = countChar(text, REPLACEMENT);
      changes.push(
        change('invalid-utf8', text.indexOf(REPLACEMENT), {
          inserted: REPLACEMENT,
          evidence: { count, valid: stats.valid, invalid: stats.invalid },
        }),
      );
      // The share of stray bytes was bounded above: no replacement check on top.
      return { text, encoding: 'utf-8', changes };
    }

    // A page's own declaration beats a statistical guess, but not valid UTF-8 (pages often declare
    // latin-1 and are UTF-8): it is only asked here.
    const declared = format === 'html' ? declaredHtmlCharset(body) : undefined;
    const guess =
      declared && isKnownEncoding(declared) && !NOT_LEGACY.test(declared)
        ? { encoding: declared, confidence: 100, detector: 'html-meta' }
        : guessLegacyEncoding(body, minDetectConfidence, fallbackEncoding);
    const encoding = SUPERSET[guess.encoding] ?? guess.encoding;
    const text = decodeLegacy(body, encoding);
    const detector = 'detector' in guess ? guess.detector : guess.confidence > 0 ? 'chardet' : 'fallback';
    changes.push(change('legacy-encoding', 0, { evidence: { encoding, confidence: guess.confidence, detector } }));
    return replacementCheck({ text, encoding, changes }, countChar(text, REPLACEMENT));
  }

  function replacementCheck(decoded: Decoded, replacements: number): Decoded | Rejected {
    const share = replacements / Math.max(1, decoded.text.length);
    if (share > maxReplacementShare) {
      return {
        reason: 'undecodable',
        message: `${percent(share)} of the text read as ${decoded.encoding} is undecodable bytes`,
      };
    }
    return decoded;
  }

  return {
    name: OWNER,
    kind: 'text',
    run(doc: Document): Outcome {
      if (doc.raw === undefined) return finish(doc, { text: doc.text, changes: [] });
      const { raw, ...rest } = doc;
      const bytes = rawBytes(raw);
      if (bytes.length === 0) return drop(rest, 'empty-input', 'the input has no bytes');
      const decoded = decodeBytes(bytes, doc.format);
      if ('reason' in decoded) return drop(rest, decoded.reason, decoded.message);
      return finish(rest, decoded);
    },
  };
}

const binary = (message: string): Rejected => ({ reason: 'binary-input', message });
const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** Line ends to LF (one record per kind, with its count and first offset), then the empty check. */
function finish(doc: Document, decoded: { text: string; encoding?: string; changes: Change[] }): Outcome {
  const changes = [...decoded.changes];
  let text = decoded.text;
  if (text.includes('\r')) {
    let crlf = 0;
    let cr = 0;
    let firstCrlf = -1;
    let firstCr = -1;
    for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
      if (text.charCodeAt(i + 1) === 10) {
        if (crlf++ === 0) firstCrlf = i;
      } else if (cr++ === 0) firstCr = i;
    }
    if (crlf) changes.push(lineEnd('crlf', firstCrlf, '\r\n', crlf));
    if (cr) changes.push(lineEnd('cr', firstCr, '\r', cr));
    changes.sort((a, b) => a.offset - b.offset);
    // What /\r\n?/g gives (pairs first, then the lone CRs), by string search: a third of the time.
    text = text.replaceAll('\r\n', '\n');
    if (cr) text = text.replaceAll('\r', '\n');
  }
  if (text.trim() === '') {
    return drop(doc, 'empty-input', 'the input has only white space');
  }
  return keep(doc, {
    text,
    changes,
    ...(decoded.encoding ? { meta: { encoding: decoded.encoding } } : {}),
  });
}

function lineEnd(rule: 'crlf' | 'cr', offset: number, removed: string, count: number): Change {
  return { stage: OWNER, rule, offset, removed, inserted: '\n', evidence: { count } };
}
