/**
 * A .txt or .html input (optionally .gz or .zst) is one document carrying its raw bytes (the
 * decode stage reads them); a .pdf input is one document whose text pdf.js reads here. The size limit applies to the decompressed bytes, which are counted
 * as they arrive: a small file that inflates without bound is stopped at the limit.
 */
import { open } from 'node:fs/promises';
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
  let read: { bytes?: Buffer; size: number };
  if (compression) read = await collectUpTo(fileChunks(file.path, compression), options.maxBytes);
  else {
    // One open file for the size check and the read: the bytes come in one call (a file that
    // grew since its size was read is still counted), not as a stream of chunks to join.
    const handle = await open(file.path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > options.maxBytes) {
        yield rejected(file.rel, 'too-large', `${size} bytes is over the limit of ${options.maxBytes}`);
        return;
      }
      const bytes = await handle.readFile();
      read = bytes.length > options.maxBytes ? { size: bytes.length } : { bytes, size: bytes.length };
    } finally {
      await handle.close();
    }
  }
  const { bytes, size } = read;
  if (!bytes) {
    yield rejected(file.rel, 'too-large', `over ${size} bytes decompressed, over the limit of ${options.maxBytes}`);
    return;
  }
  const fields = { source: file.rel, sourceKey: folderKey(file.root, file.rel), output: outputPath(file.rel) };
  if (format === 'pdf') yield await documentFromPdf(bytes, fields);
  else yield { doc: documentFromBytes(bytes, { ...fields, format }, options.rawBytes) };
}
