/**
 * The hostile catalogue: more than forty inputs that have stopped or could stop a run (names over
 * the file system's limits, a folder that cannot be listed, links, a FIFO, huge lines, broken
 * encodings, records that are not records) cleaned in ONE `cleanwire clean` run beside good
 * files. The run must complete with exit 0; every good file must be an article; every hostile
 * input must end as an article or a rejection with a reason code, none missing.
 *
 * The tests run as root, for whom `chmod 000` does not make a folder unreadable, so the folder
 * that cannot be listed is one whose path is longer than PATH_MAX (4096 bytes): readdir fails
 * with ENAMETOOLONG for any user, as EACCES would for a user without permission. It is built one
 * relative step at a time in a child process, the only way to make such a path.
 *
 * Counts and reason codes only: no timings (those are in `npm run bench`).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isReasonCode } from '../../src/core/reasons.js';
import { ROOT, runCli, tempDir } from '../support/cli.js';

const HEADLINE = 'Putin tells Trump he will not back down on Ukraine';
const BODY = [
  'Russian President Vladimir Putin told Donald Trump by telephone on Thursday that Moscow would not give up its goals in Ukraine, the Kremlin said.',
  'The two leaders spoke for almost an hour, and Trump said afterwards that he had made no progress at all with his Russian counterpart.',
  'Kremlin aide Yuri Ushakov told reporters that Russia would continue to seek a negotiated solution to the conflict with its neighbour.',
];
const ARTICLE = `${HEADLINE}\n\n${BODY.join('\n\n')}\n`;
const MAX_BYTES = 12 * 1024 * 1024;

/** Each hostile input: its file (relative to the input folder) and the sources it must produce. */
interface Hostile {
  readonly rel: string;
  readonly sources: readonly string[];
}

