/**
 * The development corpus the benchmarks measure on: `../shared/eval/noise.mjs` with noise seed 7,
 * the same documents `scripts/eval.sh 7` scores. Returns the folder of input files.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export function buildDevCorpus(evalDir: string, dir: string): string {
  execFileSync(process.execPath, [
    join(evalDir, 'noise.mjs'),
    '--articles',
    join(evalDir, 'articles-dev.jsonl'),
    '--pools',
    join(evalDir, 'pools-dev.json'),
    '--out',
    dir,
    '--seed',
    '7',
  ]);
  return join(dir, 'input');
}
