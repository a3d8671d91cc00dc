// Unit and property tests for A1 notation, number/date formats and value round trips (§1.1–§1.5 building blocks).

import fc from 'fast-check';
import { columnToLetters, lettersToColumn, parseA1, resolveA1, toA1 } from './a1';
import { formatJavaDate, formatSheetsDate, isDateFormat, toSerial } from './dates';
import { setup } from './helpers';
import { formatGeneral, formatNumber } from './values';

describe('A1 notation', () => {
  test('column letters round-trip', () => {
    expect([1, 26, 27, 52, 702, 703, 18278].map(columnToLetters)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'ZZ',
      'AAA',
      'ZZZ',
    ]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 18278 }), (n) => lettersToColumn(columnToLetters(n)) === n),
    );
  });

  test('parse and print round-trip for bounded rectangles', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 20 }),
        (row, col, numRows, numCols) => {
          const a1 = toA1({ row, col, numRows, numCols });
          const p = parseA1(a1);
          return (
            p !== null &&
            JSON.stringify(resolveA1(p, 5000, 5000)) === JSON.stringify({ row, col, numRows, numCols })
          );
        },
      ),
    );
  });

  test('sheet-qualified names, quoted and plain', () => {
    expect(parseA1("'My ''x'' sheet'!B2:C3")).toEqual({
      sheetName: "My 'x' sheet",
      startRow: 2,
      startCol: 2,
      endRow: 3,
      endCol: 3,
    });
    expect(parseA1('积分台账!A:A')?.sheetName).toBe('积分台账');
    expect(parseA1('A')).toBeNull();
    expect(parseA1('A0')).toBeNull();
  });
});

describe('§1.5 number formats (display)', () => {
  test('common patterns', () => {
    expect(formatNumber(1234.5, '#,##0.00')).toBe('1,234.50');
    expect(formatNumber(-1234.5, '#,##0')).toBe('-1,235');
    expect(formatNumber(0.125, '0.0%')).toBe('12.5%');
    expect(formatNumber(3, '0.0#')).toBe('3.0');
    expect(formatNumber(3.456, '0.0#')).toBe('3.46');
    expect(formatNumber(5, '0"分"')).toBe('5分');
    expect(formatNumber(12.3, '[$¥]#,##0.00')).toBe('¥12.30');
    expect(formatNumber(-2, '0;(0)')).toBe('(2)');
    expect(formatGeneral(0.1 + 0.2)).toBe('0.3');
    expect(formatGeneral(100)).toBe('100');
  });

  test('date patterns: m is month or minutes by context', () => {
    const serial = toSerial(Date.UTC(2026, 9, 5, 14, 7, 9), 'UTC');
    expect(formatSheetsDate(serial, 'yyyy-mm-dd')).toBe('2026-10-05');
    expect(formatSheetsDate(serial, 'yyyy-mm-dd hh:mm:ss')).toBe('2026-10-05 14:07:09');
    expect(formatSheetsDate(serial, 'm/d/yyyy h:mm AM/PM')).toBe('10/5/2026 2:07 PM');
    expect(formatSheetsDate(serial, 'yyyy"年"m"月"d"日"')).toBe('2026年10月5日');
    expect(formatSheetsDate(serial, 'dddd, mmmm d')).toBe('Monday, October 5');
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('#,##0.00')).toBe(false);
    expect(isDateFormat('0"天"')).toBe(false);
  });

  test('Java date patterns', () => {
    const d = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6));
    expect(formatJavaDate(d, 'UTC', 'yy-M-d H:m:s.SSS')).toBe('26-1-2 3:4:5.006');
    expect(formatJavaDate(d, 'America/New_York', 'yyyy-MM-dd HH:mm z')).toBe('2026-01-01 22:04 GMT-05:00');
    expect(() => formatJavaDate(d, 'UTC', 'yyyy-bb')).toThrow(/letter "b"/);
  });
});

describe('§1.1 value round trips through a sheet', () => {
  test('numbers, booleans and plain strings come back unchanged', () => {
    const { sheet } = setup();
    const plain = fc
      .string({ maxLength: 12 })
      .filter(
        (s) => /^[a-z\u4e00-\u9fa5 ]+$/.test(s) && s.trim() !== '' && !/^(true|false)$/i.test(s.trim()),
      );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), plain), {
          minLength: 1,
          maxLength: 8,
        }),
        (row) => {
          const r = sheet.getRange(1, 1, 1, row.length);
          r.setValues([row]);
          const back = r.getValues()[0] as unknown[];
          return back.every((v, i) => Object.is(v, row[i]) || (v === 0 && row[i] === 0));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('Dates come back as the same instant', () => {
    const { sheet } = setup();
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1950-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (d) => {
          sheet.getRange('A1').setValue(d);
          return (sheet.getRange('A1').getValue() as Date).getTime() === d.getTime();
        },
      ),
      { numRuns: 200 },
    );
  });
});
