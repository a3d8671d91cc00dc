// Implementations of the page-callable functions (ServerApi) and the form trigger, with error shaping.

import { TAB } from '../shared/tabs';
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
import { requireCommittee, requireWritable, UserFacingError } from './access';
import { doRecompute } from './actions';
import { dialogOptions, submitEntry } from './dialog';
import { createOrUpdateForm } from './form';
import { syncResponses } from './intake-action';
import { withDocumentLock } from './lock';
import { logAction } from './log';
import { deliverySummary } from './mail-queue';
import { sendDigest } from './notify';
import { publishCorrection, publishHalfYear, publishMonth, verifySnapshots } from './publish-action';
import { sendReviewReceipts } from './receipts';
import { applyInspection, applyReview, sidebarState } from './review';
import { now } from './sheets-io';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const active = (): Spreadsheet => SpreadsheetApp.getActiveSpreadsheet();

/** Turns any failure into { ok: false, message } — page failure handlers get unreliable text. */
function shaped<T extends ActionResult>(fallback: Omit<T, 'ok' | 'message'>, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const message =
      e instanceof UserFacingError ? e.message : `操作没有完成：${(e as Error)?.message ?? String(e)}`;
    if (!(e instanceof UserFacingError)) console.error(e);
    return { ...fallback, ok: false, message } as T;
  }
}

/** Unexpected failures while reading become a Chinese message (the page shows what it receives). */
function readOrExplain<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof UserFacingError) throw e;
    console.error(e);
    throw new Error(
      `读取${what}失败：${(e as Error)?.message ?? String(e)}。请先运行「积分管理 › 初始化/修复表格」，仍有问题请联系维护人员。`,
    );
  }
}

export function getSidebarState(month?: string): SidebarState {
  return readOrExplain('审核数据', () => sidebarState(active(), month));
}

export function review(req: ReviewRequest): ReviewResult {
  const ss = active();
  const result = shaped<ReviewResult>({ changed: 0, state: null }, () =>
    withDocumentLock(() => {
      // Only the committee decides (SPEC §1); the 纪检专干 inspects through inspectClaim.
      const who = requireCommittee(ss, '审核（通过、驳回、调整）申报');
      requireWritable(ss, [TAB.log]);
      const at = now(ss).text;
      const { reviewed, ...res } = applyReview(ss, req, who, at);
      if (reviewed?.length) res.message += receiptsNote(ss, reviewed, req.action, who, at);
      return res;
    }),
  );
  // Fresh state after the lock is released, so the page redraws from what is stored.
  try {
    result.state = sidebarState(ss, req?.month);
  } catch {
    result.state = null;
  }
  return result;
}

/**
 * 审核回执 for a batch just written. Why never thrown: the review is already in the ledger, and a mail
 * problem must not make the sidebar report it as failed; receipts that did not go out wait in the queue.
 */
function receiptsNote(
  ss: Spreadsheet,
  ids: string[],
  action: ReviewRequest['action'],
  who: string,
  at: string,
): string {
  try {
    const d = sendReviewReceipts(ss, ids, action, who, at);
    const said = deliverySummary('审核回执', d);
    const skipped = d.skipped
      ? `${said ? '；' : ''}${d.skipped} 条的申报人没有可用邮箱，未发回执（见「操作日志」）`
      : '';
    return said || skipped ? `；${said}${skipped}` : '';
  } catch (e) {
    console.error(e);
    return `；审核回执未能发送：${(e as Error)?.message ?? String(e)}`;
  }
}

/** The 纪检专干 (or a committee member) leaves a 审查意见 on a claim: logged in 操作日志, status unchanged. */
export function inspect(req: InspectRequest): ReviewResult {
  const ss = active();
  const result = shaped<ReviewResult>({ changed: 0, state: null }, () =>
    withDocumentLock(() => {
      const who = requireCommittee(ss, '填写审查意见', true);
      requireWritable(ss, [TAB.log]);
      return applyInspection(ss, req, who, now(ss).text);
    }),
  );
  try {
    result.state = sidebarState(ss, req?.month);
  } catch {
    result.state = null;
  }
  return result;
}

export function getDialogOptions(): DialogOptions {
  return readOrExplain('录入选项', () => dialogOptions(active()));
}

export function submitDialog(req: EntryRequest): ActionResult {
  const ss = active();
  return shaped<ActionResult>({}, () =>
    withDocumentLock(() => {
      const who = requireCommittee(ss, '录入积分事项');
      requireWritable(ss, [TAB.log]);
      return submitEntry(ss, req, who);
    }),
  );
}

/** The installable form-submit trigger: takes in every new response (this one and any missed). */
export function handleFormSubmit(e?: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  const ss = e?.range?.getSheet().getParent() ?? active();
  withDocumentLock(() => {
    const res = syncResponses(ss);
    const t = now(ss);
    logAction(
      ss,
      t.text,
      Session.getEffectiveUser().getEmail(),
      '表单申报',
      `新增待审核 ${res.ledgerRows.length} 条，申报异常 ${res.errorRows.length} 条，重复送达 ${res.duplicates} 条`,
      res.ledgerRows.length + res.errorRows.length,
    );
  }, 60000);
}

export function doSyncResponses(ss: Spreadsheet = active()): string {
  return withDocumentLock(() => {
    const who = requireCommittee(ss, '同步表单回复');
    requireWritable(ss, [TAB.intakeErrors, TAB.log]);
    const res = syncResponses(ss);
    const t = now(ss);
    const detail = `扫描 ${res.scanned} 条回复：新增待审核 ${res.ledgerRows.length} 条，申报异常 ${res.errorRows.length} 条，已处理过 ${res.duplicates} 条`;
    logAction(ss, t.text, who, '同步表单回复', detail, res.ledgerRows.length + res.errorRows.length);
    return `同步完成。${detail}。`;
  });
}

