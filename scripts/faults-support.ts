/**
 * What the fault suite's cases share (scripts/faults.ts): corpora of made-up articles, worker
 * processes on a Redis of the case's own, and the count of what reached the output folder.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../test/support/cli.js';
import {
  articleText,
  type Running,
  readLines,
  startCli,
  stopAll,
  uniquePrefix,
} from '../test/support/queue-processes.js';
import type { RunningRedis } from '../test/support/redis-server.js';

export interface Outcome {
  readonly name: string;
  readonly docsIn: number;
  readonly articles: number;
  readonly rejected: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly torn: number;
  readonly note: string;
  readonly ok: boolean;
}

export interface Count {
  readonly articles: number;
  readonly rejected: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly torn: number;
}

/** What the output folder holds for the documents in `ids`. */
export function count(out: string, ids: readonly string[]): Count {
  let torn = 0;
  const parse = (file: string) =>
    readLines(join(out, file)).flatMap((line) => {
      try {
        return [JSON.parse(line) as { id?: string; source?: string; reason?: string }];
      } catch {
        torn++;
        return [];
      }
    });
  const articles = parse('articles.jsonl');
  const rejected = parse('rejected.jsonl');
  const seen = new Map<string, number>();
  for (const a of articles) if (a.id) seen.set(a.id, (seen.get(a.id) ?? 0) + 1);
  const rejectedIds = new Set(rejected.map((r) => r.id));
  const duplicated = [...seen.values()].filter((n) => n > 1).length;
  const lost = ids.filter((id) => !seen.has(id) && !rejectedIds.has(id)).length;
  return { articles: seen.size, rejected: rejected.length, lost, duplicated, torn };
}

export function corpus(n: number, make: (i: number) => string = (i) => articleText(5000 + i)): string {
  const dir = tempDir('cleanwire-faults-');
  for (let i = 0; i < n; i++) {
    mkdirSync(join(dir, `site${i % 8}`), { recursive: true });
    writeFileSync(join(dir, `site${i % 8}/${i}.txt`), make(i));
  }
  return dir;
}

/** Document ids of a corpus, as the ledger knows them (content hashes). */
export async function idsOf(dir: string): Promise<string[]> {
  const { contentHash } = await import('../src/core/hash.js');
  const { readFileSync } = await import('node:fs');
  const ids: string[] = [];
  for (const site of readdirSync(dir))
    for (const file of readdirSync(join(dir, site))) ids.push(contentHash(readFileSync(join(dir, site, file))));
  return ids;
}

export function envFor(redis: RunningRedis, out: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    REDIS_URL: redis.url,
    CLEANWIRE_PREFIX: uniquePrefix('faults'),
    CLEANWIRE_OUT: out,
    CLEANWIRE_LOCK_MS: '2000',
    LOG_LEVEL: 'error',
    ...extra,
  };
}

export async function workers(n: number, env: NodeJS.ProcessEnv): Promise<Running[]> {
  const list = Array.from({ length: n }, () => startCli(['worker', '--concurrency', '4'], env));
  await Promise.all(list.map((w) => w.waitFor('cleanwire worker ready', 60_000)));
  return list;
}

export async function finish(name: string, out: string, ids: string[], note: string, extraOk = true): Promise<Outcome> {
  await stopAll();
  const c = count(out, ids);
  const ok = extraOk && c.lost === 0 && c.duplicated === 0 && c.torn === 0;
  return { name, docsIn: ids.length, ...c, note, ok };
}
