// 申报提醒: 3 days before 申报截止日, one e-mail to each active cadre who has not claimed for the month; and the daily run that sends it.

import { type Cadre, isActive, isMonthKey, nextMonth, periodLabel } from '../core';
import { cellMonth, cellText } from '../shared/cells';
import { cadreIdFromLabel } from '../shared/intake';
import { committeeEmails } from './access';
import { FORM_ID_KEY } from './intake-action';
import { withDocumentLock } from './lock';
import { logAction } from './log';
import { deliverMails, deliverySummary, flushMailQueue, isEmail, type OutgoingMail } from './mail-queue';
import { digestOnce, previousMonthOf, triggerSpreadsheet } from './notify';
import { now } from './sheets-io';
import { columnIndex, loadWorkbook } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * The 设置 switch. A Sheets-only row (like 数据版本, see setup.ts seedSettings): the .xlsx book shares
 * SETTINGS_ROWS, and mail exists only in Sheets.
 */
export const REMINDER_KEY = '申报提醒';
export const REMINDER_NOTE =
  '是：申报截止日前 3 天起，给当月还没有通过申请表申报的在职干部各发一封提醒邮件（每月一次）；否：不发送';
export const REMINDER_KIND = '申报提醒';
/** How many days before the deadline the reminder goes out. */
export const REMINDER_DAYS = 3;

function addDays(day: string, n: number): string {
  const d = new Date(
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + n),
  );
  return d.toISOString().slice(0, 10);
}

/** 申报截止日 of a month as 'YYYY-MM-DD': its last day (月末, 0), or day 1–28 of the next month (as isLate). */
export function deadlineOf(month: string, deadlineDay: number): string {
  if (deadlineDay >= 1) return `${nextMonth(month)}-${String(deadlineDay).padStart(2, '0')}`;
  return addDays(`${nextMonth(month)}-01`, -1);
}

/**
 * The month whose reminder is due on `today`: from REMINDER_DAYS before its deadline through the
 * deadline itself. Why a window and not one day: a daily run that fails or is late one day still
 * reminds; the per-month marker keeps it to one reminder.
 */
export function reminderMonth(today: string, deadlineDay: number): string | null {
  const thisMonth = today.slice(0, 7);
  for (const m of [previousMonthOf(thisMonth), thisMonth]) {
    const end = deadlineOf(m, deadlineDay);
    if (addDays(end, -REMINDER_DAYS) <= today && today <= end) return m;
  }
  return null;
}

