/**
 * Duplicate detection in the input stream remembers a bounded number of inputs: a copy within
 * reach is a `duplicate-input` rejection naming the first copy, a copy further back is read as a
 * document again, and what is remembered does not grow past the bound.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestStream, MAX_REMEMBERED_INPUTS } from '../../src/embedded/ingest-stream.js';
import { streamInputs } from '../../src/ingest/inputs.js';
import { DEFAULT_STORE_LIMITS } from '../../src/store/store.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Files 000.txt … in order; `copyOf[i]` = j makes file i the same text as file j. */
async function corpus(n: number, copyOf: Record<number, number>): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'cleanwire-ingest-'));
  for (let i = 0; i < n; i++) {
    const text = `Report ${copyOf[i] ?? i}: the council met on Tuesday and agreed the budget.\n`;
    await writeFile(join(dir, `${String(i).padStart(3, '0')}.txt`), text);
  }
  return dir;
}

async function outcomes(root: string, remember?: number): Promise<string[]> {
  const out: string[] = [];
  const options = { concurrency: 4, ...(remember === undefined ? {} : { remember }) };
  for await (const item of ingestStream(streamInputs([root], []), options, { inputs: 0 })) {
    out.push('doc' in item ? `doc ${item.doc.source}` : `${item.rejection.reason} ${item.rejection.message}`);
  }
  return out;
}

describe('ingest stream: duplicate inputs', () => {
  it('remembers as many inputs as the near-duplicate index holds by default', () => {
    expect(MAX_REMEMBERED_INPUTS).toBe(DEFAULT_STORE_LIMITS.maxDocs);
  });

  it('rejects a copy within reach, naming the first copy, and reads a copy beyond it again', async () => {
    // File 12 copies file 8 (4 inputs back), file 30 copies file 2 (28 back); 10 are remembered.
    const root = await corpus(31, { 12: 8, 30: 2 });
    const got = await outcomes(root, 10);
    expect(got).toHaveLength(31);
    expect(got[12]).toBe('duplicate-input same content as 008.txt');
    expect(got[30]).toBe('doc 030.txt');
    expect(got.filter((o) => o.startsWith('duplicate-input'))).toHaveLength(1);
    // Remembering all of them, both copies are caught.
    const all = await outcomes(root);
    expect(all[30]).toBe('duplicate-input same content as 002.txt');
  });

  it('remembers the same number of inputs after 10 and 100 times the bound: the latest ones', async () => {
    // Every input copies the one `remember` back (at the edge of reach) once past the first ones.
    const remember = 3;
    const n = 100 * remember;
    const copyOf: Record<number, number> = {};
    for (let i = remember; i < n; i += 2 * remember) copyOf[i] = i - remember;
    const got = await outcomes(await corpus(n, copyOf), remember);
    const caught = got.flatMap((o, i) => (o.startsWith('duplicate-input') ? [i] : []));
    // A copy `remember` inputs back is within reach however far into the run.
    expect(caught).toEqual(Object.keys(copyOf).map(Number));
  });
});
