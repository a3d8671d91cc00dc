// Spreadsheet.copy(name) on the fake: a new file with every sheet's values, formats, merges and hidden rows; no protections, form links or document properties.
// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#copy(String)

import { setup } from './helpers';

test('copy(name): a new spreadsheet with the same sheets and what they show; no protections or form links', () => {
  const { ss, sheet, app } = setup();
  sheet.setName('公示-2026-09');
  sheet.getRange('B2').setNumberFormat('@');
  sheet.getRange('A1:B2').setValues([
    ['标题', ''],
    [1, '2026-10'],
  ]);
  sheet.getRange('A1:B1').merge();
  sheet.hideRows(2);
  sheet.protect().setDescription('已公示');
  ss.insertSheet('设置').getRange('A1').setValue('项目');

  const copy = ss.copy('幸福社区 积分台账 2026归档');
  expect(copy.getName()).toBe('幸福社区 积分台账 2026归档');
  expect(copy.getId()).not.toBe(ss.getId());
  expect(copy.getSheets().map((s) => s.getName())).toEqual(['公示-2026-09', '设置']);
  const c = copy.getSheetByName('公示-2026-09')!;
  expect(c.getRange('A1:B2').getValues()).toEqual([
    ['标题', ''],
    [1, '2026-10'],
  ]);
  expect(c.getRange('B2').getNumberFormat()).toBe('@');
  expect(
    c
      .getRange('A1:B2')
      .getMergedRanges()
      .map((m) => m.getA1Notation()),
  ).toEqual(['A1:B1']);
  expect(c.isRowHiddenByUser(2)).toBe(true);
  expect(c.getProtections(app.ProtectionType.SHEET)).toEqual([]);
  expect(c.getFormUrl()).toBeNull();
  // The copy is independent: editing it leaves the original alone.
  c.getRange('A2').setValue(2);
  expect(sheet.getRange('A2').getValue()).toBe(1);
  expect(app.openByUrl(copy.getUrl()).getName()).toBe('幸福社区 积分台账 2026归档');
});
