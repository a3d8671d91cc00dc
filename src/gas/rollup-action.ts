// 街道汇总 in Sheets: the sub-district book's 社区列表, and the roll-up reading each community read-only (one getValues per needed tab).

import type { Cell } from '../shared/cells';
import {
  COMMUNITY_LIST_TAB,
  type CommunityRollup,
  OVERVIEW_TAB,
  previousMonth,
  rollupBookValues,
  rollupCommunity,
  type UnreadableCommunity,
} from '../shared/rollup';
import { TAB } from '../shared/tabs';
import { UserFacingError } from './access';
import { withDocumentLock } from './lock';
import { sha256Hex } from './seal-action';
import { ensureSize, now, offsetMinutes } from './sheets-io';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const COMMUNITY_LIST_HEADERS = ['社区名称', '表格链接', '备注'] as const;
/** Document property naming the community tabs the last roll-up wrote (so a rerun replaces them). */
const WRITTEN_KEY = 'JIFEN_ROLLUP_TABS';

/** The roll-up writes into a 街道 book only: never into a community's own 积分台账. */
function refuseCommunityBook(ss: Spreadsheet): void {
  if (ss.getSheetByName(TAB.settings) || ss.getSheetByName(TAB.publications))
    throw new UserFacingError(
      `本表格是社区的积分台账（有「${TAB.settings}」或「${TAB.publications}」表），不能用作街道汇总表。` +
        `请新建一个空白表格，在其中运行「街道：设置社区列表」。`,
    );
}

/** 街道：设置社区列表 — creates the 社区列表 tab (or leaves a filled one as it is). */
export function setupRollupBook(ss: Spreadsheet): string {
  refuseCommunityBook(ss);
  let sheet = ss.getSheetByName(COMMUNITY_LIST_TAB);
  const created = !sheet;
  if (!sheet) sheet = ss.insertSheet(COMMUNITY_LIST_TAB, 0);
  const header = sheet.getRange(1, 1, 1, COMMUNITY_LIST_HEADERS.length);
  header.setValues([[...COMMUNITY_LIST_HEADERS]]);
  header.setFontWeight('bold');
  sheet.setFrozenRows(1);
  sheet.setColumnWidth(1, 140);
  sheet.setColumnWidth(2, 480);
  sheet.setColumnWidth(3, 200);
  return (
    `${created ? '已新建' : '已检查'}「${COMMUNITY_LIST_TAB}」表。\n` +
    '请每行填一个社区：社区名称、该社区积分台账的表格链接（浏览器地址栏中的 https://docs.google.com/spreadsheets/d/… 链接）。' +
    '街道只需要「查看」权限：请各社区把表格共享给运行汇总的账号（查看者即可）。然后运行「街道：汇总各社区」。'
  );
}

interface ListedCommunity {
  row: number;
  name: string;
  link: string;
}

function listedCommunities(ss: Spreadsheet): ListedCommunity[] {
  const sheet = ss.getSheetByName(COMMUNITY_LIST_TAB);
  if (!sheet)
    throw new UserFacingError(
      `没有「${COMMUNITY_LIST_TAB}」表。请先运行「街道：设置社区列表」，填写各社区的表格链接。`,
    );
  const values = sheet.getDataRange().getValues() as Cell[][];
  const out: ListedCommunity[] = [];
  values.slice(1).forEach((r, i) => {
    const name = String(r[0] ?? '').trim();
    const link = String(r[1] ?? '').trim();
    if (name || link) out.push({ row: i + 2, name, link });
  });
  if (!out.length)
    throw new UserFacingError(
      `「${COMMUNITY_LIST_TAB}」表还没有填写任何社区（第2行起：社区名称、表格链接）。`,
    );
  return out;
}

/**
 * One community, read only: getSheets once, then one getDataRange().getValues() per tab the roll-up
 * needs (设置, 公示记录, 异议处理 and each 公示 tab named in 公示记录). No display values, formats or
 * hidden rows: those need per-row calls (isRowHiddenByUser), which 50 communities cannot afford; the
 * community's own 校验公示 checks them. Digests of values and the 摘要 chain are checked here.
 */
export function readCommunitySheet(c: Spreadsheet, source: string, asOf: string): CommunityRollup {
  const byName = new Map<string, Sheet>(c.getSheets().map((s) => [s.getName(), s]));
  const cache = new Map<string, Cell[][] | undefined>();
  const values = (name: string): Cell[][] | undefined => {
    if (!cache.has(name)) {
      const s = byName.get(name);
      cache.set(name, s ? (s.getDataRange().getValues() as Cell[][]) : undefined);
    }
    return cache.get(name);
  };
  return rollupCommunity(
    {
      source,
      settings: values(TAB.settings),
      publications: values(TAB.publications),
      objections: values(TAB.objections),
      snapshot: values,
      offsetMinutes: offsetMinutes(c),
    },
    { asOf, sha256Hex },
  );
}

