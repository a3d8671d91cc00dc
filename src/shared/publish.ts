// The monthly 公示 (publication), pure: refusal checks, the snapshot values, its digest text, the 公示记录 row and a printable HTML page.

import {
  CATEGORY_ZH,
  isMonthKey,
  type PeriodSummary,
  periodLabel,
  type Scenario,
  SOURCE_ZH,
  TIER_ZH,
} from '../core';
import { type Cell, cellMonth, cellText } from './cells';
import { readTable, type WorkbookValues } from './read-tabs';
import { flagText, type RecomputeResult } from './recompute';
import { TAB } from './tabs';

/** Name of a snapshot tab: '公示-2026-10', and for the n-th revision '公示-2026-10 更正1'. */
export function snapshotTabName(month: string, revision = 0): string {
  return revision > 0 ? `公示-${month} 更正${revision}` : `公示-${month}`;
}

export const CADRE_TABLE_HEADERS = [
  '排名',
  '编号',
  '姓名',
  '基础',
  '任务',
  '奖励',
  '月度积分',
  '年度累计',
  '分档',
  '备注',
] as const;

export const DETAIL_TABLE_HEADERS = [
  '干部编号',
  '姓名',
  '类别',
  '事项',
  '数量',
  '分值',
  '积分',
  '得分依据',
  '来源',
  '条目编号',
] as const;

/** Column widths (pixels) of the snapshot tab; both tables share the ten columns. */
export const SNAPSHOT_COLUMN_WIDTHS = [70, 75, 60, 220, 55, 55, 70, 260, 110, 210] as const;

export interface SnapshotOptions {
  month: string;
  /** 0 for the original publication, n for '更正n'. */
  revision?: number;
  /** Text timestamp 'YYYY-MM-DD HH:mm:ss' (Asia/Shanghai). */
  publishedAt: string;
  publisher: string;
}

export interface Snapshot {
  tabName: string;
  month: string;
  revision: number;
  title: string;
  /** The tab's full contents, row 1 first. These values (and nothing else) are what the digest covers. */
  values: Cell[][];
  /** 0-based row indexes, for formatting. */
  layout: {
    titleRow: number;
    metaRow: number;
    cadreHeaderRow: number;
    cadreRows: [start: number, end: number];
    detailTitleRow: number;
    detailHeaderRow: number;
    detailRows: [start: number, end: number];
    footerRow: number;
  };
  cadres: number;
  entries: number;
  publishedAt: string;
  publisher: string;
}

/** The 公示记录 row of a publication, in COLUMNS.publications order. */
export interface PublicationRecord {
  period: string;
  /** 1 for the original publication, n + 1 for '更正n'. */
  version: number;
  tabName: string;
  publisher: string;
  publishedAt: string;
  /** Number of rows of the snapshot tab. */
  rows: number;
  sha256: string;
}

export function publicationRow(r: PublicationRecord): Cell[] {
  return [r.period, r.version, r.tabName, r.publisher, r.publishedAt, r.rows, r.sha256];
}

/**
 * Canonical text of snapshot values, the input of the SHA-256 digest:
 * `JSON.stringify` of the 2-D array of display strings, where each cell is `cellText(v, 0)` (strings
 * trimmed, numbers as JavaScript prints them — 12, -5, 0.5 —, booleans TRUE/FALSE, empty → ''), each
 * row without its trailing empty cells, and without trailing empty rows. Trimming makes the text the
 * same whether the tab is read back from Google Sheets (getValues) or from an .xlsx, which both drop
 * empty trailing cells.
 */
export function canonicalSnapshotText(values: readonly (readonly Cell[])[]): string {
  const rows = values.map((r) => {
    const t = r.map((v) => cellText(v, 0));
    while (t.length && t[t.length - 1] === '') t.pop();
    return t;
  });
  while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
  return JSON.stringify(rows);
}

/** What the month-order and no-data rules need: the year's entries and attendance, and what is published. */
type MonthData = Pick<Scenario, 'entries' | 'attendance' | 'publishedMonths'>;

/** Does the month have anything to publish (a ledger entry other than a system one, or attendance)? */
function hasMonthData(s: MonthData, month: string): boolean {
  return (
    s.entries.some((e) => e.month === month && e.source !== 'system') ||
    s.attendance.some((a) => a.month === month)
  );
}

