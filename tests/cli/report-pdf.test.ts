// The half-year 公示 and the 报告 to the 街道党工委 from the shared document design, printed by Chromium and read back with pdftotext.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { A4_PDF_OPTIONS } from '../../src/cli/pdf';
import { buildDemoBook } from '../../src/cli/xlsx/commands';
import { DEMO_NOW } from '../../src/cli/xlsx/demo-book';
import { halfYearDocumentHtml, reportDocumentHtml } from '../../src/shared/document';
import { buildPeriodReport } from '../../src/shared/period-report';
import { pdfPages, pdfText, renderPdfPage } from '../helpers/poppler';
import { requireTool, toolPath } from '../helpers/tools';
import { outputDir, tempDir } from './helpers';

jest.setTimeout(90_000);

const withPrinting = requireTool('chromium', 'cjk-font', 'poppler');

withPrinting('the half-year 公示 and the 报告 printed by Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: toolPath('chromium') });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function print(html: string, name: string): Promise<{ text: string; pages: number; path: string }> {
    const dir = tempDir('jifen-report-');
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    const pdf = await page.pdf(A4_PDF_OPTIONS);
    await page.close();
    const path = join(outputDir(), `${name}.pdf`);
    writeFileSync(path, pdf);
    return { text: pdfText(path, { flat: true }), pages: pdfPages(path), path };
  }

  const demo = () => {
    const { result } = buildDemoBook({
      nowMonth: DEMO_NOW.month,
      nowText: DEMO_NOW.recomputeAt,
      user: DEMO_NOW.publisher,
      progress: () => {},
    });
    const report = buildPeriodReport(result, '2026-H1', {
      publishedAt: '2026-07-03 09:00:00',
      publisher: '李秀英',
    });
    const meta = {
      communityName: result.settings.communityName,
      publishedAt: '2026-07-03 09:00:00',
      publicityDays: result.settings.publicityDays,
      objectionContact: result.settings.objectionContact,
      publisher: '李秀英',
      reportTo: result.settings.reportTo,
      sha256: 'a'.repeat(64),
      tabName: report.tabName,
    };
    return { report, meta };
  };

  test('the 报告 carries 报送单位, 报送日期, tiers with their consequences, ties, 落款 and page numbers', async () => {
    const { report, meta } = demo();
    const { text, pages, path } = await print(reportDocumentHtml(report, meta), 'report-2026-H1');
    expect(text).toContain('示例社区两委');
    expect(text).toContain('示例社区2026年上半年干部积分情况报告');
    expect(text).toContain('报送单位：街道党工委');
    expect(text).toContain('报送日期：2026年7月3日');
    expect(text).toContain('排名靠前的三分之一（给予物质奖励）');
    expect(text).toContain('取消评先评优资格，由书记或主任谈话，限期整改');
    expect(text).toContain('需两委研究的并列情况');
    for (const c of report.topThird) expect(text).toContain(c.name);
    expect(text).toContain('示例社区两委（盖章）');
    expect(text).toContain('填报人：李秀英');
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(3);
    for (let i = 1; i <= pages; i++) expect(text).toContain(`第${i}页共${pages}页`);
    renderPdfPage(path, join(outputDir(), 'report-page'));
  });

  test('the half-year 公示 carries its 公示期, objection deadline, ranking with 起始分 and the digest', async () => {
    const { report, meta } = demo();
    const { text, pages } = await print(halfYearDocumentHtml(report, meta), 'publicity-2026-H1');
    expect(text).toContain('示例社区2026年上半年干部积分排名公示');
    expect(text).toMatch(/公示期5天：2026年7月3日至2026年7月7日/);
    expect(text).toContain('请于2026年7月7日前向社区两委办公室实名提出');
    expect(text).toContain('起始分');
    expect(text).toContain(
      `SHA-256，覆盖表格「公示-2026-H1」的显示内容、本期积分台账记录和上一次发布的摘要）：${'a'.repeat(64)}`,
    );
    expect(text).toContain('发布人：李秀英');
    expect(pages).toBeLessThanOrEqual(3);
  });
});
