// Claim intake, platform-neutral: form responses → 待审核 ledger rows or 申报异常 rows, exactly once each.

import {
  isActive,
  isMonthKey,
  MAX_QUANTITY,
  monthKey,
  monthNumber,
  nextMonth,
  type Rule,
  SOURCE_ZH,
  STATUS_ZH,
} from '../core';
import { type Cell, cellDate, cellMonth, cellNumber, cellText } from './cells';
import { headersOf } from './tabs';

/** Question titles of the claim form; the responses sheet names its columns after them. */
export const FORM_TITLES = {
  submitter: '申报人',
  subject: '积分干部',
  month: '积分月份',
  rule: '积分事项',
  quantity: '数量',
  eventDate: '事项日期',
  evidence: '得分依据',
  link: '证明材料链接',
} as const;

export const SELF = '本人';
export const FORM_TITLE = '干部积分申请表';

/** 「姓名（编号）」 as the form lists cadres. */
export function cadreLabel(c: { id: string; name: string }): string {
  return `${c.name}（${c.id}）`;
}

/** 「事项（+5分）〔CODE〕」 as the form lists rules; the code makes the answer unambiguous. */
export function ruleLabel(r: Pick<Rule, 'code' | 'item' | 'points'>): string {
  return `${r.item}（${r.points > 0 ? '+' : ''}${r.points}分）〔${r.code}〕`;
}

/** 「2026年10月份（2026-10）」: a month choice Sheets will not turn into a date. */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月份（${month}）`;
}

/** Month choices offered on the form: three months back through the end of the current year. */
export function monthChoices(nowMonth: string): string[] {
  const out: string[] = [];
  let y = Number(nowMonth.slice(0, 4));
  let m = Number(nowMonth.slice(5, 7)) - 3;
  if (m < 1) {
    m += 12;
    y -= 1;
  }
  const end = `${nowMonth.slice(0, 4)}-12`;
  for (let key = monthKey(y, m); key <= end; key = nextMonth(key)) out.push(key);
  return out;
}

/** The month of an answer: a month label, '2026-10', '2026/10', or a Date cell. */
export function monthFromAnswer(v: Cell, offsetMinutes: number): string {
  if (v instanceof Date) return cellMonth(v, offsetMinutes);
  const t = cellText(v, offsetMinutes);
  const inLabel = /（(\d{4}-\d{2})）\s*$/.exec(t);
  if (inLabel) return inLabel[1]!;
  return cellMonth(t, offsetMinutes);
}

export function cadreIdFromLabel(label: string): string {
  const m = /（([^（）]+)）\s*$/.exec(label) ?? /\(([^()]+)\)\s*$/.exec(label);
  return m ? m[1]!.trim() : label.trim();
}

export function ruleCodeFromLabel(label: string): string {
  const m = /〔([^〔〕]+)〕\s*$/.exec(label);
  return m ? m[1]!.trim() : label.trim();
}

/** One row of the responses sheet, cells looked up by question title. */
export interface ResponseRow {
  /** 1-based row in the responses sheet. */
  row: number;
  /** The timestamp cell as text ('' when missing). */
  timestamp: string;
  get(title: string): Cell;
  /** The raw answers as one line, kept in 申报异常 for the record (computed only for refused responses). */
  raw(): string;
}

export interface IntakeContext {
  cadres: readonly { id: string; name: string; startMonth: string | null; endMonth: string | null }[];
  rules: readonly Rule[];
  publishedMonths: ReadonlySet<string>;
  /** Keys already in 积分台账 (表单回复ID) or 申报异常. */
  knownKeys: ReadonlySet<string>;
  nowMonth: string;
  nowText: string;
  /** 0 = month end; 1..28 = that day of the next month. */
  deadlineDay: number;
  offsetMinutes: number;
}

export interface IntakeResult {
  ledgerRows: Cell[][];
  errorRows: Cell[][];
  /** Responses already taken in (duplicate deliveries): nothing written for them. */
  duplicates: number;
}

/** 32-bit FNV-1a of a string, as 8 hex digits (a short fingerprint, not a security measure). */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * The de-duplication key of a response (SPEC §4.2): its timestamp and a fingerprint of its answers.
 * Why not the row: sorting or deleting rows of the responses sheet, or re-linking the form (which
 * copies every response into a new sheet), would otherwise make old responses look new.
 */
export function responseKey(timestamp: string, answers: readonly string[]): string {
  return `T${timestamp}#${fingerprint(answers.join('\u0001'))}`;
}

/** Is a claim for `month` submitted on `submittedDay` ('YYYY-MM-DD') late? */
export function isLate(month: string, submittedDay: string, deadlineDay: number): boolean {
  if (!isMonthKey(month) || submittedDay.length < 10) return false;
  const deadline =
    deadlineDay === 0
      ? `${month}-${String(new Date(Date.UTC(Number(month.slice(0, 4)), monthNumber(month), 0)).getUTCDate()).padStart(2, '0')}`
      : `${nextMonth(month)}-${String(deadlineDay).padStart(2, '0')}`;
  return submittedDay.slice(0, 10) > deadline;
}

const LEDGER = headersOf('ledger');
const ERRORS = headersOf('intakeErrors');

function ledgerRow(fields: Record<string, Cell>): Cell[] {
  return LEDGER.map((h) => fields[h] ?? '');
}

