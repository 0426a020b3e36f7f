/**
 * Exactly-once output from at-least-once jobs. BullMQ may run a job twice (a retry after a crash,
 * a stalled job handed to another worker, the same document enqueued again after its job was
 * removed), so every write to the output folder goes through the ledger:
 *
 * 1. claim the output key (a lease in Redis): `done` -> nothing to do; held by another live
 *    writer -> a transient error, the job retries later;
 *    With the claim, in the same script, the key is marked pending in the file this try appends
 *    to, at that file's size read just before (appends land after it), unless an earlier try
 *    marked that file already: one mark per file, so the marks cover every try's line;
 * 2. if earlier tries left marks, look in each marked file from its offset for the key's line:
 *    found -> an earlier try wrote it and died before step 5: commit that record, never write a
 *    second one. Both files are looked in: a document's outcome can flip between article and
 *    rejection across tries (the cross-document stages re-run and may decide otherwise), and the
 *    first try's record may be out and read already (one record per document, README). A found
 *    article is finished as its own try would have (step 4) from its line and its mark's REL.txt;
 * 3. otherwise write: REL.txt by atomic rename, then one O_APPEND line;
 * 4. publish the article to the `articles` queue (job id = document id, so a repeat is a no-op),
 *    and mark the version it replaced `superseded`;
 * 5. commit: ledger key -> outcome, pending marks and lease dropped, in one Redis script.
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
 * run in one tick. What is left: the process frozen for over half a lease inside that tick (a
 * SIGSTOP, a paused VM, a write(2) blocked on a hung disk), while another writer claims, finds
 * no line and appends. No lease closes that: the append itself would have to be refused for a
 * stale token (docs/queue-faults-audit.md).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { UnrecoverableError } from 'bullmq';
import type { Document } from '../core/document.js';
import { isReasonCode, type ReasonCode } from '../core/reasons.js';
import type { Rejection } from '../core/rejection.js';
import { type ArticleRecord, toArticle } from '../output/article.js';
import { ARTICLES_FILE, type OutputWriter, REJECTED_FILE } from '../output/writer.js';
import type { RejectionJob } from './jobs.js';
import type { Ledger, Outcome, PendingMark } from './ledger.js';
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
  /**
   * Hands the article to the output queue (the record its articles.jsonl line holds: this try's,
   * or the earlier try's it found written); absent when that queue is off. The job id is its `hash`.
   */
  readonly publish?: (record: ArticleRecord) => Promise<void>;
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
   * For a document whose job failed for good: its outcome if its record is out after all (an
   * earlier try wrote its article or its stage's rejection and then could not commit it, e.g.
   * Redis out of memory). It is committed now, so that the failure does not also get a record.
   */
  recover(id: string): Promise<Outcome | undefined>;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/** The first line from `offset` on that `pick` answers for. */