function build(root: string): { good: string[]; hostile: Hostile[] } {
  const good: string[] = [];
  for (const name of readdirSync(join(ROOT, 'seeds/input')).filter((f) => f.endsWith('.txt'))) {
    copyFileSync(join(ROOT, 'seeds/input', name), join(root, `good-${name}`));
    good.push(`good-${name}`);
  }
  const hostile: Hostile[] = [];
  const file = (rel: string, content: string | Uint8Array, sources: readonly string[] = [rel]) => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), content);
    hostile.push({ rel, sources });
  };
  const variant = (n: number) => `${HEADLINE} (${n})\n\n${BODY.map((p) => `${p} Report ${n}.`).join('\n\n')}\n`;
  const jsonl = (rel: string, records: readonly unknown[]) =>
    file(
      rel,
      `${records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n')}\n`,
      records.map((r, i) => (typeof r === 'string' && r.includes('"url"') ? JSON.parse(r).url : `${rel}#${i + 1}`)),
    );

  // Names.
  file(`${'n'.repeat(251)}.txt`, variant(1));
  file(`${'é'.repeat(125)}.txt`, variant(2));
  file('we"ird n\'ame ü ✓.txt', variant(3));
  file('line\nbreak.txt', variant(4));
  file(`${'deep/'.repeat(40)}nested.txt`, variant(5));
  jsonl('long-id.jsonl', [{ id: 'x'.repeat(10_000), text: variant(6) }]);
  jsonl('unicode-id.jsonl', [{ id: '../../etc/😀'.repeat(300), text: variant(7) }]);
  // Things that are not regular files, and a folder no one can list.
  symlinkSync(join(root, 'missing-target.txt'), join(root, 'dangling.txt'));
  hostile.push({ rel: 'dangling.txt', sources: ['dangling.txt'] });
  symlinkSync('loop.txt', join(root, 'loop.txt'));
  hostile.push({ rel: 'loop.txt', sources: ['loop.txt'] });
  mkdirSync(join(root, 'linked-dir'));
  symlinkSync(join(root, 'linked-dir'), join(root, 'dir-link'));
  hostile.push({ rel: 'dir-link', sources: ['dir-link'] });
  expect(spawnSync('mkfifo', [join(root, 'pipe.txt')]).status).toBe(0);
  hostile.push({ rel: 'pipe.txt', sources: ['pipe.txt'] });
  const segment = 'd'.repeat(200);
  const made = spawnSync(process.execPath, [
    '-e',
    `const fs = require('node:fs'); process.chdir(${JSON.stringify(root)});
     for (let i = 0; i < 22; i++) { fs.mkdirSync(${JSON.stringify(segment)}); process.chdir(${JSON.stringify(segment)}); }
     fs.writeFileSync('unreachable.txt', 'text');`,
  ]);
  expect(made.status).toBe(0);
  // The walk can list 20 levels (about 4,000 bytes of path) and no further.
  const tooDeep = Array.from({ length: 21 }, () => segment).join('/');
  hostile.push({ rel: tooDeep, sources: [tooDeep] });
  // Sizes.
  file('too-large.txt', Buffer.alloc(MAX_BYTES + 1, 'a'));
  jsonl('oversized-record.jsonl', [{ text: `${HEADLINE}\n\n${'A sentence of the record. '.repeat(200_000)}` }]);
  file('punctuation-run.txt', `${HEADLINE}\n\n${BODY[0]}\n\n${'!?.,;:-'.repeat(750_000)}\n`);
  file('one-line.txt', `${HEADLINE}\n${'The talks in Geneva would continue next week. '.repeat(100_000)}\n`);
  file('short-lines.txt', `${HEADLINE}\n${Array.from({ length: 200_000 }, (_, i) => `w${i % 97}`).join('\n')}\n`);
  file('hyphen-breaks.txt', `${HEADLINE}\n${'negotia-\ntions '.repeat(1000)}\n`);
  file('no-newline.txt', `${HEADLINE} ${BODY.join(' ')}`);
  file('long-url.txt', `${HEADLINE}\n\n${BODY[0]}\n\nhttps://example.com/${'a/'.repeat(50_000)}\n\n${BODY[1]}\n`);
  file(
    'cjk.txt',
    `${'新华社北京电国家主席今日在人民大会堂会见来访的外国领导人双方就双边关系交换了意见'.repeat(2000)}\n`,
  );
  // Encodings and bytes.
  file('empty.txt', '');
  file('blank.txt', ' \r\n\t\n');
  file('binary.txt', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) % 256)));
  file(
    'png.html',
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.alloc(2048, 7)]),
  );
  file('gzip.htm', Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, ...Buffer.alloc(512, 0xff)]));
  file(
    'invalid-utf8.txt',
    Buffer.from(`${HEADLINE}\n${BODY[0]}\nA broken byte \xC3\x28 here.\n${BODY[1]}\n`, 'latin1'),
  );
  file('undecodable.txt', Buffer.from('Text \x81\x8d\x8f\x90\x9d\x81\x8d\x8f\x90\x9d end', 'latin1'));
  file('utf16le.txt', Buffer.from(`\uFEFF${ARTICLE}`, 'utf16le'));
  file('utf16be.txt', Buffer.from(`\uFEFF${variant(8)}`, 'utf16le').swap16());
  file('utf16-no-bom.txt', Buffer.from(variant(9), 'utf16le'));
  file('utf8-bom.txt', `\uFEFF${variant(10)}`);
  file('nul-bytes.txt', `${HEADLINE}\u0000\n${BODY.join('\u0000\n')}\n`);
  file('control-chars.txt', `${HEADLINE}\n${BODY[0]}\u0007\u001b[31m\u0008\n${BODY[1]}\n`);
  file('bidi.txt', `\u202e${HEADLINE}\u200b\n\u2066${BODY.join('\u200d\n')}\n`);
  file('mojibake.txt', `${HEADLINE}\n${'Ã©tÃ© Ã  la cafÃ© â€œquoteâ€\u009d '.repeat(2000)}\n`);
  file('cr-only.txt', ARTICLE.replaceAll('\n', '\r').replace(HEADLINE, `${HEADLINE} (cr)`));
  // HTML.
  file('deep.html', `<html><body>${'<div>'.repeat(10_000)}<p>${BODY.join('</p><p>')}</p></body></html>`);
  file('script-only.html', `<html><body><script>${'var x = 1;'.repeat(10_000)}</script></body></html>`);
  file('unclosed-comment.html', `<html><body><h1>${HEADLINE}</h1><!-- ${'never closed '.repeat(5000)}`);
  file('huge-attribute.html', `<html><body><p title="${'q'.repeat(1_000_000)}">${BODY[0]}</p></body></html>`);
  file('entities.html', `<p>${'&amp;&#x110000;&#0;&bogus;'.repeat(20_000)}</p><p>${BODY[2]}</p>`);
  // Records that are not records.
  jsonl('bad-records.jsonl', [
    'not json at all',
    '[1, 2, 3]',
    'null',
    '{"title": "no text field"}',
    '{"text": 42}',
    `{"text": ${JSON.stringify(variant(11))}, "id": {"nested": true}}`,
    `{"html": ${JSON.stringify(`<p>${BODY[1]}</p>`)}, "url": "not a url"}`, // its source is its url
    '{"text": "", "id": "empty"}',
    `{"text": ${JSON.stringify(variant(12))}, "title": "${'t'.repeat(50_000)}"}`,
  ]);
  // Types and duplicates.
  file('document.pdf', '%PDF-1.4 not read');
  file('no-extension', ARTICLE);
  file('zz-copy-of-good.txt', readFileSync(join(root, good[0] as string)));
  return { good, hostile };
}

