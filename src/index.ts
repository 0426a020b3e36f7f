/**
 * The library entry point: `import { cleanText, createCleaner } from 'cleanwire'`.
 * The same pipeline as `cleanwire clean`, on strings and records; see src/library/cleaner.ts.
 */

export type { Change, DocumentMeta, DuplicateOf, JsonValue, RecordId } from './core/document.js';
export { OptionError } from './core/options.js';
export { REASONS, type ReasonCode } from './core/reasons.js';
export type { Rejection } from './core/rejection.js';
export {
  type Cleaner,
  type CleanerOptions,
  type CleanInput,
  type CleanResult,
  cleanText,
  createCleaner,
  isRejection,
} from './library/cleaner.js';
export type { ArticleRecord } from './output/article.js';
export { type PipelineOptions, STAGE_NAMES, type StageName } from './pipeline/pipeline.js';
