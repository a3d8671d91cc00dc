// The 个人积分单 page in headless Chromium: fits a 360 px phone without sideways scrolling, prints on A4; screenshots in test-output/screenshots (docs/images/statement-001.png is a copy).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildDemoBook } from '../../src/cli/xlsx/commands';
import { DEMO_NOW } from '../../src/cli/xlsx/demo-book';
import { buildStatements, type Statement, statementHtml } from '../../src/shared/statement';
import { requireTool } from '../helpers/tools';
import { launchBrowser, SCREENSHOTS } from './harness';

jest.setTimeout(60_000);

requireTool('chromium', 'cjk-font')('the statement page in headless Chromium', () => {
  let browser: Browser;
  let statements: Statement[];
  beforeAll(async () => {
    browser = await launchBrowser();
    const { result } = buildDemoBook({
      nowMonth: DEMO_NOW.month,
      nowText: DEMO_NOW.recomputeAt,
      user: DEMO_NOW.publisher,
      progress: () => {},
    });
    statements = buildStatements(
      result,
      '2026-09',
      { tabName: '公示-2026-09', revision: 0, publishedAt: DEMO_NOW.publishedAt },
      DEMO_NOW.publishedAt,
    );
  });
  afterAll(async () => {
    await browser?.close();
  });

  test.each(['001', '010'])('cadre %s at 360 px: no sideways scrolling, every section shown', async (id) => {
    const s = statements.find((x) => x.cadreId === id)!;
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.setContent(statementHtml(s));
    await page.evaluate(() => document.fonts.ready.then(() => true));
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    const headings = await page.locator('h2').allTextContents();
    expect(headings).toEqual([
      '一、本月积分与年度累计',
      '二、排名与分档',
      `三、本月积分明细（${s.entries.length} 条）`,
      '四、待审核和已驳回的申报',
      '五、积分抵扣事假',
      '六、如有异议',
    ]);
    // The three figure cards sit side by side, none wrapped under another.
    const tops = await page
      .locator('.card')
      .evaluateAll((cs) => cs.map((c) => c.getBoundingClientRect().top));
    expect(new Set(tops).size).toBe(1);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const shot = join(SCREENSHOTS, `statement-${id}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    // Printed on A4 it stays within two pages.
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    await context.close();
  });
});
