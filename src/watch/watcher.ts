/**
 * Watches an inbox folder (chokidar; the only module that imports it). Reports each file once
 * its size has stayed the same for `stableMs`, so a file still being written is not read half
 * way; files already there at start are reported too. Dot files, temporary names (`.tmp`,
 * `.part`, `.crdownload`, `~`) and the folders named in `skipDirs` are never reported.
 */
import { relative, sep } from 'node:path';
import { watch } from 'chokidar';
import type { InputFile } from '../ingest/inputs.js';

export interface FolderWatchOptions {
  /** Absolute path of the folder. */
  readonly dir: string;
  /** How long a file's size must stay the same before it is reported, in ms. */
  readonly stableMs: number;
  /** Top-level folders of `dir` to leave alone (where processed files are moved). */
  readonly skipDirs: readonly string[];
  readonly onFile: (file: InputFile) => void;
  readonly onError: (error: Error) => void;
}

export interface FolderWatch {
  /** Resolves once the files present at start have been found (they are reported once stable). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

const TEMPORARY = /(\.tmp|\.part|\.crdownload|~)$/i;

export function isSkipped(rel: string, skipDirs: readonly string[]): boolean {
  if (rel === '') return false;
  const parts = rel.split(sep);
  return (
    parts.some((part) => part.startsWith('.')) ||
    skipDirs.includes(parts[0] ?? '') ||
    TEMPORARY.test(parts.at(-1) ?? '')
  );
}

export function watchFolder(options: FolderWatchOptions): FolderWatch {
  const { dir } = options;
  const watcher = watch(dir, {
    ignoreInitial: false,
    persistent: true,
    awaitWriteFinish: { stabilityThreshold: options.stableMs, pollInterval: Math.min(100, options.stableMs) },
    ignored: (path: string) => isSkipped(relative(dir, path), options.skipDirs),
  });
  const report = (path: string) => options.onFile({ path, root: dir, rel: relative(dir, path).split(sep).join('/') });
  watcher.on('add', report);
  watcher.on('change', report);
  watcher.on('error', (error) => options.onError(error instanceof Error ? error : new Error(String(error))));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return { ready, close: () => watcher.close() };
}
