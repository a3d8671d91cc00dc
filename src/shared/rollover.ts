// 年度结转 (year-end close), pure: what is missing, the year's 公示, the step marker, and the next year's tab values.

import { parsePeriod, periodLabel } from '../core';
import { type Cell, cellDate, cellMonth, cellText } from './cells';
import { buildPeriodReport, type PeriodReport } from './period-report';
import { readTable, type WorkbookValues } from './read-tabs';
import type { RecomputeResult } from './recompute';
import { type ColumnTab, headersOf, TAB } from './tabs';

/** 设置 key of the step marker: a rerun after a failure part way continues from it. */
export const PROGRESS_KEY = '结转进度';

/** Steps of the close, in order. */
export type RolloverStep = 'published' | 'archived' | 'done';

const STEP_TEXT: Record<RolloverStep, string> = {
  published: '年度公示已发布',
  archived: '已归档',
  done: '已完成',
};

export interface RolloverProgress {
  year: number;
  step: RolloverStep;
  /** Where the archive is (a file path or a spreadsheet link), from step 'archived' on. */
  archive?: string;
}

/** The 设置 value of the marker: '2026 年度公示已发布', '2026 已归档：<link>', '2026 已完成：<link>'. */
export function progressText(p: RolloverProgress): string {
  return `${p.year} ${STEP_TEXT[p.step]}${p.archive ? `：${p.archive}` : ''}`;
}

/** Reads the marker from 设置 (null when absent or unreadable). */
export function readProgress(settings: readonly (readonly Cell[])[] | undefined): RolloverProgress | null {
  const row = readTable(settings as Cell[][] | undefined, 'settings', ['项目', '值']).rows.find(
    (r) => cellText(r.get('项目')) === PROGRESS_KEY,
  );
  const m = /^(\d{4}) (年度公示已发布|已归档|已完成)(?:：(.+))?$/.exec(cellText(row?.get('值')));
  if (!m) return null;
  const step = (Object.keys(STEP_TEXT) as RolloverStep[]).find((k) => STEP_TEXT[k] === m[2])!;
  return { year: Number(m[1]), step, ...(m[3] ? { archive: m[3] } : {}) };
}

/** The marker an archive carries instead of a step: '2026 归档（只读）：<the working book>'. */
export function archiveMarker(year: number, source: string): string {
  return `${year} 归档（只读）：${source}`;
}

/** The refusal for an archive (rollover must never turn an archive into a new year), or null for a working book. */
export function archiveRefusal(settings: readonly (readonly Cell[])[] | undefined): string | null {
  const row = readTable(settings as Cell[][] | undefined, 'settings', ['项目', '值']).rows.find(
    (r) => cellText(r.get('项目')) === PROGRESS_KEY,
  );
  const m = /^(\d{4}) 归档（只读）：(.*)$/.exec(cellText(row?.get('值')));
  return m
    ? `这是 ${m[1]} 年度的只读归档，不能结转或修改。年度结转请对工作簿${m[2] ? `（${m[2]}）` : ''}运行。`
    : null;
}

/** 设置 values with `key` set to `value` (the row is added at the end when missing). */
export function withSetting(
  settings: readonly (readonly Cell[])[] | undefined,
  key: string,
  value: Cell,
  note = '',
): Cell[][] {
  const rows = (settings?.length ? settings : [headersOf('settings')]).map((r) => [...r]);
  const header = rows[0]!.map((h) => cellText(h));
  const k = header.indexOf('项目');
  const v = header.indexOf('值');
  const n = header.indexOf('说明');
  const found = rows.findIndex((r, i) => i > 0 && cellText(r[k]) === key);
  if (found > 0) {
    rows[found]![v] = value;
    return rows;
  }
  const row: Cell[] = new Array(header.length).fill('');
  row[k] = key;
  row[v] = value;
  if (n >= 0) row[n] = note;
  rows.push(row);
  return rows;
}

export const PROGRESS_NOTE = '年度结转的进度（由“年度结转”写入，请勿手改）；结转中断后重新运行会从这里继续';

export type MissingKind = 'month' | 'half-year' | 'pending' | 'objection';

export interface MissingItem {
  kind: MissingKind;
  /** One line in Chinese naming what is missing. */
  text: string;
}

/** Months of the year with data (non-system entries or attendance), ascending. */
export function monthsWithData(result: RecomputeResult): string[] {
  const s = result.book.scenario;
  const months = new Set<string>();
  for (const e of s.entries) if (e.source !== 'system') months.add(e.month);
  for (const a of s.attendance) months.add(a.month);
  return [...months].filter((m) => m.startsWith(`${result.year}-`)).sort();
}

