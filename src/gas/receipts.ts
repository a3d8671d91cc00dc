// 审核回执: after a review batch, one e-mail per submitter listing only their own claims in that batch.

import { type Cadre, periodLabel } from '../core';
import { cellMonth, cellNumber, cellText } from '../shared/cells';
import { cadreIdFromLabel, cadreLabel } from '../shared/intake';
import { TAB } from '../shared/tabs';
import type { ReviewAction } from '../shared/ui-contract';
import { findResponsesSheet, storedFormId } from './intake-action';
import { type Delivery, deliverMails, isEmail, type OutgoingMail } from './mail-queue';
import { appendRows, readTab } from './sheets-io';
import { columnIndex, loadWorkbook } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const RECEIPT_KIND = '审核回执';

const DECISION: Record<ReviewAction, string> = { approve: '通过', reject: '不通过', adjust: '调整' };

export interface ReceiptItem {
  id: string;
  month: string;
  item: string;
  decision: string;
  points: number;
  claimedPoints: number;
  note: string;
  /** The cadre the claim is for, when the submitter reported someone else. */
  forOther: string;
}

export interface Receipt {
  to: string;
  name: string;
  items: ReceiptItem[];
}

export interface ReceiptPlan {
  receipts: Receipt[];
  /** Claims whose submitter has no address we may write to: id → why. */
  skipped: Array<{ id: string; why: string }>;
  settings: { communityName: string; objectionContact: string };
}

/**
 * The e-mails the responses tab recorded as verified sign-ins. Why only when the form collects VERIFIED
 * addresses: with RESPONDER_INPUT the respondent types the address, which proves nothing
 * (https://developers.google.com/apps-script/reference/forms/email-collection-type); setCollectEmail(true)
 * is the older call for the verified kind
 * (https://developers.google.com/apps-script/reference/forms/form#setCollectEmail(Boolean)).
 */
function verifiedFormEmails(ss: Spreadsheet): Set<string> {
  const out = new Set<string>();
  try {
    const id = storedFormId();
    if (!id) return out;
    const form = FormApp.openById(id) as GoogleAppsScript.Forms.Form & {
      getEmailCollectionType?: () => unknown;
    };
    const types = (FormApp as unknown as { EmailCollectionType?: { VERIFIED?: unknown } })
      .EmailCollectionType;
    const verified =
      typeof form.getEmailCollectionType === 'function' && types?.VERIFIED !== undefined
        ? form.getEmailCollectionType() === types.VERIFIED
        : form.collectsEmail();
    if (!verified) return out;
    const sheet = findResponsesSheet(ss, id);
    if (!sheet || sheet.getLastRow() < 2) return out;
    const values = sheet.getDataRange().getValues();
    const header = (values[0] ?? []).map((h) => String(h).trim());
    // The column the form adds after the timestamp; its header is localised (apps-script-facts §6).
    const at = header.findIndex(
      (h, j) => j > 0 && /^(电子邮件地址|电子邮箱地址|邮箱地址|email address|e-mail address)$/i.test(h),
    );
    if (at < 0) return out;
    for (const r of values.slice(1)) {
      const e = String(r[at] ?? '')
        .trim()
        .toLowerCase();
      if (isEmail(e)) out.add(e);
    }
  } catch {
    // A form we cannot open verifies nothing.
  }
  return out;
}

/**
 * Who gets the receipt of a claim, from its 申报人 cell. 「姓名（编号）」 (what the form's 申报人 question
 * records) → that cadre's 邮箱 in 干部名册. An address → sent only when it is a roster 邮箱 or an address
 * the form recorded as a verified sign-in: a typed address could be anyone's, and a receipt quotes the
 * committee's reasons.
 */
function resolver(ss: Spreadsheet, roster: readonly Cadre[]) {
  const byId = new Map(roster.map((c) => [c.id, c]));
  const byEmail = new Map<string, Cadre>();
  for (const c of roster) {
    const e = (c.email ?? '').trim().toLowerCase();
    if (e) byEmail.set(e, c);
  }
  let verified: Set<string> | null = null;
  return (text: string): { to: string; cadre?: Cadre } | { why: string } => {
    const t = text.trim();
    if (!t) return { why: '申报人为空' };
    if (t.includes('@')) {
      const e = t.toLowerCase();
      if (!isEmail(e)) return { why: `申报人「${t}」不是有效的邮箱` };
      const cadre = byEmail.get(e);
      if (cadre) return { to: e, cadre };
      verified ??= verifiedFormEmails(ss);
      if (verified.has(e)) return { to: e };
      return { why: `申报人邮箱 ${t} 不在干部名册中，也不是申请表记录的登录邮箱` };
    }
    const cadre = byId.get(cadreIdFromLabel(t));
    if (!cadre) return { why: `申报人「${t}」不在干部名册中` };
    const e = (cadre.email ?? '').trim().toLowerCase();
    if (!isEmail(e)) return { why: `申报人 ${cadreLabel(cadre)} 在干部名册中没有登记有效邮箱` };
    return { to: e, cadre };
  };
}

