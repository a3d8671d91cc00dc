// The printed 公示: jifen publish's A4 PDF (Chromium) checked with pdftotext for every block, the printable area and page count.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import { A4_PDF_OPTIONS } from '../../src/cli/pdf';
import { pdfPages, renderPdfPage } from '../helpers/poppler';
import { requireTool, toolPath } from '../helpers/tools';
import { cli, outputDir, tempDir } from './helpers';

jest.setTimeout(90_000);

const withPrinting = requireTool('chromium', 'cjk-font', 'poppler');

withPrinting('the printed 公示 (Chromium PDF read back with poppler)', () => {
  let browser: Browser;
  let htmlFile: string;

  beforeAll(async () => {
    // The CLI's publish prints with the same browser (src/cli/pdf.ts reads JIFEN_CHROMIUM).
    process.env.JIFEN_CHROMIUM = toolPath('chromium');
    browser = await chromium.launch({ executablePath: toolPath('chromium') });
    const dir = tempDir('jifen-pdf-');
    const book = join(dir, '台账.xlsx');
    expect((await cli(['demo', book])).code).toBe(0);
    // September is the next month in order after the demo's January–August.
    expect((await cli(['publish', book, '--month', '2026-09'])).code).toBe(0);
    htmlFile = join(dir, '台账-公示-2026-09.html');
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

  test('the 公示 page prints to an A4 PDF with its Chinese text, and renders to a screenshot', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(htmlFile).href);
    const title = await page.locator('h1').textContent();
    expect(title).toBe('示例社区 2026年9月 干部积分公示');
    // The CJK font of the stack is installed and used (the .ci/run installs fonts-wqy-zenhei).
    const fontOk = await page.evaluate(() => document.fonts.check('16px "WenQuanYi Zen Hei"', '积分'));
    expect(fontOk).toBe(true);

    const pdf = await page.pdf(A4_PDF_OPTIONS);
    writeFileSync(join(outputDir(), 'publish-snapshot.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
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

  /** pdftotext -bbox words: text and box in PDF points, per page. */
  function bboxWords(pdfPath: string): {
    page: number;
    text: string;
    x0: number;
    y0: number;
    x1: number;
    y1: number;
    pw: number;
    ph: number;
  }[] {
    const xml = execFileSync('pdftotext', ['-bbox', pdfPath, '-'], { encoding: 'utf8' });
    const out: ReturnType<typeof bboxWords> = [];
    let page = 0;
    let pw = 0;
    let ph = 0;
    for (const line of xml.split('\n')) {
      const p = /<page width="([\d.]+)" height="([\d.]+)"/.exec(line);
      if (p) {
        page++;
        pw = Number(p[1]);
        ph = Number(p[2]);
        continue;
      }
      const w =
        /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/.exec(
          line,
        );
      if (w)
        out.push({
          page,
          text: w[5]!,
          x0: Number(w[1]),
          y0: Number(w[2]),
          x1: Number(w[3]),
          y1: Number(w[4]),
          pw,
          ph,
        });
    }
    return out;
  }

  describe('the PDF jifen publish writes beside the HTML', () => {
    const pdfPath = () => htmlFile.replace(/\.html$/, '.pdf');
    const text = () => execFileSync('pdftotext', ['-layout', pdfPath(), '-'], { encoding: 'utf8' });

    test('exists, is A4, and the demo month fits in 2–5 pages', () => {
      expect(existsSync(pdfPath())).toBe(true);
      const info = execFileSync('pdfinfo', [pdfPath()], { encoding: 'utf8' });
      const pages = pdfPages(pdfPath());
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(pages).toBeLessThanOrEqual(5);
      expect(info).toMatch(/Page size:.*\(A4\)/);
      renderPdfPage(pdfPath(), join(outputDir(), 'publish-page'));
    });

    test('carries every block of a notice', () => {
      const t = text().replace(/[ \t]+/g, ' ');
      const flat = t.replace(/\s+/g, '');
      // Issuing body and title, period
      expect(flat).toContain('示例社区两委');
      expect(flat).toContain('示例社区2026年9月干部积分公示');
      // 公示期 from the publication date (5 days by default) with the deadline and contact from 设置
      expect(flat).toMatch(/公示期5天：(\d{4})年(\d+)月(\d+)日至\1年\d+月\d+日/);
      expect(flat).toMatch(/请于\d{4}年\d+月\d+日前向社区两委办公室实名提出/);
      // Ranking and the detail with reasons; automatic items condensed into one line per cadre
      expect(flat).toContain('一、积分排名');
      expect(flat).toContain('二、积分明细');
      expect(flat).toMatch(/自动计分(考勤全勤|考勤按时)\+\d+；无批评\+5；无投诉\+5/);
      expect(flat).not.toContain('月内未被街道等上级部门点名批评');
      expect(flat).toContain('为群众办实事获居民表扬');
      // Digest with how to check it
      const digest = /SHA-256[^:：]*[:：]\s*([0-9a-f]{64})/.exec(flat)?.[1];
      expect(digest).toMatch(/^[0-9a-f]{64}$/);
      expect(flat).toContain('校验公示');
      expect(flat).toContain('jifenverify');
      // 落款 with room for the 公章, publisher by name (never the OS account or an e-mail)
      expect(flat).toContain('示例社区两委（盖章）');
      expect(flat).toContain('公章');
      expect(flat).toContain('发布人：社区两委');
      expect(flat).not.toContain(`发布人：${userInfo().username}`);
      expect(flat).not.toMatch(/发布人：\S*@/);
      // Page numbers 第 x 页 共 y 页 on every page
      const pages = pdfPages(pdfPath());
      for (let i = 1; i <= pages; i++) expect(flat).toContain(`第${i}页共${pages}页`);
    });

    test('no text lies outside the printable area, and body text is at least 9 pt', () => {
      const words = bboxWords(pdfPath());
      expect(words.length).toBeGreaterThan(200);
      // @page margins: 14 mm left/right (39.7 pt); the footer sits in the bottom margin but on the page.
      const margin = (14 / 25.4) * 72 - 1;
      const outside = words.filter((w) => w.x0 < margin || w.x1 > w.pw - margin || w.y0 < 0 || w.y1 > w.ph);
      expect(outside.map((w) => `${w.page}:${w.text}@${w.x0},${w.x1}`)).toEqual([]);
      // Glyph boxes of 9 pt text are about 9 pt tall or more; nothing printed is smaller.
      const tiny = words.filter((w) => w.y1 - w.y0 < 8.5 && /[\u4e00-\u9fff]/.test(w.text));
      expect(tiny.map((w) => `${w.page}:${w.text}:${(w.y1 - w.y0).toFixed(1)}`)).toEqual([]);
    });
  });
});
