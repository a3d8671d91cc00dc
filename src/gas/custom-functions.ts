// Custom functions' logic: a cadre's total, rank and redeemable leave for a period key, vectorised over ranges.

import {
  buildYearBook,
  DEFAULT_RULES,
  leaveAsOf,
  type PeriodSummary,
  parsePeriod,
  summarize,
  validateScenario,
  type YearBook,
} from '../core';
import { type Cell, cellMonth, cellText } from '../shared/cells';
import { readWorkbook } from '../shared/read-tabs';
import { isDataVersion } from './data-version';
import { INPUT_READS } from './recompute-action';
import { now, offsetMinutes, readTabs } from './sheets-io';

type Input = Cell | Cell[][];

interface Books {
  offset: number;
  nowMonth: string;
  byYear: Map<number, YearBook>;
  summaries: Map<string, PeriodSummary>;
}

// Per-execution memo: a vectorised call, or several calls in one execution, read the tabs once.
let memo: Books | null = null;

/** Forget the memo (tests; and after a recompute in the same execution). */
export function resetCustomFunctionCache(): void {
  memo = null;
}

/**
 * Why reset at every call: each custom-function cell is its own execution in Sheets, but a module
 * memo outliving a call (tests, or several calls in one execution) would serve tabs as they were.
 */
function fresh(): void {
  memo = null;
}

function books(): Books {
  if (memo) return memo;
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const t = now(ss);
  memo = { offset: offsetMinutes(ss, t.date), nowMonth: t.month, byYear: new Map(), summaries: new Map() };
  const values = readTabs(ss, INPUT_READS);
  const read = readWorkbook(values, memo.offset, DEFAULT_RULES);
  (memo as Books & { raw?: unknown }).raw = read.raw;
  return memo;
}

function bookFor(year: number): YearBook {
  const b = books();
  let book = b.byYear.get(year);
  if (!book) {
    const raw = (b as Books & { raw?: unknown }).raw;
    const asOf = b.nowMonth.slice(0, 4) > String(year) ? `${year}-12` : b.nowMonth;
    const { scenario } = validateScenario(raw, { defaultAsOf: asOf });
    scenario.settings.asOf = asOf;
    book = buildYearBook(scenario, year);
    b.byYear.set(year, book);
  }
  return book;
}

/** A period key from a cell: '2026-10' typed into a date-formatted cell arrives as a Date. */
export function periodKeyOf(v: Cell, offset: number): string {
  if (v instanceof Date) return cellMonth(v, offset);
  return cellText(v).toUpperCase();
}

function summaryFor(period: Cell): PeriodSummary {
  const b = books();
  const key = periodKeyOf(period, b.offset);
  const p = parsePeriod(key);
  if (!p) throw new Error(`期间格式不正确：${key || '（空）'}。应为 2026-10、2026-Q3、2026-H1 或 2026。`);
  let s = b.summaries.get(p.key);
  if (!s) {
    s = summarize(bookFor(p.year), p.key);
    b.summaries.set(p.key, s);
  }
  return s;
}

/** Applies `fn` to a single value or to every cell of a range, keeping the shape. */
function vectorise(
  input: Input,
  fn: (id: string) => number | string,
): number | string | (number | string)[][] {
  if (Array.isArray(input))
    return input.map((row) => row.map((v) => (cellText(v) === '' ? '' : fn(cellText(v)))));
  const id = cellText(input);
  return id === '' ? '' : fn(id);
}

const NOT_FOUND = '无此干部';

export function cadreTotal(ids: Input, period: Cell): number | string | (number | string)[][] {
  fresh();
  const s = summaryFor(period);
  const byId = new Map(s.cadres.map((c) => [c.cadreId, c]));
  return vectorise(ids, (id) => byId.get(id)?.total ?? NOT_FOUND);
}

export function cadreRank(ids: Input, period: Cell): number | string | (number | string)[][] {
  fresh();
  const s = summaryFor(period);
  const byId = new Map(s.cadres.map((c) => [c.cadreId, c]));
  return vectorise(ids, (id) => {
    const c = byId.get(id);
    if (!c) return NOT_FOUND;
    return c.rank ?? '不参与排名';
  });
}

export function leaveDays(ids: Input, period?: Cell): number | string | (number | string)[][] {
  fresh();
  const b = books();
  // =JIFEN_LEAVE_DAYS(A2:A13, JIFEN_VERSION): the version in the period's place means "this month".
  const noPeriod = period === undefined || period === '' || isDataVersion(period);
  const key = noPeriod ? b.nowMonth : periodKeyOf(period, b.offset);
  const p = parsePeriod(key);
  if (!p) throw new Error(`期间格式不正确：${key}。应为 2026-10、2026-Q3、2026-H1 或 2026。`);
  const book = bookFor(p.year);
  const roster = new Set(book.scenario.roster.map((c) => c.id));
  const last = p.months[p.months.length - 1]!;
  return vectorise(ids, (id) => (roster.has(id) ? leaveAsOf(book, id, last).halfDays / 2 : NOT_FOUND));
}
