// The only file that exposes Apps Script globals: triggers, menu handlers and custom functions.
// Every export becomes a top-level function in dist/Code.js (scripts/build.mjs), keeping its JSDoc.
// Export nothing else: each export is callable from google.script.run and the Run menu.

import { logInputEdit } from './edit-log';
import './zod-config';
import type {
  ActionResult,
  DialogOptions,
  EntryRequest,
  InspectRequest,
  PublishResult,
  ReviewRequest,
  ReviewResult,
  SidebarState,
} from '../shared/ui-contract';
import { doRecompute, doSetup, helpText, menuAction } from './actions';
import { cadreRank, cadreTotal, leaveDays } from './custom-functions';
import { buildMenu } from './menu';
import { runMonthlyNotify } from './notify';
import { servePersonalPage, showPersonalLinks } from './personal-page';
import { runDailyNotify } from './reminders';
import { menuRollover } from './rollover-action';
import { rollupSpreadsheet, setupRollupBook } from './rollup-action';
import {
  doSetupForm,
  doSyncResponses,
  getDialogOptions,
  getSidebarState,
  handleFormSubmit,
  inspect,
  menuNotify,
  menuPublish,
  menuVerify,
  publishFromSidebar,
  review,
  showDialog,
  showSidebar,
  submitDialog,
} from './server-api';

/**
 * Adds the 「积分管理」 menu when the spreadsheet opens (a simple trigger: it does nothing else).
 * @param {Object} e the open event
 */
export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  void e;
  buildMenu(SpreadsheetApp.getUi());
}

/**
 * Logs every hand edit of an input tab (设置、干部名册、积分台账 …) in 操作日志: who, where, old → new.
 * A simple trigger: it runs as the editor, for edits made by hand only.
 * @param {Object} e the edit event
 */
export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  logInputEdit(e);
}

/**
 * Runs when the add-on is installed: same as opening.
 * @param {Object} e the install event
 */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  void e;
  onOpen();
}

/** Menu: 初始化/修复表格. */
export function menuSetup(): void {
  menuAction('初始化/修复表格', () => doSetup());
}

/** Menu: 重新计算. */
export function menuRecompute(): void {
  menuAction('重新计算', () => doRecompute());
}

/** Menu: 打开管理侧栏. */
export function menuOpenSidebar(): void {
  menuAction('打开管理侧栏', () => showSidebar());
}

/** Menu: 录入积分事项. */
export function menuOpenEntryDialog(): void {
  menuAction('录入积分事项', () => showDialog());
}

/** Menu: 发布月度公示. */
export function menuPublishMonth(): void {
  menuAction('发布月度公示', () => menuPublish('month'));
}

/** Menu: 发布半年汇总. */
export function menuPublishHalfYear(): void {
  menuAction('发布半年汇总', () => menuPublish('half'));
}

/** Menu: 校验公示. */
export function menuVerifySnapshots(): void {
  menuAction('校验公示', () => menuVerify());
}

/** Menu: 发布更正公示 (a revised snapshot after upheld objections). */
export function menuPublishCorrection(): void {
  menuAction('发布更正公示', () => menuPublish('correction'));
}

/** Menu: 年度结转 (each January: the year's 公示, an archive copy, the tabs cleared for the next year). */
export function menuYearRollover(): void {
  menuAction('年度结转', () => menuRollover());
}

/** Menu: 同步表单回复. */
export function menuSyncResponses(): void {
  menuAction('同步表单回复', () => doSyncResponses());
}

/** Menu: 创建/更新申请表. */
export function menuSetupForm(): void {
  menuAction('创建/更新申请表', () => doSetupForm());
}

/**
 * Installable trigger: a claim arrived through the linked form (spreadsheet form-submit event).
 * @param {Object} e the form-submit event
 */
export function onFormSubmit(e?: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  handleFormSubmit(e);
}

/**
 * Sidebar: the review state of a month.
 * @param {string} month 2026-10 (optional)
 */
export function sidebarGetState(month?: string): SidebarState {
  return getSidebarState(month);
}

/**
 * Sidebar: approve, reject or adjust pending claims.
 * @param {Object} req the review request
 */
export function sidebarReview(req: ReviewRequest): ReviewResult {
  return review(req);
}

/**
 * Sidebar: the 纪检专干 leaves a 审查意见 on a claim (logged; the claim is not decided).
 * @param {Object} req the inspection request
 */
export function sidebarInspect(req: InspectRequest): ReviewResult {
  return inspect(req);
}

/**
 * Sidebar: 发布月度公示 for a month.
 * @param {string} month 2026-10
 */
export function sidebarPublish(month: string): PublishResult {
  return publishFromSidebar(month);
}

