// Sheet and Spreadsheet behaviour from apps-script-facts §1.4, §1.6, §1.8: size, data range, sheets, structure, layout.

import { expectGasError, expectUnsupported, setup } from './helpers';
import { MSG } from './index';

describe('§1.4 sheet size, last row/column, data range', () => {
  test('§1.4 getLastRow/getLastColumn are 0 on an empty sheet; a new sheet is 1000 × 26', () => {
    const { sheet } = setup();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getLastColumn()).toBe(0);
    expect(sheet.getMaxRows()).toBe(1000);
    expect(sheet.getMaxColumns()).toBe(26);
  });

  test('§1.4 getDataRange is A1 on an empty sheet ([[""]]), else A1 to the last cell with content', () => {
    const { sheet } = setup();
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    expect(sheet.getDataRange().getValues()).toEqual([['']]);
    sheet.getRange('C4').setValue('x');
    sheet.getRange('B2').setValue(1);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C4');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([4, 3]);
  });

  test('§1.4 formatting alone does not count towards getLastRow; a formula does', () => {
    const { sheet } = setup();
    sheet.getRange('A5').setBackground('#ff0000');
    expect(sheet.getLastRow()).toBe(0);
    sheet.getRange('A3').setFormula('=""');
    expect(sheet.getLastRow()).toBe(3);
  });
});

describe('§1.8 appendRow', () => {
  test('§1.8 appends after the last row with content; "=" makes formulas; returns the Sheet', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['name', 'n']]);
    expect(sheet.appendRow(['a', '=1+1'])).toBe(sheet);
    expect(sheet.getLastRow()).toBe(2);
    expect(sheet.getRange('B2').getFormula()).toBe('=1+1');
  });

  test('§1.4/§1.8 getMaxRows/getMaxColumns grow when appendRow runs past the end', () => {
    const { sheet } = setup();
    sheet.getRange(1000, 1).setValue('last');
    sheet.appendRow(new Array(30).fill('x'));
    expect(sheet.getMaxRows()).toBe(1001);
    expect(sheet.getMaxColumns()).toBe(30);
    expect(sheet.getLastRow()).toBe(1001);
  });
});

describe('§1.6 insertSheet, names, deleteSheet', () => {
  test('§1.6 insertSheet makes the new sheet active; default names follow the locale', () => {
    const { ss } = setup();
    expect(ss.getSheets()[0]?.getName()).toBe('工作表1');
    const s = ss.insertSheet();
    expect(s.getName()).toBe('工作表2');
    expect(ss.getActiveSheet().getName()).toBe('工作表2');
    const en = setup({ spreadsheet: { locale: 'en_US' } });
    expect(en.ss.insertSheet().getName()).toBe('Sheet2');
  });

  test('§1.6 a taken name throws the exact text (insertSheet and setName)', () => {
    const { ss } = setup({ spreadsheet: { sheets: ['设置', '干部名册'] } });
    expectGasError(
      () => ss.insertSheet('设置'),
      'A sheet with the name "设置" already exists. Please enter another name.',
    );
    expectGasError(() => ss.getSheetByName('干部名册')?.setName('设置'), MSG.duplicateSheet('设置'));
  });

  test('§1.6 case-only clashes and over-long names are [UNCONFIRMED]: refused', () => {
    const { ss } = setup({ spreadsheet: { sheets: ['Data'] } });
    expectUnsupported(() => ss.insertSheet('data'), 'case');
    expectUnsupported(() => ss.getSheetByName('DATA'), 'case');
    expectUnsupported(() => ss.insertSheet('x'.repeat(101)), '100');
  });

  test('§1.6 getSheetByName returns null when missing', () => {
    const { ss } = setup();
    expect(ss.getSheetByName('不存在')).toBeNull();
  });

  test('§1.6 insertSheet(name, index) places the tab (0-based); getIndex is 1-based', () => {
    const { ss } = setup({ spreadsheet: { sheets: ['a', 'b'] } });
    ss.insertSheet('first', 0);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['first', 'a', 'b']);
    expect(ss.getSheetByName('a')?.getIndex()).toBe(2);
  });

  test('§1.6 deleteSheet; deleting the only sheet throws the exact text', () => {
    const { ss } = setup({ spreadsheet: { sheets: ['a', 'b'] } });
    ss.deleteSheet(ss.getSheetByName('b') as GoogleAppsScript.Spreadsheet.Sheet);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['a']);
    expectGasError(
      () => ss.deleteSheet(ss.getSheets()[0] as GoogleAppsScript.Spreadsheet.Sheet),
      "You can't remove all the sheets in a document.",
    );
  });
});

