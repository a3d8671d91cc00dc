// Pure input checks for the client pages (Chinese messages); the server validates again.

/**
 * Mirrors MAX_QUANTITY in src/core/model.ts (a sane cap on a quantity). Why a copy: page scripts may
 * only `import type` from shared code; tests/browser/validate.test.ts keeps the two equal.
 */
export const MAX_QUANTITY = 100;
/** Leave days in a month: at most the days of a month. */
export const MAX_LEAVE_DAYS = 31;
/** Late / early-leave / absence counts in a month. */
export const MAX_ATTENDANCE_COUNT = 100;

export type Parsed = { ok: true; value: number } | { ok: false; error: string };

const ok = (value: number): Parsed => ({ ok: true, value });
const fail = (error: string): Parsed => ({ ok: false, error });

/** Accepts ASCII and full-width digits (a Chinese IME may type １２), trims spaces. */
function normalise(text: string): string {
  return text
    .replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .trim();
}

/** A quantity: a positive whole number up to MAX_QUANTITY. */
export function parseQuantity(text: string, label = '数量'): Parsed {
  const t = normalise(text);
  if (t === '') return fail(`请填写${label}`);
  if (!/^\d+$/.test(t)) return fail(`${label}须为正整数`);
  const n = Number(t);
  if (n < 1) return fail(`${label}须为正整数`);
  if (n > MAX_QUANTITY) return fail(`${label}过大（上限 ${MAX_QUANTITY}）`);
  return ok(n);
}

/** An attendance count (迟到/早退/旷工): a whole number ≥ 0. */
export function parseCount(text: string, label: string): Parsed {
  const t = normalise(text);
  if (t === '') return fail(`请填写${label}（没有请填 0）`);
  if (!/^\d+$/.test(t)) return fail(`${label}须为 0 或正整数`);
  const n = Number(t);
  if (n > MAX_ATTENDANCE_COUNT) return fail(`${label}过大（上限 ${MAX_ATTENDANCE_COUNT}）`);
  return ok(n);
}

/** Leave days (事假/病假): ≥ 0 in steps of half a day. */
export function parseLeaveDays(text: string, label: string): Parsed {
  const t = normalise(text);
  if (t === '') return fail(`请填写${label}（没有请填 0）`);
  if (!/^\d+(?:\.\d+)?$/.test(t)) return fail(`${label}须为数字`);
  const n = Number(t);
  if (!Number.isInteger(n * 2)) return fail(`${label}以半天为单位（如 0.5、1、1.5）`);
  if (n > MAX_LEAVE_DAYS) return fail(`${label}不能超过 ${MAX_LEAVE_DAYS} 天`);
  return ok(n);
}

/** An assessment score: a number ≥ 0 (blank means "no score", handled by the caller). */
export function parseScore(text: string): Parsed {
  const t = normalise(text);
  if (!/^\d+(?:\.\d+)?$/.test(t)) return fail('成绩须为不小于 0 的数字');
  return ok(Number(t));
}

export type ScorePeriodKind = 'quarter' | 'half-year';

/** Checks a score period key against the rule's period kind ('2026-Q3' / '2026-H1'). */
export function checkPeriod(
  text: string,
  kind: ScorePeriodKind,
): { ok: true; value: string } | { ok: false; error: string } {
  const t = normalise(text).toUpperCase();
  if (t === '') return { ok: false, error: '请填写考核期间' };
  const re = kind === 'quarter' ? /^(\d{4})-Q([1-4])$/ : /^(\d{4})-H([12])$/;
  const m = re.exec(t);
  if (!m) {
    return {
      ok: false,
      error:
        kind === 'quarter' ? '该项目按季度考核，期间格式如 2026-Q3' : '该项目按半年考核，期间格式如 2026-H1',
    };
  }
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return { ok: false, error: '期间的年份不正确' };
  return { ok: true, value: t };
}

/** The score period that contains a month ('2026-08' → '2026-Q3' or '2026-H2'). */
export function periodOfMonth(month: string, kind: ScorePeriodKind): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return '';
  const mm = Number(m[2]);
  return kind === 'quarter' ? `${m[1]}-Q${Math.ceil(mm / 3)}` : `${m[1]}-H${mm <= 6 ? 1 : 2}`;
}

/** Formats points with an explicit sign for negatives in products: 2 × (-5). */
export function signed(n: number): string {
  return n < 0 ? `(${n})` : String(n);
}

/** Half-days of leave redeemed at once: a sane cap (a whole year of working days). */
export const MAX_HALF_DAYS = 500;
/** A correction line's change in points: a sane cap against typing errors. */
export const MAX_POINTS_DELTA = 1000;

/** Half-days to redeem (积分兑换): a positive whole number. */
export function parseHalfDays(text: string): Parsed {
  const t = normalise(text);
  if (t === '') return fail('请填写半天数');
  if (!/^\d+$/.test(t) || Number(t) < 1) return fail('半天数须为正整数（1 个半天 = 0.5 天）');
  const n = Number(t);
  if (n > MAX_HALF_DAYS) return fail(`半天数过大（上限 ${MAX_HALF_DAYS}）`);
  return ok(n);
}

/** A correction's change in points: a non-zero whole number, negative allowed (−5, －5, -5). */
export function parsePointsDelta(text: string): Parsed {
  const t = normalise(text)
    .replace(/^[－−–]/, '-')
    .replace(/^＋/, '+')
    .replace(/^([+-])\s+/, '$1');
  if (t === '') return fail('请填写分值变化');
  if (!/^[+-]?\d+$/.test(t)) return fail('分值变化须为整数（扣分写负数，如 -5）');
  const n = Number(t);
  if (n === 0) return fail('分值变化不能为 0');
  if (Math.abs(n) > MAX_POINTS_DELTA) return fail(`分值变化过大（上限 ±${MAX_POINTS_DELTA}）`);
  return ok(n);
}

/**
 * A calendar date, returned as 'YYYY-MM-DD'. Accepts 2026-11-3, 2026/11/03, 2026.11.03 and
 * full-width digits; refuses dates that do not exist (2026-02-30).
 */
export function checkDate(
  text: string,
  label = '日期',
): { ok: true; value: string } | { ok: false; error: string } {
  const t = normalise(text).replace(/[／/.]/g, '-');
  if (t === '') return { ok: false, error: `请填写${label}` };
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const bad = { ok: false as const, error: `${label}格式应为 YYYY-MM-DD，如 2026-11-03` };
  if (!m) return bad;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2100 || mo < 1 || mo > 12 || d < 1) return bad;
  // Day 0 of the next month is the last day of this one (UTC: no time-zone surprises).
  if (d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return { ok: false, error: `${label}不存在：${t}` };
  return { ok: true, value: `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/** Today in the browser's time zone, 'YYYY-MM-DD' (only when the server sent no `today`). */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Half-days as days for display: 1 → '0.5', 3 → '1.5'. */
export function halfDaysAsDays(halfDays: number): string {
  return String(halfDays / 2);
}

/** A ledger entry id as typed (E0123): trimmed, full-width letters/digits folded, upper-cased. */
export function normaliseEntryId(text: string): string {
  return text
    .replace(/[Ａ-Ｚａ-ｚ０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .trim()
    .toUpperCase();
}
