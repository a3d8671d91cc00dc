// Period keys ('2026-10', '2026-Q4', '2026-H1', '2026') and the arithmetic on them: pure string logic.

export type PeriodKind = 'month' | 'quarter' | 'half-year' | 'year';

export interface Period {
  readonly key: string;
  readonly kind: PeriodKind;
  readonly year: number;
  /** Every month the period covers, in order, as 'YYYY-MM'. */
  readonly months: readonly string[];
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;
const HALF_RE = /^(\d{4})-H([12])$/;
const YEAR_RE = /^(\d{4})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Two-digit month for 1..12. */
function mm(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** 'YYYY-MM' for a year and a 1-based month. */
export function monthKey(year: number, month: number): string {
  return `${year}-${mm(month)}`;
}

/** True when the text is a month key such as '2026-10'. */
export function isMonthKey(text: string): boolean {
  return MONTH_RE.test(text);
}

function range(year: number, from: number, to: number): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m++) out.push(monthKey(year, m));
  return out;
}

/** Parses any period key; returns null when the text is not one. */
export function parsePeriod(key: string): Period | null {
  let m = MONTH_RE.exec(key);
  if (m) return { key, kind: 'month', year: Number(m[1]), months: [key] };
  m = QUARTER_RE.exec(key);
  if (m) {
    const q = Number(m[2]);
    const year = Number(m[1]);
    return { key, kind: 'quarter', year, months: range(year, q * 3 - 2, q * 3) };
  }
  m = HALF_RE.exec(key);
  if (m) {
    const h = Number(m[2]);
    const year = Number(m[1]);
    return { key, kind: 'half-year', year, months: range(year, h * 6 - 5, h * 6) };
  }
  m = YEAR_RE.exec(key);
  if (m) {
    const year = Number(m[1]);
    return { key, kind: 'year', year, months: range(year, 1, 12) };
  }
  return null;
}

/** The year of a month key ('2026-10' → 2026). */
export function yearOfMonth(month: string): number {
  return Number(month.slice(0, 4));
}

/** 1-based month number of a month key ('2026-10' → 10). */
export function monthNumber(month: string): number {
  return Number(month.slice(5, 7));
}

/** The last month a period covers ('2026-Q3' → '2026-09'). */
export function lastMonthOf(period: Period): string {
  return period.months[period.months.length - 1]!;
}

/** Quarter key of a month ('2026-08' → '2026-Q3'). */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.ceil(monthNumber(month) / 3)}`;
}

/** Half-year key of a month ('2026-08' → '2026-H2'). */
export function halfOf(month: string): string {
  return `${month.slice(0, 4)}-H${monthNumber(month) <= 6 ? 1 : 2}`;
}

/** The month after ('2026-12' → '2027-01'). */
export function nextMonth(month: string): string {
  const y = yearOfMonth(month);
  const n = monthNumber(month);
  return n === 12 ? monthKey(y + 1, 1) : monthKey(y, n + 1);
}

/** Every period key of a year, in the order summary tabs list them. */
export function periodsOfYear(year: number): {
  months: string[];
  quarters: string[];
  halves: string[];
  year: string;
} {
  return {
    months: range(year, 1, 12),
    quarters: [1, 2, 3, 4].map((q) => `${year}-Q${q}`),
    halves: [`${year}-H1`, `${year}-H2`],
    year: String(year),
  };
}

/** Validates a calendar date 'YYYY-MM-DD' (real day of month). */
export function isDateKey(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [
    31,
    y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return d <= days[mo - 1]!;
}

/** The month key of a 'YYYY-MM-DD' date. */
export function monthOfDate(date: string): string {
  return date.slice(0, 7);
}

/** Period kinds in Chinese, for messages and tabs. */
export const PERIOD_KIND_ZH: Record<PeriodKind, string> = {
  month: '月度',
  quarter: '季度',
  'half-year': '半年',
  year: '年度',
};

/** A human label for a period key: '2026年10月', '2026年第3季度', '2026年上半年', '2026年度'. */
export function periodLabel(key: string): string {
  const p = parsePeriod(key);
  if (!p) return key;
  switch (p.kind) {
    case 'month':
      return `${p.year}年${monthNumber(key)}月`;
    case 'quarter':
      return `${p.year}年第${key.slice(6)}季度`;
    case 'half-year':
      return `${p.year}年${key.endsWith('H1') ? '上' : '下'}半年`;
    case 'year':
      return `${p.year}年度`;
  }
}
