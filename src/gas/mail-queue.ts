// Mail to cadres within the MailApp daily quota: what does not fit waits in a hidden 邮件队列 tab and is sent later, never dropped.

import { cellText } from '../shared/cells';
import { TAB } from '../shared/tabs';
import { committeeEmails } from './access';
import { restrictToCommittee } from './protect';
import { appendRows, now } from './sheets-io';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Why a hidden, protected tab and not PropertiesService: property values are limited to 9 KB each and
 * 500 KB per store (https://developers.google.com/apps-script/guides/services/quotas), the script store
 * is shared by every spreadsheet an add-on serves, and the document store may be missing in an add-on's
 * time-driven run (apps-script-facts §3.2) — which is exactly where the queue is sent. A tab of this
 * spreadsheet is there in every run (SpreadsheetApp.openById), holds any number of mails, and is only
 * readable by people who can already read the ledger the mails quote.
 */
export const MAIL_QUEUE_TAB = '邮件队列';
export const MAIL_QUEUE_HEADERS = [
  '编号',
  '加入时间',
  '类型',
  '收件人',
  '主题',
  '正文',
  '状态',
  '备注',
  '校验',
] as const;
export const QUEUED = '待发送';
export const SENT = '已发送';
export const FAILED = '发送失败';

const EMAIL = /^[^\s@，,;；<>]+@[^\s@，,;；<>]+\.[^\s@，,;；<>]+$/;

/** One plain address (no list, no display name): what we send a cadre's mail to. */
export function isEmail(s: string): boolean {
  return EMAIL.test(s);
}

export interface OutgoingMail {
  /** 审核回执 or 申报提醒: the 操作日志 action and the queue's 类型. */
  kind: string;
  to: string;
  subject: string;
  body: string;
  /** What the mail is about, for the log (ids and months; never the body). */
  about: string;
}

export interface Delivery {
  sent: number;
  queued: number;
  failed: number;
  /** Mails sent from the queue (sent earlier, waiting since). */
  fromQueue: number;
  /** Mails still waiting in the queue after this run. */
  waiting: number;
}

const COL = Object.fromEntries(MAIL_QUEUE_HEADERS.map((h, i) => [h, i + 1])) as Record<
  (typeof MAIL_QUEUE_HEADERS)[number],
  number
>;

/** The queue tab, created hidden and protected to the committee on first use (null when absent and !create). */
function queueTab(ss: Spreadsheet, create: boolean): Sheet | null {
  const found = ss.getSheetByName(MAIL_QUEUE_TAB);
  if (found || !create) return found;
  const sheet = ss.insertSheet(MAIL_QUEUE_TAB);
  const header = sheet.getRange(1, 1, 1, MAIL_QUEUE_HEADERS.length);
  header.setNumberFormat('@').setValues([[...MAIL_QUEUE_HEADERS]]);
  sheet
    .getRange(1, COL.状态)
    .setNote(
      '待发送：等邮件额度恢复后自动发送；发送失败：见备注，改回“待发送”即重试。已发送的行会被删除（发送记录在「操作日志」）。其他列请勿修改：改动过的行不会发送。',
    );
  sheet.setFrozenRows(1);
  sheet.hideSheet();
  restrictToCommittee(
    sheet.protect(),
    committeeEmails(ss),
    `「${MAIL_QUEUE_TAB}」是等待发送的邮件（审核回执、申报提醒），仅两委成员可修改`,
  );
  return sheet;
}

/**
 * Why queued rows are signed: the daily run sends them from its installer's account, so a row added or
 * changed in the tab (by anyone who can edit it, the owner included) would be mail in someone else's
 * name. The key lives in script properties, which only the script's own code reads (the guide's example
 * keeps "the username and password for the developer's external database" there,
 * https://developers.google.com/apps-script/guides/properties); a row whose 校验 does not match is not
 * sent. A container-bound copy gives every editor the script editor, so there it only catches mistakes.
 */
const KEY_PROP = 'jifen.mailQueueKey';

function signingKey(): string {
  const props = PropertiesService.getScriptProperties();
  let key = props.getProperty(KEY_PROP);
  if (!key) {
    key = `${Utilities.getUuid()}${Utilities.getUuid()}`;
    props.setProperty(KEY_PROP, key);
  }
  return key;
}

function signature(parts: readonly string[]): string {
  return Utilities.base64Encode(Utilities.computeHmacSha256Signature(parts.join('\u0001'), signingKey()));
}

/** Why a pattern and not the exact text: Google does not document it (apps-script-facts §7.2, §9). */
function isQuotaError(e: unknown): boolean {
  return /too many times|limit exceeded|quota/i.test((e as Error)?.message ?? String(e));
}

function errorText(e: unknown): string {
  return ((e as Error)?.message ?? String(e)).slice(0, 300);
}

/**
 * A cell holds at most 50,000 characters (apps-script-facts §1.6): a body longer than that (a batch of
 * hundreds of claims) is cut with a note rather than failing the whole queue write.
 */
function fitCell(body: string): string {
  const max = 49_000;
  return body.length <= max
    ? body
    : `${body.slice(0, max)}\n……（内容过长，其余条目请查看积分台账或向两委询问）`;
}

type LogRow = [string, string, string, string, number];

function writeLog(ss: Spreadsheet, rows: LogRow[]): void {
  const sheet = ss.getSheetByName(TAB.log);
  if (sheet && rows.length) appendRows(sheet, 'log', rows);
}

/** Recipients left today for the running user; 0 when MailApp cannot tell. */
function quotaLeft(): number {
  try {
    return Math.max(0, Math.floor(MailApp.getRemainingDailyQuota()));
  } catch {
    return 0;
  }
}

function send(m: { to: string; subject: string; body: string }): void {
  MailApp.sendEmail({ to: m.to, subject: m.subject, body: m.body, name: '积分台账' });
}

/**
 * Sends what waits in the queue, oldest first, while the quota lasts. Each row is marked 已发送 the
 * moment its mail is out (a run that dies afterwards does not send it again), and sent rows are deleted
 * at the end. Caller holds the document lock.
 */
export function flushMailQueue(ss: Spreadsheet, who: string): Delivery {
  const out: Delivery = { sent: 0, queued: 0, failed: 0, fromQueue: 0, waiting: 0 };
  const sheet = queueTab(ss, false);
  if (!sheet || sheet.getLastRow() < 2) return out;
  const rows = sheet.getRange(2, 1, sheet.getLastRow() - 1, MAIL_QUEUE_HEADERS.length).getValues();
  const t = now(ss).text;
  const log: LogRow[] = [];
  let left = quotaLeft();
  const done: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const status = cellText(r[COL.状态 - 1] as never);
    if (status === SENT) {
      done.push(i + 2);
      continue;
    }
    if (status !== QUEUED) continue;
    if (left < 1) {
      out.waiting++;
      continue;
    }
    const id = cellText(r[COL.编号 - 1] as never);
    const kind = cellText(r[COL.类型 - 1] as never);
    const to = cellText(r[COL.收件人 - 1] as never);
    const subject = cellText(r[COL.主题 - 1] as never);
    const body = cellText(r[COL.正文 - 1] as never);
    if (!isEmail(to) || cellText(r[COL.校验 - 1] as never) !== signature([id, kind, to, subject, body])) {
      const why = '校验不符：这一行不是系统排入的，或排队后被改动过，未发送';
      sheet.getRange(i + 2, COL.状态, 1, 2).setValues([[FAILED, `${t} ${why}`]]);
      log.push([t, who, kind || '邮件队列', `队列 ${id || `第${i + 2}行`} ${why}（收件人：${to}）`, 0]);
      out.failed++;
      continue;
    }
    try {
      send({ to, subject, body });
    } catch (e) {
      if (isQuotaError(e)) {
        left = 0;
        out.waiting++;
        continue;
      }
      sheet.getRange(i + 2, COL.状态, 1, 2).setValues([[FAILED, `${t} ${errorText(e)}`]]);
      log.push([
        t,
        who,
        kind,
        `队列 ${id} 发送失败（仍保留在「${MAIL_QUEUE_TAB}」）：${to}：${errorText(e)}`,
        0,
      ]);
      out.failed++;
      continue;
    }
    sheet.getRange(i + 2, COL.状态).setValue(SENT);
    left--;
    out.sent++;
    out.fromQueue++;
    done.push(i + 2);
    log.push([t, who, kind, `已发送（队列 ${id}）给 ${to}`, 1]);
  }
  // Bottom up, so the row numbers above stay valid; one call per run of adjacent rows.
  done.sort((a, b) => b - a);
  for (let k = 0; k < done.length; ) {
    let n = 1;
    while (k + n < done.length && done[k + n] === done[k]! - n) n++;
    sheet.deleteRows(done[k + n - 1]!, n);
    k += n;
  }
  writeLog(ss, log);
  return out;
}