async function findLine<T>(
  path: string,
  offset: number,
  pick: (line: string) => T | undefined,
): Promise<T | undefined> {
  if ((await sizeOf(path)) <= offset) return undefined;
  const lines = createInterface({
    input: createReadStream(path, { start: offset }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  try {
    for await (const line of lines) {
      const found = pick(line);
      if (found !== undefined) return found;
    }
    return undefined;
  } finally {
    lines.close();
  }
}

function parseObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Document `id`'s line in articles.jsonl. Its `hash` is the document id; its `id` is the input
 * record's own when it had one (JSONL, WARC), so matching on `id` missed those and wrote them twice.
 * The quoted id is looked for first: most lines are other documents' and need no parse.
 */
const articleLine =
  (id: string) =>
  (line: string): ArticleRecord | undefined => {
    if (!line.includes(JSON.stringify(id))) return undefined;
    const record = parseObject(line);
    return record?.hash === id ? (record as unknown as ArticleRecord) : undefined;
  };

/**
 * The reason of `key`'s own line in rejected.jsonl: `own` (the line this try would write), or
 * a stage's drop of document `key` written by an earlier try whose outcome differed (the
 * cross-document stages re-run). Duplicate-input, job-failed and superseded records carry a
 * document's id too, but are written under keys of their own (`r-`, `f-`, `s-`) and name no stage.
 */
const rejectionLine =
  (key: string, own: string | undefined) =>
  (line: string): ReasonCode | undefined => {
    if (line !== own && !line.includes(JSON.stringify(key))) return undefined;
    const record = parseObject(line);
    const reason = record?.reason;
    if (typeof reason !== 'string' || !isReasonCode(reason)) return undefined;
    return line === own || (record?.id === key && typeof record.stage === 'string') ? reason : undefined;
  };

/** What an earlier try of a key wrote and did not commit. */
type Earlier =
  | { readonly kind: 'article'; readonly record: ArticleRecord; readonly output?: string }
  | { readonly kind: 'rejection'; readonly reason: ReasonCode };

const outcomeOf = (found: Earlier): Outcome => (found.kind === 'article' ? 'article' : `rejected:${found.reason}`);

/** An outcome read back from the ledger (Redis content is untrusted). */
const isOutcome = (value: string): value is Outcome => value === 'article' || value.startsWith('rejected:');

/** This try's write: where it appends, its line (a rejection's, to know it again), its outcome. */
interface Own {
  readonly mark: PendingMark;
  readonly line?: string;
  readonly outcome: Outcome;
  /** Writes what goes before the line (REL.txt) and readies the line: the returned function appends it. */
  prepare(): Promise<() => void>;
  /** After this try's own append, before the commit: an article's publishing. */
  after?(): Promise<void>;
}

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

  /**
   * The line an earlier, uncommitted try of `key` wrote, looked for from each pending mark on:
   * in articles.jsonl and in rejected.jsonl alike, whichever this try would write to.
   */
  async function earlier(
    key: string,
    pending: readonly PendingMark[] | undefined,
    own: string | undefined,
  ): Promise<Earlier | undefined> {
    for (const mark of pending ?? []) {
      const path = join(writer.dir, mark.file);
      if (mark.file === ARTICLES_FILE) {
        const record = await findLine(path, mark.offset, articleLine(key));
        // The mark came from Redis: its article path is used only if it is one the emitter makes.
        const output = mark.output !== undefined && isSafeOutputPath(mark.output) ? { output: mark.output } : {};
        if (record) return { kind: 'article', record, ...output };
      } else if (mark.file === REJECTED_FILE) {
        const reason = await findLine(path, mark.offset, rejectionLine(key, own));
        if (reason) return { kind: 'rejection', reason };
      }
      // Any other file name is no mark of the emitter's: nothing of this key can be there.
    }
    return undefined;
  }

  /**
   * Completes what an earlier try wrote: its article is published (and supersedes the version
   * it replaced) as its own try would have done before committing. `output` (REL.txt) is this
   * try's when the mark has none; unknown, the supersede step is left out.
   */
  async function settle(key: string, found: Earlier, token: string, output: string | undefined): Promise<void> {
    if (found.kind === 'article') await finishArticle(found.record, found.output ?? output);
    await ledger.commit(key, outcomeOf(found), token);
  }

  async function once(key: string, own: Own): Promise<EmitResult> {
    const path = join(writer.dir, own.mark.file);
    const token = attemptToken();
    // Read before the claim: the file only grows, so this is at or before where the line lands.
    const mark = { ...own.mark, offset: await sizeOf(path) };
    const claim = await ledger.claimWrite(key, token, leaseMs, mark);
    if (claim.state === 'done') return 'already-written';
    if (claim.state === 'busy') throw new WriteBusyError(`${key} is being written by ${claim.holder}`);
    try {
      // An earlier try's line, in either file, is the key's one record: it is committed, never
      // followed by a second one (the README's contract: one record per document; a consumer
      // may have read it already). A retry whose outcome flipped keeps the first try's.
      const found = await earlier(key, claim.pending, own.line);
      if (found) {
        await settle(key, found, token, own.mark.output);
        return 'already-written';
      }
      const append = await own.prepare();
      // Fencing (see above): the check and the synchronous append run in one tick, so nothing
      // of this process can come between them.
      if (!(await holdsLease(key, token))) {
        throw new WriteBusyError(`${key}: the write lease ran out before the write; another writer may have it`);
      }
      append();
      await own.after?.();
      await ledger.commit(key, own.outcome, token);
      return 'written';
    } catch (error) {
      await ledger.release(key, token).catch(() => {});
      throw error;
    }
  }

  return {
    async recover(id) {
      const token = attemptToken();
      const claim = await ledger.claimWrite(id, token, leaseMs);
      if (claim.state === 'done') return isOutcome(claim.outcome) ? claim.outcome : undefined;
      if (claim.state === 'busy') throw new WriteBusyError(`${id} is being written by ${claim.holder}`);
      try {
        const found = await earlier(id, claim.pending, undefined);
        if (found) await settle(id, found, token, undefined);
        else await ledger.release(id, token);
        return found && outcomeOf(found);
      } catch (error) {
        await ledger.release(id, token).catch(() => {});
        throw error;
      }
    },
    article(doc) {
      // Checked on arrival too (validate.ts); this is the last line before a file name is made.
      if (!isSafeOutputPath(doc.output)) throw new UnrecoverableError(`unsafe output path ${quote(doc.output)}`);
      let record: ArticleRecord | undefined;
      const built = () => {
        record ??= toArticle(doc);
        return record;
      };
      return once(doc.id, {
        mark: { file: ARTICLES_FILE, offset: 0, output: doc.output },
        outcome: 'article',
        prepare: () => writer.prepareArticle(doc, built()),
        after: () => finishArticle(built(), doc.output),
      });
    },
    rejection,
  };

  function rejection({ key, rejection }: { key: string; rejection: Rejection }): Promise<EmitResult> {
    const line = JSON.stringify(rejection);
    return once(key, {
      mark: { file: REJECTED_FILE, offset: 0 },
      line,
      outcome: `rejected:${rejection.reason}`,
      prepare: async () => writer.prepareRejection(rejection),
    });
  }

  /** Hands an article on once its line is out: the output queue, then the version it replaces. */
  async function finishArticle(record: ArticleRecord, output: string | undefined): Promise<void> {
    await options.publish?.(record);
    if (output !== undefined) await supersede(output, record.source, record.hash);
  }

  /**
   * A rewritten input: its new version's article (document `id`) has just replaced REL.txt
   * (`output`), and the earlier version's line in articles.jsonl must not stay published beside
   * it. Append-only files keep that line, so a `superseded` record with its id goes to
   * rejected.jsonl, once (key `s-<id>`), and its job leaves the `articles` queue if no consumer
   * has taken it yet.
   * Runs before the new article's commit: a crash in between repeats this step, and the ledger
   * answers the same replaced id again (the record is then already written, the job already gone).
   */
  async function supersede(output: string, source: string, id: string): Promise<void> {
    const replaced = await ledger.supersede(output, id);
    if (replaced === undefined || replaced === id) return;
    await rejection({
      key: `s-${replaced}`,
      rejection: {
        source,
        reason: 'superseded',
        message: `${source} was rewritten: its article ${output} is now the version with id ${id}`,
        id: replaced,
      },
    });
    await options.unpublish?.(replaced);
  }
}
