// The printed 更正公示 (correction notice) and the 落款 of every printed document: Chromium PDF read back with pdftotext, page by page.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { A4_PDF_OPTIONS } from '../../src/cli/pdf';
import { demoInputValues } from '../../src/cli/xlsx/demo-book';
import type { Cell } from '../../src/shared/cells';
import { type DocumentMeta, monthDocumentHtml } from '../../src/shared/document';
import { appendCorrection, buildSnapshot, type Snapshot } from '../../src/shared/publish';
import { recompute } from '../../src/shared/recompute';
import { headersOf } from '../../src/shared/tabs';
import { pdfPages, pdfText, renderPdfPage } from '../helpers/poppler';
import { requireTool, toolPath } from '../helpers/tools';
import { outputDir, tempDir } from './helpers';

jest.setTimeout(120_000);

const MONTH = '2026-08';
const AT = '2026-10-09 09:00:00';
const OPTS = { nowMonth: '2026-10', nowText: AT, offsetMinutes: 0 };

/** A correction row of 积分台账 as the 处理异议 dialog writes it (src/gas/dialog.ts). */
function correctionRow(
  id: string,
  cadreId: string,
  cadreName: string,
  correctsId: string,
  points: number,
): Cell[] {
  const f: Record<string, Cell> = {
    编号: id,
    月份: MONTH,
    干部编号: cadreId,
    干部姓名: cadreName,
    规则编码: 'T-MEDIATION',
    事项: '',
    数量: 1,
    分值: points,
    积分: points,
    得分依据: `更正：补记1起调解（异议 O009）`,
    来源: '更正',
    申报人: 'cadre01@example.org',
    申报时间: AT,
    状态: '已通过',
    审核人: 'cadre01@example.org',
    审核时间: AT,
    审核意见: '经核实属实',
    更正对象: correctsId,
  };
  return headersOf('ledger').map((h) => f[h] ?? '');
}

/**
 * The 2026-08 公示 and its 更正1, published here (not taken from the demo book, whose pre-published months
 * may change): the original snapshot, then the same month recomputed with one correction entry.
 */
function snapshots(): { original: Snapshot; corrected: Snapshot; corrections: number } {
  const { values } = demoInputValues();
  const before = recompute(values, OPTS);
  const original = buildSnapshot(before, { month: MONTH, publishedAt: AT, publisher: '社区两委' });
  const ledger = values.ledger!;
  const L = headersOf('ledger');
  const target = ledger.find((r) => r[L.indexOf('月份')] === MONTH && r[L.indexOf('来源')] === '表单')!;
  const cadreId = String(target[L.indexOf('干部编号')]);
  const name = String(target[L.indexOf('干部姓名')]);
  const after = recompute(
    { ...values, ledger: [...ledger, correctionRow('X-20261009-1', cadreId, name, String(target[0]), 5)] },
    OPTS,
  );
  const corrected = buildSnapshot(after, {
    month: MONTH,
    revision: 1,
    publishedAt: '2026-10-09 10:00:00',
    publisher: '社区两委',
  });
  const { corrections } = appendCorrection(corrected, after, {
    tabName: original.tabName,
    values: original.values,
  });
  return { original, corrected, corrections };
}

const meta = (s: Snapshot): DocumentMeta => ({
  communityName: '示例社区',
  publishedAt: '2026-10-09 10:00:00',
  publicityDays: 7,
  objectionContact: '社区两委办公室',
  publisher: '社区两委',
  reportTo: '街道党工委',
  sha256: 'b'.repeat(64),
  tabName: s.tabName,
});

