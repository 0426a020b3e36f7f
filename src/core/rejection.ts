import type { ReasonCode } from './reasons.js';

/** One line of rejected.jsonl: an input that produced no article, and why. */
export interface Rejection {
  readonly source: string;
  readonly reason: ReasonCode;
  readonly message: string;
  /** Content hash, when the input could be read. */
  readonly id?: string;
  /** The stage that dropped it, when a stage did. */
  readonly stage?: string;
}
