// Range behaviour copied from apps-script-facts §1.1–§1.5: 1-based ranges, exact errors, value types, parsing, formats.

import { expectGasError, expectUnsupported, setup } from './helpers';
import { MSG, UNEVALUATED } from './index';

describe('§1.4 getRange coordinates and errors', () => {
  test('§1.4 ranges are 1-based; the 2-, 3- and 4-argument forms', () => {
    const { sheet } = setup();
    expect(sheet.getRange(1, 1).getA1Notation()).toBe('A1');
    expect(sheet.getRange(2, 3, 4).getA1Notation()).toBe('C2:C5');
    const r = sheet.getRange(2, 2, 3, 4);
    expect([r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()]).toEqual([2, 2, 3, 4]);
    expect(r.getA1Notation()).toBe('B2:E4');
    expect(r.getLastRow()).toBe(4);
    expect(r.getLastColumn()).toBe(5);
  });

  test('§1.4 exact error texts for row/column < 1, sizes < 1 and out of bounds', () => {
    const { sheet } = setup();
    expectGasError(() => sheet.getRange(0, 1), MSG.startRowTooSmall);
    expectGasError(() => sheet.getRange(1, 0), 'The starting column of the range is too small.');
    expectGasError(() => sheet.getRange(2, 1, 0, 3), 'The number of rows in the range must be at least 1.');
    expectGasError(
      () => sheet.getRange(1, 1, 1, 0),
      'The number of columns in the range must be at least 1.',
    );
    expectGasError(
      () => sheet.getRange(1001, 1),
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expectGasError(() => sheet.getRange(1, 27), MSG.outOfBounds);
    expectGasError(() => sheet.getRange(999, 1, 3, 1), MSG.outOfBounds);
  });

  test('§1.4 the header-only trap: getRange(2, 1, getLastRow() - 1, n) on a header-only sheet', () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 2).setValues([['a', 'b']]);
    expectGasError(() => sheet.getRange(2, 1, sheet.getLastRow() - 1, 2), MSG.numRowsTooSmall);
  });

  test('§1.4 wrong argument types give the signature error shape', () => {
    const { sheet } = setup();
    expectGasError(
      () => (sheet.getRange as unknown as (...a: unknown[]) => unknown)('A1', 2),
      "The parameters (String,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
    );
    expectUnsupported(() => sheet.getRange(1.5, 1), 'non-integer');
  });

  test('§1.4 A1 notation: cells, rectangles, whole columns, rows, open ends, absolute refs', () => {
    const { sheet } = setup();
    expect(sheet.getRange('B2').getA1Notation()).toBe('B2');
    const r = sheet.getRange('A1:C3');
    expect([r.getNumRows(), r.getNumColumns()]).toEqual([3, 3]);
    expect(sheet.getRange('C3:A1').getA1Notation()).toBe('A1:C3');
    const cols = sheet.getRange('A:B');
    expect([cols.getNumRows(), cols.getNumColumns(), cols.getA1Notation()]).toEqual([1000, 2, 'A:B']);
    expect(cols.isEndRowBounded()).toBe(false);
    expect(sheet.getRange('2:3').getNumColumns()).toBe(26);
    expect(sheet.getRange('A2:C').getNumRows()).toBe(999);
    expect(sheet.getRange('$A$1:$B$2').getA1Notation()).toBe('A1:B2');
    expectGasError(() => sheet.getRange('nonsense'), 'Range not found');
    expectGasError(() => sheet.getRange('A1:B2:C3'), 'Range not found');
    expectGasError(() => sheet.getRange('A1:A1001'), MSG.outOfBounds);
  });

  test('§1.4 sheet-qualified A1 through Spreadsheet.getRange, quoted names included', () => {
    const { ss } = setup();
    const other = ss.insertSheet('积分台账');
    ss.insertSheet("Bob's data");
    ss.getRange('积分台账!B2').setValue(7);
    expect(other.getRange('B2').getValue()).toBe(7);
    ss.getRange("'Bob''s data'!A1:B1").setValues([[1, 2]]);
    expect(ss.getSheetByName("Bob's data")?.getRange('A1:B1').getValues()).toEqual([[1, 2]]);
    expectGasError(() => ss.getRange('Missing!A1'), 'Range not found');
  });
});

