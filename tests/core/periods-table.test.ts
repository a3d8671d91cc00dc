// Period-key edge cases by hand (SPEC §2): anchored key formats, month arithmetic at 9/10 and 12/1, system rule kinds.
import {
  DEFAULT_RULES,
  halfOf,
  isDateKey,
  isMonthKey,
  isSystemKind,
  monthKey,
  monthNumber,
  monthOfDate,
  nextMonth,
  parsePeriod,
  quarterOf,
  yearOfMonth,
} from '../../src/core';

test.each([
  ['2026-10', true],
  ['x2026-10', false],
  ['2026-10x', false],
  ['12026-10', false],
  ['2026-100', false],
  ['202a-10', false],
  ['2026-09', true],
  ['2026-19', false],
  ['2026-20', false],
])('month key %j: %s', (text, ok) => {
  expect(isMonthKey(text)).toBe(ok);
});

test.each([
  ['2026-10-31', true],
  ['2026-11-31', false],
  ['2026-10-011', false],
  ['x2026-10-01', false],
  ['2026-10-01x', false],
  ['2026-1-01', false],
  ['20261-10-01', false],
  ['2026-10-1', false],
  ['2026-12-31', true],
  ['2026-06-30', true],
  ['2026-06-31', false],
  ['2026-09-31', false],
  ['2026-03-31', true],
  ['2026-05-31', true],
  ['2026-07-31', true],
  ['2026-08-31', true],
  ['2024-02-30', false],
  ['2026-02-28', true],
])('date %j: %s', (text, ok) => {
  expect(isDateKey(text)).toBe(ok);
});

test.each([
  ['2026-Q2', 'quarter', 2026, ['2026-04', '2026-05', '2026-06']],
  ['2026-Q3', 'quarter', 2026, ['2026-07', '2026-08', '2026-09']],
  ['2031', 'year', 2031, undefined],
  ['2031-01', 'month', 2031, ['2031-01']],
  ['2030-H2', 'half-year', 2030, ['2030-07', '2030-08', '2030-09', '2030-10', '2030-11', '2030-12']],
])('%s: %s of %i', (key, kind, year, months) => {
  const p = parsePeriod(key)!;
  expect(p).toMatchObject({ key, kind, year });
  if (months) expect(p.months).toEqual(months);
});

test.each(['x2026-Q1', '2026-Q1x', '2026-H1x', 'x2026-H1', '2026x', 'x2026', '20260', '2026-q1', '2026-h1'])(
  '%j is not a period key',
  (key) => {
    expect(parsePeriod(key)).toBeNull();
  },
);

test('month arithmetic', () => {
  expect(monthKey(2026, 9)).toBe('2026-09');
  expect(monthKey(2026, 10)).toBe('2026-10');
  expect(monthKey(2026, 1)).toBe('2026-01');
  expect(nextMonth('2026-11')).toBe('2026-12');
  expect(nextMonth('2026-01')).toBe('2026-02');
  expect(yearOfMonth('2027-03')).toBe(2027);
  expect(monthNumber('2027-03')).toBe(3);
  expect(monthOfDate('2026-11-03')).toBe('2026-11');
  expect(
    ['2026-01', '2026-02', '2026-04', '2026-06', '2026-07', '2026-09', '2026-10'].map(quarterOf),
  ).toEqual(['2026-Q1', '2026-Q1', '2026-Q2', '2026-Q2', '2026-Q3', '2026-Q3', '2026-Q4']);
  expect(['2026-01', '2026-05', '2026-08', '2026-12'].map(halfOf)).toEqual([
    '2026-H1',
    '2026-H1',
    '2026-H2',
    '2026-H2',
  ]);
});

test('system kinds (generated, never typed or claimed): attendance, monthly-absence, top-n', () => {
  const kinds = Object.fromEntries(DEFAULT_RULES.map((r) => [r.code, isSystemKind(r)]));
  expect(kinds).toMatchObject({
    'B-ATT-PUNCTUAL': true,
    'B-ATT-FULL': true,
    'B-NO-CRITICISM': true,
    'B-QUARTER-TOP5': true,
    'R-STUDY-TOP5': true,
    'T-NO-COMPLAINT': true,
    'B-CRITICIZED': false,
    'T-MEDIATION': false,
    'R-HONOR-NATIONAL': false,
  });
});
