/**
 * Prints what cleanwire's own PDF reader (pdf.js) makes of each PDF of a folder, as OUT/NAME.txt:
 * the raw extraction before cleaning, for scripts/pdf-eval.sh.
 * Usage: npx tsx scripts/pdf-corpus/pdfjs-text.ts PDF_DIR OUT_DIR
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdfToText } from '../../src/ingest/pdf.js';

const [pdfDir, outDir] = process.argv.slice(2);
if (!pdfDir || !outDir) throw new Error('usage: pdfjs-text.ts PDF_DIR OUT_DIR');
mkdirSync(outDir, { recursive: true });
for (const name of readdirSync(pdfDir).filter((n) => n.endsWith('.pdf'))) {
  const result = await pdfToText(new Uint8Array(readFileSync(join(pdfDir, name))));
  if ('text' in result) writeFileSync(join(outDir, name.replace(/\.pdf$/, '.txt')), result.text);
  else process.stderr.write(`pdfjs: ${name}: ${result.reason}\n`);
}