/** Months of `year` before `month` with data that are not published: months are published in order. */
export function earlierUnpublished(s: MonthData, month: string, year: number): string[] {
  const published = new Set(s.publishedMonths);
  const withData = new Set<string>();
  for (const e of s.entries) if (e.source !== 'system') withData.add(e.month);
  for (const a of s.attendance) withData.add(a.month);
  return [...withData].filter((m) => m < month && m.startsWith(`${year}-`) && !published.has(m)).sort();
}

/** The refusal for months left unpublished before this one. */
export function orderRefusal(earlier: readonly string[]): string {
  return `请按月份顺序公示：${earlier.join('、')} 尚未发布公示。`;
}

/**
 * The refusals that need no recompute — a month still to come, a month with nothing in it, earlier months
 * unpublished — in the words the publication itself refuses with, so the sidebar can disable 发布 and say
 * why before anyone presses it. (Pending claims and 申报异常 the sidebar counts itself; 校验问题 come from
 * the 校验问题 tab through monthProblemLines.)
 */
export function quickPublishRefusal(
  s: MonthData,
  month: string,
  nowMonth: string,
  year: number,
): string | null {
  if (month > nowMonth) return futureRefusal(month, nowMonth);
  if (s.publishedMonths.includes(month)) return null;
  if (!hasMonthData(s, month)) return emptyRefusal(month);
  const earlier = earlierUnpublished(s, month, year);
  return earlier.length ? orderRefusal(earlier) : null;
}

const futureRefusal = (month: string, nowMonth: string) =>
  `${month} 尚未到来（当前为 ${nowMonth}），不能发布公示`;
const emptyRefusal = (month: string) => `${month} 没有任何积分台账条目或考勤记录，不能发布空的公示`;

interface RefusalInput {
  result: RecomputeResult;
  values: WorkbookValues;
  month: string;
  /** The current month 'YYYY-MM'. */
  nowMonth: string;
  offsetMinutes: number;
}

/** Why a month cannot be published now (plain Chinese), or null when it can. */
export function publishRefusal({
  result,
  values,
  month,
  nowMonth,
  offsetMinutes,
}: RefusalInput): string | null {
  if (!isMonthKey(month)) return `月份格式应为 YYYY-MM，例如 2026-10（实际：${month}）`;
  if (Number(month.slice(0, 4)) !== result.year)
    return `${month} 不在考核年度 ${result.year} 内（见「${TAB.settings}」表的“考核年度”）`;
  if (month > nowMonth) return futureRefusal(month, nowMonth);
  const published = readTable(values.publications, 'publications', ['期间']).rows.find(
    (r) => cellMonth(r.get('期间'), offsetMinutes) === month,
  );
  if (published) {
    const when = cellText(published.get('发布时间'), offsetMinutes);
    return (
      `${month} 已${when ? `于 ${when} ` : ''}发布公示（${snapshotTabName(month)}），不能重复发布。` +
      `如公示有误，请登记异议和更正条目，再发布更正公示（${snapshotTabName(month, 1)}）。`
    );
  }
  const s = result.book.scenario;
  if (!hasMonthData(s, month)) return emptyRefusal(month);
  const pending = s.entries.filter((e) => e.month === month && e.status === 'pending');
  if (pending.length) {
    // Entry rows are as read; the rewritten 积分台账 (result.ledger) may have moved them.
    const newRow = new Map(result.ledgerSourceRows.map((r, i) => [r, i + 2]));
    const rows = pending.map((e) => (e.row ? `第${newRow.get(e.row) ?? e.row}行` : e.id)).slice(0, 10);
    return (
      `${month} 还有 ${pending.length} 条待审核的申报（${TAB.ledger}${rows.join('、')}` +
      `${pending.length > rows.length ? '等' : ''}），请先审核（通过或驳回）再发布公示`
    );
  }
  const bad = monthProblemLines(result.problems, result.ledger, values.attendance, month, offsetMinutes);
  if (bad.length) return problemsRefusal(month, bad);
  // The add-on and jifen refuse alike (issue 12 part 6): open 申报异常 of the month, then month order.
  const errors = openIntakeErrors(values, month);
  if (errors > 0) return intakeRefusal(month, errors);
  const earlier = earlierUnpublished(s, month, result.year);
  return earlier.length ? orderRefusal(earlier) : null;
}

/** 申报异常 rows naming this month that are not marked 已处理 (the rows keep the raw answers). */
export function openIntakeErrors(values: WorkbookValues, month: string): number {
  return readTable(values.intakeErrors, 'intakeErrors', []).rows.filter(
    (r) => cellText(r.get('处理情况')) !== '已处理' && cellText(r.get('原始内容')).includes(`（${month}）`),
  ).length;
}

