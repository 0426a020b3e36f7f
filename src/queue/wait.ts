/**
 * Waits until every submitted key has an outcome in the ledger (an article or a rejection) or has
 * failed for good, polling Redis: outcomes outlive the jobs, so nothing can be missed by
 * subscribing late, and a waiter can be restarted at any time. Workers record failures as they
 * happen; a failure no worker saw (a job failed by the stalled check, a worker that died right
 * after failing a job) is found by `probe` once nothing has moved for a while.
 */
import type { Ledger } from './ledger.js';

export interface WaitProgress {
  readonly total: number;
  readonly articles: number;
  readonly rejected: number;
  readonly failed: number;
}

export interface WaitResult extends WaitProgress {
  /** Keys that failed for good, with `<queue>: <message>`. */
  readonly failures: readonly { readonly key: string; readonly reason: string }[];
  /** Keys still without an outcome when the wait timed out. */
  readonly unfinished: readonly string[];
}

export interface WaitOptions {
  readonly onProgress?: (progress: WaitProgress) => void;
  /** Give up after this many ms; 0 waits for ever. Default 0. */
  readonly timeoutMs?: number;
  /** Poll interval in ms. Default 200. */
  readonly pollMs?: number;
  /** Looks for failed jobs among the keys still open; called when nothing moved for probeAfterMs. */
  readonly probe?: (keys: readonly string[]) => Promise<readonly { key: string; reason: string }[]>;
  /** Default 5000. */
  readonly probeAfterMs?: number;
}

const CHUNK = 1000;

export async function waitForOutcomes(
  ledger: Ledger,
  keys: readonly string[],
  options: WaitOptions = {},
): Promise<WaitResult> {
  const pollMs = options.pollMs ?? 200;
  const deadline = options.timeoutMs ? Date.now() + options.timeoutMs : Number.POSITIVE_INFINITY;
  let open = [...new Set(keys)];
  const total = open.length;
  let articles = 0;
  let rejected = 0;
  const failures: { key: string; reason: string }[] = [];
  const probeAfterMs = options.probeAfterMs ?? 5000;
  let quietSince = Date.now();
  for (;;) {
    const still: string[] = [];
    for (let i = 0; i < open.length; i += CHUNK) {
      const chunk = open.slice(i, i + CHUNK);
      const states = await ledger.lookup(chunk);
      chunk.forEach((key, j) => {
        const { outcome, failed } = states[j] ?? {};
        if (outcome === 'article') articles++;
        else if (outcome) rejected++;
        else if (failed) failures.push({ key, reason: failed.replace('\t', ': ') });
        else still.push(key);
      });
    }
    if (still.length < open.length) quietSince = Date.now();
    open = still;
    if (open.length > 0 && options.probe && Date.now() - quietSince >= probeAfterMs) {
      const found = await options.probe(open);
      failures.push(...found);
      const failed = new Set(found.map((f) => f.key));
      open = open.filter((key) => !failed.has(key));
      quietSince = Date.now();
    }
    const progress = { total, articles, rejected, failed: failures.length };
    options.onProgress?.(progress);
    if (open.length === 0 || Date.now() >= deadline) return { ...progress, failures, unfinished: open };
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