requireTool(
  'chromium',
  'cjk-font',
  'poppler',
)('the printed 更正公示 and the 落款 of printed documents', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: toolPath('chromium') });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function print(
    html: string,
    name: string,
    dir = outputDir(),
  ): Promise<{ path: string; pages: number }> {
    const file = join(tempDir('jifen-doc-'), `${name}.html`);
    writeFileSync(file, html);
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.evaluate(() => document.fonts.ready.then(() => true));
    const pdf = await page.pdf(A4_PDF_OPTIONS);
    await page.close();
    const path = join(dir, `${name}.pdf`);
    writeFileSync(path, pdf);
    return { path, pages: pdfPages(path) };
  }

  test('the 更正公示 prints every block: title with 更正1, 公示期, both tables, what changed, digest, 落款', async () => {
    const { corrected, corrections } = snapshots();
    expect(corrections).toBe(1);
    const { path, pages } = await print(monthDocumentHtml(corrected, meta(corrected)), 'correction-2026-08');
    const text = pdfText(path, { flat: true });
    expect(text).toContain('示例社区两委');
    expect(text).toContain('示例社区2026年8月干部积分公示（更正1）');
    expect(text).toContain('现将2026年8月干部积分更正情况予以公示');
    expect(text).toContain('公示期7天：2026年10月9日至2026年10月15日');
    expect(text).toContain('请于2026年10月15日前向社区两委办公室实名提出');
    expect(text).toContain('一、积分排名');
    expect(text).toContain('二、积分明细');
    expect(text).toContain('三、更正说明（相对「公示-2026-08」）');
    expect(text).toContain('条目编号干部编号姓名更正对象积分变化理由');
    expect(text).toContain('X-20261009-1');
    expect(text).toContain('更正：补记1起调解（异议O009）');
    expect(text).toContain('更正前月度积分更正后月度积分更正前年度累计更正后年度累计');
    expect(text).toContain(
      `（SHA-256，覆盖表格「公示-2026-08更正1」的显示内容、本期积分台账记录和上一次发布的摘要）：${'b'.repeat(64)}`,
    );
    expect(text).toContain('示例社区两委（盖章）公章2026年10月9日发布人：社区两委');
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    for (let p = 1; p <= pages; p++)
      expect(pdfText(path, { page: p, flat: true })).toContain(`第${p}页共${pages}页`);
    // The before → after figures of the corrected cadre: 5 points more, month and year.
    const lines = pdfText(path).split('\n');
    const row = lines.find((l) => /^\s*\d{3}\s+\S+\s+\d+\s+\d+\s+\d+\s+\d+\s*$/.test(l))!;
    const [, , mBefore, mAfter, yBefore, yAfter] = row.trim().split(/\s+/).map(Number);
    expect([mAfter! - mBefore!, yAfter! - yBefore!]).toEqual([5, 5]);
    // The last page: the closing with the last rows of the what-changed table under its repeated header.
    const last = pdfText(path, { page: pages, flat: true });
    expect(last).toContain('发布人：社区两委');
    expect(last).toContain('更正前月度积分');
    renderPdfPage(path, join(outputDir(), 'correction-page'), pages);
  });

  /** The original 公示 with only the first k rows of its detail (a knob for where the closing falls). */
  function cut(original: Snapshot, k: number): Snapshot {
    const { layout } = original;
    const [s, e] = layout.detailRows;
    const drop = e - s - k;
    return {
      ...original,
      values: [...original.values.slice(0, e - drop), ...original.values.slice(e)],
      layout: { ...layout, detailRows: [s, e - drop], footerRow: layout.footerRow - drop },
    };
  }

  test('the 落款 never stands alone on the last page: the last rows move over with it', async () => {
    const { original } = snapshots();
    const dir = tempDir('jifen-sign-');
    const n = original.layout.detailRows[1] - original.layout.detailRows[0];
    const footer = String(original.values[original.layout.footerRow]![0]).replace(/\s+/g, '').slice(0, 8);
    const printed = new Map<number, { path: string; pages: number }>();
    const at = async (k: number) => {
      if (!printed.has(k))
        printed.set(k, await print(monthDocumentHtml(cut(original, k), meta(original)), `k${k}`, dir));
      return printed.get(k)!;
    };
    // The fewest detail rows that need one more page (pages grow with k): just past it, the closing is the
    // first thing that no longer fits — where it used to land alone on the new last page.
    const base = (await at(1)).pages;
    expect((await at(n)).pages).toBeGreaterThan(base);
    let lo = 1;
    let hi = n;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if ((await at(mid)).pages > base) hi = mid;
      else lo = mid;
    }
    for (const k of [hi - 1, hi, hi + 1, hi + 2].filter((x) => x >= 1 && x <= n)) {
      const { path, pages } = await at(k);
      const last = pdfText(path, { page: pages, flat: true });
      expect({ k, sign: last.includes('示例社区两委（盖章）') }).toEqual({ k, sign: true });
      // Detail rows on the same page, under the repeated header: a points figure (+10, -5) between the
      // header and the footer line (the header alone repeats on any page the table reaches).
      const rows = last.split('干部事项得分依据积分来源/编号')[1]?.split(footer)[0] ?? '';
      expect({ k, rows: /[+-]\d+/.test(rows) }).toEqual({ k, rows: true });
    }
    renderPdfPage((await at(hi)).path, join(outputDir(), 'sign-with-rows'), (await at(hi)).pages);
  });
});