/** Groups the reviewed ledger rows (as they stand after the review) by the submitter's address. */
export function planReceipts(ss: Spreadsheet, ids: readonly string[], action: ReviewAction): ReceiptPlan {
  const wb = loadWorkbook(ss, ['settings', 'roster', 'rules']);
  const ledger = readTab(ss, 'ledger') ?? [];
  const col = (h: string) => columnIndex(ledger, h);
  const c = {
    id: col('编号'),
    month: col('月份'),
    cadre: col('干部编号'),
    rule: col('规则编码'),
    item: col('事项'),
    qty: col('数量'),
    unit: col('分值'),
    points: col('积分'),
    by: col('申报人'),
    note: col('审核意见'),
  };
  const rules = new Map(wb.scenario.rules.map((r) => [r.code, r]));
  const names = new Map(wb.scenario.roster.map((x) => [x.id, x]));
  const rowOf = new Map<string, (typeof ledger)[number]>();
  for (const r of ledger.slice(1)) rowOf.set(cellText(r[c.id], wb.offset), r);
  const resolve = resolver(ss, wb.scenario.roster);
  const byTo = new Map<string, Receipt>();
  const skipped: ReceiptPlan['skipped'] = [];
  for (const id of ids) {
    const r = rowOf.get(id);
    if (!r) continue;
    const who = resolve(cellText(r[c.by], wb.offset));
    if ('why' in who) {
      skipped.push({ id, why: who.why });
      continue;
    }
    const num = (i: number) => {
      const n = cellNumber(r[i]);
      return typeof n === 'number' ? n : undefined;
    };
    const code = cellText(r[c.rule]);
    const qty = num(c.qty) ?? 0;
    const unit = num(c.unit) ?? rules.get(code)?.points ?? 0;
    const points = num(c.points) ?? unit * qty;
    const subject = cellText(r[c.cadre], wb.offset);
    const subjectCadre = names.get(subject);
    const receipt = byTo.get(who.to) ?? { to: who.to, name: who.cadre?.name ?? '', items: [] };
    receipt.items.push({
      id,
      month: cellMonth(r[c.month], wb.offset),
      item: cellText(r[c.item]) || rules.get(code)?.item || code,
      decision: DECISION[action],
      points: action === 'reject' ? 0 : points,
      claimedPoints: points,
      note: cellText(r[c.note]),
      forOther:
        who.cadre && subject && subject !== who.cadre.id
          ? subjectCadre
            ? cadreLabel(subjectCadre)
            : subject
          : '',
    });
    byTo.set(who.to, receipt);
  }
  return { receipts: [...byTo.values()], skipped, settings: wb.settings };
}

/** The receipt as plain Chinese text. */
export function receiptMail(
  r: Receipt,
  ctx: { communityName: string; reviewedAt: string; objectionContact: string },
): OutgoingMail {
  const lines: string[] = [
    `${r.name ? `${r.name}同志` : '您好'}：`,
    '',
    `两委已审核您提交的积分申报（共 ${r.items.length} 条），结果如下：`,
  ];
  r.items.forEach((it, k) => {
    lines.push(
      '',
      `${k + 1}. 事项：${it.item}`,
      `   月份：${periodLabel(it.month)}`,
      ...(it.forOther ? [`   积分干部：${it.forOther}`] : []),
      `   审核结果：${it.decision}`,
      `   积分：${it.decision === '不通过' ? `0 分（申报 ${it.claimedPoints} 分，不计入）` : `${it.points} 分`}`,
      `   审核意见：${it.note || '（无）'}`,
      `   申报编号：${it.id}`,
    );
  });
  lines.push(
    '',
    `审核时间：${ctx.reviewedAt}`,
    `审核结果将在月度公示中体现。如有异议，请在公示期内向${ctx.objectionContact}提出。`,
    '（本邮件由积分台账自动发送，只列出您本人提交的申报）',
  );
  const months = [...new Set(r.items.map((i) => i.month))].sort();
  return {
    kind: RECEIPT_KIND,
    to: r.to,
    subject: `${ctx.communityName} 积分申报审核结果（${months.map(periodLabel).join('、')}，${r.items.length} 条）`,
    body: lines.join('\n'),
    about: `${r.items.map((i) => i.id).join('、')}（${r.items.map((i) => i.decision).join('、')}）`,
  };
}

/**
 * Sends (or queues) the receipts of one review batch, and logs claims whose submitter cannot be
 * written to. Caller holds the document lock.
 */
export function sendReviewReceipts(
  ss: Spreadsheet,
  ids: readonly string[],
  action: ReviewAction,
  who: string,
  nowText: string,
): Delivery & { skipped: number } {
  const plan = planReceipts(ss, ids, action);
  const mails = plan.receipts.map((r) =>
    receiptMail(r, {
      communityName: plan.settings.communityName,
      reviewedAt: nowText,
      objectionContact: plan.settings.objectionContact,
    }),
  );
  const d = deliverMails(ss, mails, who);
  const log = ss.getSheetByName(TAB.log);
  if (log && plan.skipped.length) {
    appendRows(
      log,
      'log',
      plan.skipped.map((s) => [nowText, who, RECEIPT_KIND, `未发送：${s.id} 的${s.why}`, 0]),
    );
  }
  return { ...d, skipped: plan.skipped.length };
}
