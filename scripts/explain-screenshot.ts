/**
 * Regenerates docs/explain.png, the README's picture of the explain report: the seeds explained,
 * rendered in Debian's headless chromium. Run: node --import tsx scripts/explain-screenshot.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../test/support/chromium.js';

const root = resolve(import.meta.dirname, '..');
const report = join(mkdtempSync(join(tmpdir(), 'cleanwire-shot-')), 'report.html');
execFileSync(
  process.execPath,
  [join(root, 'bin/cleanwire.js'), 'explain', join(root, 'seeds/input'), '--html', report],
  {
    stdio: 'inherit',
  },
);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
await page.goto(pathToFileURL(report).href);
// Open one removal's evidence, as a reader would.
await page.locator('del.mark[data-rule="boilerplate/syndication-stamp"]').first().scrollIntoViewIfNeeded();
await page.locator('del.mark[data-rule="boilerplate/syndication-stamp"]').first().click();
mkdirSync(join(root, 'docs'), { recursive: true });
await page.screenshot({ path: join(root, 'docs/explain.png') });
await browser.close();
process.stderr.write('wrote docs/explain.png\n');