/** The refusal for open 申报异常 of the month. */
export function intakeRefusal(month: string, errors: number): string {
  return `${month} 有 ${errors} 条申报异常尚未处理。请在「${TAB.intakeErrors}」表逐条处理（请干部改正后重新申报，或由两委直接录入），处理完把该行「处理情况」改为“已处理”（不要删除行）后再发布。`;
}

/**
 * 校验问题 of ledger and attendance rows that belong to the month (a month with bad rows is not final),
 * from 校验问题 rows [表, 行, 编号, 字段, 原因, …] as a recompute writes them. Ledger rows refer to the
 * rewritten 积分台账 (as the tab holds it after that recompute), attendance rows to 考勤记录.
 */
export function monthProblemLines(
  problems: readonly (readonly Cell[])[] | undefined,
  ledger: readonly (readonly Cell[])[] | undefined,
  attendance: readonly (readonly Cell[])[] | undefined,
  month: string,
  offset: number,
): string[] {
  const monthOfRow = (tab: 'ledger' | 'attendance', v: readonly (readonly Cell[])[] | undefined) => {
    const t = readTable(v as Cell[][] | undefined, tab, []);
    const col = t.index.get('月份');
    const map = new Map<number, string>();
    if (col !== undefined) for (const r of t.rows) map.set(r.row, cellMonth(r.cells[col], offset));
    return map;
  };
  const byTab = new Map([
    [TAB.ledger as string, monthOfRow('ledger', ledger)],
    [TAB.attendance as string, monthOfRow('attendance', attendance)],
  ]);
  const out: string[] = [];
  for (const p of (problems ?? []).slice(1)) {
    const [tab, row, , field, message] = p.map((c) => cellText(c, offset));
    const n = Number(row);
    if (!Number.isInteger(n) || byTab.get(tab ?? '')?.get(n) !== month) continue;
    out.push(`${tab}第${n}行${field ? `「${field}」` : ''}：${message}`);
  }
  return out;
}

/** The refusal for the month's 校验问题 (lines from monthProblemLines). */
export function problemsRefusal(month: string, lines: readonly string[]): string {
  return `${month} 有 ${lines.length} 处校验问题（${lines.slice(0, 5).join('；')}${lines.length > 5 ? '……' : ''}），请先在「${TAB.problems}」表查看并修正后再发布`;
}

/**
 * A 更正公示 lists what changed below its footer (rows after layout.footerRow): a title row, the new
 * correction entries, a blank row, then each affected cadre's figures before → after. `prev` is the last
 * published snapshot of the month (its values as on the tab): figures before come from its cadre rows.
 */
export function appendCorrection(
  snapshot: Snapshot,
  result: RecomputeResult,
  prev: { tabName: string; values: readonly (readonly Cell[])[] },
): { corrections: number } {
  const prevIds = new Set(prev.values.map((r) => cellText(r[9])).filter(Boolean));
  const corrections = result.book.entries.filter(
    (e) => e.month === snapshot.month && e.source === 'correction' && !prevIds.has(e.id),
  );
  const before = new Map<string, { month: Cell; ytd: Cell }>();
  for (const r of prev.values)
    if (typeof r[0] === 'number' || r[0] === '不参与排名')
      before.set(cellText(r[1]), { month: r[6] ?? '', ytd: r[7] ?? '' });
  const summary = result.months.find((p) => p.period === snapshot.month)!;
  const names = new Map(summary.cadres.map((c) => [c.cadreId, c.name]));
  const changed = summary.cadres.filter((c) => corrections.some((e) => e.cadreId === c.cadreId));
  snapshot.values.push(
    [],
    [`更正说明（相对「${prev.tabName}」）`],
    ['条目编号', '干部编号', '姓名', '更正对象', '积分变化', '理由'],
    ...corrections.map(
      (e) => [e.id, e.cadreId, names.get(e.cadreId) ?? '', e.correctsId ?? '', e.points, e.reason] as Cell[],
    ),
    [],
    ['干部编号', '姓名', '更正前月度积分', '更正后月度积分', '更正前年度累计', '更正后年度累计'],
    ...changed.map(
      (c) =>
        [
          c.cadreId,
          c.name,
          before.get(c.cadreId)?.month ?? '',
          c.total,
          before.get(c.cadreId)?.ytd ?? '',
          c.yearToDate,
        ] as Cell[],
    ),
  );
  return { corrections: corrections.length };
}