describe('§1.2 setValues dimensions and bad input', () => {
  test('§1.2 row mismatch: exact text', () => {
    const { sheet } = setup();
    expectGasError(
      () => sheet.getRange(1, 1, 2, 2).setValues([[1, 2]]),
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
  });

  test('§1.2 column mismatch: exact text, checked row by row (ragged arrays fail)', () => {
    const { sheet } = setup();
    expectGasError(
      () => sheet.getRange(1, 1, 1, 24).setValues([[1, 2, 3, 4, 5]]),
      'The number of columns in the data does not match the number of columns in the range. The data has 5 but the range has 24.',
    );
    expectGasError(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2], [3]]), MSG.colsMismatch(1, 2));
  });

  test('§1.2 a 1-D array is not a 2-D array (signature error); nothing is written on failure', () => {
    const { sheet } = setup();
    expectGasError(
      () => sheet.getRange(1, 1, 1, 3).setValues([1, 2, 3] as unknown as unknown[][]),
      "The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
    expectUnsupported(() => sheet.getRange(1, 1, 1, 2).setValues([[1, { a: 1 }]]), 'object');
    expect(sheet.getLastRow()).toBe(0);
  });

  test('§1.2 undefined and null clear the cell (V8), unless the strict option is on', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['x', 'y', 'z']]);
    sheet.getRange('A1:C1').setValues([[undefined, null, 'k']]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['', '', 'k']]);
    sheet.getRange('C1').setValue(undefined);
    expect(sheet.getLastRow()).toBe(0);
    const strict = setup({ undefinedValues: 'throw' });
    expectUnsupported(() => strict.sheet.getRange('A1').setValues([[undefined]]), 'undefined');
  });

  test('§1.2 setValue on a multi-cell range fills every cell', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B2').setValue(0);
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });
});

describe('§1.1 value types from getValues / getDisplayValues', () => {
  test('§1.1 empty cells are "", the array is exactly numRows × numColumns, getValue is the top-left', () => {
    const { sheet } = setup();
    expect(sheet.getRange('A1:C2').getValues()).toEqual([
      ['', '', ''],
      ['', '', ''],
    ]);
    expect(sheet.getRange('B2').getValues()).toEqual([['']]);
    sheet.getRange('A1').setValue(3);
    expect(sheet.getRange('A1:B2').getValue()).toBe(3);
  });

  test('§1.1 numbers, booleans, strings and Dates keep their types; Dates are fresh copies', () => {
    const { sheet } = setup();
    const when = new Date('2026-10-05T01:02:03Z');
    sheet.getRange('A1:D1').setValues([[1.5, true, 'text', when]]);
    const [row] = sheet.getRange('A1:D1').getValues() as unknown[][];
    expect(row?.slice(0, 3)).toEqual([1.5, true, 'text']);
    const d = row?.[3] as Date;
    expect(d).toBeInstanceOf(Date);
    expect(d.getTime()).toBe(when.getTime());
    d.setFullYear(1999);
    expect((sheet.getRange('D1').getValue() as Date).getTime()).toBe(when.getTime());
  });

  test('§1.1 getDisplayValues returns strings; booleans TRUE/FALSE; formats applied', () => {
    const { sheet } = setup();
    sheet.getRange('A1:D1').setValues([[1234.5, false, 'x', 0.1 + 0.2]]);
    sheet.getRange('A1').setNumberFormat('#,##0.00');
    expect(sheet.getRange('A1:D1').getDisplayValues()).toEqual([['1,234.50', 'FALSE', 'x', '0.3']]);
    sheet.getRange('E1').setValue(new Date(Date.UTC(2026, 9, 4, 16, 0, 0))); // 2026-10-05 00:00 Shanghai
    sheet.getRange('E1').setNumberFormat('yyyy-mm-dd');
    expect(sheet.getRange('E1').getDisplayValue()).toBe('2026-10-05');
  });

  test('§1.1 percent input reads back as a decimal', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('10%');
    expect(sheet.getRange('A1').getValue()).toBeCloseTo(0.1);
    expect(sheet.getRange('A1').getDisplayValue()).toBe('10%');
  });

  test('§1.1 a date-formatted cell reads numbers back as Dates (types follow the format)', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setNumberFormat('yyyy-mm-dd').setValue(46299); // serial of 2026-10-04
    const v = sheet.getRange('A1').getValue();
    expect(v).toBeInstanceOf(Date);
    expect(sheet.getRange('A1').getDisplayValue()).toBe('2026-10-04');
  });

  test('§1.1 unformatted cells report the 0.############### pattern', () => {
    const { sheet } = setup();
    expect(sheet.getRange('A1').getNumberFormat()).toBe('0.###############');
  });
});

