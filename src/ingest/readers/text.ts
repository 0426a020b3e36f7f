/**
 * A .txt or .html input (optionally .gz or .zst) is one document carrying its raw bytes (the
 * decode stage reads them); a .pdf input is one document whose text pdf.js reads here. The size limit applies to the decompressed bytes, which are counted
 * as they arrive: a small file that inflates without bound is stopped at the limit.
 */
import { stat } from 'node:fs/promises';
import type { DocumentFormat } from '../../core/document.js';
import type { InputFile } from '../inputs.js';
import { documentFromPdf } from '../pdf.js';
import { folderKey } from '../source-key.js';
import { type Compression, fileChunks } from './bytes.js';
import { documentFromBytes, type Ingested, outputPath, type ReaderOptions, rejected } from './common.js';

/** Collects a stream up to `maxBytes`; undefined (with the size seen) when it goes over. */
export async function collectUpTo(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<{ bytes?: Buffer; size: number }> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > maxBytes) return { size };
    parts.push(chunk);
  }
  return { bytes: Buffer.concat(parts, size), size };
}

export async function* readWholeFile(
  file: InputFile,
  format: DocumentFormat | 'pdf',
  compression: Compression,
  options: ReaderOptions,
): AsyncGenerator<Ingested> {
  if (!compression) {
    const info = await stat(file.path);
    if (info.size > options.maxBytes) {
      yield rejected(file.rel, 'too-large', `${info.size} bytes is over the limit of ${options.maxBytes}`);
      return;
    }
  }
  const { bytes, size } = await collectUpTo(fileChunks(file.path, compression), options.maxBytes);
  if (!bytes) {
    yield rejected(file.rel, 'too-large', `over ${size} bytes decompressed, over the limit of ${options.maxBytes}`);
    return;
  }
  const fields = { source: file.rel, sourceKey: folderKey(file.root, file.rel), output: outputPath(file.rel) };
  if (format === 'pdf') yield await documentFromPdf(bytes, fields);
  else yield { doc: documentFromBytes(bytes, { ...fields, format }) };
}
