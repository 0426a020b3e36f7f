/**
 * Parity: the queue path writes what `cleanwire clean` writes, byte for byte, whatever the
 * topology. Input: the seeds, 200 documents of the development corpus (built with noise.mjs,
 * seed 7, the first 200 in path order, kept in test/fixtures/parity-corpus) and inputs that are
 * rejected at every step. The CLI learns cross-document evidence over the whole batch before
 * cleaning; workers learn as they go, so the store is warmed first with `cleanwire learn` on the
 * same input, as an operator would. The default and per-stage topologies run on a 3-master Redis
 * Cluster too, whose masters must all share the keys.
 */
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadEnv } from '../src/config/env.js';
import { TOPOLOGY_NAMES } from '../src/pipeline/topology.js';
import { closeRedisConnection, createRedisClient } from '../src/queue/connection.js';
import { createQueueSet } from '../src/queue/queues.js';
import { ROOT, runCli, tempDir } from './support/cli.js';
import { articleText, readLines, startCli, stopAll, uniquePrefix } from './support/queue-processes.js';
import { keysPerMaster } from './support/redis-cluster.js';

/** The first 200 documents of the development corpus (noise.mjs, seed 7), in path order. */
const CORPUS = join(ROOT, 'test/fixtures/parity-corpus');
const SAMPLE = 200;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

let input: string;
let cliOut: string;

beforeAll(async () => {
  // A fixture in the repository, not ../shared: a missing corpus fails the test, never skips it.
  const corpus = filesUnder(CORPUS).filter((rel) => !rel.endsWith('README.md'));
  expect(corpus.length, `${CORPUS} holds the parity corpus`).toBe(SAMPLE);
  input = tempDir();
  for (const rel of corpus) {
    mkdirSync(dirname(join(input, rel)), { recursive: true });
    copyFileSync(join(CORPUS, rel), join(input, rel));
  }
  cpSync(join(ROOT, 'seeds/input'), join(input, 'seeds'), { recursive: true });
  mkdirSync(join(input, 'edge'));
  writeFileSync(join(input, 'edge/scan.pdf'), '%PDF-1.4');
  for (const name of ['latex.pdf', 'groff.pdf', 'encrypted.pdf'])
    copyFileSync(join(ROOT, 'test/fixtures/pdf', name), join(input, `edge/${name}`));
  writeFileSync(join(input, 'edge/empty.txt'), '  \n');
  copyFileSync(join(input, 'seeds', readdirSync(join(input, 'seeds'))[0] as string), join(input, 'edge/copy.txt'));
  writeFileSync(
    join(input, 'edge/feed.jsonl'),
    [
      JSON.stringify({ id: 'ok', url: 'https://news.example/a', title: 'A headline', text: articleText(7) }),
      '{"not json',
      JSON.stringify({ id: 'no-text', title: 'nothing' }),
    ].join('\n'),
  );
  cliOut = tempDir();
  const clean = await runCli(['clean', input, '--out', cliOut, '--no-progress']);
  expect(clean.code, clean.stderr).toBe(0);
});

afterAll(stopAll);

/** Runs the input through workers on `redis` (REDIS_URL or REDIS_CLUSTER_NODES) and compares with the CLI. */
async function expectParity(topology: string, prefix: string, redis: Record<string, string>): Promise<void> {
  const out = tempDir();
  const env = {
    ...redis,
    CLEANWIRE_PREFIX: prefix,
    CLEANWIRE_TOPOLOGY: topology,
    CLEANWIRE_OUT: out,
    LOG_LEVEL: 'error',
  };
  // The worker starts while the store is warmed: it has nothing to do before the enqueue.
  const worker = startCli(['worker'], env);
  const learn = await runCli(['learn', input], env);
  expect(learn.code, learn.stderr).toBe(0);
  await worker.waitFor('cleanwire worker ready');
  const enqueue = await runCli(['enqueue', input, '--wait', '--timeout', '400'], env);
  expect(enqueue.code, enqueue.stderr).toBe(0);
  expect((await worker.stop('SIGTERM')).code).toBe(0);

  const files = filesUnder(cliOut).filter((f) => !f.endsWith('.jsonl'));
  expect(files.length).toBeGreaterThan(SAMPLE);
  expect(filesUnder(out)).toEqual(filesUnder(cliOut));
  for (const file of files)
    expect(readFileSync(join(out, file), 'utf8'), file).toBe(readFileSync(join(cliOut, file), 'utf8'));
  for (const jsonl of ['articles.jsonl', 'rejected.jsonl']) {
    expect(readLines(join(out, jsonl)).sort(), jsonl).toEqual(readLines(join(cliOut, jsonl)).sort());
  }
  expect(
    readLines(join(cliOut, 'rejected.jsonl'))
      .map((l) => JSON.parse(l).reason)
      .sort(),
  ).toEqual(['duplicate-input', 'empty-input', 'invalid-record', 'invalid-record', 'pdf-encrypted', 'pdf-unreadable']);
}

describe('parity with `cleanwire clean`', () => {
  it.each(TOPOLOGY_NAMES)('the %s topology writes the same files, articles and rejections', (topology) =>
    expectParity(topology, uniquePrefix(`parity-${topology}`), { REDIS_URL: inject('redisUrl') }),
  );

  it.each(['default', 'per-stage'])(
    'the %s topology on a 3-master Redis Cluster writes the same, with keys on every master',
    async (topology) => {
      const prefix = uniquePrefix(`parity-cluster-${topology}`);
      const redis = { REDIS_CLUSTER_NODES: inject('clusterNodes') };
      await expectParity(topology, prefix, redis);
      const keys = await keysPerMaster(inject('clusterPorts'), prefix);
      // Queues, the ledger and per-source store keys spread over the masters by their hash tags.
      expect(keys.filter((n) => n > 0).length, `keys per master: ${keys}`).toBe(3);
      // The ledger on its own is sharded too: not all in one slot.
      const ledgerKeys = await keysPerMaster(inject('clusterPorts'), `${prefix}:ledger-`);
      expect(ledgerKeys.filter((n) => n > 0).length, `ledger keys per master: ${ledgerKeys}`).toBeGreaterThan(1);
      // The `articles` queue where the README tells a consumer on a cluster to look: prefix {P:articles}.
      const config = loadEnv(redis);
      const connection = createRedisClient({ url: config.redisUrl, clusterNodes: config.clusterNodes });
      const queues = createQueueSet(connection, prefix, () => {});
      const waiting = await queues.get('articles').getWaitingCount();
      expect(queues.get('articles').opts.prefix).toBe(`{${prefix}:articles}`);
      await queues.close();
      await closeRedisConnection(connection);
      expect(waiting).toBe(readLines(join(cliOut, 'articles.jsonl')).length);
    },
  );
});
