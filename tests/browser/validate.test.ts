// Client-side input checks (src/client/validate.ts), and that their copied limits match the core's.

import {
  checkPeriod,
  MAX_QUANTITY,
  parseCount,
  parseLeaveDays,
  parseQuantity,
  parseScore,
  periodOfMonth,
} from '../../src/client/validate';
import { MAX_QUANTITY as CORE_MAX_QUANTITY } from '../../src/core';

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