export function doSetupForm(ss: Spreadsheet = active()): string {
  return withDocumentLock(() => {
    const who = requireCommittee(ss, '创建/更新申请表');
    const r = createOrUpdateForm(ss);
    const t = now(ss);
    logAction(
      ss,
      t.text,
      who,
      '创建/更新申请表',
      `${r.created ? '新建' : '更新'}：${r.cadres} 名干部，${r.rules} 项可申报事项`,
      1,
    );
    const replaced = r.replacedDeleted
      ? '原申请表已无法打开（已被删除），已新建申请表：发给干部的旧链接已失效，请发送下面的新链接。\n\n'
      : '';
    const others = r.otherInstallers.length
      ? `\n\n注意：${r.otherInstallers.map((o) => `${o.email}（${o.at}）`).join('、')} 也为本表格安装过申请表和月度汇总的触发器。Google 只允许安装者本人查看和删除自己的触发器，它们仍在运行；重复运行不会重复入账，也不会重复发送月度汇总（每月只发一次）。如该成员已不再负责，请其打开 Apps Script 编辑器的「触发器」页面删除。`
      : '';
    return `${replaced}${r.created ? '已创建' : '已更新'}《干部积分申请表》：${r.cadres} 名干部，${r.rules} 项可申报事项。\n\n${r.domainOnly ? '申请表要求用本单位账号登录，并自动记录登录邮箱作为申报人。' : '申请表要求用 Google 账号登录，并自动记录登录邮箱作为申报人（个人账号无法限定单位域名）。'}请让每位干部在「干部名册」登记这个邮箱。\n\n请把下面的链接发到干部微信群：\n${r.url}\n\n（编辑链接：${r.editUrl}）${others}`;
  });
}

export function showSidebar(): string {
  const ss = active();
  requireCommittee(ss, '打开管理侧栏', true); // the 纪检专干 inspects there
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('积分管理');
  SpreadsheetApp.getUi().showSidebar(html);
  return '';
}

export function showDialog(): string {
  const ss = active();
  requireCommittee(ss, '录入积分事项');
  const html = HtmlService.createHtmlOutputFromFile('Dialog').setWidth(760).setHeight(600);
  SpreadsheetApp.getUi().showModalDialog(html, '录入积分事项');
  return '';
}

export { doRecompute };

/** Sidebar: 发布月度公示 for the month shown. */
export function publishFromSidebar(month: string): PublishResult {
  const ss = active();
  const result = shaped<PublishResult>({ state: null }, () =>
    withDocumentLock(() => {
      const who = requireCommittee(ss, '发布月度公示');
      requireWritable(ss, [TAB.publications, TAB.monthly, TAB.yearly, TAB.log, TAB.ledger]);
      const out = publishMonth(ss, String(month ?? ''), who);
      return {
        ok: true,
        message: out.message,
        sheetName: out.sheetName,
        digest: out.digest,
        ...(out.pdfUrl ? { pdfUrl: out.pdfUrl } : {}),
        state: null,
      };
    }, 120000),
  );
  try {
    result.state = sidebarState(ss, month);
  } catch {
    result.state = null;
  }
  return result;
}

/** Asks for a period in a prompt; returns null when cancelled. */
function askPeriod(title: string, hint: string, suggestion: string): string | null {
  const ui = SpreadsheetApp.getUi();
  const r = ui.prompt(title, `${hint}\n（直接确定则为 ${suggestion}）`, ui.ButtonSet.OK_CANCEL);
  if (r.getSelectedButton() !== ui.Button.OK) return null;
  return r.getResponseText().trim().toUpperCase() || suggestion;
}

function previousMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function menuPublish(kind: 'month' | 'correction' | 'half'): string {
  const ss = active();
  requireCommittee(ss, kind === 'half' ? '发布半年汇总' : '发布公示');
  const t = now(ss);
  const suggestion =
    kind === 'half'
      ? `${t.month.slice(0, 4)}-H${Number(t.month.slice(5)) <= 6 ? 1 : 2}`
      : previousMonth(t.month);
  const period = askPeriod(
    { month: '发布月度公示', correction: '发布更正公示', half: '发布半年汇总' }[kind],
    kind === 'half' ? '请输入半年期间，如 2026-H1' : '请输入月份，如 2026-10',
    suggestion,
  );
  if (period === null) return '已取消。';
  return withDocumentLock(() => {
    const who = requireCommittee(ss, '发布公示');
    requireWritable(ss, [TAB.publications, TAB.monthly, TAB.yearly, TAB.log, TAB.ledger]);
    if (kind === 'half') return publishHalfYear(ss, period, who).message;
    if (kind === 'correction') return publishCorrection(ss, period, who).message;
    return publishMonth(ss, period, who).message;
  }, 120000);
}

export function menuNotify(): string {
  const ss = active();
  requireCommittee(ss, '发送申报汇总');
  const month = askPeriod('发送申报汇总给纪检专干', '请输入月份，如 2026-10', previousMonth(now(ss).month));
  if (month === null) return '已取消。';
  return withDocumentLock(() => sendDigest(ss, month, requireCommittee(ss, '发送申报汇总')));
}

export function menuVerify(): string {
  const ss = active();
  return withDocumentLock(() => {
    const who = requireCommittee(ss, '校验公示');
    return verifySnapshots(ss, who).message;
  });
}
