// 申报汇总 to the 纪检专干 (SPEC §1, policy 四(一)): a month's claims by email, on demand or on the 1st of each month.

import { isMonthKey, periodLabel } from '../core';
import { type Cell, cellMonth, cellText } from '../shared/cells';
import { readTable } from '../shared/read-tabs';
import { UserFacingError } from './access';
import { withDocumentLock } from './lock';
import { logAction } from './log';
import { now, offsetMinutes, readTab } from './sheets-io';
import { loadWorkbook } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const NOTIFY_HANDLER = 'monthlyNotify';
/** The daily run (reminders.ts): the mail queue, and 申报提醒 before the deadline. */
export const DAILY_HANDLER = 'dailyNotify';

export interface Digest {
  to: string;
  subject: string;
  body: string;
  claims: number;
}

/** The month's form claims (every status) and intake errors, as a plain-text email. */
export function claimsDigest(ss: Spreadsheet, month: string): Digest {
  const wb = loadWorkbook(ss, ['settings', 'roster']);
  const to = wb.settings.disciplineEmail;
  if (!to) throw new UserFacingError('「设置」表没有填写纪检专干邮箱，无法发送。');
  const offset = offsetMinutes(ss);
  const names = new Map(wb.scenario.roster.map((c) => [c.id, c.name]));
  const ledger = readTable(readTab(ss, 'ledger'), 'ledger', []);
  const lines: string[] = [];
  const count: Record<string, number> = {};
  for (const r of ledger.rows) {
    if (cellText(r.get('来源')) !== '表单' || cellMonth(r.get('月份'), offset) !== month) continue;
    const status = cellText(r.get('状态')) || '待审核';
    count[status] = (count[status] ?? 0) + 1;
    const cadre = cellText(r.get('干部编号'), offset);
    const cell = (h: string): Cell => r.get(h);
    lines.push(
      [
        cellText(cell('编号'), offset),
        `${names.get(cadre) ?? ''}（${cadre}）`,
        cellText(cell('事项')) || cellText(cell('规则编码')),
        `×${cellText(cell('数量'))}`,
        `${cellText(cell('积分'))}分`,
        status,
        `申报人 ${cellText(cell('申报人'))}`,
        cellText(cell('申报时间'), offset),
      ].join('  '),
    );
  }
  const errors = readTable(readTab(ss, 'intakeErrors'), 'intakeErrors', []).rows.filter(
    (r) => cellText(r.get('处理情况')) !== '已处理' && cellText(r.get('原始内容')).includes(`（${month}）`),
  ).length;
  const summary = Object.entries(count)
    .map(([k, v]) => `${k} ${v} 条`)
    .join('，');
  const label = periodLabel(month);
  return {
    to,
    subject: `${wb.settings.communityName} ${label}干部积分申报汇总（${lines.length} 条）`,
    body: [
      `${wb.settings.communityName} ${label}干部积分申报汇总`,
      '',
      `共 ${lines.length} 条${summary ? `：${summary}` : ''}；申报异常 ${errors} 条。`,
      '',
      ...(lines.length ? lines : ['（本月没有通过申请表提交的申报）']),
      '',
      `积分台账：${ss.getUrl()}`,
      '（本邮件由积分台账自动发送）',
    ].join('\n'),
    claims: lines.length,
  };
}

/**
 * "Sent for this month" marker, in script properties keyed by spreadsheet and month. Why: each member
 * who ran 创建/更新申请表 has their own monthly trigger (triggers belong to one user and only they can
 * see or delete them), so several can fire for one month; the first one under the lock sends, the
 * others find the marker. Script properties, not document properties: an add-on's time-driven run has
 * no current document.
 */
const sentKey = (ssId: string, month: string) => `jifen.digestSent.${ssId}.${month}`;

export function digestSentRecord(ss: Spreadsheet, month: string): { by: string; at: string } | null {
  const raw = PropertiesService.getScriptProperties().getProperty(sentKey(ss.getId(), month));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as { by: string; at: string };
  } catch {
    return { by: '', at: raw };
  }
}

/** Sends the digest and logs it. */
export function sendDigest(ss: Spreadsheet, month: string, who: string): string {
  if (!isMonthKey(month)) throw new UserFacingError(`月份格式应为 2026-10（实际：${month}）`);
  const d = claimsDigest(ss, month);
  MailApp.sendEmail({ to: d.to, subject: d.subject, body: d.body, name: '积分台账' });
  PropertiesService.getScriptProperties().setProperty(
    sentKey(ss.getId(), month),
    JSON.stringify({ by: who, at: now(ss).text }),
  );
  logAction(
    ss,
    now(ss).text,
    who,
    '申报汇总',
    `${month} 共 ${d.claims} 条，已发送给纪检专干 ${d.to}`,
    d.claims,
  );
  return `已把${periodLabel(month)}的申报汇总（${d.claims} 条）发送给纪检专干 ${d.to}。`;
}