describe('rows, columns and layout', () => {
  test('insertRows / deleteRows move data and grow/shrink getMaxRows', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
    sheet.insertRows(2, 2);
    expect(sheet.getRange('A1:A5').getValues()).toEqual([[1], [''], [''], [2], [3]]);
    expect(sheet.getMaxRows()).toBe(1002);
    sheet.insertRowsAfter(1, 1);
    expect(sheet.getMaxRows()).toBe(1003);
    sheet.deleteRows(2, 3);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([[1], [2], [3]]);
    sheet.deleteRow(1);
    expect(sheet.getRange('A1').getValue()).toBe(2);
    expect(sheet.getMaxRows()).toBe(999);
    expectGasError(() => sheet.deleteRows(999, 5), 'Those rows are out of bounds.');
    expectGasError(
      () => sheet.deleteRows(1, 999),
      'Sorry, it is not possible to delete all non-frozen rows.',
    );
  });

  test('insertColumnsAfter / deleteColumns', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['a', 'b', 'c']]);
    sheet.insertColumnsAfter(1, 2);
    expect(sheet.getRange('A1:E1').getValues()).toEqual([['a', '', '', 'b', 'c']]);
    expect(sheet.getMaxColumns()).toBe(28);
    sheet.deleteColumns(2, 2);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['a', 'b', 'c']]);
  });

  test('setFrozenRows, column widths, autoResizeColumns, row heights', () => {
    const { sheet } = setup();
    sheet.setFrozenRows(1);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getColumnWidth(1)).toBe(100);
    sheet.setColumnWidth(1, 180).setColumnWidths(2, 2, 60);
    expect([1, 2, 3, 4].map((c) => sheet.getColumnWidth(c))).toEqual([180, 60, 60, 100]);
    sheet.getRange('D1:D2').setValues([['短'], ['a much longer piece of text']]);
    sheet.autoResizeColumns(4, 1);
    expect(sheet.getColumnWidth(4)).toBeGreaterThan(100);
    sheet.setRowHeight(1, 30);
    expect(sheet.getRowHeight(1)).toBe(30);
  });

  test('font weight, backgrounds (normalised), notes, wrap', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:B1');
    r.setFontWeight('bold').setBackground('#ABC');
    expect(r.getFontWeights()).toEqual([['bold', 'bold']]);
    expect(r.getBackgrounds()).toEqual([['#aabbcc', '#aabbcc']]);
    r.setBackgrounds([['red', null]]);
    expect(r.getBackgrounds()).toEqual([['#ff0000', '#ffffff']]);
    expectUnsupported(() => r.setBackground('bluish'), 'colour');
    sheet.getRange('A2').setNote('依据').setWrap(true);
    expect(sheet.getRange('A2').getNote()).toBe('依据');
    expect(sheet.getRange('A2').getWrap()).toBe(true);
  });

  test('clear / clearContents / clearContent / clearFormat', () => {
    const { sheet } = setup();
    sheet
      .getRange('A1:B2')
      .setValues([
        [1, 2],
        [3, 4],
      ])
      .setBackground('#ff0000')
      .setNumberFormat('0.00');
    sheet.getRange('A1').clearContent();
    expect(sheet.getRange('A1').getValue()).toBe('');
    expect(sheet.getRange('A1').getBackground()).toBe('#ff0000');
    sheet.getRange('B1').clearFormat();
    expect(sheet.getRange('B1').getNumberFormat()).toBe('0.###############');
    sheet.clearContents();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getRange('B2').getBackground()).toBe('#ff0000');
    sheet.clear();
    expect(sheet.getRange('B2').getBackground()).toBe('#ffffff');
  });

  test('Range.sort: empties last, numbers before text', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B4').setValues([
      ['b', 2],
      ['', 9],
      ['a', 1],
      [3, 0],
    ]);
    sheet.getRange('A1:B4').sort({ column: 1, ascending: true });
    expect(sheet.getRange('A1:B4').getValues()).toEqual([
      [3, 0],
      ['a', 1],
      ['b', 2],
      ['', 9],
    ]);
  });
});

