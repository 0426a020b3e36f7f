/**
 * The streaming batch from the outside: articles appear while the run goes on, a run killed
 * half-way and resumed with --resume writes exactly what an uninterrupted run writes, and the
 * number of threads changes nothing in the output.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, tempDir } from '../support/cli.js';

const CORPUS = join(ROOT, 'test/fixtures/parity-corpus');

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path)] = readFileSync(path, 'utf8');
  }
  return files;
}

const lineCount = (path: string) =>
  existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).length : 0;

describe('cleanwire clean, streamed', () => {
  const input = tempDir();
  const whole = tempDir();

  beforeAll(async () => {
    cpSync(CORPUS, input, { recursive: true });
    cpSync(join(ROOT, 'seeds/input'), join(input, 'seeds'), { recursive: true });
    const result = await runCli(['clean', input, '--out', whole, '--no-progress', '--threads', '2']);
    expect(result.code, result.stderr).toBe(0);
  });

  it('writes the same output on one thread as on two', async () => {
    const out = tempDir();
    const result = await runCli(['clean', input, '--out', out, '--no-progress', '--threads', '1']);
    expect(result.code, result.stderr).toBe(0);
    expect(snapshot(out)).toEqual(snapshot(whole));
  });

  it('keeps what a killed run wrote, and --resume completes it to the same output', async () => {
    const out = tempDir();
    const articles = join(out, 'articles.jsonl');
    const child = spawn(process.execPath, [BIN, 'clean', input, '--out', out, '--no-progress', '--threads', '2'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Kill it as soon as it has written some articles: results appear progressively.
    let killedWith = 0;
    while (child.exitCode === null) {
      const n = lineCount(articles);
      if (n >= 3) {
        killedWith = n;
        child.kill('SIGKILL');
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    await exited;
    const total = lineCount(join(whole, 'articles.jsonl'));
    expect(killedWith).toBeGreaterThanOrEqual(3);
    expect(lineCount(articles)).toBeLessThan(total);

    const resumed = await runCli(['clean', input, '--out', out, '--no-progress', '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/\((\d+) written before, resumed\)/);
    expect(snapshot(out)).toEqual(snapshot(whole));
  });

  it('cuts a partial last line left by a crash and writes that document again', async () => {
    const out = tempDir();
    cpSync(whole, out, { recursive: true });
    const path = join(out, 'articles.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, `${lines.slice(0, 5).join('\n')}\n${(lines[5] ?? '').slice(0, 40)}`);
    const resumed = await runCli(['clean', input, '--out', out, '--no-progress', '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(snapshot(out)).toEqual(snapshot(whole));
  });
});
