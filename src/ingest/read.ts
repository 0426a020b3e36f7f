/**
 * Turns one input file into documents: a .txt or .html file is one document carrying its raw
 * bytes (the decode stage reads them); a .jsonl file is one document per record. What cannot
 * become a document becomes a rejection with a reason code.
 */
import { readFile, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import type { Document, DocumentFormat } from '../core/document.js';
import { contentHash } from '../core/hash.js';
import type { Rejection } from '../core/rejection.js';
import type { InputFile } from './inputs.js';
import { documentFromPdf } from './pdf.js';
import { folderKey, hostOf } from './source-key.js';

export interface ReadOptions {
  /** Inputs larger than this are rejected with `too-large`. Default 64 MiB. */
  readonly maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export type Ingested = { readonly doc: Document } | { readonly rejection: Rejection };

const FORMATS: Record<string, DocumentFormat | 'jsonl' | 'pdf'> = {
  '.txt': 'text',
  '.text': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.jsonl': 'jsonl',
  '.pdf': 'pdf',
};

/** `a/b.html` -> `a/b.txt`: the clean article replaces the input's extension. */
export function outputPath(rel: string): string {
  const ext = posix.extname(rel);
  return `${ext ? rel.slice(0, -ext.length) : rel}.txt`;
}

export function documentFromBytes(
  bytes: Uint8Array,
  fields: { source: string; sourceKey: string; output: string; format: DocumentFormat },
): Document {
  return {
    id: contentHash(bytes),
    ...fields,
    raw: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
    text: '',
    meta: {},
    changes: [],
  };
}

const SAFE_NAME = /[^A-Za-z0-9._-]+/g;

function documentsFromJsonl(file: InputFile, content: string): Ingested[] {
  const out: Ingested[] = [];
  const base = outputPath(file.rel).slice(0, -'.txt'.length);
  content.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const source = `${file.rel}#${index + 1}`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      out.push({
        rejection: {
          source,
          reason: 'invalid-record',
          message: `line ${index + 1} is not JSON: ${(error as Error).message}`,
        },
      });
      return;
    }
    const r = record as Record<string, unknown>;
    const body = typeof r?.text === 'string' ? r.text : typeof r?.html === 'string' ? r.html : undefined;
    if (record === null || typeof record !== 'object' || Array.isArray(record) || body === undefined) {
      out.push({
        rejection: {
          source,
          reason: 'invalid-record',
          message: `line ${index + 1} has no string \`text\` (or \`html\`) field`,
        },
      });
      return;
    }
    const url = typeof r.url === 'string' ? r.url : undefined;
    const given = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id).replace(SAFE_NAME, '_') : '';
    const id = contentHash(body);
    const title = typeof r.title === 'string' && r.title.trim() ? r.title.trim() : undefined;
    out.push({
      doc: {
        id,
        source: url ?? source,
        sourceKey: (url && hostOf(url)) ?? folderKey(file.root, file.rel),
        output: `${base}/${given || id}.txt`,
        format: typeof r.text === 'string' ? 'text' : 'html',
        // A record's title is the headline: put it on the first line, where every stage expects it.
        text: title && !body.trimStart().startsWith(title) && typeof r.text === 'string' ? `${title}\n${body}` : body,
        meta: { ...(url ? { url } : {}) },
        changes: [],
      },
    });
  });
  return out;
}

export async function readInput(file: InputFile, options: ReadOptions = {}): Promise<Ingested[]> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const ext = posix.extname(file.rel).toLowerCase();
  const format = FORMATS[ext];
  if (!format) {
    return [
      {
        rejection: {
          source: file.rel,
          reason: 'unsupported-type',
          message: `${JSON.stringify(ext || 'no extension')} is not .txt, .html, .htm or .jsonl`,
        },
      },
    ];
  }
  let bytes: Buffer;
  try {
    const info = await stat(file.path);
    if (info.size > maxBytes) {
      return [
        {
          rejection: {
            source: file.rel,
            reason: 'too-large',
            message: `${info.size} bytes is over the limit of ${maxBytes}`,
          },
        },
      ];
    }
    bytes = await readFile(file.path);
  } catch (error) {
    return [{ rejection: { source: file.rel, reason: 'unreadable', message: (error as Error).message } }];
  }
  if (format === 'jsonl') return documentsFromJsonl(file, bytes.toString('utf8'));
  if (format === 'pdf') {
    const fields = { source: file.rel, sourceKey: folderKey(file.root, file.rel), output: outputPath(file.rel) };
    return [await documentFromPdf(bytes, fields)];
  }
  return [
    {
      doc: documentFromBytes(bytes, {
        source: file.rel,
        sourceKey: folderKey(file.root, file.rel),
        output: outputPath(file.rel),
        format,
      }),
    },
  ];
}
