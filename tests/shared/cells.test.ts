// src/shared/cells.ts on its own: how a typed or stored cell becomes a domain field (expectations by hand).

import {
  type Cell,
  cellBool,
  cellDate,
  cellMonth,
  cellNumber,
  cellText,
  dateParts,
  formatDateTime,
  yesNo,
} from '../../src/shared/cells';

const utc = (s: string) => new Date(`${s}Z`);

test('dateParts and formatDateTime read an instant in the sheet’s UTC offset', () => {
  // 2026-01-31 20:05:09 UTC is 2026-02-01 04:05:09 in Asia/Shanghai (+480).
  expect(dateParts(utc('2026-01-31T20:05:09'), 480)).toEqual({ y: 2026, m: 2, d: 1, hh: 4, mi: 5, ss: 9 });
  expect(dateParts(utc('2026-01-31T20:05:09'), 0)).toEqual({ y: 2026, m: 1, d: 31, hh: 20, mi: 5, ss: 9 });
  expect(formatDateTime(utc('2026-01-31T20:05:09'), 480)).toBe('2026-02-01 04:05:09');
  expect(formatDateTime(utc('2026-11-30T23:59:59'), 0)).toBe('2026-11-30 23:59:59');
  expect(formatDateTime(utc('2026-12-10T10:10:10'), 0)).toBe('2026-12-10 10:10:10');
});

test.each<[string, Cell, number, string]>([
  ['null', null, 0, ''],
  ['undefined', undefined, 0, ''],
  ['a string, trimmed', '  张三 ', 0, '张三'],
  ['an integer', 8, 0, '8'],
  ['a negative number', -2.5, 0, '-2.5'],
  ['NaN', Number.NaN, 0, ''],
  ['Infinity', Number.POSITIVE_INFINITY, 0, ''],
  ['true', true, 0, 'TRUE'],
  ['false', false, 0, 'FALSE'],
  ['an invalid Date', new Date(Number.NaN), 0, ''],
  ['a Date at midnight (UTC reader)', utc('2026-03-05T00:00:00'), 0, '2026-03-05'],
  ['a Date at Shanghai midnight', utc('2026-03-04T16:00:00'), 480, '2026-03-05'],
  ['a Date with hours', utc('2026-03-05T09:00:00'), 0, '2026-03-05 09:00:00'],
  ['a Date with minutes only', utc('2026-03-05T00:07:00'), 0, '2026-03-05 00:07:00'],
  ['a Date with seconds only', utc('2026-03-05T00:00:03'), 0, '2026-03-05 00:00:03'],
])('cellText of %s', (_what, v, offset, text) => {
  expect(cellText(v, offset)).toBe(text);
});

test('cellText without an offset reads a Date at UTC', () => {
  expect(cellText(utc('2026-03-05T00:00:00'))).toBe('2026-03-05');
});

test.each<[Cell, string]>([
  ['2026-10', '2026-10'],
  ['2026/10', '2026-10'],
  ['2026.10', '2026-10'],
  ['2026年10月', '2026-10'],
  ['2026年3月', '2026-03'],
  ['2026 - 3', '2026-03'],
  ['2026年 3 月', '2026-03'],
  ['2026-10-01', '2026-10'],
  ['2026/10/1', '2026-10'],
  ['2026-1', '2026-01'],
  ['2026-12', '2026-12'],
  ['2026/12', '2026-12'],
  ['2026年12月', '2026-12'],
  ['  2026-09  ', '2026-09'],
  // not a month: kept as text for the validator
  ['2026-13', '2026-13'],
  ['2026年13月', '2026年13月'],
  ['2026-00', '2026-00'],
  ['2026年0月', '2026年0月'],
  ['2026-0', '2026-0'],
  ['2026', '2026'],
  ['202610', '202610'],
  ['26-10', '26-10'],
  ['2026-10x', '2026-10x'],
  ['x2026-10', 'x2026-10'],
  ['2026-100', '2026-100'],
  ['2026年10月份', '2026年10月份'],
  ['', ''],
  [null, ''],
  [new Date(Number.NaN), ''],
  [utc('2026-10-01T00:00:00'), '2026-10'],
  [utc('2026-09-07T00:00:00'), '2026-09'],
])('cellMonth(%p) is %p', (v, month) => {
  expect(cellMonth(v)).toBe(month);
});

