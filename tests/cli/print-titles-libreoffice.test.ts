// The .xlsx print setup as LibreOffice prints it: 月度汇总, 年度汇总 and 积分台账 to PDF, header row on every page, long text wrapped.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { entryData, makeEntry, readZip, writeZip } from '../../src/cli/xlsx/zip';
import { TAB } from '../../src/shared/tabs';
import { pdfPages, pdfText, renderPdfPage } from '../helpers/poppler';
import { requireTool, toolPath } from '../helpers/tools';
import { cli, outputDir, tempDir } from './helpers';

jest.setTimeout(180_000);

/** A copy of the book where every sheet but `tab` is hidden: LibreOffice prints visible sheets only. */
function onlyTab(book: string, tab: string, out: string): void {
  const entries = readZip(readFileSync(book)).map((e) => {
    if (e.name !== 'xl/workbook.xml') return e;
    const wb = entryData(e).toString('utf8');
    const shown = [...wb.matchAll(/<sheet\b([^>]*?)\/>/g)].findIndex((m) => m[1]!.includes(`name="${tab}"`));
    const xml = wb
      .replace(/<sheet\b([^>]*?)\/>/g, (whole, a: string) =>
        a.includes(`name="${tab}"`) ? whole : `<sheet${a} state="hidden"/>`,
      )
      // The shown tab must be the active one: LibreOffice prints a hidden active sheet all the same.
      .replace(/<workbookView\b[^>]*\/>/, `<workbookView activeTab="${shown}" firstSheet="${shown}"/>`);
    return makeEntry(e.name, xml);
  });
  writeFileSync(out, writeZip(entries));
}

requireTool('libreoffice', 'poppler')('LibreOffice prints the wide tabs of the demo workbook', () => {
  let dir: string;
  const printed = new Map<string, string>();

  beforeAll(async () => {
    dir = tempDir('jifen-print-lo-');
    const book = join(dir, 'demo.xlsx');
    expect((await cli(['demo', book])).code).toBe(0);
    const names = { [TAB.monthly]: 'monthly', [TAB.yearly]: 'yearly', [TAB.ledger]: 'ledger' };
    for (const [tab, name] of Object.entries(names)) {
      const copy = join(dir, `${name}.xlsx`);
      onlyTab(book, tab, copy);
      // A private profile: a LibreOffice already running for someone else would otherwise take the job over.
      const r = spawnSync(
        toolPath('libreoffice'),
        [
          `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          copy,
        ],
        { encoding: 'utf8', timeout: 150_000 },
      );
      expect(r.status).toBe(0);
      printed.set(tab, join(dir, `${name}.pdf`));
    }
  });

  const SUMMARY_HEADER =
    '期间排名干部编号姓名职务起始分基础任务奖励合计年度累计分档标记结果运用可用积分可兑换事假(天)';
  const LEDGER_HEADER =
    '编号月份干部编号干部姓名规则编码事项数量分值积分得分依据来源申报人申报时间状态审核人审核时间审核意见表单回复ID更正对象';

  test.each([
    [TAB.monthly, SUMMARY_HEADER, 2, 4],
    [TAB.yearly, SUMMARY_HEADER, 1, 4],
    [TAB.ledger, LEDGER_HEADER, 6, 14],
  ])(
    '%s: A4 landscape, every column on the page, the header row at the top of every page',
    (tab, header, min, max) => {
      const pdf = printed.get(tab)!;
      const pages = pdfPages(pdf);
      expect(pages).toBeGreaterThanOrEqual(min);
      expect(pages).toBeLessThanOrEqual(max);
      const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
      // A4 landscape: 842 × 595 points.
      expect(info).toMatch(/Page size:\s+84[12](?:\.\d+)? x 59[45](?:\.\d+)? pts/);
      for (let p = 1; p <= pages; p++) {
        // print titles: the page starts with the header row (one page wide: all of it, last column included)
        expect({ page: p, top: pdfText(pdf, { page: p, flat: true }).slice(0, header.length) }).toEqual({
          page: p,
          top: header,
        });
      }
      renderPdfPage(pdf, join(outputDir(), `lo-${tab}-page`), 2);
    },
  );

  test('long text wraps inside its column: 结果运用 on two lines of a taller row, not over the next row', () => {
    const lines = pdfText(printed.get(TAB.monthly)!, { page: 1 }).split('\n');
    const first = '预警：取消评先评优资格、书记或主任谈话；取消一切评先评';
    const i = lines.findIndex((l) => l.includes(first));
    expect(i).toBeGreaterThan(0);
    // The first line of the cell stands alone (the row grew: no neighbour's figures beside it), and the
    // rest shares the line with its own row's figures (bottom-aligned, like the single-line cells).
    expect(lines[i]!.trim()).toBe(first);
    expect(lines[i + 1]!.replace(/\s+/g, ' ')).toMatch(
      /^ ?2026-01 \d+ \d{3} \S+ \S+ 0 \d+ \d+ \d+ \d+ \d+ 后三分之一、倒数三名 优资格、按规定组织处置 \d+ 0$/,
    );
  });

  test('得分依据 and 事项 of the ledger wrap too, and nothing is cut at the right edge', () => {
    const text = pdfText(printed.get(TAB.ledger)!, { flat: true });
    // A long 事项 from the rules, whole (wrapped into two lines of its cell, read back in order).
    expect(text).toContain('入户走访中登记新增出租房屋、流动人口信');
    expect(text).toContain('更正对象');
  });
});
