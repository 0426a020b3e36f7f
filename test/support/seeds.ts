/** The project's seed documents (seeds/input, copied unchanged from ../shared/seeds). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

export const SEEDS_DIR = join(ROOT, 'seeds/input');

export function readSeed(name: string): string {
  return readFileSync(join(SEEDS_DIR, name), 'utf8');
}

/**
 * A seed as the stages after unwrap receive it: one paragraph a line, no blank lines, no
 * surrounding spaces (the seeds have no hard-wrapped paragraphs, so that is all unwrap does).
 */
export function seedParagraphs(name: string): string {
  return readSeed(name)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}