test('cellMonth of a Date cell uses the sheet’s offset (Sheets: Shanghai midnight of the 1st)', () => {
  expect(cellMonth(utc('2026-09-30T16:00:00'), 480)).toBe('2026-10');
  expect(cellMonth(utc('2026-09-30T16:00:00'), 0)).toBe('2026-09');
  expect(cellMonth(utc('2026-09-30T16:00:00'))).toBe('2026-09');
});

test.each<[Cell, string]>([
  ['2026-11-03', '2026-11-03'],
  ['2026/11/3', '2026-11-03'],
  ['2026.1.3', '2026-01-03'],
  ['2026年11月3日', '2026-11-03'],
  ['2026年 1 月 3 日', '2026-01-03'],
  ['2026 /11/3', '2026-11-03'],
  ['2026-11-03日', '2026-11-03'],
  ['  2026/11/3 ', '2026-11-03'],
  // not a date: kept as text
  ['2026-11', '2026-11'],
  ['2026-11-3x', '2026-11-3x'],
  ['x2026-11-3', 'x2026-11-3'],
  ['2026-11-123', '2026-11-123'],
  ['11/3/2026', '11/3/2026'],
  [null, ''],
  [new Date(Number.NaN), ''],
  [utc('2026-11-03T00:00:00'), '2026-11-03'],
  [utc('2026-02-09T00:00:00'), '2026-02-09'],
])('cellDate(%p) is %p', (v, date) => {
  expect(cellDate(v)).toBe(date);
});

test('cellDate of a Date cell uses the sheet’s offset, and drops the time', () => {
  expect(cellDate(utc('2026-11-02T16:00:00'), 480)).toBe('2026-11-03');
  expect(cellDate(utc('2026-11-02T16:00:00'), 0)).toBe('2026-11-02');
  expect(cellDate(utc('2026-11-02T16:00:00'))).toBe('2026-11-02');
});

test.each<[Cell, number | string | undefined]>([
  [null, undefined],
  [undefined, undefined],
  ['', undefined],
  ['   ', undefined],
  [3, 3],
  [0, 0],
  [-2, -2],
  ['3', 3],
  [' 3 ', 3],
  ['-2', -2],
  ['+4', 4],
  ['1.5', 1.5],
  ['1.25', 1.25],
  ['-0.75', -0.75],
  ['.5', 0.5],
  ['1,200', 1200],
  ['三', '三'],
  ['3分', '3分'],
  ['1e3', '1e3'],
  ['0x10', '0x10'],
  ['1.', '1.'],
  ['Infinity', 'Infinity'],
  ['- 2', '- 2'],
  [true, 'TRUE'],
  [false, 'FALSE'],
  [utc('2026-03-05T00:00:00'), '2026-03-05'],
])('cellNumber(%p) is %p', (v, n) => {
  expect(cellNumber(v)).toBe(n);
});

test.each<[Cell, boolean | string | undefined]>([
  [null, undefined],
  [undefined, undefined],
  ['', undefined],
  ['  ', undefined],
  [true, true],
  [false, false],
  ['是', true],
  [' 是 ', true],
  ['true', true],
  ['TRUE', true],
  ['True', true],
  ['Y', true],
  ['y', true],
  ['yes', true],
  ['1', true],
  [1, true],
  ['√', true],
  ['否', false],
  ['false', false],
  ['FALSE', false],
  ['False', false],
  ['N', false],
  ['n', false],
  ['no', false],
  ['0', false],
  [0, false],
  ['×', false],
  ['对', '对'],
  ['YES', 'YES'],
  [2, '2'],
])('cellBool(%p) is %p', (v, b) => {
  expect(cellBool(v)).toBe(b);
});

test('yesNo', () => {
  expect(yesNo(true)).toBe('是');
  expect(yesNo(false)).toBe('否');
});
