/**
 * Finds the input files behind the paths a user names. A directory is walked recursively and
 * becomes the root its files are relative to; a file is relative to its own folder.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

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