/** Builds the snapshot of a month from a recompute result (the month must be among result.months). */
export function buildSnapshot(result: RecomputeResult, opts: SnapshotOptions): Snapshot {
  const revision = opts.revision ?? 0;
  const summary: PeriodSummary | undefined = result.months.find((p) => p.period === opts.month);
  if (!summary) throw new Error(`month ${opts.month} is not summarised`);
  const { book } = result;
  const title = `${result.settings.communityName} ${periodLabel(opts.month)} 干部积分公示${revision ? `（更正${revision}）` : ''}`;
  const values: Cell[][] = [];
  values.push([title]);
  values.push([
    `考核年度：${result.year}　起始分：${book.scenario.settings.startingPoints}　` +
      `发布人：${opts.publisher}　发布时间：${opts.publishedAt}`,
  ]);
  values.push([]);
  const cadreHeaderRow = values.length;
  values.push([...CADRE_TABLE_HEADERS]);
  const order = new Map<string, number>();
  for (const c of summary.cadres) {
    order.set(c.cadreId, order.size);
    const missing = summary.months.filter((m) => book.missingAttendance.has(`${c.cadreId}|${m}`));
    values.push([
      c.rank ?? '不参与排名',
      c.cadreId,
      c.name,
      c.base,
      c.task,
      c.reward,
      c.total,
      c.yearToDate,
      c.tiers.map((t) => TIER_ZH[t].label).join('、'),
      flagText(c, missing),
    ]);
  }
  const cadreRows: [number, number] = [cadreHeaderRow + 1, values.length];
  values.push([]);
  const detailTitleRow = values.length;
  values.push([`积分明细（${periodLabel(opts.month)}全部已通过条目）`]);
  const detailHeaderRow = values.length;
  values.push([...DETAIL_TABLE_HEADERS]);
  const names = new Map(summary.cadres.map((c) => [c.cadreId, c.name]));
  const entries = book.entries
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.month === opts.month && order.has(e.cadreId))
    .sort((a, b) => order.get(a.e.cadreId)! - order.get(b.e.cadreId)! || a.i - b.i);
  for (const { e } of entries) {
    values.push([
      e.cadreId,
      names.get(e.cadreId) ?? '',
      CATEGORY_ZH[e.category],
      e.item,
      e.quantity,
      e.unitPoints,
      e.points,
      e.reason,
      SOURCE_ZH[e.source],
      e.id,
    ]);
  }
  const detailRows: [number, number] = [detailHeaderRow + 1, values.length];
  values.push([]);
  const footerRow = values.length;
  values.push([
    `共 ${summary.cadres.length} 名干部、明细 ${entries.length} 条。月度积分不含起始分，年度累计含起始分 ${book.scenario.settings.startingPoints}。如有异议，请向社区两委提出。`,
  ]);
  return {
    tabName: snapshotTabName(opts.month, revision),
    month: opts.month,
    revision,
    title,
    values,
    layout: {
      titleRow: 0,
      metaRow: 1,
      cadreHeaderRow,
      cadreRows,
      detailTitleRow,
      detailHeaderRow,
      detailRows,
      footerRow,
    },
    cadres: summary.cadres.length,
    entries: entries.length,
    publishedAt: opts.publishedAt,
    publisher: opts.publisher,
  };
}

/** The 公示记录 record of a snapshot; the platform supplies SHA-256 (Node crypto, Utilities.computeDigest). */
export function publicationRecord(
  snapshot: Snapshot,
  sha256Hex: (text: string) => string,
): PublicationRecord {
  return {
    period: snapshot.month,
    version: snapshot.revision + 1,
    tabName: snapshot.tabName,
    publisher: snapshot.publisher,
    publishedAt: snapshot.publishedAt,
    rows: snapshot.values.length,
    sha256: sha256Hex(canonicalSnapshotText(snapshot.values)),
  };
}

export type VerifyStatus = 'ok' | 'modified' | 'missing';

export interface VerifyResult {
  period: string;
  tabName: string;
  status: VerifyStatus;
  expected: string;
  actual?: string;
}