describe('data validation, conditional formats, charts', () => {
  test('data validations are stored per cell (requireValueInList / requireValueInRange / setAllowInvalid)', () => {
    const { sheet, app, ss } = setup();
    const rule = app
      .newDataValidation()
      .requireValueInList(['是', '否'], true)
      .setAllowInvalid(false)
      .build();
    sheet.getRange('A2:A3').setDataValidation(rule);
    const dv = sheet.getRange('A3').getDataValidation();
    expect(String(dv?.getCriteriaType())).toBe('VALUE_IN_LIST');
    expect(dv?.getCriteriaValues()).toEqual([['是', '否'], true]);
    expect(dv?.getAllowInvalid()).toBe(false);
    expect(sheet.getRange('A4').getDataValidation()).toBeNull();
    const rules = ss.insertSheet('规则');
    rules.getRange('A1:A3').setValues([['x'], ['y'], ['z']]);
    const inRange = app.newDataValidation().requireValueInRange(rules.getRange('A1:A3')).build();
    sheet.getRange('B2').setDataValidation(inRange);
    const vals = sheet.getRange('B2').getDataValidation()?.getCriteriaValues() ?? [];
    expect((vals[0] as GoogleAppsScript.Spreadsheet.Range).getA1Notation()).toBe('A1:A3');
    sheet.getRange('A2:A3').clearDataValidations();
    expect(sheet.getRange('A2').getDataValidation()).toBeNull();
  });

  test('data validation rules move with inserted rows (they live in the cells)', () => {
    const { sheet, app } = setup();
    sheet.getRange('A2').setDataValidation(app.newDataValidation().requireCheckbox().build());
    sheet.insertRowBefore(1);
    expect(sheet.getRange('A3').getDataValidation()).not.toBeNull();
    expect(sheet.getRange('A2').getDataValidation()).toBeNull();
  });

  test('insertCheckboxes sets FALSE and a CHECKBOX rule; check()/isChecked()', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:A2').insertCheckboxes();
    expect(r.getValues()).toEqual([[false], [false]]);
    expect(r.isChecked()).toBe(false);
    sheet.getRange('A1').check();
    expect(r.isChecked()).toBeNull();
  });

  test('conditional format rules are stored and returned', () => {
    const { sheet, app } = setup();
    const rule = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$N2="待审核"')
      .setBackground('#fff2cc')
      .setRanges([sheet.getRange('A2:T')])
      .build();
    sheet.setConditionalFormatRules([rule]);
    const got = sheet.getConditionalFormatRules();
    expect(got).toHaveLength(1);
    expect(got[0]?.getBooleanCondition()?.getCriteriaValues()).toEqual(['=$N2="待审核"']);
    expect(got[0]?.getRanges()[0]?.getA1Notation()).toBe('A2:T');
    sheet.clearConditionalFormatRules();
    expect(sheet.getConditionalFormatRules()).toHaveLength(0);
  });

  test('charts: newChart builder, insertChart, getCharts, removeChart', () => {
    const { sheet, fake } = setup();
    const chart = sheet
      .newChart()
      .setChartType(fake.Charts.ChartType.BAR as unknown as GoogleAppsScript.Charts.ChartType)
      .addRange(sheet.getRange('A1:B5'))
      .setPosition(2, 4, 0, 0)
      .setOption('title', '积分')
      .build();
    sheet.insertChart(chart);
    const charts = sheet.getCharts();
    expect(charts).toHaveLength(1);
    expect(charts[0]?.getRanges()[0]?.getA1Notation()).toBe('A1:B5');
    expect(charts[0]?.getOptions().get('title')).toBe('积分');
    expect(charts[0]?.getContainerInfo().getAnchorRow()).toBe(2);
    sheet.removeChart(charts[0] as GoogleAppsScript.Spreadsheet.EmbeddedChart);
    expect(sheet.getCharts()).toHaveLength(0);
  });
});
