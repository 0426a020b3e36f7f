/**
 * Keeps a run from reading its own output or writing over its input. `--out` inside an input
 * folder would make the next run read the old articles as input, so it is refused unless the
 * user says to leave it out of the walk (`allowInside`); `--out` equal to an input folder, an
 * input inside `--out`, or `--out` naming a file are refused outright: there an article file
 * could land on an input file.
 */
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { InputError } from './inputs.js';
import { STDIN } from './read.js';

/** The real path of `path`, resolving symlinks of its existing part (the rest may not exist yet). */
async function realPathOf(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(await realPathOf(parent), basename(absolute));
  }
}

/** True when `inner` is `outer` or lies inside it. */
function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

export interface OutGuardOptions {
  /** `--out` may lie inside an input folder; it is then left out of the walk. */
  readonly allowInside?: boolean;
}

export async function checkOut(paths: readonly string[], out: string, options: OutGuardOptions = {}): Promise<void> {
  if (out === STDIN) return;
  const outInfo = await stat(out).catch(() => undefined);
  if (outInfo && !outInfo.isDirectory())
    throw new InputError(`--out ${JSON.stringify(out)} names a file; it must be a folder (or - for stdout)`);
  const realOut = await realPathOf(out);
  for (const given of paths) {
    if (given === STDIN) continue;
    const info = await stat(given).catch(() => undefined);
    if (!info) continue; // collectInputs reports a missing input with its own message.
    const input = await realPathOf(given);
    if (input === realOut)
      throw new InputError(
        `--out ${JSON.stringify(out)} is the input folder ${JSON.stringify(given)}: articles would be written over the inputs; choose another folder`,
      );
    if (within(input, realOut))
      throw new InputError(
        `input ${JSON.stringify(given)} lies inside --out ${JSON.stringify(out)}: articles could be written over it; choose another folder`,
      );
    if (info.isDirectory() && within(realOut, input) && !options.allowInside)
      throw new InputError(
        `--out ${JSON.stringify(out)} lies inside the input folder ${JSON.stringify(given)}: the next run would read its articles as input; choose a folder outside, or pass --allow-out-inside to leave it out of the walk`,
      );
  }
}