/** A compact id for a form claim: F-<timestamp digits>-<row>. */
function claimId(r: ResponseRow): string {
  return `F-${r.timestamp.replace(/\D/g, '').slice(0, 14) || 'x'}-${r.row}`;
}

/**
 * Takes in responses. Every response not yet known lands exactly once: a 待审核 ledger row, or a
 * 申报异常 row with the reasons. Never throws on bad input.
 */
export function intakeResponses(rows: readonly ResponseRow[], ctx: IntakeContext): IntakeResult {
  const out: IntakeResult = { ledgerRows: [], errorRows: [], duplicates: 0 };
  const seen = new Set(ctx.knownKeys);
  const cadres = new Map(ctx.cadres.map((c) => [c.id, c]));
  const rules = new Map(ctx.rules.map((r) => [r.code, r]));
  for (const r of rows) {
    const text = (t: string) => cellText(r.get(t), ctx.offsetMinutes);
    const key = responseKey(
      r.timestamp,
      Object.values(FORM_TITLES).map((t) => text(t)),
    );
    if (seen.has(key)) {
      out.duplicates++;
      continue;
    }
    seen.add(key);
    const reasons: string[] = [];
    const submitterText = text(FORM_TITLES.submitter);
    const submitterId = cadreIdFromLabel(submitterText);
    const subjectText = text(FORM_TITLES.subject);
    const subjectId =
      subjectText === '' || subjectText === SELF ? submitterId : cadreIdFromLabel(subjectText);
    const month = monthFromAnswer(r.get(FORM_TITLES.month), ctx.offsetMinutes);
    const ruleCode = ruleCodeFromLabel(text(FORM_TITLES.rule));
    const quantity = cellNumber(r.get(FORM_TITLES.quantity));
    const evidence = text(FORM_TITLES.evidence);
    const link = text(FORM_TITLES.link);
    const eventDate = cellDate(r.get(FORM_TITLES.eventDate), ctx.offsetMinutes);
    const answers = [
      submitterText,
      subjectText,
      month,
      ruleCode,
      String(quantity ?? ''),
      evidence,
      link,
      eventDate,
    ];
    if (answers.every((a) => a === '')) {
      out.errorRows.push(errorRow(ctx, key, r, '空白申报：除时间戳外没有任何内容（可能是重复或编辑触发）'));
      continue;
    }
    if (!r.timestamp) reasons.push('缺少时间戳');
    const submitter = cadres.get(submitterId);
    if (!submitter) reasons.push(submitterText ? `申报人「${submitterText}」不在干部名册中` : '未填写申报人');
    const subject = cadres.get(subjectId);
    if (submitter && !subject) reasons.push(`积分干部「${subjectText}」不在干部名册中`);
    const rule = rules.get(ruleCode);
    if (!rule)
      reasons.push(ruleCode ? `积分事项「${text(FORM_TITLES.rule)}」不在积分规则中` : '未选择积分事项');
    else if (!rule.active) reasons.push(`积分事项 ${rule.code}（${rule.item}）已停用`);
    else if (rule.kind !== 'per-event' || !rule.claimable)
      reasons.push(`积分事项 ${rule.code}（${rule.item}）不能通过申请表申报`);
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
      reasons.push(`数量应为正整数（填写的是：${String(quantity ?? '空')}）`);
    } else if (quantity > MAX_QUANTITY) reasons.push(`数量 ${quantity} 过大（上限 ${MAX_QUANTITY}）`);
    if (!isMonthKey(month)) reasons.push(`积分月份格式不正确：「${month || '空'}」，应如 2026-10`);
    else if (month > ctx.nowMonth) reasons.push(`积分月份 ${month} 尚未到来`);
    else if (ctx.publishedMonths.has(month))
      reasons.push(`${month} 已公示，不能再申报；如有遗漏请向两委提出异议`);
    else if (subject && !isActive(subject, month)) reasons.push(`${subject.name} 在 ${month} 不在职`);
    if (rule?.evidenceRequired && evidence === '') reasons.push('未填写得分依据');
    if (reasons.length > 0) {
      out.errorRows.push(errorRow(ctx, key, r, reasons.join('；')));
      continue;
    }
    const details = [evidence, eventDate ? `事项日期：${eventDate}` : '', link ? `材料：${link}` : '']
      .filter(Boolean)
      .join('；');
    out.ledgerRows.push(
      ledgerRow({
        编号: claimId(r),
        月份: month,
        干部编号: subject!.id,
        干部姓名: subject!.name,
        规则编码: rule!.code,
        事项: rule!.item,
        数量: quantity as number,
        分值: rule!.points,
        积分: rule!.points * (quantity as number),
        得分依据: details,
        来源: SOURCE_ZH.form,
        申报人: cadreLabel(submitter!),
        申报时间: r.timestamp,
        状态: STATUS_ZH.pending,
        表单回复ID: key,
      }),
    );
  }
  return out;
}

function errorRow(ctx: IntakeContext, key: string, r: ResponseRow, reason: string): Cell[] {
  const fields: Record<string, Cell> = {
    记录时间: ctx.nowText,
    表单回复ID: key,
    回复行: r.row,
    申报人: cellText(r.get(FORM_TITLES.submitter)),
    原因: reason,
    原始内容: r.raw(),
    处理情况: '待处理',
  };
  return ERRORS.map((h) => fields[h] ?? '');
}
