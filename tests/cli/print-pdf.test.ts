// The published HTML page printed by headless Chromium to an A4 PDF: pages exist and the Chinese text is in it (glyphs with ToUnicode maps).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import { cli, outputDir, tempDir } from './helpers';

jest.setTimeout(90_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let browser: Browser;
let htmlFile: string;

beforeAll(async () => {
  // CI installs Chromium (.ci/run); a missing browser must fail the run, not skip it.
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  browser = await chromium.launch({ executablePath: CHROMIUM });
  const dir = tempDir('jifen-pdf-');
  const book = join(dir, '台账.xlsx');
  expect((await cli(['demo', book])).code).toBe(0);
  expect((await cli(['publish', book, '--month', '2026-08'])).code).toBe(0);
  htmlFile = join(dir, '台账-公示-2026-08.html');
});

afterAll(async () => {
  await browser?.close();
});

/** Every Unicode character a PDF's ToUnicode CMaps can produce (i.e. the text of its embedded glyphs). */
function pdfUnicodeText(pdf: Buffer): Set<string> {
  const chars = new Set<string>();
  const text = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    let data: string;
    try {
      data = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue; // not a Flate stream (e.g. an image)
    }
    if (!data.includes('begincmap')) continue;
    const hex = (h: string) => {
      let s = '';
      for (let i = 0; i + 4 <= h.length; i += 4)
        s += String.fromCharCode(Number.parseInt(h.slice(i, i + 4), 16));
      return s;
    };
    for (const b of data.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
      for (const p of b[1]!.matchAll(/<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>/g)) chars.add(hex(p[1]!));
    for (const b of data.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
      for (const p of b[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        const n = Number.parseInt(p[2]!, 16) - Number.parseInt(p[1]!, 16);
        const first = Number.parseInt(p[3]!, 16);
        for (let i = 0; i <= n; i++) chars.add(String.fromCharCode(first + i));
      }
  }
  return chars;
}

test('the snapshot page prints to an A4 PDF with its Chinese text, and renders to a screenshot', async () => {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(htmlFile).href);
  const title = await page.locator('h1').textContent();
  expect(title).toBe('示例社区 2026年8月 干部积分公示');
  const rows = await page.locator('table.cadres tbody tr').count();
  expect(rows).toBe(12);
  // The CJK font of the stack is installed and used (the .ci/run installs fonts-wqy-zenhei).
  const fontOk = await page.evaluate(() => document.fonts.check('16px "WenQuanYi Zen Hei"', '积分'));
  expect(fontOk).toBe(true);

  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  writeFileSync(join(outputDir(), 'publish-snapshot.pdf'), pdf);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? [];
  expect(pages.length).toBeGreaterThan(0);
  // A4 media box: 595 × 842 points.
  expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[0 0 59[45](?:\.\d+)? 84[12](?:\.\d+)?\]/);
  const chars = pdfUnicodeText(pdf);
  for (const ch of '示例社区干部积分公示排名姓名基础任务奖励年度累计分档明细')
    expect(chars.has(ch)).toBe(true);
  expect(pdf.toString('latin1')).toMatch(/\/BaseFont\s*\/[A-Z]{6}\+(WenQuanYi|Noto)/);

  await page.setViewportSize({ width: 794, height: 1123 });
  const png = await page.screenshot({ fullPage: true });
  writeFileSync(join(outputDir(), 'publish-snapshot.png'), png);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  await page.close();
});

test('print stylesheet: A4 page rule and repeated table headers', () => {
  const html = readFileSync(htmlFile, 'utf8');
  expect(html).toContain('@page { size: A4 portrait');
  expect(html).toContain('thead { display: table-header-group; }');
});