const triggerKey = (uid: string) => `jifen.notify.${uid}`;

/**
 * Installs exactly one time-driven trigger of this user for this spreadsheet: daily at 8:00, running
 * runDailyNotify (reminders.ts), which sends the digest on the 1st, the mail queue and 申报提醒. Why one
 * trigger and not a monthly plus a daily one: an editor add-on may have only one trigger of each type
 * per user per document (https://developers.google.com/workspace/add-ons/concepts/editor-triggers,
 * apps-script-facts §2.2). Why a property per trigger: an add-on's script properties and triggers are
 * shared by every spreadsheet it serves, so each trigger remembers its own spreadsheet, and only this
 * spreadsheet's old triggers are replaced — the older monthly ones too. getProjectTriggers returns only
 * the caller's triggers (https://developers.google.com/apps-script/reference/script/script-app#getProjectTriggers()):
 * other members keep theirs, and the runs they make are deduplicated by per-month markers.
 */
export function installMonthlyNotify(ss: Spreadsheet): void {
  const props = PropertiesService.getScriptProperties();
  for (const t of ScriptApp.getProjectTriggers()) {
    if (t.getHandlerFunction() !== NOTIFY_HANDLER && t.getHandlerFunction() !== DAILY_HANDLER) continue;
    const target = props.getProperty(triggerKey(t.getUniqueId()));
    if (target === null || target === ss.getId()) {
      ScriptApp.deleteTrigger(t);
      props.deleteProperty(triggerKey(t.getUniqueId()));
    }
  }
  const daily = ScriptApp.newTrigger(DAILY_HANDLER).timeBased().everyDays(1).atHour(8).create();
  props.setProperty(triggerKey(daily.getUniqueId()), ss.getId());
}

/**
 * The spreadsheet a time-driven run serves: the one its trigger recorded, else the active one. Why
 * openById: a time-driven run may have no active spreadsheet (apps-script-facts §1.10).
 */
export function triggerSpreadsheet(e?: { triggerUid?: string }): Spreadsheet | null {
  const id = e?.triggerUid
    ? PropertiesService.getScriptProperties().getProperty(triggerKey(e.triggerUid))
    : null;
  return id ? SpreadsheetApp.openById(id) : SpreadsheetApp.getActiveSpreadsheet();
}

/** The previous month of 'YYYY-MM'. */
export function previousMonthOf(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * Last month's digest unless already sent (logged either way; a failure is logged, not thrown). Caller
 * holds the lock: two members' triggers firing at 8:00 send one email.
 */
export function digestOnce(ss: Spreadsheet, me: string): void {
  const month = previousMonthOf(now(ss).month);
  try {
    const sent = digestSentRecord(ss, month);
    if (sent) {
      logAction(
        ss,
        now(ss).text,
        me,
        '申报汇总',
        `${month} 已由 ${sent.by || '其他成员'} 于 ${sent.at} 发送，本次不再重复发送`,
        0,
      );
      return;
    }
    sendDigest(ss, month, me);
  } catch (err) {
    // No email configured, quota reached: record it; nobody is watching a time-driven run.
    logAction(ss, now(ss).text, me, '申报汇总', `未发送：${(err as Error)?.message ?? String(err)}`, 0);
  }
}

/**
 * A monthly trigger installed before the daily one existed: sends the digest as before, then replaces
 * itself with this user's one daily trigger (a trigger may manage its own user's triggers), so
 * reminders start without anyone re-running 创建/更新申请表.
 */
export function runMonthlyNotify(e?: { triggerUid?: string }): void {
  let ss: Spreadsheet | null = null;
  try {
    ss = triggerSpreadsheet(e);
    if (!ss) return;
    const sheet = ss;
    const me = Session.getEffectiveUser().getEmail();
    withDocumentLock(() => digestOnce(sheet, me));
    try {
      installMonthlyNotify(sheet);
      logAction(
        sheet,
        now(sheet).text,
        me,
        '安装触发器',
        '本账号的月度触发器已换为每日触发器（申报汇总、申报提醒、补发排队邮件）',
        1,
      );
    } catch (err) {
      console.error(err); // the digest went out; the upgrade is tried again next month
    }
  } catch (err) {
    if (ss) {
      logAction(
        ss,
        now(ss).text,
        Session.getEffectiveUser().getEmail(),
        '申报汇总',
        `未发送：${(err as Error)?.message ?? String(err)}`,
        0,
      );
    } else console.error(err);
  }
}
