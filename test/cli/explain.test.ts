/**
 * `cleanwire explain`: the terminal view, and the HTML report loaded in real headless Chromium
 * (Debian's package): its DOM, its click-for-evidence panel, its rule filter, that it asks the
 * network for nothing, and a screenshot.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { ROOT, runCli, tempDir } from '../support/cli.js';

const PARAGRAPHS = [
  'The harbour reopened on Tuesday after a storm closed it for three days, the port authority said.',
  'Fishing boats returned to the quay in the morning, and the ferry resumed its usual timetable.',
];
const withFooter = [
  'Harbour reopens   after storm',
  ...PARAGRAPHS,
  'Leave a Reply',
  'Your email address will not be published. Required fields are marked *',
].join('\n');

let input = '';
let report = '';
let browser: Browser;

beforeAll(async () => {
  input = tempDir();
  writeFileSync(join(input, 'harbour.txt'), withFooter);
  // Hostile text: it must show as text in the report, never run or load anything.
  writeFileSync(
    join(input, 'hostile.txt'),
    `Markup in a scraped article\n${PARAGRAPHS[1]} <script>window.pwned = 1</script><img src="https://example.invalid/x.png" onerror="window.pwned = 2">\n`,
  );
  for (const seed of ['000_91262211253a423d.txt', '004_533c8462d5d224a2.txt'])
    writeFileSync(join(input, seed), readFileSync(join(ROOT, 'seeds/input', seed)));
  report = join(tempDir(), 'report.html');
  const result = await runCli(['explain', input, '--html', report]);
  expect(result.code).toBe(0);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('cleanwire explain in the terminal', () => {
  it('shows what went, struck out with its rule, and what was put in', async () => {
    const result = await runCli(['explain', join(input, 'harbour.txt'), '--no-color']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[-Leave a Reply-] ⟨boilerplate/comment-form⟩');
    // The collapsed spaces, shown in the original, with the one space put in their place.
    expect(result.stdout).toContain('Harbour reopens[-   -] ⟨normalize/repeated-space⟩{+ +}after storm');
    expect(result.stdout).toContain(PARAGRAPHS[0]);
    expect(result.stdout).not.toContain('\x1b[');
  });
});

describe('the HTML report in headless Chromium', () => {
  it('renders every document with its marks, shows evidence on click, filters by rule, and asks the network for nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(report).href);
    expect(requests.every((url) => url.startsWith('file:'))).toBe(true);

    expect(await page.locator('section.doc').count()).toBe(4);
    expect(await page.evaluate('typeof window.pwned')).toBe('undefined');
    expect(await page.locator('pre.text', { hasText: '<script>window.pwned = 1</script>' }).count()).toBe(1);
    const footer = page.locator('del.mark[data-rule="boilerplate/comment-form"]').first();
    expect(await footer.textContent()).toBe('Leave a Reply');
    expect(await page.locator('del.mark[data-rule="boilerplate/syndication-stamp"]').textContent()).toBe(
      '(MENAFN- Gulf Times) ',
    );
    expect(await page.locator('ins.mark[data-rule="ligatures/split-ligature"]').count()).toBeGreaterThan(5);

    await footer.click();
    await expect.poll(() => page.locator('#detail').isVisible()).toBe(true);
    expect(await page.locator('#detail h3').textContent()).toBe('boilerplate/comment-form');
    expect(JSON.parse((await page.locator('#detail pre').textContent()) ?? '{}')).toMatchObject({
      rule: 'boilerplate/comment-form',
      removed: 'Leave a Reply',
    });

    // The ligature rule touched only seed 004: filtering by it leaves one document.
    await page.selectOption('#rule-filter', 'ligatures/split-ligature');
    expect(await page.locator('section.doc:not(.hidden)').count()).toBe(1);
    expect(await page.locator('#shown').textContent()).toBe('1');
    expect(await page.locator('.mark.dim').count()).toBeGreaterThan(0);
    expect(await page.locator('.mark:not(.dim)[data-rule="ligatures/split-ligature"]').count()).toBeGreaterThan(5);
    await page.selectOption('#rule-filter', '');
    expect(await page.locator('section.doc:not(.hidden)').count()).toBe(4);

    const shot = await page.screenshot({ fullPage: false });
    expect(shot.subarray(1, 4).toString()).toBe('PNG');
    expect(shot.length).toBeGreaterThan(20_000);
    await page.close();
  });

  it('explains an articles.jsonl from an earlier run, from its records', async () => {
    const out = tempDir();
    expect((await runCli(['clean', input, '--out', out, '--no-progress'])).code).toBe(0);
    const fromRecords = join(tempDir(), 'records.html');
    expect((await runCli(['explain', join(out, 'articles.jsonl'), '--html', fromRecords])).code).toBe(0);
    const page = await browser.newPage();
    await page.goto(pathToFileURL(fromRecords).href);
    const articles = readFileSync(join(out, 'articles.jsonl'), 'utf8').trim().split('\n').length;
    expect(articles).toBeGreaterThanOrEqual(3);
    expect(await page.locator('section.doc').count()).toBe(articles);
    expect(await page.locator('del.mark[data-rule="boilerplate/comment-form"]').first().textContent()).toBe(
      'Leave a Reply',
    );
    expect(await page.locator('.meta').first().textContent()).toContain('rebuilt from the article record');
    await page.close();
  });
});
