/**
 * What happens to a file that lands in a watched inbox: it is read (like `cleanwire enqueue`
 * reads a file) and its documents are submitted to the queues, then, with `after: 'move'`, it is
 * moved to `processed/REL` (it held at least one document) or `rejected/REL` (nothing in it could
 * be read: unsupported type, too large, unreadable, no valid JSONL record); with `after: 'leave'`
 * it stays where it is. Either way it is ingested once: submissions are idempotent (content-hash
 * job ids, the ledger), so a file seen again after a restart adds nothing.
 */
import { mkdir, rename, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import pLimit from 'p-limit';
import type { InputFile } from '../ingest/inputs.js';
import { type Ingested, readInput } from '../ingest/read.js';

export const PROCESSED_DIR = 'processed';
export const REJECTED_DIR = 'rejected';

export type AfterIngest = 'leave' | 'move';

export interface InboxOptions {
  readonly after: AfterIngest;
  readonly maxBytes: number;
  /** Files read and submitted at once. */
  readonly concurrency: number;
  readonly submit: (item: Ingested) => Promise<unknown>;
  /** Called when a file is done, with how many documents and rejections it held. */
  readonly onIngested?: (file: InputFile, counts: { docs: number; rejections: number }, movedTo?: string) => void;
  readonly onError: (file: InputFile, error: Error) => void;
}

export interface Inbox {
  /** Takes a file in; a file reported again while it is being taken in is taken in after that. */
  take(file: InputFile): void;
  /** Resolves when every file taken so far is done. */
  idle(): Promise<void>;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export function createInbox(options: InboxOptions): Inbox {
  const limit = pLimit(options.concurrency);
  const inFlight = new Map<string, Promise<void>>();

  async function ingest(file: InputFile): Promise<void> {
    // Moved away by an earlier report of the same file, or deleted: nothing to read.
    if (!(await exists(file.path))) return;
    const counts = { docs: 0, rejections: 0 };
    for await (const item of readInput(file, { maxBytes: options.maxBytes })) {
      if ('doc' in item) counts.docs++;
      else counts.rejections++;
      await options.submit(item);
    }
    let movedTo: string | undefined;
    if (options.after === 'move') {
      movedTo = join(file.root, counts.docs > 0 ? PROCESSED_DIR : REJECTED_DIR, file.rel);
      await mkdir(dirname(movedTo), { recursive: true });
      await rename(file.path, movedTo);
    }
    options.onIngested?.(file, counts, movedTo);
  }

  return {
    take(file) {
      const previous = inFlight.get(file.path) ?? Promise.resolve();
      const next = previous
        .then(() => limit(() => ingest(file)))
        .catch((error: Error) => options.onError(file, error))
        .finally(() => {
          if (inFlight.get(file.path) === next) inFlight.delete(file.path);
        });
      inFlight.set(file.path, next);
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all(inFlight.values());
    },
  };
}