/** Periods recorded in 公示记录 (months as 'YYYY-MM', half-years and years as written). */
export function publishedPeriods(values: WorkbookValues, offsetMinutes: number): Set<string> {
  const out = new Set<string>();
  for (const r of readTable(values.publications, 'publications', ['期间']).rows) {
    const raw = r.get('期间');
    const t = cellText(raw, offsetMinutes);
    out.add(/^\d{4}-(H[12]|Q[1-4])$|^\d{4}$/.test(t) ? t : cellMonth(raw, offsetMinutes) || t);
  }
  return out;
}

/**
 * What must be done before the year is closed, in this order: months with data not published, half-years
 * not published, pending claims (积分台账 待审核), open objections (异议处理 待处理 or blank).
 */
export function rolloverMissing(
  result: RecomputeResult,
  values: WorkbookValues,
  offsetMinutes: number,
): MissingItem[] {
  const out: MissingItem[] = [];
  const published = publishedPeriods(values, offsetMinutes);
  const withData = monthsWithData(result);
  for (const m of withData) if (!published.has(m)) out.push({ kind: 'month', text: `${m} 的月度公示未发布` });
  for (const h of ['H1', 'H2']) {
    const period = `${result.year}-${h}`;
    const months = parsePeriod(period)!.months;
    if (withData.some((m) => months.includes(m)) && !published.has(period))
      out.push({ kind: 'half-year', text: `${periodLabel(period)}汇总（${period}）未发布` });
  }
  const ledger = readTable(result.ledger, 'ledger', []);
  for (const r of ledger.rows)
    if (cellText(r.get('状态')) === '待审核' && !isAfterYear(r.get('月份'), result.year, offsetMinutes))
      out.push({
        kind: 'pending',
        text: `${TAB.ledger}第${r.row}行（${cellText(r.get('编号')) || '无编号'}，${cellText(r.get('干部姓名'))} ${cellMonth(r.get('月份'), 0)}）待审核`,
      });
  const objections = readTable(values.objections, 'objections', []);
  for (const r of objections.rows) {
    const state = cellText(r.get('处理结果'));
    if (state && state !== '待处理') continue;
    if (!r.cells.some((c) => cellText(c, offsetMinutes) !== '')) continue;
    out.push({
      kind: 'objection',
      text: `${TAB.objections}第${r.row}行（${cellText(r.get('编号')) || '无编号'}，${cellText(r.get('干部姓名'))}）尚未处理`,
    });
  }
  return out;
}

/** The last month of the year has begun to pass: the close runs in January of the next year or later. */
export function yearOver(year: number, nowMonth: string): boolean {
  return nowMonth > `${year}-12`;
}

/**
 * Why the close cannot run now (Chinese, lists every missing item), or null. `confirm` is the exception the
 * committee states (CLI --confirm-exceptions, the dialog's text): with it, missing items do not block.
 */
export function rolloverRefusal(
  year: number,
  nowMonth: string,
  missing: readonly MissingItem[],
  confirm: string | undefined,
  confirmHow: string,
): string | null {
  if (!yearOver(year, nowMonth))
    return `考核年度 ${year} 尚未结束（当前为 ${nowMonth}），年度结转请在 ${year + 1} 年1月及以后进行。`;
  if (missing.length === 0 || (confirm ?? '').trim()) return null;
  return [
    `${year} 年度还不能结转，尚缺以下 ${missing.length} 项：`,
    ...missing.map((m, i) => `${i + 1}. ${m.text}`),
    `请先逐项处理（发布公示、审核申报、处理异议）后再结转；如两委确认按现状结转，${confirmHow}，说明会写入操作日志和年度公示。`,
  ].join('\n');
}

/** Name of the year 公示 tab: '公示-2026'. */
export function yearTabName(year: number): string {
  return `公示-${year}`;
}

/**
 * The year's 公示: 年度积分 (起始分 + the year), ranking, tiers, consequences, and the basis for 优秀 — the
 * half-year layout of period-report with the 评优依据 lines (and any confirmed exception) before the footer.
 */