/**
 * Sends each mail while today's quota lasts (one recipient each: the quota counts recipients, not
 * messages — https://developers.google.com/apps-script/guides/services/quotas); queues the rest.
 * Older queued mails go first. Every send and every queued mail is one 操作日志 row. Caller holds the
 * document lock.
 */
export function deliverMails(ss: Spreadsheet, mails: readonly OutgoingMail[], who: string): Delivery {
  const out = flushMailQueue(ss, who);
  const t = now(ss);
  const log: LogRow[] = [];
  const queue: Array<{ m: OutgoingMail; status: string; note: string }> = [];
  // Anything still waiting goes first: new mail joins the back of the line.
  let left = out.waiting > 0 ? 0 : quotaLeft();
  for (const m of mails) {
    if (left < 1) {
      queue.push({ m, status: QUEUED, note: '今日邮件额度已用完' });
      continue;
    }
    try {
      send(m);
      left--;
      out.sent++;
      log.push([t.text, who, m.kind, `已发送给 ${m.to}：${m.about}`, 1]);
    } catch (e) {
      if (isQuotaError(e)) {
        left = 0;
        queue.push({ m, status: QUEUED, note: '今日邮件额度已用完' });
      } else {
        queue.push({ m, status: FAILED, note: `${t.text} ${errorText(e)}` });
      }
    }
  }
  if (queue.length) {
    const sheet = queueTab(ss, true)!;
    const stamp = t.text.replace(/\D/g, '');
    const start = Math.max(sheet.getLastRow(), 1);
    const rows = queue.map(({ m, status, note }, k) => {
      const id = `Q${stamp}-${start + k}`;
      if (status === QUEUED) {
        out.queued++;
        log.push([t.text, who, m.kind, `${note}，已排队（队列 ${id}）：${m.to}：${m.about}`, 0]);
      } else {
        out.failed++;
        log.push([
          t.text,
          who,
          m.kind,
          `发送失败（已存入「${MAIL_QUEUE_TAB}」队列 ${id}）：${m.to}：${m.about}：${note}`,
          0,
        ]);
      }
      const body = fitCell(m.body);
      return [
        id,
        t.text,
        m.kind,
        m.to,
        m.subject,
        body,
        status,
        status === QUEUED ? '' : note,
        signature([id, m.kind, m.to, m.subject, body]),
      ];
    });
    const range = sheet.getRange(start + 1, 1, rows.length, MAIL_QUEUE_HEADERS.length);
    range.setNumberFormat('@');
    range.setValues(rows);
    out.waiting += out.queued;
  }
  writeLog(ss, log);
  return out;
}

/** 「已发送 2 封；1 封因今日邮件额度已用完排队，之后自动发送」 for the person who acted. */
export function deliverySummary(what: string, d: Delivery): string {
  const parts: string[] = [];
  if (d.sent)
    parts.push(`已发送${what} ${d.sent} 封${d.fromQueue ? `（含此前排队的 ${d.fromQueue} 封）` : ''}`);
  if (d.queued) parts.push(`${d.queued} 封因今日邮件额度已用完排队，额度恢复后自动发送`);
  if (d.failed) parts.push(`${d.failed} 封发送失败，见「操作日志」`);
  return parts.join('；');
}
