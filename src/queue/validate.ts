/**
 * Job payloads come from Redis, and anything that can write to Redis can write them: they are
 * untrusted input, checked field by field against the shapes cleanwire itself produces before a
 * worker uses them. A small hand-written checker (no schema library): the shapes are few, and
 * each failure says which field is wrong and quotes (a bounded part of) the bad value.
 *
 * Output paths get the strictest check, because they become file names: relative, normalised,
 * no `..`, no hidden segment, ending in `.txt` (so never articles.jsonl, rejected.jsonl or a
 * temporary file), and of bounded length.
 */
import { posix } from 'node:path';
import type { Document } from '../core/document.js';
import { isReasonCode } from '../core/reasons.js';
import type { Rejection } from '../core/rejection.js';

type Check = (value: unknown) => string | undefined;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A bounded, quoted rendering of a bad value for messages: a hostile value may be megabytes long. */
export function quote(value: unknown): string {
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  return shown.length > 120 ? `${shown.slice(0, 120)}…` : shown;
}

const string =
  (max: number, min = 0): Check =>
  (value) =>
    typeof value !== 'string'
      ? 'is not a string'
      : value.length < min
        ? 'is empty'
        : value.length > max
          ? `is longer than ${max} characters`
          : undefined;

const number: Check = (value) => (typeof value === 'number' && Number.isFinite(value) ? undefined : 'is not a number');

const offset: Check = (value) =>
  Number.isSafeInteger(value) && (value as number) >= 0 ? undefined : 'is not an offset';

const HASH = /^[0-9a-f]{32}$/;
const hash: Check = (value) => (typeof value === 'string' && HASH.test(value) ? undefined : 'is not a content hash');

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const base64: Check = (value) =>
  typeof value === 'string' && value.length % 4 === 0 && BASE64.test(value) ? undefined : 'is not base64';

const oneOf =
  (...allowed: readonly string[]): Check =>
  (value) =>
    typeof value === 'string' && allowed.includes(value) ? undefined : `is not one of ${allowed.join(', ')}`;

const MAX_PATH = 1024;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
const CONTROL = /[\u0000-\u001f\u007f]/;
const MAX_SEGMENT = 255;

/** An output path the ledger expects: an article file inside the output folder. */
export function isSafeOutputPath(path: string): boolean {
  const segments = path.split('/');
  return (
    path.length > 0 &&
    path.length <= MAX_PATH &&
    path.endsWith('.txt') &&
    !posix.isAbsolute(path) &&
    !path.includes('\\') &&
    // Control characters (NUL among them) have no place in a file name cleanwire makes.
    !CONTROL.test(path) &&
    posix.normalize(path) === path &&
    segments.every((s) => s !== '' && s !== '..' && !s.startsWith('.') && s.length <= MAX_SEGMENT)
  );
}

const outputPath: Check = (value) =>
  typeof value === 'string' && isSafeOutputPath(value)
    ? undefined
    : 'is not a relative .txt path inside the output folder';

/**
 * An object with these fields (`?` suffix: optional) and no others. Every job's document and each
 * of its change records pass here once a segment: own keys read with for-in and a Set lookup,
 * no entry arrays (a queue worker's event loop ran this for some 40 records a document).
 */
function shape(fields: Readonly<Record<string, Check>>): Check {
  const required = Object.keys(fields).filter((k) => !k.endsWith('?'));
  const requiredSet = new Set(required);
  const known = new Map(Object.entries(fields).map(([k, check]) => [k.replace(/\?$/, ''), check]));
  const hasOwn = Object.prototype.hasOwnProperty;
  return (value) => {
    if (!isObject(value)) return 'is not an object';
    for (const key of required) if (value[key] === undefined) return `has no \`${key}\``;
    for (const key in value) {
      if (!hasOwn.call(value, key)) continue;
      const check = known.get(key);
      if (!check) return `has an unexpected field ${quote(key)}`;
      const field = value[key];
      if (field === undefined && !requiredSet.has(key)) continue;
      const why = check(field);
      if (why) return `\`${key}\` ${why} (${quote(field)})`;
    }
    return undefined;
  };
}

