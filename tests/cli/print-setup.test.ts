// Print setup of the wide tabs in the .xlsx: 月度汇总, 年度汇总 and 积分台账 print A4 landscape, one page wide, header row on every page, long text wrapped.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { XlsxPackage } from '../../src/cli/xlsx/package';
import { entryData, makeEntry, readZip, writeZip } from '../../src/cli/xlsx/zip';
import { TAB } from '../../src/shared/tabs';
import { cli, tempDir } from './helpers';

jest.setTimeout(60_000);

test('月度汇总, 年度汇总 and 积分台账 are landscape, fit to one page wide and any number tall, with the header row repeated and long text wrapped; 公示 stays portrait', async () => {
  const book = join(tempDir('jifen-print-'), '台账.xlsx');
  expect((await cli(['demo', book])).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book);
  for (const name of [TAB.monthly, TAB.yearly, TAB.ledger]) {
    const ps = wb.getWorksheet(name)!.pageSetup;
    expect({
      name,
      o: ps.orientation,
      w: ps.fitToWidth,
      h: ps.fitToHeight,
      fit: ps.fitToPage,
      paper: ps.paperSize,
    }).toEqual({
      name,
      o: 'landscape',
      w: 1,
      h: 0,
      fit: true,
      paper: 9,
    });
  }
  // Print titles: the header row repeats at the top of every printed page (workbook.xml _xlnm.Print_Titles).
  for (const name of [TAB.monthly, TAB.yearly, TAB.ledger])
    expect({ name, titles: wb.getWorksheet(name)!.pageSetup.printTitlesRow }).toEqual({
      name,
      titles: '1:1',
    });
  expect(wb.getWorksheet(TAB.roster)!.pageSetup.printTitlesRow).toBeUndefined();
  // Long text wraps (and its row is tall enough for the lines); short columns do not.
  const ledger = wb.getWorksheet(TAB.ledger)!;
  const header = (ledger.getRow(1).values as unknown[]).map(String);
  const col = (h: string) => header.indexOf(h);
  const wrapped = ledger.getRow(2);
  for (const h of ['事项', '得分依据', '审核意见'])
    expect({ h, wrap: wrapped.getCell(col(h)).alignment?.wrapText }).toEqual({ h, wrap: true });
  expect(wrapped.getCell(col('干部编号')).alignment?.wrapText).toBeUndefined();
  const monthly = wb.getWorksheet(TAB.monthly)!;
  const mh = (monthly.getRow(1).values as unknown[]).map(String);
  expect(monthly.getRow(2).getCell(mh.indexOf('结果运用')).alignment?.wrapText).toBe(true);
  let tall = 0;
  monthly.eachRow((r) => {
    const text = String(r.getCell(mh.indexOf('结果运用')).value ?? '');
    if (text.length > 25) {
      expect({ text, height: r.height }).toEqual({ text, height: 30 });
      tall++;
    }
  });
  expect(tall).toBeGreaterThan(0);
  expect(wb.getWorksheet('公示-2026-08')!.pageSetup.orientation).toBe('portrait');
  // Input tabs people type into keep the default (no forced fit).
  expect(wb.getWorksheet(TAB.roster)!.pageSetup.fitToPage).toBeFalsy();
});

test('a recompute rewrites the tabs without piling up print titles (one per tab)', async () => {
  const book = join(tempDir('jifen-print-'), '台账.xlsx');
  expect((await cli(['demo', book])).code).toBe(0);
  expect((await cli(['recompute', book], { month: '2026-10' })).code).toBe(0);
  expect((await cli(['recompute', book], { month: '2026-10' })).code).toBe(0);
  const zip = readZip(readFileSync(book));
  const wb = entryData(zip.find((e) => e.name === 'xl/workbook.xml')!).toString('utf8');
  const titles = [
    ...wb.matchAll(/<definedName name="_xlnm\.Print_Titles" localSheetId="(\d+)">([^<]*)</g),
  ].map((m) => m[2]);
  expect(titles.sort()).toEqual(["'月度汇总'!$1:$1", "'年度汇总'!$1:$1", "'积分台账'!$1:$1"].sort());
});

test('print titles: a quote in the tab name is doubled, other defined names are kept, a rewrite replaces only its own', () => {
  const pkg = XlsxPackage.create();
  pkg.addSheet('说明', { values: [['x']] });
  pkg.addSheet("王's 表", { values: [['a'], ['b']], printTitleRows: 1 });
  const wbXml = () =>
    entryData(readZip(pkg.toBuffer()).find((e) => e.name === 'xl/workbook.xml')!).toString('utf8');
  expect(wbXml()).toContain(
    `<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="1">'王''s 表'!$1:$1</definedName></definedNames>`,
  );
  // Someone's own name (and another sheet's print area) survive a rewrite; ours is replaced, not added.
  const withOthers = XlsxPackage.open(
    Buffer.from(
      writeZip(
        readZip(pkg.toBuffer()).map((e) =>
          e.name === 'xl/workbook.xml'
            ? makeEntry(
                e.name,
                entryData(e)
                  .toString('utf8')
                  .replace(
                    '<definedNames>',
                    `<definedNames><definedName name="我的区域">'说明'!$A$1</definedName><definedName localSheetId="0" name="_xlnm.Print_Area">'说明'!$A$1:$A$9</definedName>`,
                  ),
              )
            : e,
        ),
      ),
    ),
  );
  withOthers.replaceSheet("王's 表", { values: [['a'], ['b'], ['c']], printTitleRows: 2 });
  withOthers.replaceSheet('说明', { values: [['y']] });
  const xml = entryData(readZip(withOthers.toBuffer()).find((e) => e.name === 'xl/workbook.xml')!).toString(
    'utf8',
  );
  const names = [...xml.matchAll(/<definedName\b[^>]*>[^<]*<\/definedName>/g)].map((m) => m[0]);
  expect(names).toEqual([
    `<definedName name="我的区域">'说明'!$A$1</definedName>`,
    `<definedName localSheetId="0" name="_xlnm.Print_Area">'说明'!$A$1:$A$9</definedName>`,
    `<definedName name="_xlnm.Print_Titles" localSheetId="1">'王''s 表'!$1:$2</definedName>`,
  ]);
});