/** 校验公示: recomputes every recorded digest from the snapshot tab's current values. */
export function verifyPublications(
  publications: readonly (readonly Cell[])[] | undefined,
  tabValues: (name: string) => readonly (readonly Cell[])[] | undefined,
  sha256Hex: (text: string) => string,
): VerifyResult[] {
  const out: VerifyResult[] = [];
  for (const r of readTable(publications as Cell[][] | undefined, 'publications', ['公示表', 'SHA-256'])
    .rows) {
    const tabName = cellText(r.get('公示表'));
    const expected = cellText(r.get('SHA-256')).toLowerCase();
    const period = cellText(r.get('期间'));
    const values = tabValues(tabName);
    if (!values) {
      out.push({ period, tabName, status: 'missing', expected });
      continue;
    }
    const actual = sha256Hex(canonicalSnapshotText(values));
    out.push({ period, tabName, status: actual === expected ? 'ok' : 'modified', expected, actual });
  }
  return out;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const NUMERIC = new Set(['排名', '基础', '任务', '奖励', '月度积分', '年度累计', '数量', '分值', '积分']);

/** A printable A4 page of the snapshot (bulletin board, group chats), with the digest in the footer. */
export function snapshotHtml(snapshot: Snapshot, sha256: string): string {
  const v = snapshot.values;
  const { layout } = snapshot;
  const table = (headerRow: number, [start, end]: [number, number], cls: string) => {
    const header = (v[headerRow] ?? []).map((h) => cellText(h));
    const head = header
      .map((h) => `<th${NUMERIC.has(h) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`)
      .join('');
    const rows: string[] = [];
    for (let r = start; r < end; r++) {
      const cells = header.map((h, i) => {
        const t = cellText(v[r]?.[i]);
        const tier =
          h === '分档' && t ? ` class="tier ${tierClass(t)}"` : NUMERIC.has(h) ? ' class="num"' : '';
        return `<td${tier}>${escapeHtml(t)}</td>`;
      });
      rows.push(`<tr>${cells.join('')}</tr>`);
    }
    return `<table class="${cls}"><thead><tr>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
  };
  const text = (r: number) => escapeHtml(cellText(v[r]?.[0]));
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(snapshot.title)}</title>
<style>
  @page { size: A4 portrait; margin: 14mm 12mm; }
  body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", sans-serif;
         font-size: 10.5pt; color: #111; margin: 0 auto; max-width: 190mm; }
  h1 { font-size: 17pt; text-align: center; margin: 4mm 0 2mm; }
  h2 { font-size: 12.5pt; margin: 6mm 0 2mm; }
  .meta { text-align: center; color: #444; margin-bottom: 4mm; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 3mm; }
  th, td { border: 0.6pt solid #666; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
  th { background: #e7e6e6; white-space: nowrap; }
  table.details { font-size: 9pt; }
  .details td:nth-child(1), .details td:nth-child(2), .details td:nth-child(3), .details td:nth-child(9) { white-space: nowrap; }
  .details td:nth-child(10) { font-size: 7pt; color: #555; word-break: break-all; }
  .cadres td:nth-child(2), .cadres td:nth-child(3), .cadres td:nth-child(9) { white-space: nowrap; }
  td.num, th.num { text-align: right; white-space: nowrap; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; break-inside: avoid; }
  .tier.top { background: #c6efce; } .tier.bottom { background: #ffeb9c; } .tier.bottom3 { background: #ffc7ce; }
  .footer { margin-top: 4mm; color: #333; }
  .digest { font-family: monospace; font-size: 7.5pt; color: #666; word-break: break-all; margin-top: 2mm; }
  @media print { th, .tier { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
</style>
</head>
<body>
<h1>${text(layout.titleRow)}</h1>
<p class="meta">${text(layout.metaRow)}</p>
${table(layout.cadreHeaderRow, layout.cadreRows, 'cadres')}
<h2>${text(layout.detailTitleRow)}</h2>
${table(layout.detailHeaderRow, layout.detailRows, 'details')}
<p class="footer">${text(layout.footerRow)}</p>
<p class="digest">${escapeHtml(snapshot.tabName)} · SHA-256 ${escapeHtml(sha256)}</p>
</body>
</html>
`;
}

/** CSS class of a 分档 text: the lowest tier wins the colour. */
export function tierClass(text: string): 'top' | 'bottom' | 'bottom3' | '' {
  if (text.includes(TIER_ZH['bottom-three'].label)) return 'bottom3';
  if (text.includes(TIER_ZH['bottom-third'].label)) return 'bottom';
  if (text.includes(TIER_ZH['top-third'].label)) return 'top';
  return '';
}
