/**
 * The publisher a document belongs to: the host of its URL when known, else the folder it sits
 * in relative to its input root (the root's own name for files at the top).
 */
import { basename, posix } from 'node:path';

export function hostOf(url: string): string | undefined {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host.startsWith('www.') ? host.slice(4) : host || undefined;
  } catch {
    return undefined;
  }
}

export function folderKey(root: string, rel: string): string {
  const dir = posix.dirname(rel);
  return dir === '.' ? basename(root) : dir;
}