/** 「2026年10月31日」. */
function dayLabel(day: string): string {
  return `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** Is the switch on? Missing or empty means on (default 是); 否/不/关 and the like turn it off. */
export function remindersOn(settings: unknown[][] | undefined): boolean {
  const row = (settings ?? []).find((r) => String(r[0] ?? '').trim() === REMINDER_KEY);
  const v = String(row?.[1] ?? '')
    .trim()
    .toLowerCase();
  return !['否', '不', '关', '关闭', '不发送', 'no', 'n', 'false', '0'].includes(v);
}

/** Marker in script properties, per spreadsheet and month (why: see notify.ts sentKey). */
const sentKey = (ssId: string, month: string) => `jifen.reminderSent.${ssId}.${month}`;

function sentRecord(ss: Spreadsheet, month: string): { by: string; at: string } | null {
  const raw = PropertiesService.getScriptProperties().getProperty(sentKey(ss.getId(), month));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as { by: string; at: string };
  } catch {
    return { by: '', at: raw };
  }
}

/** The claim form's link, when this run can see it (document properties may be missing in a time-driven run). */
function formUrl(): string {
  try {
    const id = PropertiesService.getDocumentProperties()?.getProperty(FORM_ID_KEY);
    return id ? FormApp.openById(id).getPublishedUrl() : '';
  } catch {
    return '';
  }
}

/**
 * Active cadres with a roster 邮箱 who submitted no form claim for `month` (as 申报人: 「姓名（编号）」 or
 * their roster address). A claim someone else made about them does not count: the reminder is about
 * their own declaration.
 */
export function nonClaimers(
  ss: Spreadsheet,
  month: string,
): { cadres: Cadre[]; communityName: string; deadline: string } {
  const wb = loadWorkbook(ss, ['settings', 'roster', 'ledger']);
  const ledger = wb.values.ledger ?? [];
  const [cMonth, cSource, cBy] = ['月份', '来源', '申报人'].map((h) => columnIndex(ledger, h)) as [
    number,
    number,
    number,
  ];
  const byEmail = new Map<string, string>();
  for (const c of wb.scenario.roster) {
    const e = (c.email ?? '').trim().toLowerCase();
    if (e) byEmail.set(e, c.id);
  }
  const claimed = new Set<string>();
  for (const r of ledger.slice(1)) {
    if (cellText(r[cSource]) !== '表单' || cellMonth(r[cMonth], wb.offset) !== month) continue;
    const by = cellText(r[cBy], wb.offset);
    const id = by.includes('@') ? byEmail.get(by.toLowerCase()) : cadreIdFromLabel(by);
    if (id) claimed.add(id);
  }
  return {
    cadres: wb.scenario.roster.filter(
      (c) => isActive(c, month) && isEmail((c.email ?? '').trim()) && !claimed.has(c.id),
    ),
    communityName: wb.settings.communityName,
    deadline: deadlineOf(month, wb.settings.deadlineDay),
  };
}

export function reminderMail(
  c: Cadre,
  ctx: { month: string; communityName: string; deadline: string; url: string },
): OutgoingMail {
  const label = periodLabel(ctx.month);
  return {
    kind: REMINDER_KIND,
    to: (c.email ?? '').trim().toLowerCase(),
    subject: `${ctx.communityName} ${label}积分申报提醒（截止 ${dayLabel(ctx.deadline)}）`,
    body: [
      `${c.name}同志：`,
      '',
      `您还没有通过《干部积分申请表》提交${label}的积分申报。申报截止日为 ${dayLabel(ctx.deadline)}，请在截止日前如实申报本人的积分事项；如${label}没有可申报的事项，请忽略本邮件。`,
      '',
      ctx.url ? `申请表：${ctx.url}` : '申请表链接见两委发到干部微信群的通知。',
      '',
      '（本邮件由积分台账自动发送，每月一次；两委可在「设置」表把「申报提醒」改为“否”关闭）',
    ].join('\n'),
    about: `${ctx.month} 申报提醒`,
  };
}

/** Sends (or queues) the month's reminders and sets the month's marker. Caller holds the lock. */
export function sendReminders(ss: Spreadsheet, month: string, who: string): string {
  const info = nonClaimers(ss, month);
  const t = now(ss);
  const url = info.cadres.length ? formUrl() : '';
  const mails = info.cadres.map((c) =>
    reminderMail(c, { month, communityName: info.communityName, deadline: info.deadline, url }),
  );
  const d = deliverMails(ss, mails, who);
  PropertiesService.getScriptProperties().setProperty(
    sentKey(ss.getId(), month),
    JSON.stringify({ by: who, at: t.text }),
  );
  const said = mails.length
    ? `${month} 尚未申报的在职干部 ${mails.length} 名：${deliverySummary('申报提醒', d)}`
    : `${month} 在职干部均已申报（或没有登记邮箱），无需提醒`;
  logAction(ss, t.text, who, REMINDER_KIND, said, mails.length);
  return said;
}

/**
 * The daily time-driven run (the one time trigger per installer, notify.ts installMonthlyNotify): on the
 * 1st last month's digest, then whatever waits in 邮件队列, then the month's reminder when it is due,
 * switched on and not yet sent. Markers are checked and set under the lock, so two members' triggers
 * firing the same morning send once.
 */
export function runDailyNotify(e?: { triggerUid?: string }): void {
  let ss: Spreadsheet | null = null;
  try {
    ss = triggerSpreadsheet(e);
    if (!ss) return;
    const sheet = ss;
    const me = Session.getEffectiveUser().getEmail();
    // Only for the committee: a trigger runs as its installer (a member when installed), but the handler
    // is a global anyone could call through google.script.run; and a member since removed should stop
    // sending in the committee's name. A non-member cannot write 操作日志, hence the console.
    if (!me || !committeeEmails(sheet).includes(me.toLowerCase())) {
      console.warn(`每日邮件未运行：${me || '（未知账号）'} 不是两委成员`);
      return;
    }
    withDocumentLock(() => {
      const t = now(sheet);
      // The 1st: last month's claims to the 纪检专干 (policy 四(一)), as the monthly trigger did.
      if (t.day.endsWith('-01')) digestOnce(sheet, me);
      flushMailQueue(sheet, me);
      const wb = loadWorkbook(sheet, ['settings', 'publications']);
      const month = reminderMonth(t.day, wb.settings.deadlineDay);
      if (!month || !isMonthKey(month) || !remindersOn(wb.values.settings as unknown[][] | undefined)) return;
      if (wb.published.has(month)) return; // published early: too late to claim
      const sent = sentRecord(sheet, month);
      if (sent) {
        // Logged only for a second run the same day (another member's trigger), not every day of the window.
        if (sent.at.slice(0, 10) === t.day) {
          logAction(
            sheet,
            t.text,
            me,
            REMINDER_KIND,
            `${month} 已由 ${sent.by || '其他成员'} 于 ${sent.at} 发送，本次不再重复发送`,
            0,
          );
        }
        return;
      }
      sendReminders(sheet, month, me);
    });
  } catch (err) {
    if (ss) {
      logAction(
        ss,
        now(ss).text,
        Session.getEffectiveUser().getEmail(),
        REMINDER_KIND,
        `每日邮件未完成：${(err as Error)?.message ?? String(err)}`,
        0,
      );
    } else console.error(err);
  }
}