/** Rewrites a tab with values (rows padded to one width): one clear, one setNumberFormats, one setValues. */
function writeValues(ss: Spreadsheet, name: string, values: Cell[][], index?: number): void {
  const sheet = ss.getSheetByName(name) ?? ss.insertSheet(name, index ?? ss.getSheets().length);
  const width = Math.max(1, ...values.map((r) => r.length));
  const rows = values.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  sheet.clearContents();
  // A new tab has 1000 rows × 26 columns; getRange beyond them throws.
  ensureSize(sheet, rows.length, width);
  const range = sheet.getRange(1, 1, rows.length, width);
  // Text stays text: '2026-01' written into a General cell would be parsed into a date (apps-script-facts §1.3).
  range.setNumberFormats(rows.map((r) => r.map((v) => (typeof v === 'number' ? '0.##' : '@'))));
  range.setValues(rows as (string | number | boolean | Date)[][]);
}

/**
 * Two native bar charts beside the cell bars: 按时公示 per community, and the distribution of year totals.
 * Replaces the charts of the previous run. (The .xlsx side draws the bars in cells only.)
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder
 */
function overviewCharts(sheet: Sheet, overview: readonly (readonly Cell[])[], communities: number): void {
  for (const c of sheet.getCharts()) sheet.removeChart(c);
  const header = overview.findIndex((r) => r[0] === '社区');
  if (communities > 0 && header >= 0) {
    // 1-based: the header row (series names) and one row per community.
    const from = header + 1;
    const to = header + 1 + communities;
    sheet.insertChart(
      sheet
        .newChart()
        .setChartType(Charts.ChartType.BAR)
        .addRange(sheet.getRange(`A${from}:A${to}`))
        .addRange(sheet.getRange(`E${from}:E${to}`))
        .setPosition(from, 15, 0, 0)
        .setOption('title', '各社区按时公示月数')
        .build(),
    );
  }
  const dist = overview.findIndex((r) => r[0] === '分数段');
  const bins = overview.slice(dist + 1).findIndex((r) => typeof r[1] !== 'number');
  const n = bins < 0 ? overview.length - dist - 1 : bins;
  if (dist >= 0 && n > 0)
    sheet.insertChart(
      sheet
        .newChart()
        .setChartType(Charts.ChartType.COLUMN)
        .addRange(sheet.getRange(`A${dist + 1}:B${dist + 1 + n}`))
        .setPosition(dist + 1, 15, 0, 0)
        .setOption('title', '年度合计分布（人数）')
        .build(),
    );
}

export interface RollupOutcome {
  message: string;
  communities: CommunityRollup[];
  unreadable: UnreadableCommunity[];
}

/** 街道：汇总各社区 — reads every listed community (a community that cannot be opened is reported), writes 街道总览 and one tab each. */
export function rollupSpreadsheet(ss: Spreadsheet, asOf?: string): RollupOutcome {
  refuseCommunityBook(ss);
  const list = listedCommunities(ss);
  const t = now(ss);
  const month = asOf ?? previousMonth(t.month);
  const communities: CommunityRollup[] = [];
  const unreadable: UnreadableCommunity[] = [];
  for (const item of list) {
    const source = item.name || item.link;
    if (!/^https:\/\/docs\.google\.com\/spreadsheets\/d\/[\w-]+/.test(item.link)) {
      unreadable.push({
        source,
        reason: `「${COMMUNITY_LIST_TAB}」第${item.row}行的表格链接无效${item.link ? `（${item.link}）` : '（空）'}`,
      });
      continue;
    }
    let c: Spreadsheet;
    try {
      // Throws when the link is wrong, the file is gone or this account may not view it:
      // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openByUrl(String)
      c = SpreadsheetApp.openByUrl(item.link);
    } catch {
      unreadable.push({
        source,
        reason: `打不开（链接有误、表格已删除，或未共享给本账号 ${Session.getEffectiveUser().getEmail() || ''}）`,
      });
      continue;
    }
    try {
      const r = readCommunitySheet(c, item.link, month);
      if (item.name) r.name = item.name;
      communities.push(r);
    } catch (e) {
      unreadable.push({ source, reason: `读取时出错：${(e as Error)?.message ?? String(e)}` });
    }
  }
  const book = rollupBookValues(communities, unreadable, { asOf: month, generatedAt: t.text });
  withDocumentLock(() => {
    writeValues(ss, OVERVIEW_TAB, book.overview, 1);
    overviewCharts(ss.getSheetByName(OVERVIEW_TAB)!, book.overview, communities.length);
    const props = PropertiesService.getDocumentProperties();
    const before: string[] = JSON.parse(props.getProperty(WRITTEN_KEY) ?? '[]');
    const written = book.communities.map((c) => c.tabName);
    for (const c of book.communities) writeValues(ss, c.tabName, c.values);
    // Tabs of communities no longer listed go, so the book never shows stale figures.
    for (const name of before)
      if (!written.includes(name) && name !== COMMUNITY_LIST_TAB && name !== OVERVIEW_TAB) {
        const s = ss.getSheetByName(name);
        if (s) ss.deleteSheet(s);
      }
    props.setProperty(WRITTEN_KEY, JSON.stringify(written));
  });
  const lines = [`已汇总 ${communities.length} 个社区（截至 ${month}），见「${OVERVIEW_TAB}」表。`];
  for (const c of communities) {
    const n = (s: string) => c.months.filter((m) => m.state === s).length;
    lines.push(
      `${c.name}：校验一致 ${n('verified')} 个月，逾期 ${n('late')}，无法校验 ${n('unverifiable')}，被改动 ${n('tampered')}`,
    );
  }
  for (const u of unreadable) lines.push(`无法读取：${u.source}：${u.reason}`);
  return { message: lines.join('\n'), communities, unreadable };
}
