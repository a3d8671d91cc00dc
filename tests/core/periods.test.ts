// Period keys: parsing, the months each covers, last month, labels.
import {
  halfOf,
  isDateKey,
  lastMonthOf,
  nextMonth,
  parsePeriod,
  periodLabel,
  quarterOf,
} from '../../src/core';

describe('parsePeriod', () => {
  test.each([
    ['2026-10', 'month', ['2026-10']],
    ['2026-Q1', 'quarter', ['2026-01', '2026-02', '2026-03']],
    ['2026-Q4', 'quarter', ['2026-10', '2026-11', '2026-12']],
    ['2026-H1', 'half-year', ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']],
    ['2026-H2', 'half-year', ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']],
  ])('%s is a %s covering %j', (key, kind, months) => {
    const p = parsePeriod(key)!;
    expect(p.kind).toBe(kind);
    expect(p.months).toEqual(months);
    expect(lastMonthOf(p)).toBe(months[months.length - 1]);
  });

  test('a year covers twelve months ending in December', () => {
    const p = parsePeriod('2026')!;
    expect(p.kind).toBe('year');
    expect(p.months).toHaveLength(12);
    expect(p.months[0]).toBe('2026-01');
    expect(lastMonthOf(p)).toBe('2026-12');
  });

  test.each([
    '2026-13',
    '2026-00',
    '2026-1',
    '2026-Q5',
    '2026-Q0',
    '2026-H3',
    '26',
    '2026-10-01',
    '',
    '2026 ',
  ])('%j is not a period key', (key) => {
    expect(parsePeriod(key)).toBeNull();
  });
});

test('quarter and half of a month', () => {
  expect(quarterOf('2026-03')).toBe('2026-Q1');
  expect(quarterOf('2026-04')).toBe('2026-Q2');
  expect(quarterOf('2026-12')).toBe('2026-Q4');
  expect(halfOf('2026-06')).toBe('2026-H1');
  expect(halfOf('2026-07')).toBe('2026-H2');
});

test('next month rolls over the year', () => {
  expect(nextMonth('2026-12')).toBe('2027-01');
  expect(nextMonth('2026-09')).toBe('2026-10');
});

test('dates are checked against the calendar', () => {
  expect(isDateKey('2026-02-28')).toBe(true);
  expect(isDateKey('2026-02-29')).toBe(false);
  expect(isDateKey('2028-02-29')).toBe(true);
  expect(isDateKey('2026-04-31')).toBe(false);
  expect(isDateKey('2026-4-3')).toBe(false);
});

test('labels in Chinese', () => {
  expect(periodLabel('2026-10')).toBe('2026年10月');
  expect(periodLabel('2026-Q3')).toBe('2026年第3季度');
  expect(periodLabel('2026-H1')).toBe('2026年上半年');
  expect(periodLabel('2026')).toBe('2026年度');
});