export function buildYearReport(
  result: RecomputeResult,
  opts: { publishedAt: string; publisher: string; exceptions?: string | undefined },
): PeriodReport {
  const year = String(result.year);
  const report = buildPeriodReport(result, year, opts);
  const p = result.larger.find((x) => x.period === year)!;
  const names = (cs: PeriodReport['topThird']) =>
    cs.length ? cs.map((c) => `${c.name}（${c.total}分）`).join('、') : '无';
  const basis: Cell[][] = [
    [],
    [
      `评优依据：年度积分排名前三分之一的 ${report.topThird.length} 人可作为评先评优（优秀）人选：${names(report.topThird)}。`,
    ],
    [
      `后三分之一的 ${report.bottomThird.length} 人取消评先评优资格：${names(report.bottomThird)}；倒数后三名：${names(report.bottomThree)}。`,
    ],
    [
      report.ties.length
        ? `并列跨档、需两委研究：${names(report.ties)}。`
        : `无并列跨档情况。共 ${p.cadres.length} 名干部，参与排名 ${p.cadres.filter((c) => c.ranked).length} 人。`,
    ],
  ];
  if (opts.exceptions?.trim()) basis.push([`两委确认的例外：${opts.exceptions.trim()}`]);
  // Before the footer (the last row).
  const values = [...report.values.slice(0, -1), ...basis, [], report.values[report.values.length - 1]!];
  return { ...report, tabName: yearTabName(result.year), title: report.title, values };
}

/** Tabs emptied for the next year (header kept). 申报异常 stays: its rows keep old form responses from being taken in again. */
export const EMPTIED_TABS: readonly ColumnTab[] = [
  'ledger',
  'attendance',
  'scores',
  'redemptions',
  'objections',
  'monthly',
  'yearly',
  'publications',
  'problems',
];

/** Whether a tab is a publication of the old year (公示-…, 报告-…): those stay only in the archive. */
export function isPublicationTab(name: string): boolean {
  return /^(公示|报告)-\d{4}/.test(name);
}

/**
 * The working book's values for the next year (rows already of the next year kept, see laterRows): 考核年度 + 1; 积分台账, 考勤记录, 考核成绩, 积分兑换, 异议处理,
 * the summaries, 公示记录 and 校验问题 emptied (headers kept); 干部名册 without cadres who left (they stay in
 * the archive), 起始月份 and 离职月份 cleared (everyone starts the year at 起始分); 积分规则, 设置 (but the
 * marker), 申报异常 and 操作日志 kept.
 */
export function nextYearValues(values: WorkbookValues, year: number, offsetMinutes = 0): WorkbookValues {
  const out: WorkbookValues = { ...values };
  for (const tab of EMPTIED_TABS) {
    const header = values[tab]?.[0];
    out[tab] = [
      header?.length ? [...header] : headersOf(tab),
      ...laterRows(values, tab, year, offsetMinutes),
    ];
  }
  const roster = values.roster?.length ? values.roster : [headersOf('roster')];
  const header = roster[0]!.map((h) => cellText(h));
  const state = header.indexOf('在职状态');
  const start = header.indexOf('起始月份');
  const end = header.indexOf('离职月份');
  out.roster = [
    [...roster[0]!],
    ...roster
      .slice(1)
      .filter((r) => r.some((c) => cellText(c) !== ''))
      .filter((r) => state < 0 || cellText(r[state]) !== '离职')
      .map((r) => {
        const row = [...r];
        if (start >= 0 && start < row.length) row[start] = '';
        if (end >= 0 && end < row.length) row[end] = '';
        return row;
      }),
  ];
  out.settings = withSetting(values.settings, '考核年度', String(year + 1));
  return out;
}

/** Where a row's period is, for the tabs whose rows may already belong to the next year (typed in January before the close). */
const PERIOD_COLUMN: Partial<Record<ColumnTab, string>> = {
  ledger: '月份',
  attendance: '月份',
  scores: '期间',
  redemptions: '日期',
};

/** Whether a row's period is after `year` ('2027-01', '2027-Q1', '2027-H1', a 2027 date). */
export function isAfterYear(v: Cell, year: number, offsetMinutes = 0): boolean {
  const t = v instanceof Date ? cellDate(v, offsetMinutes) : cellMonth(v, offsetMinutes);
  const y = /^(\d{4})(?:-|$)/.exec(t);
  return y !== null && Number(y[1]) > year;
}

/**
 * Rows of the next year already typed (claims taken in from the form in January, attendance, a
 * redemption): they are not the old year's, so the new year keeps them — nothing typed is lost.
 */
export function laterRows(values: WorkbookValues, tab: ColumnTab, year: number, offsetMinutes = 0): Cell[][] {
  const h = PERIOD_COLUMN[tab];
  const v = values[tab];
  if (!h || !v?.length) return [];
  const col = v[0]!.map((x) => cellText(x)).indexOf(h);
  if (col < 0) return [];
  return v
    .slice(1)
    .filter((r) => isAfterYear(r[col], year, offsetMinutes))
    .map((r) => [...r]);
}

/** Cadres who left during the year (kept only in the archive), for the log and the message. */
export function leavers(values: WorkbookValues): string[] {
  return readTable(values.roster, 'roster', [])
    .rows.filter((r) => cellText(r.get('在职状态')) === '离职')
    .map((r) => `${cellText(r.get('姓名'))}（${cellText(r.get('编号'))}）`);
}
