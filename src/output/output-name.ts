/**
 * Output file names within the file system's limits. An input can ask for any name (a 255-byte
 * file name, a 10,000-character JSONL id), while a path component may hold 255 bytes, and the
 * writer adds a temporary suffix before its rename. A component longer than MAX_COMPONENT_BYTES
 * is cut (on a character boundary) and given a hash of the whole component, so that the name is
 * the same on every run and two long names that share a prefix stay apart. Shorter names are
 * left exactly as they were.
 */
import { createHash } from 'node:crypto';

/** 255 bytes (ext4, XFS, APFS, NTFS) less room for the writer's `.PID.N.tmp` suffix. */
export const MAX_COMPONENT_BYTES = 224;

const HASH_CHARS = 16;

function cutToBytes(text: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (used + size > bytes) break;
    out += char;
    used += size;
  }
  return out;
}

function shortenComponent(component: string, keepExtension: boolean): string {
  if (Buffer.byteLength(component) <= MAX_COMPONENT_BYTES) return component;
  const hash = createHash('sha256').update(component).digest('hex').slice(0, HASH_CHARS);
  const dot = component.lastIndexOf('.');
  const ext = keepExtension && dot > 0 && component.length - dot <= 16 ? component.slice(dot) : '';
  const stem = ext ? component.slice(0, -ext.length) : component;
  const room = MAX_COMPONENT_BYTES - Buffer.byteLength(ext) - HASH_CHARS - 1;
  return `${cutToBytes(stem, room)}-${hash}${ext}`;
}

/** `rel` (forward slashes) with every over-long component shortened; the last keeps its extension. */
export function safeOutputPath(rel: string): string {
  const parts = rel.split('/');
  return parts.map((part, index) => shortenComponent(part, index === parts.length - 1)).join('/');
}
