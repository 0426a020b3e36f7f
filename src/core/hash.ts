import { createHash } from 'node:crypto';

/** Content hash used as document id and job id: hex, 32 characters (128 bits of SHA-256). */
export function contentHash(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex').slice(0, 32);
}
