import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedisConnection } from '../../src/queue/connection.js';
import { runCli, tempDir } from '../support/cli.js';

const url = inject('redisUrl');
const PREFIX = `cwtest-cli-learn-${process.pid}`;
let redis: Redis;
let runs = 0;

beforeAll(() => {
  redis = createRedisConnection({ url });
});

afterAll(async () => {
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

const ARTICLES = [
  [
    'Port fees rise for the third time this year',
    'The harbour authority raised berth fees by four percent on Tuesday, citing the cost of dredging the eastern channel.',
    'Shipping lines said they would pass the increase on to importers within weeks, and warned of longer queues.',
  ],
  [
    'Dock workers vote to strike over night shifts',
    'Members of the dockers union backed a walkout after talks on rotas collapsed late on Friday evening.',
    'The stoppage would begin at midnight on Sunday and last forty-eight hours, organisers said outside the hall.',
  ],
  [
    'New ferry route links the islands to the mainland',
    'A daily crossing starts next month, cutting the journey from three hours to seventy minutes each way.',
    'Islanders had campaigned for a faster service ever since the old pier closed after the winter storm.',
  ],
  [
    'Fish market moves to the old customs house',
    'Traders will open their stalls in the restored building from the first week of spring, the council said.',
    'The council expects visitor numbers to double once the quay in front of it is closed to traffic.',
  ],
];

const SITE_LINES = ['Harbor Ledger | Independent journalism since 1998', 'Download the Harbor Ledger app for alerts'];

/** A folder `harbor/` of four articles that share the Harbor Ledger's own lines. */
function corpus(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'harbor'));
  ARTICLES.forEach((lines, i) => {
    writeFileSync(join(dir, 'harbor', `${i}.txt`), `${[...lines, ...SITE_LINES].join('\n')}\n`);
  });
  return dir;
}

/** Each run gets its own key prefix: a fresh store. */
const env = () => ({ REDIS_URL: url, CLEANWIRE_PREFIX: `${PREFIX}-${++runs}`, LOG_LEVEL: 'silent' });

// Each test runs the real binary two or three times: on a busy machine that takes minutes, not
// seconds. The bound only stops a hung process; nothing here measures speed.
describe('cleanwire learn and cleanwire templates', () => {
  it('learns a corpus into Redis and shows the template lines learned', async () => {
    const input = corpus();
    const e = env();
    const learned = await runCli(['learn', input, '--no-progress'], e);
    expect(learned.stderr).toMatch(/^learned 4 document\(s\) from 4 input file\(s\) in \d+\.\d\d s -> redis:\/\//);
    expect(learned.stderr).toContain(`(prefix ${e.CLEANWIRE_PREFIX})`);
    expect(learned.code).toBe(0);
    expect(learned.stdout).toBe('');

    const list = await runCli(['templates'], e);
    expect(list.code).toBe(0);
    expect(list.stdout).toBe('source  documents  template lines\nharbor          4               2\n');

    const json = await runCli(['templates', 'harbor', '--json'], e);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { sources: { lines: { text: string }[] }[] };
    expect(report.sources[0]?.lines.sort((a, b) => (a.text < b.text ? -1 : 1))).toEqual([
      { text: SITE_LINES[1], count: 4, share: 1, top: 0, template: true, label: false },
      { text: SITE_LINES[0], count: 4, share: 1, top: 0, template: true, label: false },
    ]);
    expect(report.sources).toMatchObject([{ sourceKey: 'harbor', docs: 4, templateLines: 2 }]);

    const text = await runCli(['templates', 'harbor'], e);
    expect(text.stdout.split('\n').slice(0, 2)).toEqual([
      'harbor: 4 document(s), 2 template line(s)',
      ' count share   top  line',
    ]);
    expect(text.stdout).toContain(`     4  1.00     0  ${SITE_LINES[0]}\n`);
  });

  it('changes nothing when the same corpus is learned again', async () => {
    const input = corpus();
    const e = env();
    await runCli(['learn', input, '--quiet'], e);
    const keys = async () => (await redis.keys(`${e.CLEANWIRE_PREFIX}:*`)).sort();
    const snapshot = async () =>
      Promise.all(
        (await keys()).map(async (key) => {
          const type = await redis.type(key);
          if (type === 'zset') return [key, await redis.zrangebyscore(key, '-inf', '+inf', 'WITHSCORES')];
          if (type === 'hash') return [key, await redis.hgetall(key)];
          if (type === 'set') return [key, (await redis.smembers(key)).sort()];
          return [key, await redis.get(key)];
        }),
      );
    const before = await snapshot();
    const again = await runCli(['learn', input, '--quiet'], e);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    expect(await snapshot()).toEqual(before);
  });

  it('warms the store with what `cleanwire clean` learns from the same corpus', async () => {
    const input = corpus();
    const out = tempDir();
    const e = env();
    await runCli(['learn', input, '--quiet'], e);
    const cleaned = await runCli(['clean', input, '--out', out, '--quiet', '--no-progress'], e);
    expect(cleaned.code).toBe(0);
    const removedByTemplates = readFileSync(join(out, 'articles.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .flatMap((line) => (JSON.parse(line) as { changes: { stage: string; removed?: string }[] }).changes)
      .filter((change) => change.stage === 'templates')
      .map((change) => change.removed);
    const json = JSON.parse((await runCli(['templates', 'harbor', '--json'], e)).stdout) as {
      sources: { lines: { text: string }[] }[];
    };
    const learned = new Set(json.sources[0]?.lines.map((line) => line.text));
    expect(removedByTemplates.length).toBeGreaterThan(0);
    for (const removed of removedByTemplates) expect(learned).toContain(removed);
  });

  it('says so and exits 1 when nothing was learned for the source asked for', async () => {
    const result = await runCli(['templates', 'nowhere.example'], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('cleanwire: nothing learned for source "nowhere.example"\n');
  });

  it('exits 2 with a hint when Redis cannot be reached', async () => {
    const result = await runCli(['learn', corpus(), '--quiet'], { ...env(), REDIS_URL: 'redis://127.0.0.1:1' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^cleanwire: cannot reach Redis \(connect ECONNREFUSED 127\.0\.0\.1:1\): is redis-server running at redis:\/\/127\.0\.0\.1:1\/?\? set REDIS_URL\n$/,
    );
  });

  it('exits 2 for a path that does not exist', async () => {
    const result = await runCli(['learn', '/no/such/path'], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot read "/no/such/path": no such file or directory');
  });
});
