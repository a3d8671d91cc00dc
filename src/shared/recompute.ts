// The 重新计算 workflow on tab values: core evaluation → new 积分台账, 月度汇总, 年度汇总 and 校验问题 values.

import {
  buildYearBook,
  CATEGORY_ZH,
  type CadreSummary,
  DEFAULT_RULES,
  type LedgerEntry,
  type PeriodSummary,
  type Problem,
  parsePeriod,
  periodsOfYear,
  SOURCE_ZH,
  STATUS_ZH,
  summarize,
  TIER_ZH,
  validateScenario,
  type YearBook,
} from '../core';
import { type Cell, cellMonth, cellText } from './cells';
import {
  readTable,
  readWorkbook,
  type SheetProblem,
  type SheetSettings,
  toSheetProblem,
  type WorkbookValues,
} from './read-tabs';
import { headersOf, TAB } from './tabs';

export interface RecomputeOptions {
  /** The current month 'YYYY-MM' (from the caller's clock). */
  nowMonth: string;
  /** The year to compute when 设置 has no 考核年度 (default: the year of nowMonth). */
  defaultYear?: number;
  /** Entry ids in each published month's latest snapshot; other approved hand rows there are refused. */
  publishedIds?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Text timestamp for the 校验问题 tab, e.g. '2026-11-03 10:00:00'. */
  nowText: string;
  /** UTC offset of Date cells (Sheets: spreadsheet time zone; .xlsx: 0). */
  offsetMinutes: number;
}

export interface RecomputeResult {
  year: number;
  asOf: string;
  book: YearBook;
  settings: SheetSettings;
  /** Months of the year up to the last one with data or asOf, each summarised. */
  months: PeriodSummary[];
  /** Quarters, half-years and the year. */
  larger: PeriodSummary[];
  /** Full new values (header first) of the output tabs. */
  ledger: Cell[][];
  /** For each data row of `ledger`: the 1-based row it was read from, or null for a new system row. */
  ledgerSourceRows: (number | null)[];
  monthly: Cell[][];
  yearly: Cell[][];
  problems: Cell[][];
  problemList: SheetProblem[];
  /**
   * entries: valid 积分台账 entries after the run, generated ones included (invalid rows are in problems);
   * systemEntries: the system entries this run generated (a published month's are kept, not counted).
   */
  counts: { entries: number; systemEntries: number; problems: number; cadres: number };
}

const LEDGER_HEADERS = headersOf('ledger');

/** 积分台账 row of a generated system entry. */
export function systemLedgerRow(e: LedgerEntry, cadreName: string): Cell[] {
  const row: Cell[] = new Array(LEDGER_HEADERS.length).fill('');
  const set = (h: string, v: Cell) => {
    row[LEDGER_HEADERS.indexOf(h)] = v;
  };
  set('编号', e.id);
  set('月份', e.month);
  set('干部编号', e.cadreId);
  set('干部姓名', cadreName);
  set('规则编码', e.ruleCode);
  set('事项', e.item);
  set('数量', e.quantity);
  set('分值', e.unitPoints);
  set('积分', e.points);
  set('得分依据', e.reason);
  set('来源', SOURCE_ZH.system);
  set('状态', STATUS_ZH.approved);
  return row;
}

/** Consequences text of a cadre's tiers for a period kind (SPEC §5). */
export function consequenceText(c: CadreSummary, kind: PeriodSummary['kind']): string {
  const parts = c.tiers
    .filter((t) => t !== 'top-third' || kind === 'half-year' || kind === 'year')
    .map((t) => (t === 'top-third' && kind === 'year' ? '年度优秀评定优先考虑' : TIER_ZH[t].consequence));
  if (parts.length === 0) return '';
  return kind === 'month' || kind === 'quarter' ? `预警：${parts.join('；')}` : parts.join('；');
}

/** Flags in Chinese. */
export function flagText(c: CadreSummary, missingMonths: string[]): string {
  const out: string[] = [];
  for (const f of c.flags) {
    if (f === 'tie-at-boundary') out.push('并列，需两委研究');
    if (f === 'partial-period') out.push(`部分在职：${c.monthsActive.length}个月`);
    if (f === 'missing-attendance') out.push(`缺考勤记录：${missingMonths.join('、')}`);
  }
  return out.join('；');
}

export const SUMMARY_HEADERS = headersOf('monthly');

/** Summary tab rows (no header) for periods. */
export function summaryRows(periods: readonly PeriodSummary[], book: YearBook): Cell[][] {
  const rows: Cell[][] = [];
  for (const p of periods) {
    for (const c of p.cadres) {
      const missing = p.months.filter((m) => book.missingAttendance.has(`${c.cadreId}|${m}`));
      rows.push([
        p.period,
        c.rank ?? '不参与排名',
        c.cadreId,
        c.name,
        c.role ?? '',
        c.startingPoints,
        c.base,
        c.task,
        c.reward,
        c.total,
        c.yearToDate,
        c.tiers.map((t) => TIER_ZH[t].label).join('、'),
        flagText(c, missing),
        consequenceText(c, p.kind),
        c.leave.availablePoints,
        c.leave.halfDays / 2,
      ]);
    }
  }
  return rows;
}

