// 个人积分单 by e-mail after 发布月度公示 / 发布更正公示: one private message per cadre with a roster e-mail, within MailApp's daily quota; never fails the publication.

import { escapeHtml } from '../shared/publish';
import type { RecomputeResult } from '../shared/recompute';
import {
  buildStatements,
  type StatementPublication,
  statementHtml,
  statementSubject,
  statementText,
} from '../shared/statement';
import { TAB } from '../shared/tabs';
import { logAction } from './log';
import { personalLinkMaker } from './personal-page';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface StatementMailReport {
  sent: { cadreId: string; name: string }[];
  /** Had an e-mail but got no message: the quota ran out or the send failed. */
  notSent: { cadreId: string; name: string; reason: string }[];
  /** No (usable) e-mail in 干部名册. */
  noEmail: { cadreId: string; name: string }[];
  /** The publish result's lines about the statements. */
  message: string;
}

/**
 * Why a time budget: one execution may run 6 minutes at most
 * (https://developers.google.com/apps-script/guides/services/quotas, "Script runtime"), and a large
 * community (500 cadres on Workspace) could spend minutes in sendEmail after the publication itself.
 */
export const MAIL_TIME_BUDGET_MS = 120_000;
const OUT_OF_TIME = '本次运行时间不够（Apps Script 单次最长 6 分钟）';

const EMAIL = /^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$/;
const who = (c: { cadreId: string; name: string }) => `${c.name}（${c.cadreId}）`;

/**
 * Mails each cadre of the month their own statement: `to` is that cadre alone (no cc, no bcc), plain
 * text body plus HTML body. The quota counts recipients (one per message here) and is read once:
 * MailApp.getRemainingDailyQuota() "returns the number of recipients you can send emails to for the
 * rest of the day" (https://developers.google.com/apps-script/reference/mail/mail-app); consumer
 * accounts get 100 a day, Workspace 1,500 (https://developers.google.com/apps-script/guides/services/quotas).
 * What does not fit is reported and logged, not queued (the review-receipt queue is separate).
 */
export function mailStatements(
  ss: Spreadsheet,
  result: RecomputeResult,
  month: string,
  publication: StatementPublication,
  actor: string,
  /** Sending stops after this long (ms), before Apps Script's 6-minute execution limit ends the publish run. */
  timeBudgetMs = MAIL_TIME_BUDGET_MS,
): StatementMailReport {
  const started = Date.now();
  const report: StatementMailReport = { sent: [], notSent: [], noEmail: [], message: '' };
  const emails = new Map(result.book.scenario.roster.map((c) => [c.id, (c.email ?? '').trim()]));
  const statements = buildStatements(result, month, publication, publication.publishedAt);
  const linkFor = personalLinkMaker(ss);
  let quota = 0;
  let quotaError = '';
  try {
    quota = MailApp.getRemainingDailyQuota();
  } catch (e) {
    quotaError = `无法读取邮件配额：${(e as Error)?.message ?? String(e)}`;
  }
  for (const s of statements) {
    const c = { cadreId: s.cadreId, name: s.name };
    const to = emails.get(s.cadreId) ?? '';
    if (!EMAIL.test(to)) {
      report.noEmail.push(c);
      continue;
    }
    if (quotaError || quota < 1) {
      report.notSent.push({ ...c, reason: quotaError || '今日邮件配额已用完' });
      continue;
    }
    if (Date.now() - started > timeBudgetMs) {
      report.notSent.push({ ...c, reason: OUT_OF_TIME });
      continue;
    }
    try {
      // The cadre's own personal-page link (src/gas/personal-page.ts), in a message to them alone.
      const url = linkFor?.(s.cadreId) ?? '';
      const lead = '个人积分页面（随时查看最新积分和申报状态；链接只属于您本人，请勿转发）';
      MailApp.sendEmail({
        to,
        subject: statementSubject(s),
        body: url ? `${statementText(s)}\n${lead}：${url}\n` : statementText(s),
        htmlBody: url
          ? statementHtml(s).replace(
              '</body>',
              () =>
                `<p class="footer">${lead}：<a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>\n</body>`,
            )
          : statementHtml(s),
        name: `${s.communityName}积分台账`,
      });
      quota--;
      report.sent.push(c);
    } catch (e) {
      const m = (e as Error)?.message ?? String(e);
      // Past the quota Google throws "Service invoked too many times for one day: email.": stop trying.
      if (/too many times/i.test(m)) quota = 0;
      report.notSent.push({ ...c, reason: quota === 0 ? '今日邮件配额已用完' : `发送失败：${m}` });
    }
  }
  const lines = [`个人积分单：已发送 ${report.sent.length} 人（每人只收到本人的一封）。`];
  if (report.notSent.length) {
    const reasons = [...new Set(report.notSent.map((x) => x.reason))].join('；');
    lines.push(
      `未发送 ${report.notSent.length} 人（${reasons}）：${report.notSent.map(who).join('、')}。` +
        '请两委另行告知本人（可次日在电脑上用 jifen statements 生成个人积分单）。',
    );
  }
  if (report.noEmail.length)
    lines.push(
      `没有邮箱 ${report.noEmail.length} 人：${report.noEmail.map(who).join('、')}（在「${TAB.roster}」填写邮箱后，下次公示起发送）。`,
    );
  report.message = lines.join('\n');
  logAction(
    ss,
    publication.publishedAt,
    actor,
    '发送个人积分单',
    [
      `${publication.tabName}：已发送 ${report.sent.length} 人${report.sent.length ? `（${report.sent.map(who).join('、')}）` : ''}`,
      report.notSent.length
        ? `未发送 ${report.notSent.length} 人（${report.notSent.map((x) => `${who(x)}：${x.reason}`).join('；')}）`
        : '',
      report.noEmail.length
        ? `没有邮箱 ${report.noEmail.length} 人（${report.noEmail.map(who).join('、')}）`
        : '',
    ]
      .filter(Boolean)
      .join('；'),
    report.sent.length,
  );
  return report;
}
