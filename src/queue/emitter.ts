/**
 * Exactly-once output from at-least-once jobs. BullMQ may run a job twice (a retry after a crash,
 * a stalled job handed to another worker, the same document enqueued again after its job was
 * removed), so every write to the output folder goes through the ledger:
 *
 * 1. claim the output key (a lease in Redis): `done` -> nothing to do; held by another live
 *    writer -> a transient error, the job retries later;
 *    With the claim, in the same script, the key is marked pending at the file's size read just
 *    before (appends land after it), unless an earlier try's mark is there;
 * 2. if an earlier try left a pending mark (file + offset), look in the file from that offset
 *    for the line: found -> the earlier try wrote it and died before step 5, so do not write again;
 * 3. otherwise write: REL.txt by atomic rename, then one O_APPEND line;
 * 4. publish the article to the `articles` queue (job id = document id, so a repeat is a no-op);
 * 5. commit: ledger key -> outcome, pending mark and lease dropped, in one Redis script.
 *
 * Write-then-mark, with the pending mark closing its crash window: marking first would lose the
 * article when a worker dies between mark and write; writing first alone would duplicate the
 * line when it dies between write and mark.
 *
 * Fencing: the lease's token is one write attempt's own (`<process token>#<n>`), never the
 * process's alone: BullMQ hands a stalled job on while its first run goes on, often to the same
 * process, and two runs sharing a token both held the lease (issue 8: 61 lines for 60 documents
 * under a 2 s lock). A writer stalled past its lease (a CPU-bound job on the same event loop, a
 * loaded machine) must not append after another took the key over: right before the append it
 * renews the lease, and appends only if the renewal was granted (so the lease never lapsed
 * since the claim: a lapsed one is never given back to the same token) and its answer came
 * within half a lease of the question (so the lease granted then still runs: an answer held up
 * in a busy event loop for a whole lease proves nothing). The answer and the synchronous append
 * run in one tick. What is left: the process frozen for over half a lease inside that tick.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { UnrecoverableError } from 'bullmq';
import type { Document } from '../core/document.js';
import type { Rejection } from '../core/rejection.js';
import { type ArticleRecord, toArticle } from '../output/article.js';
import { ARTICLES_FILE, type OutputWriter, REJECTED_FILE } from '../output/writer.js';
import type { RejectionJob } from './jobs.js';
import type { Ledger, Outcome } from './ledger.js';
import { isSafeOutputPath, quote } from './validate.js';

/** Another worker is writing the same output right now: retry later. */
export class WriteBusyError extends Error {
  override name = 'WriteBusyError';
}

export interface EmitterOptions {
  readonly writer: OutputWriter;
  readonly ledger: Ledger;
  /** Identifies this process in leases. */
  readonly token: string;
  /** How long a lease lasts if its holder dies, in ms. */
  readonly leaseMs: number;
  /** Hands the article to the output queue (its record, built once for the line too); absent when that queue is off. */
  readonly publish?: (doc: Document, record: ArticleRecord) => Promise<void>;
  /**
   * Takes a superseded article's job out of the output queue if no consumer has taken it yet
   * (waiting or delayed); a no-op when it is not there.
   */
  readonly unpublish?: (id: string) => Promise<void>;
}

export type EmitResult = 'written' | 'already-written';