/** Last month of the year worth a summary row: asOf, or later if entries exist there. */
function lastSummaryMonth(book: YearBook, asOf: string): string {
  let last = asOf.slice(0, 4) === String(book.year) ? asOf : asOf < `${book.year}` ? '' : `${book.year}-12`;
  for (const e of book.entries) if (e.month > last) last = e.month;
  return last;
}

/**
 * Runs the core over the workbook's values. Hand-typed ledger rows are kept as read (their derived
 * columns 干部姓名/事项/分值/积分 are filled in when the row is valid); system rows of unpublished
 * months are regenerated; published months' rows are never changed.
 */
export function recompute(values: WorkbookValues, opts: RecomputeOptions): RecomputeResult {
  const read = readWorkbook(values, opts.offsetMinutes, DEFAULT_RULES);
  const publishedSet = new Set(read.publishedMonths);
  const year = read.settings.year ?? opts.defaultYear ?? Number(opts.nowMonth.slice(0, 4));
  // Generated rows (SYS- ids) of this year's unpublished months are regenerated, so not validated either.
  const regenerated = (source: unknown, id: unknown, month: string) =>
    source === 'system' &&
    String(id).startsWith('SYS-') &&
    !publishedSet.has(month) &&
    month.startsWith(`${year}-`);
  read.raw.entries = (read.raw.entries as { source: string; month: string; id: string }[]).filter(
    (e) => !regenerated(e.source, e.id, e.month),
  );
  const asOf = opts.nowMonth.slice(0, 4) > String(year) ? `${year}-12` : opts.nowMonth;
  const { scenario, problems } = validateScenario(read.raw, { defaultAsOf: asOf });
  scenario.settings.asOf = asOf;
  // A published month only changes through corrections: rows typed into it afterwards are left out and listed.
  const late: Problem[] = [];
  if (opts.publishedIds) {
    scenario.entries = scenario.entries.filter((e) => {
      const ids = opts.publishedIds!.get(e.month);
      if (
        !ids ||
        ids.has(e.id) ||
        e.source === 'system' ||
        e.source === 'correction' ||
        e.status !== 'approved'
      )
        return true;
      late.push({
        table: 'entries',
        index: -1,
        row: e.row,
        id: e.id,
        field: 'month',
        message: `${e.month} 已公示，此条目不在公示中，未计入；如需补记，请登记异议并在“处理异议”中更正`,
      });
      return false;
    });
  }
  problems.push(...late);
  const book = buildYearBook(scenario, year);
  const problemList: SheetProblem[] = [
    ...read.problems,
    ...problems.map(toSheetProblem),
    ...book.problems.map(toSheetProblem),
    // Data that arrived after its month was published: it counts for nothing until corrected.
    ...book.notices
      .filter((n) => n.kind === 'after-publication')
      .map((n) => ({
        tab: n.period.includes('-Q') || n.period.includes('-H') ? TAB.scores : TAB.attendance,
        row: '' as const,
        id: n.period,
        field: n.period.includes('-Q') || n.period.includes('-H') ? '考核项目' : '干部编号',
        message: n.message,
      })),
  ];

  // 积分台账: keep every row except system rows of unpublished months; fill derived columns of valid rows.
  const published = new Set(scenario.publishedMonths);
  const ledgerValues = values.ledger ?? [LEDGER_HEADERS];
  const table = readTable(ledgerValues, 'ledger', []);
  const col = (h: string) => table.index.get(h);
  const validByRow = new Map(scenario.entries.map((e) => [e.row, e]));
  const cadreName = new Map(scenario.roster.map((c) => [c.id, c.name]));
  const ruleByCode = new Map(scenario.rules.map((r) => [r.code, r]));
  const header = ledgerValues[0] ?? LEDGER_HEADERS;
  const width = Math.max(header.length, LEDGER_HEADERS.length);
  const kept: Cell[][] = [];
  const carried: { month: string; id: string; cells: Cell[]; row: number }[] = [];
  const keptRows: number[] = [];
  const sourceCol = col('来源');
  // Derived columns of a hand-typed row: filled when blank (积分 always), looked up once, not per row.
  const nameCol = col('干部姓名');
  const itemCol = col('事项');
  const pointsCol = col('分值');
  const totalCol = col('积分');
  const monthCol = col('月份');
  const idCol = col('编号');
  // Every row as read, blank ones included: published rows are protected by position, so nothing
  // above them may move (only regenerated system rows, which come after them, are dropped).
  for (let i = 1; i < ledgerValues.length; i++) {
    const r = { row: i + 1, cells: ledgerValues[i]! };
    const e = validByRow.get(r.row);
    const source = e
      ? e.source
      : sourceCol !== undefined && r.cells[sourceCol] === SOURCE_ZH.system
        ? 'system'
        : '';
    const id = e ? e.id : idCol !== undefined ? cellText(r.cells[idCol]) : '';
    const month =
      e?.month ?? (monthCol !== undefined ? cellMonth(r.cells[monthCol], opts.offsetMinutes) : '');
    if (regenerated(source, id, month)) continue;
    // A row is copied only when it changes (padding, a derived cell filled): the rows as read stay as
    // read (callers compare them with the result), and a 120k-row ledger that recompute leaves alone is
    // not held twice. Padding is one allocation of the final length (pushing it would grow a 17-cell
    // row to room for 41: tens of MiB over a 120k-row ledger).
    let cells =
      r.cells.length < width ? r.cells.concat(new Array<Cell>(width - r.cells.length).fill('')) : r.cells;
    const set = (i: number, v: Cell) => {
      if (cells === r.cells) cells = r.cells.slice();
      cells[i] = v;
    };
    // Generated rows of another year's unpublished month are not ours to regenerate, but they move to
    // the trailing block with this year's, in month order: a December published in January must then
    // sit above January's rows, or dropping January's rows later would shift its protected rows.
    if (source === 'system' && String(id).startsWith('SYS-') && !publishedSet.has(month)) {
      carried.push({ month, id: String(id), cells, row: r.row });
      continue;
    }
    if (e && (!published.has(e.month) || e.source === 'correction')) {
      const rule = ruleByCode.get(e.ruleCode)!;
      fillBlank(cells, nameCol, cadreName.get(e.cadreId) ?? '', set);
      fillBlank(cells, itemCol, rule.item, set);
      fillBlank(cells, pointsCol, rule.points, set);
      const total = (e.unitPoints ?? rule.points) * e.quantity;
      if (totalCol !== undefined && cells[totalCol] !== total) set(totalCol, total);
    }
    kept.push(cells);
    keptRows.push(r.row);
  }
  const generated = book.entries
    .filter((e) => e.generated)
    .sort((a, b) =>
      a.month < b.month
        ? -1
        : a.month > b.month
          ? 1
          : a.cadreId < b.cadreId
            ? -1
            : a.cadreId > b.cadreId
              ? 1
              : a.ruleCode < b.ruleCode
                ? -1
                : 1,
    );
  const trailing: { month: string; id: string; cells: Cell[]; row: number | null }[] = [
    ...carried,
    ...generated.map((e) => {
      const row = systemLedgerRow(e, cadreName.get(e.cadreId) ?? '');
      // Place values under this sheet's own header order (columns may have been moved).
      const out: Cell[] = new Array(width).fill('');
      LEDGER_HEADERS.forEach((h, i) => {
        const at = col(h) ?? (values.ledger ? undefined : i);
        if (at !== undefined) out[at] = row[i]!;
      });
      return { month: e.month, id: e.id, cells: out, row: null };
    }),
  ];
  // Month order only (stable): within a month, carried rows keep their order and generated rows theirs.
  trailing.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const systemRows = trailing.map((t) => t.cells);
  const ledger: Cell[][] = [header.concat(new Array(width - header.length).fill('')), ...kept, ...systemRows];

  const last = lastSummaryMonth(book, asOf);
  const po = periodsOfYear(year);
  const months = po.months.filter((m) => m <= last).map((m) => summarize(book, m));
  const largerKeys = [...po.quarters, ...po.halves, po.year].filter(
    (k) => parsePeriod(k)!.months[0]! <= last,
  );
  const larger = largerKeys.map((k) => summarize(book, k));

  // Problems name 积分台账 rows as read; the rewritten tab drops blank and stale system rows, so renumber.
  const newRow = new Map<number, number>(keptRows.map((r, i) => [r, i + 2]));
  trailing.forEach((t, i) => {
    if (t.row !== null) newRow.set(t.row, kept.length + i + 2);
  });
  for (const p of problemList) {
    if (p.tab === TAB.ledger && typeof p.row === 'number' && p.row > 1) p.row = newRow.get(p.row) ?? p.row;
  }
  const problemsValues: Cell[][] = [
    headersOf('problems'),
    ...problemList.map((p) => [p.tab, p.row, p.id, p.field, p.message, opts.nowText]),
  ];
  return {
    year,
    asOf,
    book,
    settings: read.settings,
    months,
    larger,
    ledger,
    ledgerSourceRows: [...keptRows, ...trailing.map((t) => t.row)],
    monthly: [SUMMARY_HEADERS, ...summaryRows(months, book)],
    yearly: [SUMMARY_HEADERS, ...summaryRows(larger, book)],
    problems: problemsValues,
    problemList,
    counts: {
      // scenario.entries holds the kept rows only: this run's generated rows were dropped before validating.
      entries: scenario.entries.length + generated.length,
      systemEntries: generated.length,
      problems: problemList.length,
      cadres: scenario.roster.length,
    },
  };
}

export { CATEGORY_ZH };

/** Sets a blank cell (empty text, null or missing) of a row through `set`; a column the sheet lacks is skipped. */
function fillBlank(
  cells: readonly Cell[],
  i: number | undefined,
  v: Cell,
  set: (i: number, v: Cell) => void,
): void {
  if (i !== undefined && (cells[i] === '' || cells[i] === null || cells[i] === undefined)) set(i, v);
}
