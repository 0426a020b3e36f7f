import { describe, expect, it } from 'vitest';
import { MAX_COMPONENT_BYTES, safeOutputPath } from '../../src/output/output-name.js';

const bytes = (s: string) => Buffer.byteLength(s);

describe('safeOutputPath', () => {
  it('leaves names within the limit exactly as they are', () => {
    for (const rel of ['a.txt', 'site/page.txt', `${'n'.repeat(MAX_COMPONENT_BYTES - 4)}.txt`, 'é/ü ✓.txt'])
      expect(safeOutputPath(rel)).toBe(rel);
  });

  it('shortens an over-long component deterministically, keeping the extension', () => {
    const long = `feed/${'x'.repeat(10_000)}.txt`;
    const short = safeOutputPath(long);
    expect(short).toBe(safeOutputPath(long));
    expect(short.startsWith('feed/xxx')).toBe(true);
    expect(short.endsWith('.txt')).toBe(true);
    for (const part of short.split('/')) expect(bytes(part)).toBeLessThanOrEqual(MAX_COMPONENT_BYTES);
  });

  it('keeps two long names that share a prefix apart', () => {
    const a = safeOutputPath(`${'p'.repeat(300)}a.txt`);
    const b = safeOutputPath(`${'p'.repeat(300)}b.txt`);
    expect(a).not.toBe(b);
  });

  it('cuts multi-byte names on a character boundary', () => {
    const short = safeOutputPath(`${'é'.repeat(200)}.txt`);
    expect(bytes(short)).toBeLessThanOrEqual(MAX_COMPONENT_BYTES);
    expect(short).not.toContain('\uFFFD');
    expect(Buffer.from(short).toString('utf8')).toBe(short);
  });

  it('shortens folders too', () => {
    const short = safeOutputPath(`${'d'.repeat(400)}/${'f'.repeat(400)}.txt`);
    const [dir, file] = short.split('/');
    expect(bytes(dir ?? '')).toBeLessThanOrEqual(MAX_COMPONENT_BYTES);
    expect(bytes(file ?? '')).toBeLessThanOrEqual(MAX_COMPONENT_BYTES);
  });
});
