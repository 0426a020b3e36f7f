/**
 * Stage options from a JSON file (`--config`), plus the flags that map onto stage options.
 * Validation happens in the stage factories; this only reads and merges.
 */
import { readFile } from 'node:fs/promises';
import { OptionError } from '../core/options.js';
import type { PipelineOptions } from '../pipeline/pipeline.js';

export async function loadPipelineOptions(
  file: string | undefined,
  flags: { dropNearDuplicates?: boolean } = {},
): Promise<PipelineOptions> {
  let options: PipelineOptions = {};
  if (file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new OptionError(`--config ${JSON.stringify(file)}: ${(error as Error).message}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new OptionError(`--config ${JSON.stringify(file)}: expected a JSON object keyed by stage name`);
    }
    options = parsed as PipelineOptions;
  }
  if (flags.dropNearDuplicates) {
    options = {
      ...options,
      'near-duplicates': { ...(options['near-duplicates'] ?? {}), drop: true } as NonNullable<
        PipelineOptions['near-duplicates']
      >,
    };
  }
  return options;
}
