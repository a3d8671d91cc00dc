// Print setup of the wide tabs in the .xlsx: 月度汇总, 年度汇总 and 积分台账 print A4 landscape, one page wide.

import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { TAB } from '../../src/shared/tabs';
import { cli, tempDir } from './helpers';

jest.setTimeout(60_000);

test('月度汇总, 年度汇总 and 积分台账 are landscape, fit to one page wide and any number tall; 公示 stays portrait', async () => {
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
  expect(wb.getWorksheet('公示-2026-09')!.pageSetup.orientation).toBe('portrait');
  // Input tabs people type into keep the default (no forced fit).
  expect(wb.getWorksheet(TAB.roster)!.pageSetup.fitToPage).toBeFalsy();
});