/** Dialog: choices for the entry form. */
export function dialogGetOptions(): DialogOptions {
  return getDialogOptions();
}

/**
 * Dialog: record an event, a month's attendance or a period's scores.
 * @param {Object} req the entry request
 */
export function dialogSubmit(req: EntryRequest): ActionResult {
  return submitDialog(req);
}

/** Menu: 发送申报汇总给纪检专干. */
export function menuNotifyDiscipline(): void {
  menuAction('发送申报汇总', () => menuNotify());
}

/**
 * Time-driven trigger of earlier versions (1st of each month): last month's claims to the 纪检专干, then
 * replaced by the daily trigger. Kept so that triggers already installed keep working.
 * @param {Object} e the time-driven event
 */
export function monthlyNotify(e?: { triggerUid?: string }): void {
  runMonthlyNotify(e);
}

/**
 * Time-driven trigger (daily, 8:00): on the 1st last month's claims to the 纪检专干; queued mail; and
 * 申报提醒 from 3 days before 申报截止日.
 * @param {Object} e the time-driven event
 */
export function dailyNotify(e?: { triggerUid?: string }): void {
  runDailyNotify(e);
}

/**
 * Web app: a cadre's own personal page (个人积分页面). Executes as the deployer, so it decides itself who
 * the visitor is: a signed ?t= link, or a signed-in account of the deployer's Workspace domain.
 * @param {Object} e the GET request event
 */
export function doGet(e?: GoogleAppsScript.Events.DoGet): GoogleAppsScript.HTML.HtmlOutput {
  return servePersonalPage(e as { parameter?: Record<string, string> } | undefined);
}

/** Menu: 个人链接 (each cadre's private page link, shown to the member). */
export function menuPersonalLinks(): void {
  menuAction('个人链接', () => showPersonalLinks(SpreadsheetApp.getActiveSpreadsheet(), false));
}

/** Menu: 重置个人链接 (a new signing secret: every earlier link stops working). */
export function menuResetPersonalLinks(): void {
  menuAction('重置个人链接', () => showPersonalLinks(SpreadsheetApp.getActiveSpreadsheet(), true));
}

/** Menu (in the 街道's own book): 街道：设置社区列表 — the 社区列表 tab of community links. */
export function menuRollupSetup(): void {
  menuAction('街道：设置社区列表', () => setupRollupBook(SpreadsheetApp.getActiveSpreadsheet()));
}

/**
 * Menu (in the 街道's own book): 街道：汇总各社区 — reads each listed community read-only (openByUrl),
 * verifies its 公示, writes 街道总览 and one tab per community.
 */
export function menuRollup(): void {
  menuAction('街道：汇总各社区', () => rollupSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).message);
}

/** Menu: 帮助. */
export function menuHelp(): void {
  menuAction('帮助', () => helpText());
}

/**
 * 干部在某期间的积分合计（月、季度为当期积分；半年、年度含起始分）。可传入一列干部编号。
 * @param {string|string[][]} cadreIds 干部编号，或一列编号
 * @param {string} period 期间：2026-10、2026-Q3、2026-H1 或 2026
 * @param {string} version 请填 JIFEN_VERSION：每次计算、审核后公式随之更新
 * @return 积分合计
 * @customfunction
 */
export function JIFEN_TOTAL(cadreIds: unknown, period: unknown, version?: unknown): unknown {
  void version; // only there so that Sheets recalculates when it changes
  return cadreTotal(cadreIds as never, period as never);
}

/**
 * 干部在某期间的排名（并列同名次：1、2、2、4）。可传入一列干部编号。
 * @param {string|string[][]} cadreIds 干部编号，或一列编号
 * @param {string} period 期间：2026-10、2026-Q3、2026-H1 或 2026
 * @param {string} version 请填 JIFEN_VERSION：每次计算、审核后公式随之更新
 * @return 排名
 * @customfunction
 */
export function JIFEN_RANK(cadreIds: unknown, period: unknown, version?: unknown): unknown {
  void version; // only there so that Sheets recalculates when it changes
  return cadreRank(cadreIds as never, period as never);
}

/**
 * 干部可用积分可抵扣的事假天数（除起始分外每100分抵半天，扣除已兑换）。可传入一列干部编号。
 * @param {string|string[][]} cadreIds 干部编号，或一列编号
 * @param {string} [period] 截至期间，默认本月；也可直接填 JIFEN_VERSION
 * @param {string} [version] 请填 JIFEN_VERSION：每次计算、审核后公式随之更新
 * @return 可抵扣事假天数
 * @customfunction
 */
export function JIFEN_LEAVE_DAYS(cadreIds: unknown, period?: unknown, version?: unknown): unknown {
  void version; // only there so that Sheets recalculates when it changes
  return leaveDays(cadreIds as never, period as never);
}
