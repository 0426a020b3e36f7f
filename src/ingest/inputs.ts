/**
 * Finds the input files behind the paths a user names. A directory is walked recursively and
 * becomes the root its files are relative to; a file is relative to its own folder.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Rejection } from '../core/rejection.js';

export interface InputFile {
  /** Absolute path of the file. */
  readonly path: string;
  /** Absolute path of the root it was found under. */
  readonly root: string;
  /** Path relative to the root, with forward slashes. */
  readonly rel: string;
}

export class InputError extends Error {
  override name = 'InputError';
}

/** Folders a walk never enters: the output of an earlier run, VCS metadata. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

async function walk(dir: string, root: string, into: InputFile[], skip: ReadonlySet<string>): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !skip.has(path)) await walk(path, root, into, skip);
    } else if (entry.isFile() && !entry.name.startsWith('.')) {
      into.push({ path, root, rel: relative(root, path).split(sep).join('/') });
    }
  }
}

/**
 * Resolves paths to input files in a stable order (sorted within each directory, arguments in
 * the order given). `exclude` names folders to leave out, such as the output folder when it lies
 * inside an input folder.
 */
export async function collectInputs(paths: readonly string[], exclude: readonly string[] = []): Promise<InputFile[]> {
  const skip = new Set(exclude.map((p) => resolve(p)));
  const files: InputFile[] = [];
  for (const given of paths) {
    if (given === '-') {
      // Standard input: read by `readInput`, named `stdin` in sources and output paths.
      files.push({ path: '-', root: process.cwd(), rel: 'stdin' });
      continue;
    }
    const path = resolve(given);
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new InputError(
        `cannot read ${JSON.stringify(given)}: ${error.code === 'ENOENT' ? 'no such file or directory' : error.message}`,
      );
    });
    if (info.isDirectory()) await walk(path, path, files, skip);
    else if (info.isFile()) files.push({ path, root: dirname(path), rel: basename(path) });
    else throw new InputError(`cannot read ${JSON.stringify(given)}: not a file or directory`);
  }
  return files;
}

/** An entry of a walk: an input file, or a rejection for what the walk could not read. */
export type WalkItem = { readonly file: InputFile } | { readonly rejection: Rejection };

function unreadable(root: string, path: string, message: string): WalkItem {
  return { rejection: { source: relative(root, path).split(sep).join('/') || '.', reason: 'unreadable', message } };
}

/**
 * A directory walked one folder at a time, in the order of `collectInputs`, for a run that must
 * not hold every path of a million-file tree. What a user-named folder holds is untrusted: a
 * subfolder that cannot be listed (no permission, a path over PATH_MAX, a symbolic-link loop), a
 * dangling link, a FIFO or a device becomes a rejection and the walk goes on. A link to a file
 * is read as that file; a link to a folder is not followed (it could loop).
 */
async function* walkStream(dir: string, root: string, skip: ReadonlySet<string>): AsyncGenerator<WalkItem> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    yield unreadable(
      root,
      dir,
      `cannot list folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !skip.has(path)) yield* walkStream(path, root, skip);
      continue;
    }
    if (entry.name.startsWith('.')) continue;
    const file = { path, root, rel: relative(root, path).split(sep).join('/') };
    if (entry.isFile()) {
      yield { file };
      continue;
    }
    let kind = 'not a regular file';
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(path);
        if (target.isFile()) {
          yield { file };
          continue;
        }
        kind = target.isDirectory() ? 'a link to a folder (not followed)' : 'a link to something not a regular file';
      } catch (error) {
        yield unreadable(
          root,
          path,
          `broken link: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        );
        continue;
      }
    }
    yield { rejection: { source: file.rel, reason: 'unsupported-type', message: kind } };
  }
}

/**
 * `collectInputs` as a stream: the named paths are checked up front (a missing one is a usage
 * error, before anything is written), then walked lazily.
 */
export async function* streamInputs(
  paths: readonly string[],
  exclude: readonly string[] = [],
): AsyncGenerator<WalkItem> {
  const skip = new Set(exclude.map((p) => resolve(p)));
  const named: { path: string; given: string; dir: boolean }[] = [];
  for (const given of paths) {
    if (given === '-') {
      named.push({ path: '-', given, dir: false });
      continue;
    }
    const path = resolve(given);
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new InputError(
        `cannot read ${JSON.stringify(given)}: ${error.code === 'ENOENT' ? 'no such file or directory' : error.message}`,
      );
    });
    if (!info.isDirectory() && !info.isFile())
      throw new InputError(`cannot read ${JSON.stringify(given)}: not a file or directory`);
    named.push({ path, given, dir: info.isDirectory() });
  }
  for (const { path, dir } of named) {
    // Standard input: read by `readInput`, named `stdin` in sources and output paths.
    if (path === '-') yield { file: { path, root: process.cwd(), rel: 'stdin' } };
    else if (dir) yield* walkStream(path, path, skip);
    else yield { file: { path, root: dirname(path), rel: basename(path) } };
  }
}
