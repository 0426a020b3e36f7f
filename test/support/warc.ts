/**
 * Writes WARC records byte by byte per the WARC/1.0 specification (ISO 28500): a version line,
 * named fields, an empty line, a block of exactly Content-Length bytes, then two CRLFs.
 */
import { gzipSync } from 'node:zlib';

export function warcRecord(fields: Record<string, string>, block: string | Buffer): Buffer {
  const body = typeof block === 'string' ? Buffer.from(block, 'utf8') : block;
  const head = [
    'WARC/1.0',
    ...Object.entries(fields).map(([name, value]) => `${name}: ${value}`),
    `Content-Length: ${body.byteLength}`,
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'utf8'), body, Buffer.from('\r\n\r\n')]);
}

/** An HTTP/1.1 response message as a WARC `response` block carries it. */
export function httpResponse(status: string, headers: Record<string, string>, body: string | Buffer): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const head = [
    `HTTP/1.1 ${status}`,
    ...Object.entries({ ...headers, 'Content-Length': String(bytes.byteLength) }).map(([k, v]) => `${k}: ${v}`),
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), bytes]);
}

/** Each record its own gzip member, as Common Crawl writes `.warc.gz` files. */
export function gzipPerRecord(records: readonly Buffer[]): Buffer {
  return Buffer.concat(records.map((record) => gzipSync(record)));
}

let serial = 0;
export function recordId(): string {
  serial++;
  return `<urn:uuid:00000000-0000-4000-8000-${String(serial).padStart(12, '0')}>`;
}
