// LibreOffice (headless) opens the demo workbook; its 月度汇总 as LibreOffice reads it matches the core's figures.

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { XlsxPackage } from '../../src/cli/xlsx/package';
import { readZip } from '../../src/cli/xlsx/zip';
import { requireTool, toolPath } from '../helpers/tools';
import { cli, coreFigures, demoScenarioJson, readBook, tempDir } from './helpers';

jest.setTimeout(180_000);

requireTool('libreoffice')('LibreOffice opens the demo workbook', () => {
  // Looked up when a test runs: a skipped suite's body still runs to collect its tests.
  const soffice = () => toolPath('libreoffice');

  /** RFC 4180 CSV (LibreOffice quotes fields with commas, quotes or newlines). */
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        row.push(field);
        field = '';
      } else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        row.push(field);
        rows.push(row);
        row = [];
        field = '';
      } else field += c;
    }
    if (field || row.length) {
      row.push(field);
      rows.push(row);
    }
    return rows;
  }

  /** Converts every sheet of `book` to `<dir>/csv/<name>-<sheet>.csv`; returns soffice's exit status. */
  function toCsv(dir: string, book: string): number | null {
    // A private profile: a LibreOffice already running for someone else would otherwise take the job over.
    const profile = pathToFileURL(join(dir, 'profile')).href;
    return spawnSync(
      soffice(),
      [
        `-env:UserInstallation=${profile}`,
        '--headless',
        '--convert-to',
        // UTF-8, one CSV per sheet (the last token -1); plain csv would turn Chinese into ??.
        'csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1',
        '--outdir',
        join(dir, 'csv'),
        book,
      ],
      { encoding: 'utf8', timeout: 150_000 },
    ).status;
  }

  test('LibreOffice opens the demo workbook and its 月度汇总 equals the core', async () => {
    const dir = tempDir('jifen-lo-');
    const book = join(dir, 'demo.xlsx');
    expect((await cli(['demo', book])).code).toBe(0);
    expect(toCsv(dir, book)).toBe(0);
    const files = readdirSync(join(dir, 'csv'));
    for (const tab of ['设置', '积分台账', '月度汇总', '年度汇总', '公示-2026-08'])
      expect(files).toContain(`demo-${tab}.csv`);
    const rows = parseCsv(readFileSync(join(dir, 'csv', 'demo-月度汇总.csv'), 'utf8'));
    const header = rows[0]!;
    expect(header).toEqual([
      '期间',
      '排名',
      '干部编号',
      '姓名',
      '职务',
      '起始分',
      '基础',
      '任务',
      '奖励',
      '合计',
      '年度累计',
      '分档',
      '标记',
      '结果运用',
      '可用积分',
      '可兑换事假(天)',
    ]);
    const col = (h: string) => header.indexOf(h);
    const scenario = demoScenarioJson();
    let checked = 0;
    let expected = 0;
    for (const period of ['2026-01', '2026-05', '2026-09', '2026-10']) {
      const core = coreFigures(scenario, period);
      const mine = rows.filter((x) => x[0] === period);
      expected += core.size;
      expect(mine).toHaveLength(core.size);
      for (const x of mine) {
        // The id stays text ('001'), not the number 1: text columns are stored as text.
        const c = core.get(x[col('干部编号')]!)!;
        expect(c).toBeDefined();
        expect(
          ['姓名', '基础', '任务', '奖励', '合计', '年度累计', '排名', '可兑换事假(天)'].map(
            (h) => x[col(h)],
          ),
        ).toEqual(
          [c.name, c.base, c.task, c.reward, c.total, c.yearToDate, c.rank, c.leave.halfDays / 2].map(String),
        );
        checked++;
      }
    }
    // 孙浩 (012) joins in April: January has 11 cadres.
    expect(checked).toBe(expected);
    expect(expected).toBe(47);
  });

  test('a workbook saved again by LibreOffice still verifies and recomputes to the same summaries', async () => {
    const dir = tempDir('jifen-lo-');
    const book = join(dir, 'demo.xlsx');
    expect((await cli(['demo', book])).code).toBe(0);
    const profile = pathToFileURL(join(dir, 'profile')).href;
    const r = spawnSync(
      soffice(),
      [
        `-env:UserInstallation=${profile}`,
        '--headless',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        join(dir, 'lo'),
        book,
      ],
      { encoding: 'utf8', timeout: 150_000 },
    );
    expect(r.status).toBe(0);
    const saved = join(dir, 'lo', 'demo.xlsx');
    // LibreOffice rewrites every part (its own shared strings, styles, number formats): the digest still holds.
    expect((await cli(['verify', saved])).code).toBe(0);
    const before = readBook(book);
    const rr = await cli(['recompute', saved], { month: '2026-10' });
    expect(rr.err).toBe('');
    expect(rr.code).toBe(0);
    const after = readBook(saved);
    for (const tab of ['月度汇总', '年度汇总']) expect(after.values(tab)).toEqual(before.values(tab));
  });

  test('LibreOffice reads a sheet of several MiB written in deflated pieces, every row', () => {
    const dir = tempDir('jifen-lo-');
    const book = join(dir, 'big.xlsx');
    const rows = 60_000;
    const pkg = XlsxPackage.create();
    pkg.addSheet('台账', {
      values: Array.from({ length: rows }, (_, i) => [
        `E${String(i + 1).padStart(6, '0')}`,
        `第${i + 1}项：志愿服务`,
        i % 9,
      ]),
    });
    writeFileSync(book, pkg.toBuffer());
    const part = readZip(readFileSync(book)).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    // More than one 1 MiB piece, so the part is several deflate segments joined by full flushes.
    expect(part.size).toBeGreaterThan(2 * 1024 * 1024);
    expect(toCsv(dir, book)).toBe(0);
    const lines = readFileSync(join(dir, 'csv', 'big-台账.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines.length).toBe(rows);
    expect(lines[0]).toBe('E000001,第1项：志愿服务,0');
    expect(lines[33_333]).toBe('E033334,第33334项：志愿服务,6');
    expect(lines[rows - 1]).toBe('E060000,第60000项：志愿服务,5');
  });
});
