/**
 * Hostile and unusual inputs through the whole pipeline, from real files: each ends in an article
 * or in a drop with an exact reason code, never in a throw or a `stage-error`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/core/document.js';
import { isReasonCode } from '../../src/core/reasons.js';
import { readAll } from '../../src/ingest/read.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { type RunOutcome, runStages } from '../../src/pipeline/run.js';
import type { PipelineStats } from '../../src/pipeline/stats.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { tempDir } from '../support/cli.js';

const HEADLINE = 'Putin tells Trump he will not back down on Ukraine';
const BODY = [
  'Russian President Vladimir Putin told Donald Trump by telephone on Thursday that Moscow would not give up its goals in Ukraine, the Kremlin said.',
  'The two leaders spoke for almost an hour, and Trump said afterwards that he had made no progress at all with his Russian counterpart.',
  'Kremlin aide Yuri Ushakov told reporters that Russia would continue to seek a negotiated solution to the conflict with its neighbour.',
];

/** Writes the bytes to a real file and runs what `cleanwire clean` runs on it. */
async function clean(name: string, bytes: Uint8Array, stats: PipelineStats = {}): Promise<RunOutcome> {
  const root = tempDir('cleanwire-bad-');
  writeFileSync(join(root, name), bytes);
  const [ingested] = await readAll({ path: join(root, name), root, rel: name });
  if (!ingested || !('doc' in ingested)) throw new Error(`${name} was not ingested`);
  return runStages(ingested.doc, createPipeline(), { store: createMemoryStore(), learn: true, stats });
}

function article(outcome: RunOutcome): Document {
  if (outcome.action !== 'keep') throw new Error(`expected an article, got ${outcome.reason} from ${outcome.stage}`);
  return outcome.doc;
}

const lines = (doc: Document) => doc.text.split('\n');

describe('bad inputs through the whole pipeline', () => {
  it('rejects an empty file as empty-input', async () => {
    const outcome = await clean('empty.txt', new Uint8Array());
    expect(outcome).toMatchObject({ action: 'drop', reason: 'empty-input', stage: 'decode' });
  });

  it('rejects a file of white space as empty-input', async () => {
    const outcome = await clean('blank.txt', Buffer.from(' \r\n\t\n'));
    expect(outcome).toMatchObject({ action: 'drop', reason: 'empty-input', stage: 'decode' });
  });

  it('rejects a PNG as binary-input', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
      Buffer.from('IHDR'),
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) % 251)),
    ]);
    const outcome = await clean('image.txt', png);
    expect(outcome).toMatchObject({ action: 'drop', reason: 'binary-input', stage: 'decode' });
  });

  it('reads invalid UTF-8 as the legacy charset it most likely is', async () => {
    const text = `${HEADLINE}\n${BODY[0]}\nThe statement had a broken byte \xC3\x28 in the middle of it, officials said on Friday.\n${BODY[1]}\n`;
    const doc = article(await clean('broken.txt', Buffer.from(text, 'latin1')));
    expect(doc.meta.encoding).toBe('windows-1252');
    expect(lines(doc)[0]).toBe(HEADLINE);
    expect(lines(doc)).toContain('The statement had a broken byte Ã( in the middle of it, officials said on Friday.');
  });

  it('rejects bytes that are no text in any charset as undecodable', async () => {
    const outcome = await clean(
      'garbage.txt',
      Buffer.from('Text \x81\x8d\x8f\x90\x9d\x81\x8d\x8f\x90\x9d end', 'latin1'),
    );
    expect(outcome).toMatchObject({ action: 'drop', reason: 'undecodable', stage: 'decode' });
  });

  it('reads UTF-16 LE and BE with a byte order mark', async () => {
    const text = `\uFEFF${HEADLINE}\r\n${BODY.join('\r\n')}\r\n`;
    const le = article(await clean('le.txt', Buffer.from(text, 'utf16le')));
    expect(le.meta.encoding).toBe('utf-16le');
    expect(lines(le)[0]).toBe(HEADLINE);
    expect(lines(le)).toContain(BODY[1]);
    const be = article(await clean('be.txt', Buffer.from(text, 'utf16le').swap16()));
    expect(be.meta.encoding).toBe('utf-16be');
    expect(be.text).toBe(le.text);
  });

  it('reads windows-1252 with curly quotes and accents', async () => {
    const quote = '“The café talks were frank,” said the Kremlin’s aide, who called the résumé of the call “détaillé”.';
    const text = `${HEADLINE}\n${BODY[0]}\n${quote}\n${BODY[2]}\n`;
    const doc = article(await clean('legacy.txt', iconv.encode(text, 'windows-1252')));
    expect(doc.meta.encoding).toBe('windows-1252');
    expect(lines(doc)).toContain(quote);
  });

  // Time on a busy machine says little; growth measured in the same run says whether a stage is
  // linear: ten times the input costs about ten times the CPU when it is, a hundred times when it
  // is quadratic. The bound (30) leaves room for noise between the two runs. The test timeouts
  // only stop a hung run.
  const cpuMs = async <T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> => {
    const before = process.cpuUsage();
    const result = await work();
    const used = process.cpuUsage(before);
    return { result, ms: (used.user + used.system) / 1000 };
  };

  it('finishes a 20 MB single line in linear time, with an article or a reason', { timeout: 900_000 }, async () => {
    const sentence = 'The minister said that the talks in Geneva would continue next week. ';
    const huge = (mb: number) => sentence.repeat(Math.ceil((mb * 1024 * 1024) / sentence.length));
    const small = await cpuMs(() => clean('big.txt', Buffer.from(`${HEADLINE}\n${huge(2)}\n`)));
    const stats: PipelineStats = {};
    const large = await cpuMs(() => clean('huge.txt', Buffer.from(`${HEADLINE}\n${huge(20)}\n`), stats));
    expect(large.ms / Math.max(small.ms, 10)).toBeLessThan(30);
    expect(Object.keys(stats)).toContain('unwrap');
    const outcome = large.result;
    if (outcome.action === 'drop') {
      expect(isReasonCode(outcome.reason)).toBe(true);
      expect(outcome.reason).not.toBe('stage-error');
    } else {
      expect(lines(outcome.doc)[0]).toBe(HEADLINE);
    }
  });

  it('reads 10,000-deep nested HTML in linear time', { timeout: 600_000 }, async () => {
    const nested = (depth: number) =>
      `<html><head><title>${HEADLINE} | Daily</title></head><body>${'<div>'.repeat(depth)}<p>${BODY.join('</p><p>')}</p>${'</div>'.repeat(depth)}</body></html>`;
    const shallow = await cpuMs(() => clean('shallow.html', Buffer.from(nested(1000))));
    const deep = await cpuMs(() => clean('deep.html', Buffer.from(nested(10_000))));
    expect(deep.ms / Math.max(shallow.ms, 10)).toBeLessThan(30);
    const doc = article(deep.result);
    expect(lines(doc)[0]).toBe(HEADLINE);
    expect(lines(doc)).toContain(BODY[1]);
  });
});
