/**
 * `cleanwire clean` as NLP users run it: ids and metadata through to articles.jsonl, standard
 * input piped in, JSONL to standard output, a gzipped articles file, and the output-folder guards.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BIN, type CliResult, ROOT, runCli, tempDir } from '../support/cli.js';

/** Runs the CLI with `input` piped to its standard input. */
function runWithStdin(args: readonly string[], input: Buffer | string): Promise<CliResult & { raw: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const raw = Buffer.concat(out);
      resolve({ code: code ?? 1, stdout: raw.toString('utf8'), stderr, raw });
    });
    child.stdin.end(input);
  });
}

const parseLines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const PARAGRAPH =
  'The council approved the new budget on Monday after a long debate about the cost of repairing the old bridge.';
const records = [
  {
    id: 'doc-a',
    text: `Council approves budget\n${PARAGRAPH}`,
    metadata: { dump: 'CC-MAIN-2024-10', url: 'https://www.example.org/a' },
  },
  { id: 17, text: `Bridge repairs to start\n${PARAGRAPH} Work starts in May.`, metadata: { score: 0.93, tags: ['x'] } },
  { text: `Library opens late\n${PARAGRAPH} The library opens until nine.` },
];
const shard = `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;

describe('records keep the input id and metadata', () => {
  it('writes id as given, metadata untouched, the content hash as hash; metadata.url is the URL and source key', async () => {
    const input = tempDir();
    const out = tempDir();
    writeFileSync(join(input, 'shard.jsonl'), shard);
    const result = await runCli(['clean', input, '--out', out, '--no-progress']);
    expect(result.code).toBe(0);
    const got = parseLines(readFileSync(join(out, 'articles.jsonl'), 'utf8'));
    expect(got.map((r) => r.id)).toEqual(['doc-a', 17, got[2]?.hash]);
    expect(got.map((r) => r.metadata)).toEqual([records[0]?.metadata, records[1]?.metadata, undefined]);
    for (const r of got) expect(r.hash).toMatch(/^[0-9a-f]{32}$/);
    expect(got[0]).toMatchObject({ url: 'https://www.example.org/a', sourceKey: 'example.org' });
    expect(readdirSync(join(out, 'shard')).sort()).toEqual(['17.txt', `${got[2]?.hash}.txt`, 'doc-a.txt'].sort());
  });

  it('reads another layout with --id-key, --text-key and --metadata-key', async () => {
    const input = tempDir();
    const out = tempDir();
    const layout = records.map((r, i) => ({ doc_id: `r${i}`, content: r.text, meta: { n: i } }));
    writeFileSync(join(input, 'hf.ndjson'), layout.map((r) => JSON.stringify(r)).join('\n'));
    const result = await runCli([
      'clean',
      input,
      '--out',
      out,
      '--no-progress',
      '--id-key',
      'doc_id',
      '--text-key',
      'content',
      '--metadata-key',
      'meta',
    ]);
    expect(result.code).toBe(0);
    expect(parseLines(readFileSync(join(out, 'articles.jsonl'), 'utf8')).map((r) => [r.id, r.metadata])).toEqual([
      ['r0', { n: 0 }],
      ['r1', { n: 1 }],
      ['r2', { n: 2 }],
    ]);
  });
});

describe('standard input and standard output', () => {
  it('reads JSONL piped to -, and writes JSONL to --out -', async () => {
    const result = await runWithStdin(['clean', '-', '--out', '-', '--quiet'], shard);
    expect(result.code).toBe(0);
    const got = parseLines(result.stdout);
    expect(got.map((r) => r.id)).toEqual(['doc-a', 17, got[2]?.hash]);
    expect(got[1]).toMatchObject({ source: 'stdin#2', sourceKey: 'stdin', title: 'Bridge repairs to start' });
  });

  it('reads gzipped JSONL piped to - (sniffed), and plain text as one document', async () => {
    const gz = await runWithStdin(['clean', '-', '--out', '-', '--quiet'], gzipSync(shard));
    expect(parseLines(gz.stdout)).toHaveLength(3);
    const out = tempDir();
    const text = await runWithStdin(
      ['clean', '-', '--out', out, '--no-progress'],
      `Council approves budget\n${PARAGRAPH}\n`,
    );
    expect(text.code).toBe(0);
    expect(readFileSync(join(out, 'stdin.txt'), 'utf8')).toBe(`Council approves budget\n${PARAGRAPH}\n`);
  });

  it('writes rejections to stderr as JSONL with --out -, keeping stdout for articles', async () => {
    const result = await runWithStdin(['clean', '-', '--out', '-', '--quiet'], `${shard}not json\n`);
    expect(parseLines(result.stdout)).toHaveLength(3);
    expect(parseLines(result.stderr)).toEqual([
      expect.objectContaining({ source: 'stdin#4', reason: 'invalid-record' }),
    ]);
  });

  it('--compress gz writes articles.jsonl.gz, or gzipped JSONL on stdout', async () => {
    const input = tempDir();
    const out = tempDir();
    writeFileSync(join(input, 'shard.jsonl'), shard);
    expect((await runCli(['clean', input, '--out', out, '--no-progress', '--compress', 'gz'])).code).toBe(0);
    expect(existsSync(join(out, 'articles.jsonl'))).toBe(false);
    expect(parseLines(gunzipSync(readFileSync(join(out, 'articles.jsonl.gz'))).toString())).toHaveLength(3);
    const piped = await runWithStdin(['clean', '-', '--out', '-', '--quiet', '--compress', 'gz'], shard);
    expect(parseLines(gunzipSync(piped.raw).toString())).toHaveLength(3);
    const bad = await runCli(['clean', input, '--out', out, '--compress', 'zip']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"zip"');
  });
});

describe('--out safety', () => {
  function inputFolder(): string {
    const input = tempDir();
    writeFileSync(join(input, 'a.txt'), `Council approves budget\n${PARAGRAPH}\n`);
    writeFileSync(join(input, 'shard.jsonl'), shard);
    return input;
  }
  const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

  it('refuses --out equal to an input folder, and leaves the inputs untouched', async () => {
    const input = inputFolder();
    const result = await runCli(['clean', input, '--out', input, '--no-progress']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is the input folder');
    noStack(result.stderr);
    expect(readdirSync(input).sort()).toEqual(['a.txt', 'shard.jsonl']);
  });

  it('refuses --out inside an input folder unless --allow-out-inside, which leaves it out of the walk', async () => {
    const input = inputFolder();
    const out = join(input, 'out');
    const refused = await runCli(['clean', input, '--out', out, '--no-progress']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--allow-out-inside');
    noStack(refused.stderr);
    expect(existsSync(out)).toBe(false);
    for (let run = 0; run < 2; run++) {
      const allowed = await runCli(['clean', input, '--out', out, '--no-progress', '--allow-out-inside']);
      expect(allowed.code).toBe(0);
      // The second run does not read the first run's articles as input.
      expect(allowed.stderr).toContain('cleaned 2 input file(s): 4 article(s)');
    }
    expect(readFileSync(join(input, 'a.txt'), 'utf8')).toBe(`Council approves budget\n${PARAGRAPH}\n`);
  });

  it('refuses an input inside --out (an article could land on it)', async () => {
    const out = tempDir();
    mkdirSync(join(out, 'in'));
    writeFileSync(join(out, 'in/a.txt'), `Council approves budget\n${PARAGRAPH}\n`);
    for (const input of [join(out, 'in'), join(out, 'in/a.txt')]) {
      const result = await runCli(['clean', input, '--out', out, '--no-progress']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('lies inside --out');
    }
    expect(readdirSync(out)).toEqual(['in']);
  });

  it('exits 2 with a message, no stack trace, when --out names a file', async () => {
    const input = inputFolder();
    const result = await runCli(['clean', join(input, 'a.txt'), '--out', join(input, 'shard.jsonl'), '--no-progress']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('names a file');
    noStack(result.stderr);
    expect(readFileSync(join(input, 'shard.jsonl'), 'utf8')).toBe(shard);
  });
});