const evidence: Check = (value) => {
  if (!isObject(value)) return 'is not an object';
  const bad = Object.entries(value).find(([, v]) => typeof v !== 'string' && typeof v !== 'number');
  return bad ? `\`${bad[0]}\` is not a string or a number` : undefined;
};

/** A `[start, end)` pair of offsets (a change's span in the original input). */
const span: Check = (value) =>
  Array.isArray(value) && value.length === 2 && offset(value[0]) === undefined && offset(value[1]) === undefined
    ? undefined
    : 'is not a [start, end] pair of offsets';

/** A flat list of offsets (a document's span map): numbers only, whatever its length. */
const offsets: Check = (value) =>
  Array.isArray(value) && value.every((x) => offset(x) === undefined) ? undefined : 'is not a list of offsets';

/** A record id as the input gave it: a JSON scalar. */
const recordId: Check = (value) =>
  (typeof value === 'string' && value.length <= 100_000) || typeof value === 'boolean' || number(value) === undefined
    ? undefined
    : 'is not a string, number or boolean';

/** Record metadata is data carried through untouched: any JSON (it names no file and runs nothing). */
const anyJson: Check = () => undefined;

const change: Check = shape({
  stage: string(100, 1),
  rule: string(200, 1),
  offset,
  'span?': span,
  'removed?': string(Number.MAX_SAFE_INTEGER),
  'inserted?': string(Number.MAX_SAFE_INTEGER),
  'evidence?': evidence,
});

const changes: Check = (value) => {
  if (!Array.isArray(value)) return 'is not an array';
  for (let i = 0; i < value.length; i++) {
    const why = change(value[i]);
    if (why) return `[${i}] ${why}`;
  }
  return undefined;
};

const knownMeta = shape({
  'title?': string(100_000),
  'url?': string(8192),
  'lang?': string(16),
  'confidence?': number,
  'duplicateOf?': shape({ id: hash, similarity: number }),
  'encoding?': string(64),
});
const META_FIELDS = ['title', 'url', 'lang', 'confidence', 'duplicateOf', 'encoding'];

/**
 * The fields cleanwire knows are checked; other fields are let through, since metadata is data
 * (it names no file) and stages may add fields this checker does not know yet.
 */
const meta: Check = (value) => {
  if (!isObject(value)) return 'is not an object';
  return knownMeta(Object.fromEntries(Object.entries(value).filter(([key]) => META_FIELDS.includes(key))));
};

const document: Check = shape({
  id: hash,
  source: string(8192, 1),
  sourceKey: string(8192),
  output: outputPath,
  format: oneOf('text', 'html'),
  'raw?': base64,
  text: string(Number.MAX_SAFE_INTEGER),
  meta,
  'recordId?': recordId,
  'metadata?': anyJson,
  changes,
  'spanMap?': offsets,
});

const reason: Check = (value) =>
  typeof value === 'string' && isReasonCode(value) ? undefined : 'is not a known reason code';

const rejection: Check = shape({
  source: string(8192, 1),
  reason,
  message: string(100_000),
  'id?': hash,
  'stage?': string(100, 1),
});

const rejectionKeyCheck: Check = (value) =>
  typeof value === 'string' && (HASH.test(value) || /^[rf]-[0-9a-f]{32}$/.test(value))
    ? undefined
    : 'is not a document id or a rejection key';

const rejectionJob: Check = shape({ key: rejectionKeyCheck, rejection });

/** The document, or why the payload is not one. */
export function parseDocument(data: unknown): Document | string {
  const why = document(data);
  return why ? `the document ${why}` : (data as Document);
}

/** The rejection job, or why the payload is not one. */
export function parseRejectionJob(data: unknown): { key: string; rejection: Rejection } | string {
  const why = rejectionJob(data);
  return why ? `the rejection job ${why}` : (data as { key: string; rejection: Rejection });
}
