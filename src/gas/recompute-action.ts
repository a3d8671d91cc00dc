// 重新计算 inside Sheets: one read per input tab, the shared recompute workflow, one write per output tab.

import type { Cell } from '../shared/cells';
import type { WorkbookValues } from '../shared/read-tabs';
import { type RecomputeResult, recompute } from '../shared/recompute';
import { sealRefusal } from '../shared/seal';
import { COLUMNS, type ColumnTab, TAB } from '../shared/tabs';
import { committeeEmails, UserFacingError } from './access';
import { reprotectPublishedRows } from './protect';
import { spreadsheetSeals } from './seal-action';
import { tierFormatting } from './setup';
import { commonPrefix, formatsFor, now, offsetMinutes, readTabs, writeTab } from './sheets-io';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const INPUT_READS: readonly ColumnTab[] = [
  'settings',
  'roster',
  'rules',
  'ledger',
  'attendance',
  'scores',
  'redemptions',
  'publications',
];

function sheetOrFail(ss: Spreadsheet, tab: ColumnTab): Sheet {
  const sheet = ss.getSheetByName(TAB[tab]);
  if (!sheet)
    throw new UserFacingError(`缺少「${TAB[tab]}」表，请先运行菜单「积分管理 › 初始化/修复表格」。`);
  return sheet;
}

/** Reads every input tab, runs the workflow, writes 积分台账 and the output tabs. Caller holds the lock. */
export function recomputeSpreadsheet(ss: Spreadsheet): RecomputeResult {
  return recomputeWithValues(ss).result;
}

/** recomputeSpreadsheet, also handing back the tab values it read (for publish checks). */
export function recomputeWithValues(
  ss: Spreadsheet,
  defaultYear?: number,
  action = '重新计算',
): { result: RecomputeResult; values: WorkbookValues } {
  const ledgerSheet = sheetOrFail(ss, 'ledger');
  const monthly = sheetOrFail(ss, 'monthly');
  const yearly = sheetOrFail(ss, 'yearly');
  const problems = sheetOrFail(ss, 'problems');
  sheetOrFail(ss, 'roster');
  const values = readTabs(ss, INPUT_READS);
  // A sealed month whose rows, snapshot or record changed would silently change published results:
  // stop before computing anything, naming every change (README, 信任模型).
  const refusal = sealRefusal(spreadsheetSeals(ss, values), action);
  if (refusal) throw new UserFacingError(refusal);
  const publishedIds = snapshotEntryIds(ss, values);
  // The ledger's own number formats, so rows written back keep exactly the format they had.
  const oldFormats = ledgerSheet.getDataRange().getNumberFormats();
  const t = now(ss);
  const res = recompute(values, {
    nowMonth: t.month,
    nowText: t.text,
    offsetMinutes: offsetMinutes(ss, t.date),
    ...(defaultYear ? { defaultYear } : {}),
    publishedIds,
  });

  const width = res.ledger[0]!.length;
  const systemFormats = formatsFor('ledger', 1, width)[0]!;
  const ledgerFormats: string[][] = [
    new Array(width).fill('@'),
    ...res.ledgerSourceRows.map((row) => {
      const old = row === null ? undefined : oldFormats[row - 1];
      return old ? [...old, ...systemFormats.slice(old.length)].slice(0, width) : systemFormats.slice();
    }),
  ];
  // Someone typed into 积分台账 while we computed (the lock only keeps other scripts out): writing now
  // would overwrite or clear what they typed, so stop before writing anything.
  if (ledgerSheet.getLastRow() !== (values.ledger?.length ?? 0)) {
    throw new UserFacingError(
      '计算期间「积分台账」有新输入。为免覆盖，本次没有写入任何内容；请再运行一次「重新计算」。',
    );
  }
  // Only from the first row that changes: usually the regenerated system rows at the end. Those rows
  // are read once more first: an edit made meanwhile inside them must not be silently reverted.
  const old = values.ledger ?? [];
  const from = commonPrefix(res.ledger, old);
  if (from < old.length) {
    const width = Math.max(1, ...old.map((r) => r.length));
    const now = ledgerSheet.getRange(from + 1, 1, old.length - from, width).getValues() as Cell[][];
    if (commonPrefix(now, old.slice(from)) < old.length - from) {
      throw new UserFacingError(
        '计算期间「积分台账」有内容被修改。为免覆盖，本次没有写入任何内容；请再运行一次「重新计算」。',
      );
    }
  }
  writeTab(ledgerSheet, res.ledger, ledgerFormats, from);
  if (res.book.scenario.publishedMonths.length > 0 && (from < res.ledger.length || from < old.length)) {
    reprotectPublishedRows(ss, res.ledger, res.book.scenario.publishedMonths, committeeEmails(ss));
  }
  writeSummary(monthly, res.monthly, 'monthly');
  writeSummary(yearly, res.yearly, 'yearly');
  writeTab(problems, res.problems, formatsFor('problems', res.problems.length, COLUMNS.problems.length));
  drawChart(yearly, res);
  return { result: res, values };
}

/** Entry ids (条目编号 column) of each published month's latest snapshot: one read per published month. */
export function snapshotEntryIds(ss: Spreadsheet, values: WorkbookValues): Map<string, Set<string>> {
  const latest = new Map<string, { version: number; tab: string }>();
  for (const r of (values.publications ?? []).slice(1)) {
    const period = String(r[0] ?? '').trim();
    if (!/^\d{4}-\d{2}$/.test(period)) continue;
    const version = Number(r[1]) || 1;
    if ((latest.get(period)?.version ?? 0) <= version)
      latest.set(period, { version, tab: String(r[2] ?? '') });
  }
  const out = new Map<string, Set<string>>();
  for (const [month, { tab }] of latest) {
    const sheet = ss.getSheetByName(tab);
    if (!sheet) continue; // a missing snapshot is 校验公示's finding; do not refuse rows because of it
    const rows = sheet.getDataRange().getValues();
    const at = rows.findIndex((r) => r[9] === '条目编号');
    out.set(
      month,
      new Set(
        rows
          .slice(at + 1)
          .map((r) => String(r[9] ?? ''))
          .filter(Boolean),
      ),
    );
  }
  return out;
}

function writeSummary(sheet: Sheet, values: Cell[][], tab: ColumnTab): void {
  writeTab(sheet, values, formatsFor(tab, values.length, COLUMNS[tab].length));
  tierFormatting(sheet);
}

/** A column chart of each cadre's year total, beside 年度汇总 (replaced on every recompute). */
function drawChart(sheet: Sheet, res: RecomputeResult): void {
  for (const c of sheet.getCharts()) sheet.removeChart(c);
  const yearKey = String(res.year);
  const first = res.yearly.findIndex((r) => r[0] === yearKey);
  if (first < 1) return;
  const count = res.yearly.length - first;
  const nameCol = COLUMNS.yearly.findIndex((c) => c.header === '姓名') + 1;
  const totalCol = COLUMNS.yearly.findIndex((c) => c.header === '合计') + 1;
  const chart = sheet
    .newChart()
    .setChartType(Charts.ChartType.COLUMN)
    .addRange(sheet.getRange(first + 1, nameCol, count, 1))
    .addRange(sheet.getRange(first + 1, totalCol, count, 1))
    .setPosition(2, COLUMNS.yearly.length + 2, 0, 0)
    .setOption('title', `${yearKey}年度积分合计（截至 ${res.asOf}）`)
    .setOption('legend', { position: 'none' })
    .build();
  sheet.insertChart(chart);
}