export interface Emitter {
  article(doc: Document): Promise<EmitResult>;
  rejection(job: RejectionJob): Promise<EmitResult>;
  /**
   * For a document whose job failed for good: whether its article is out after all (an earlier
   * try wrote the line and then could not commit it, e.g. Redis out of memory). If so it is
   * committed now, so that the failure does not also get a rejection record.
   */
  recover(id: string): Promise<boolean>;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/** Whether a line from `offset` on satisfies `matches`. */
async function containsLine(path: string, offset: number, matches: (line: string) => boolean): Promise<boolean> {
  if ((await sizeOf(path)) <= offset) return false;
  const lines = createInterface({
    input: createReadStream(path, { start: offset }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  try {
    for await (const line of lines) if (matches(line)) return true;
    return false;
  } finally {
    lines.close();
  }
}

const hasId = (id: string) => (line: string) => {
  try {
    return (JSON.parse(line) as { id?: unknown }).id === id;
  } catch {
    return false;
  }
};

/** Renewals tried before an append whose answers all came too late to trust. */
const RENEW_TRIES = 3;

export function createEmitter(options: EmitterOptions): Emitter {
  const { writer, ledger, leaseMs } = options;
  let attempts = 0;
  /** A token for one write attempt: see the fencing note above. */
  const attemptToken = () => `${options.token}#${++attempts}`;

  /**
   * Whether `token` still holds `key`'s lease and will for the next half lease at least: renewed
   * and answered within half a lease. A late answer is asked again (the loop may just have been
   * busy); a refusal is final.
   */
  async function holdsLease(key: string, token: string): Promise<boolean> {
    for (let i = 0; i < RENEW_TRIES; i++) {
      const asked = performance.now();
      if (!(await ledger.renew(key, token, leaseMs))) return false;
      if (performance.now() - asked < leaseMs / 2) return true;
    }
    return false;
  }

  async function once(
    key: string,
    outcome: Outcome,
    file: string,
    matches: (line: string) => boolean,
    prepare: () => Promise<() => void>,
    after?: () => Promise<void>,
  ): Promise<EmitResult> {
    const path = join(writer.dir, file);
    const token = attemptToken();
    // Read before the claim: the file only grows, so this is at or before where the line lands.
    const offset = await sizeOf(path);
    const claim = await ledger.claimWrite(key, token, leaseMs, { file, offset });
    if (claim.state === 'done') return 'already-written';
    if (claim.state === 'busy') throw new WriteBusyError(`${key} is being written by ${claim.holder}`);
    try {
      const pending = claim.pending;
      const written = pending?.file === file && (await containsLine(path, pending.offset, matches));
      if (!written) {
        const append = await prepare();
        // Fencing (see above): the check and the synchronous append run in one tick, so nothing
        // of this process can come between them.
        if (!(await holdsLease(key, token))) {
          throw new WriteBusyError(`${key}: the write lease ran out before the write; another writer may have it`);
        }
        append();
      }
      await after?.();
      await ledger.commit(key, outcome, token);
      return written ? 'already-written' : 'written';
    } catch (error) {
      await ledger.release(key, token).catch(() => {});
      throw error;
    }
  }

  return {
    async recover(id) {
      const token = attemptToken();
      const claim = await ledger.claimWrite(id, token, leaseMs);
      if (claim.state === 'done') return claim.outcome === 'article';
      if (claim.state === 'busy') throw new WriteBusyError(`${id} is being written by ${claim.holder}`);
      try {
        const { pending } = claim;
        const out =
          pending?.file === ARTICLES_FILE &&
          (await containsLine(join(writer.dir, ARTICLES_FILE), pending.offset, hasId(id)));
        if (out) await ledger.commit(id, 'article', token);
        else await ledger.release(id, token);
        return out;
      } catch (error) {
        await ledger.release(id, token).catch(() => {});
        throw error;
      }
    },
    article(doc) {
      // Checked on arrival too (validate.ts); this is the last line before a file name is made.
      if (!isSafeOutputPath(doc.output)) throw new UnrecoverableError(`unsafe output path ${quote(doc.output)}`);
      const { publish } = options;
      let record: ArticleRecord | undefined;
      const built = () => {
        record ??= toArticle(doc);
        return record;
      };
      return once(
        doc.id,
        'article',
        ARTICLES_FILE,
        hasId(doc.id),
        () => writer.prepareArticle(doc, built()),
        async () => {
          await publish?.(doc, built());
          await supersede(doc);
        },
      );
    },
    rejection,
  };

  function rejection({ key, rejection }: { key: string; rejection: Rejection }): Promise<EmitResult> {
    const line = JSON.stringify(rejection);
    return once(
      key,
      `rejected:${rejection.reason}`,
      REJECTED_FILE,
      (candidate) => candidate === line,
      async () => writer.prepareRejection(rejection),
    );
  }

  /**
   * A rewritten input: its new version's article has just replaced REL.txt, and the earlier
   * version's line in articles.jsonl must not stay published beside it. Append-only files keep
   * that line, so a `superseded` record with its id goes to rejected.jsonl, once (key `s-<id>`),
   * and its job leaves the `articles` queue if no consumer has taken it yet.
   * Runs before the new article's commit: a crash in between repeats this step, and the ledger
   * answers the same replaced id again (the record is then already written, the job already gone).
   */
  async function supersede(doc: Document): Promise<void> {
    const replaced = await ledger.supersede(doc.output, doc.id);
    if (replaced === undefined || replaced === doc.id) return;
    await rejection({
      key: `s-${replaced}`,
      rejection: {
        source: doc.source,
        reason: 'superseded',
        message: `${doc.source} was rewritten: its article ${doc.output} is now the version with id ${doc.id}`,
        id: replaced,
      },
    });
    await options.unpublish?.(replaced);
  }
}