interface Record {
  readonly source: string;
  readonly reason?: string;
}

const readJsonl = (path: string): Record[] => {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record);
};

describe('the hostile catalogue in one run', () => {
  const root = tempDir('cleanwire-hostile-');
  const input = join(root, 'input');
  const out = join(root, 'out');
  let built: ReturnType<typeof build>;
  let result: Awaited<ReturnType<typeof runCli>>;
  let articles: Record[];
  let rejected: Record[];

  beforeAll(async () => {
    mkdirSync(input);
    built = build(input);
    result = await runCli(
      ['clean', input, '--out', out, '--no-progress', '--threads', '2', '--max-bytes', String(MAX_BYTES)],
      {},
      900_000,
    );
    articles = readJsonl(join(out, 'articles.jsonl'));
    rejected = readJsonl(join(out, 'rejected.jsonl'));
  }, 900_000);

  it('holds at least 40 hostile inputs', () => {
    expect(built.hostile.length).toBeGreaterThanOrEqual(40);
  });

  it('completes with exit 0 and counts every record in its summary', () => {
    expect(result.stderr).not.toContain('Error');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`${articles.length} article(s), ${rejected.length} rejected`);
  });

  it('makes every good file an article', () => {
    const sources = new Set(articles.map((a) => a.source));
    for (const name of built.good) expect(sources.has(name), name).toBe(true);
  });

  it('ends every hostile input as an article or a rejection with a reason code, none missing', () => {
    const seen = new Set([...articles, ...rejected].map((r) => r.source));
    const missing = built.hostile.flatMap((h) => h.sources).filter((source) => !seen.has(source));
    expect(missing).toEqual([]);
    for (const r of rejected) expect(isReasonCode(r.reason ?? ''), JSON.stringify(r).slice(0, 200)).toBe(true);
  });

  it('writes nothing twice and nothing unasked for', () => {
    const expected = new Set([...built.good, ...built.hostile.flatMap((h) => h.sources)]);
    const all = [...articles, ...rejected].map((r) => r.source);
    expect(all.filter((s) => !expected.has(s))).toEqual([]);
    expect(new Set(all).size).toBe(all.length);
  });
});
