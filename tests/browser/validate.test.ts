// Client-side input checks (src/client/validate.ts), and that their copied limits match the core's.

import {
  checkDate,
  checkPeriod,
  halfDaysAsDays,
  MAX_QUANTITY,
  normaliseEntryId,
  parseCount,
  parseHalfDays,
  parseLeaveDays,
  parsePointsDelta,
  parseQuantity,
  parseScore,
  periodOfMonth,
} from '../../src/client/validate';
import { MAX_QUANTITY as CORE_MAX_QUANTITY, DEFAULT_SETTINGS } from '../../src/core';

test('the client quantity cap is the core one (the page may not import core at run time)', () => {
  expect(MAX_QUANTITY).toBe(CORE_MAX_QUANTITY);
});

test('quantity: positive whole numbers up to the cap, full-width digits accepted', () => {
  expect(parseQuantity('3')).toEqual({ ok: true, value: 3 });
  expect(parseQuantity(' ３ ')).toEqual({ ok: true, value: 3 });
  expect(parseQuantity(String(MAX_QUANTITY))).toEqual({ ok: true, value: MAX_QUANTITY });
  for (const bad of ['0', '-1', '1.5', '1e2', 'abc', '0x10']) expect(parseQuantity(bad).ok).toBe(false);
  expect(parseQuantity('')).toEqual({ ok: false, error: '请填写数量' });
  expect(parseQuantity(String(MAX_QUANTITY + 1))).toEqual({
    ok: false,
    error: `数量过大（上限 ${MAX_QUANTITY}）`,
  });
});

test('attendance counts are whole numbers ≥ 0; leave is in half days', () => {
  expect(parseCount('0', '迟到')).toEqual({ ok: true, value: 0 });
  expect(parseCount('1.5', '迟到')).toEqual({ ok: false, error: '迟到须为 0 或正整数' });
  expect(parseLeaveDays('2.5', '事假天数')).toEqual({ ok: true, value: 2.5 });
  expect(parseLeaveDays('１．５', '事假天数')).toEqual({ ok: true, value: 1.5 });
  expect(parseLeaveDays('0.25', '事假天数')).toEqual({
    ok: false,
    error: '事假天数以半天为单位（如 0.5、1、1.5）',
  });
  expect(parseLeaveDays('32', '病假天数')).toEqual({ ok: false, error: '病假天数不能超过 31 天' });
  expect(parseLeaveDays('-1', '病假天数').ok).toBe(false);
});

test('score periods match the rule kind; month → period', () => {
  expect(checkPeriod('2026-q3', 'quarter')).toEqual({ ok: true, value: '2026-Q3' });
  expect(checkPeriod('2026-H1', 'quarter').ok).toBe(false);
  expect(checkPeriod('2026-Q1', 'half-year').ok).toBe(false);
  expect(checkPeriod('2026-H3', 'half-year').ok).toBe(false);
  expect(checkPeriod('2026-H2', 'half-year')).toEqual({ ok: true, value: '2026-H2' });
  expect(periodOfMonth('2026-03', 'quarter')).toBe('2026-Q1');
  expect(periodOfMonth('2026-10', 'quarter')).toBe('2026-Q4');
  expect(periodOfMonth('2026-06', 'half-year')).toBe('2026-H1');
  expect(periodOfMonth('2026-07', 'half-year')).toBe('2026-H2');
  expect(parseScore('98.5')).toEqual({ ok: true, value: 98.5 });
  expect(parseScore('-3').ok).toBe(false);
});

test('redemption half-days: positive whole numbers; shown as days', () => {
  expect(parseHalfDays('3')).toEqual({ ok: true, value: 3 });
  expect(parseHalfDays('２')).toEqual({ ok: true, value: 2 });
  expect(parseHalfDays('')).toEqual({ ok: false, error: '请填写半天数' });
  for (const bad of ['0', '-1', '0.5', '1.5', 'abc']) expect(parseHalfDays(bad).ok).toBe(false);
  expect(halfDaysAsDays(3)).toBe('1.5');
  expect(halfDaysAsDays(2)).toBe('1');
  // The dialog's fallback 兑换标准 is the core default.
  expect(DEFAULT_SETTINGS.pointsPerHalfDay).toBe(100);
});

test('correction points: non-zero whole numbers, negatives in any minus sign', () => {
  expect(parsePointsDelta('5')).toEqual({ ok: true, value: 5 });
  expect(parsePointsDelta('+5')).toEqual({ ok: true, value: 5 });
  for (const minus of ['-5', '－5', '−5', '- 5', '－５'])
    expect(parsePointsDelta(minus)).toEqual({ ok: true, value: -5 });
  expect(parsePointsDelta('0')).toEqual({ ok: false, error: '分值变化不能为 0' });
  expect(parsePointsDelta('-0').ok).toBe(false);
  expect(parsePointsDelta('')).toEqual({ ok: false, error: '请填写分值变化' });
  for (const bad of ['1.5', '5分', 'abc', '--5']) expect(parsePointsDelta(bad).ok).toBe(false);
  expect(parsePointsDelta('1001').ok).toBe(false);
});

test('dates: YYYY-MM-DD out, loose separators in, impossible dates refused', () => {
  expect(checkDate('2026-11-03')).toEqual({ ok: true, value: '2026-11-03' });
  expect(checkDate('2026/11/3')).toEqual({ ok: true, value: '2026-11-03' });
  expect(checkDate('２０２６．１１．０３')).toEqual({ ok: true, value: '2026-11-03' });
  expect(checkDate('2028-02-29')).toEqual({ ok: true, value: '2028-02-29' });
  expect(checkDate('2026-02-29')).toEqual({ ok: false, error: '日期不存在：2026-02-29' });
  expect(checkDate('')).toEqual({ ok: false, error: '请填写日期' });
  for (const bad of ['2026-13-01', '2026-11', '11/03/2026', '2026-11-00'])
    expect(checkDate(bad).ok).toBe(false);
});

test('entry ids are trimmed, folded to ASCII and upper-cased', () => {
  expect(normaliseEntryId(' ｅ０１２３ ')).toBe('E0123');
  expect(normaliseEntryId('')).toBe('');
});