describe('§1.3 how written strings are parsed', () => {
  test('§1.3 "=" makes a formula: getFormulas shows it, getValues computes what the fake can', () => {
    const { sheet } = setup();
    sheet.getRange('A1:D1').setValues([[5, '=A1', '="hi"', '=SUM(A1:A3)']]);
    expect(sheet.getRange('A1:D1').getFormulas()).toEqual([['', '=A1', '="hi"', '=SUM(A1:A3)']]);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([[5, 5, 'hi', UNEVALUATED]]);
    expect(sheet.getLastColumn()).toBe(4);
  });

  test('§1.3 evaluateFormula option computes other formulas', () => {
    const { sheet } = setup({ evaluateFormula: (f) => (f === '=SUM(A1:A3)' ? 42 : undefined) });
    sheet.getRange('B1').setFormula('=SUM(A1:A3)');
    expect(sheet.getRange('B1').getValue()).toBe(42);
  });

  test('§1.3 number-like strings become numbers ("01" loses its zero), ISO dates become Dates', () => {
    const { sheet } = setup();
    sheet.getRange('A1:E1').setValues([['01', '2025', ' 12.5 ', '2026-10-05', 'TRUE']]);
    const [row] = sheet.getRange('A1:E1').getValues() as unknown[][];
    expect(row?.slice(0, 3)).toEqual([1, 2025, 12.5]);
    expect(row?.[3]).toBeInstanceOf(Date);
    expect(sheet.getRange('D1').getDisplayValue()).toBe('2026-10-05');
    // midnight in the spreadsheet time zone (Asia/Shanghai)
    expect((sheet.getRange('D1').getValue() as Date).toISOString()).toBe('2026-10-04T16:00:00.000Z');
    expect(row?.[4]).toBe(true);
  });

  test('§1.3 a time-only string is a Date on 1899-12-30 (§1.1)', () => {
    const { sheet } = setup({ spreadsheet: { timeZone: 'UTC' } });
    sheet.getRange('A1').setValue('9:30');
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe('1899-12-30T09:30:00.000Z');
  });

  test('§1.3 "@" (plain text) cells keep the exact string: no number, date or formula', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:D1');
    r.setNumberFormat('@');
    r.setValues([['01', '2026-10', '=IMPORTXML("x")', '1/2']]);
    expect(r.getValues()).toEqual([['01', '2026-10', '=IMPORTXML("x")', '1/2']]);
    expect(r.getFormulas()).toEqual([['', '', '', '']]);
    expect(r.getNumberFormats()).toEqual([['@', '@', '@', '@']]);
  });

  test('§1.3 locale-dependent strings ("2026-10", "1/2", "1,234") are refused rather than guessed', () => {
    const { sheet } = setup();
    for (const s of ['2026-10', '1/2', '1,234', '10月5日', '$5']) {
      expectUnsupported(() => sheet.getRange('A1').setValue(s), 'locale-dependent');
    }
    const lenient = setup({ ambiguousStrings: 'text' });
    lenient.sheet.getRange('A1').setValue('2026-10');
    expect(lenient.sheet.getRange('A1').getValue()).toBe('2026-10');
  });

  test('§1.3 a JS number written into an "@" cell is [UNCONFIRMED]: refused by default, configurable', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setNumberFormat('@');
    expectUnsupported(() => sheet.getRange('A1').setValue(5), "'@'");
    const asText = setup({ numberIntoTextCell: 'text' });
    asText.sheet.getRange('A1').setNumberFormat('@').setValue(5);
    expect(asText.sheet.getRange('A1').getValue()).toBe('5');
  });

  test('§1.3 an apostrophe prefix keeps text (and is absent from getValue)', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue("'0123");
    expect(sheet.getRange('A1').getValue()).toBe('0123');
  });
});

describe('§1.5 setNumberFormat / setNumberFormats', () => {
  test('§1.5 setNumberFormats must match the range; formats drive display', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:B1');
    r.setValues([[0.256, 3]]);
    r.setNumberFormats([['0.0%', '0.00']]);
    expect(r.getDisplayValues()).toEqual([['25.6%', '3.00']]);
    expectGasError(() => r.setNumberFormats([['0']]), MSG.colsMismatch(1, 2));
  });

  test('§1.1 setNumberFormat(null) fails; "general" resets display', () => {
    const { sheet } = setup();
    expectGasError(
      () => sheet.getRange('A1').setNumberFormat(null as unknown as string),
      "The parameters (null) don't match the method signature for SpreadsheetApp.Range.setNumberFormat.",
    );
    sheet.getRange('A1').setValue(2.5).setNumberFormat('0').setNumberFormat('general');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('2.5');
  });
});

// facts §1.6 (50,000 characters per cell, https://mojicnt.click/en/blog/spreadsheet-cell-limit.html); the text is
// Sheets' own, as scripts and the Sheets API report it ("Invalid data[4]: Your input contains more than …").
describe('§1.6 50,000 characters in one cell', () => {
  const LIMIT = 'Your input contains more than the maximum of 50000 characters in a single cell.';
  test('exactly 50,000 is kept; 50,001 fails and writes nothing (setValue, setValues, appendRow)', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('x'.repeat(50_000));
    expect((sheet.getRange('A1').getValue() as string).length).toBe(50_000);
    expectGasError(() => sheet.getRange('A2').setValue('长'.repeat(50_001)), LIMIT);
    expectGasError(() => sheet.getRange('A3:B3').setValues([['ok', 'y'.repeat(50_001)]]), LIMIT);
    expect(sheet.getRange('A3').getValue()).toBe(''); // the whole write was refused
    expectGasError(() => sheet.appendRow(['a', 'z'.repeat(60_000)]), LIMIT);
    expect(sheet.getLastRow()).toBe(1);
  });
  test('formulas count too', () => {
    const { sheet } = setup();
    expectGasError(() => sheet.getRange('A1').setFormula(`="${'q'.repeat(50_000)}"`), LIMIT);
    expectGasError(() => sheet.getRange('A1').setFormulas([[`="${'q'.repeat(50_000)}"`]]), LIMIT);
    expect(sheet.getRange('A1').getFormula()).toBe('');
  });
});
