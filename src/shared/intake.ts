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
import { type Cell, cellDate, cellMonth, cellText } from './cells';
import { sha256Hex } from './sha256';
import { headersOf } from './tabs';

/**
 * Question titles of the claim form; the responses sheet names its columns after them. There is no
 * 申报人 question: the submitter is the respondent's verified sign-in email (issue 10 part 2).
 */
export const FORM_TITLES = {
  subject: '积分干部',
  month: '积分月份',
  rule: '积分事项',
  quantity: '数量',
  eventDate: '事项日期',
  evidence: '得分依据',
  link: '证明材料链接',
} as const;

/** The question earlier forms asked instead of a verified email; kept to recognise their keys. */
export const LEGACY_SUBMITTER_TITLE = '申报人';
/** The titles, in order, whose answers the 32-bit keys of earlier versions hashed. */
export const LEGACY_KEY_TITLES: readonly string[] = [LEGACY_SUBMITTER_TITLE, ...Object.values(FORM_TITLES)];

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

/**
 * One response to take in: a form response (with its responses-tab row when one matches) or, when the
 * form cannot be read, a row of the responses tab.
 */
export interface ResponseRow {
  /** 1-based row in the responses tab; null when the tab has no row for this form response. */
  row: number | null;
  /** The form's own id (FormResponse.getId()), '' when read from the responses tab only. */
  responseId: string;
  /** Every key this response is known by, the preferred first (formKey, contentKey, legacy keys). */
  keys: readonly string[];
  /** The respondent's verified email as the form recorded it ('' when it collected none). */
  email: string;
  /**
   * A responses-tab row the readable form has no response for (typed or pasted into the tab, or its
   * form response deleted): its email cannot be checked against the form, so it is not taken as a claim.
   */
  orphan?: boolean;
  /**
   * The form no longer collects verified emails (its setting was changed to let people type one): the
   * email is whatever was typed, so the response is not taken as anyone's claim.
   */
  unverified?: boolean;
  /** Submission time in the spreadsheet's zone, 'YYYY-MM-DD HH:mm:ss' ('' when missing). */
  timestamp: string;
  /**
   * An answer by question title: the respondent's own text when read from the form, else the tab's cell.
   * Date cells are handed over as their wall-clock time in the spreadsheet's zone, written as UTC.
   */
  get(title: string): Cell;
  /** The raw answers as one line, kept in 申报异常 for the record (computed only for refused responses). */
  raw(): string;
}

export interface IntakeContext {
  cadres: readonly {
    id: string;
    name: string;
    email?: string | undefined;
    startMonth: string | null;
    endMonth: string | null;
  }[];
  rules: readonly Rule[];
  publishedMonths: ReadonlySet<string>;
  /** Keys already taken in: 积分台账 and 申报异常 (表单回复ID) and the 已处理申报 record. */
  knownKeys: ReadonlySet<string>;
  nowMonth: string;
  nowText: string;
  /** 0 = month end; 1..28 = that day of the next month. */
  deadlineDay: number;
}

export interface IntakeResult {
  ledgerRows: Cell[][];
  errorRows: Cell[][];
  /** One 已处理申报 row per response taken in now: [表单回复ID, 其他键, 回复行, 去向, 记录时间]. */
  processedRows: Cell[][];
  /** Responses already taken in (duplicate deliveries): nothing written for them. */
  duplicates: number;
}

/**
 * The hidden, protected tab that remembers every response taken in. Why a tab: a committee member may
 * delete a ledger or 申报异常 row (a rejected claim, say), and the response must not come back as
 * 待审核. Document properties would also survive, but hold 9 KB per value and 500 KB per store
 * (https://developers.google.com/apps-script/guides/services/quotas), a few
 * thousand keys; a tab has no such ceiling and the committee can read it.
 */
export const PROCESSED_TAB = '已处理申报';
export const PROCESSED_HEADERS = ['表单回复ID', '其他键', '回复行', '去向', '记录时间'] as const;

/** 32-bit FNV-1a of a string, as 8 hex digits: only to recognise keys of earlier versions. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * The key earlier versions gave a response: its timestamp text and a 32-bit fingerprint of its
 * answers (trimmed text). Two different answers could share it, and a DST change altered the text,
 * so it is only recognised, never given to a new response.
 */
export function legacyKey(timestamp: string, answers: readonly string[]): string {
  return `T${timestamp}#${fingerprint(answers.join('\u0001'))}`;
}

/** Is this a key of an earlier version ('T…'; new keys start with 'R' or 'S')? */
export function isLegacyKey(key: string): boolean {
  return key.startsWith('T');
}

/**
 * The key of a response the form gave an id: that id
 * (https://developers.google.com/apps-script/reference/forms/form-response#getId()). It does not change
 * with time zones, moved or deleted rows, or re-linking the form to a new responses tab.
 */
export function formKey(responseId: string): string {
  return `R${responseId}`;
}

/** A cell as an exact, typed JSON value: text is not trimmed, so 'a' and 'a ' stay different. */
function canonicalCell(v: Cell): unknown {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return { d: v.getTime() };
  if (typeof v === 'number') return { n: v };
  if (typeof v === 'boolean') return { b: v };
  return v;
}

/**
 * The key of a responses-tab row: 'S' + SHA-256 of the exact timestamp, email and answers.
 * `stampMs` is the timestamp cell's stored value: its wall-clock time in the spreadsheet's zone, in
 * ms since 1970 read as UTC (Date cells of `cells` likewise). Why not the instant the cell reads as:
 * Sheets stores date-times in the spreadsheet's zone, so changing that zone moves the instant a stored
 * cell reads as, while neither a zone change nor a DST change alters what is stored.
 */
export function contentKey(
  stampMs: number | null,
  email: string,
  cells: readonly (readonly [title: string, value: Cell])[],
): string {
  const canonical = JSON.stringify([
    stampMs,
    email,
    [...cells]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([t, v]) => [t, canonicalCell(v)]),
  ]);
  return `S${sha256Hex(canonical)}`;
}

/** Characters one Sheets cell holds (apps-script-facts §1.6). */
export const CELL_LIMIT = 50_000;

/**
 * Text cut to fit one cell, with a note saying how long the original was and where it is kept.
 * `where` is e.g. 「表单回复第 5 行」.
 */
export function fitCell(text: string, where: string): string {
  if (text.length <= CELL_LIMIT) return text;
  const note = `……（原文 ${text.length} 字，全文见${where}）`;
  let cut = CELL_LIMIT - note.length;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--; // never split a surrogate pair
  return text.slice(0, cut) + note;
}

/** Where a response's full text is: its responses-tab row, else the form response itself. */
export function responsePlace(r: Pick<ResponseRow, 'row' | 'responseId'>): string {
  if (r.row !== null) return `表单回复第 ${r.row} 行`;
  return `申请表的回复记录（回复ID ${r.responseId || '未知'}）`;
}

/**
 * The quantity answer: a number cell, or plain ASCII digits. Why so strict: 「1,5」 may mean 1.5 or 15,
 * 「1,000」 and 「1e3」 are 1000 only in some readings, 「１５」 is full-width; none is reinterpreted.
 */
export function parseQuantity(
  v: Cell,
  where: string,
): { ok: true; n: number } | { ok: false; reason: string } {
  const field = `${where}「${FORM_TITLES.quantity}」`;
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 1) {
      return v > MAX_QUANTITY
        ? { ok: false, reason: `${field}：数量 ${v} 过大（上限 ${MAX_QUANTITY}）` }
        : { ok: true, n: v };
    }
    return { ok: false, reason: `${field}应为正整数（填写的是：${v}）` };
  }
  const text = typeof v === 'string' ? v : cellText(v);
  if (text.trim() === '') return { ok: false, reason: `${field}未填写，应为正整数` };
  const m = /^[ \t]*([0-9]+)[ \t]*$/.exec(text);
  if (!m)
    return {
      ok: false,
      reason: `${field}应为正整数，只能用阿拉伯数字填写（如 2），不能带逗号、小数点、指数或全角数字；填写的是「${text}」，未作任何换算`,
    };
  const n = Number(m[1]);
  if (n < 1) return { ok: false, reason: `${field}应为正整数（填写的是：${text}）` };
  if (n > MAX_QUANTITY) return { ok: false, reason: `${field}：数量 ${n} 过大（上限 ${MAX_QUANTITY}）` };
  return { ok: true, n };
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

/** A compact id for a form claim: F-<timestamp digits>-<row> (or a digest of the key without a row). */
function claimId(r: ResponseRow): string {
  const stamp = r.timestamp.replace(/\D/g, '').slice(0, 14) || 'x';
  return `F-${stamp}-${r.row ?? sha256Hex(r.keys.join(' ')).slice(0, 6)}`;
}

/** Every string cell of an output row cut to fit (CELL_LIMIT), so that no write can fail on length. */
function fitRow(cells: Cell[], where: string): Cell[] {
  return cells.map((c) => (typeof c === 'string' ? fitCell(c, where) : c));
}

/**
 * Takes in responses. Every response not yet known lands exactly once: a 待审核 ledger row, or a
 * 申报异常 row with the reasons, and a 已处理申报 row with all its keys. Never throws: a response
 * that cannot be read goes to 申报异常 and the others are still taken in.
 */
export function intakeResponses(rows: readonly ResponseRow[], ctx: IntakeContext): IntakeResult {
  const out: IntakeResult = { ledgerRows: [], errorRows: [], processedRows: [], duplicates: 0 };
  const seen = new Set(ctx.knownKeys);
  const cadres = new Map(ctx.cadres.map((c) => [c.id, c]));
  const byEmail = new Map<string, (typeof ctx.cadres)[number][]>();
  for (const c of ctx.cadres) {
    const e = (c.email ?? '').trim().toLowerCase();
    if (e) byEmail.set(e, [...(byEmail.get(e) ?? []), c]);
  }
  const rules = new Map(ctx.rules.map((r) => [r.code, r]));
  for (const r of rows) {
    // Legacy keys are only recognised in what earlier versions stored, never matched between new
    // responses nor stored again: two different answers can share one (32 bits, trimmed text).
    const fresh = r.keys.filter((k) => !isLegacyKey(k));
    const known =
      fresh.some((k) => seen.has(k)) || r.keys.some((k) => isLegacyKey(k) && ctx.knownKeys.has(k));
    if (known || fresh.length === 0) {
      out.duplicates++;
      const learnt = fresh.filter((k) => !seen.has(k));
      if (known && learnt.length > 0) {
        // The same response by another key (its tab row, paired only now): remember that key too, so it
        // is still recognised if the form becomes unreadable later.
        for (const k of learnt) seen.add(k);
        out.processedRows.push([
          learnt[0]!,
          fresh.filter((k) => k !== learnt[0]).join(' '),
          r.row ?? '',
          '（已收取，补记键）',
          ctx.nowText,
        ]);
      }
      continue;
    }
    for (const k of fresh) seen.add(k);
    const where = responsePlace(r);
    let landed: 'ledger' | 'errors';
    try {
      const verdict = judge(r, where, fresh);
      if (typeof verdict === 'string') {
        out.errorRows.push(errorRow(ctx, r, where, verdict));
        landed = 'errors';
      } else {
        out.ledgerRows.push(fitRow(verdict, where));
        landed = 'ledger';
      }
    } catch (e) {
      // One unreadable response must not stop the others (issue 10 part 4); no stack trace to users.
      let message = '未知错误';
      try {
        message = e instanceof Error ? e.message : String(e);
      } catch {
        // keep the generic text
      }
      out.errorRows.push(errorRow(ctx, r, where, `${where}无法处理：${message}`, true));
      landed = 'errors';
    }
    out.processedRows.push([
      fresh[0]!,
      fresh.slice(1).join(' '),
      r.row ?? '',
      landed === 'ledger' ? '积分台账' : '申报异常',
      ctx.nowText,
    ]);
  }
  return out;

  /** A ledger row for a valid response, else the reasons it is refused. */
  function judge(r: ResponseRow, where: string, fresh: readonly string[]): Cell[] | string {
    const text = (t: string) => cellText(r.get(t));
    const subjectText = text(FORM_TITLES.subject);
    const month = monthFromAnswer(r.get(FORM_TITLES.month), 0);
    const ruleText = text(FORM_TITLES.rule);
    const ruleCode = ruleCodeFromLabel(ruleText);
    const quantityCell = r.get(FORM_TITLES.quantity);
    const evidence = text(FORM_TITLES.evidence);
    const link = text(FORM_TITLES.link);
    const eventDate = cellDate(r.get(FORM_TITLES.eventDate), 0);
    const answers = [subjectText, month, ruleCode, cellText(quantityCell), evidence, link, eventDate];
    if (answers.every((a) => a === ''))
      return `${where}是空白申报：除时间戳外没有任何内容（可能是重复或编辑触发）`;
    if (r.orphan)
      return `${where}在申请表的回复记录中找不到（可能是在回复表中手工录入或粘贴的行，或表单中的回复已被删除），申报人邮箱无法核实，未作为申报收取`;
    if (r.unverified)
      return `${where}：申请表现在不收集经验证的登录邮箱（“收集电子邮件地址”设置被改为可手填），申报人邮箱「${r.email.trim()}」无法确认，未作为申报收取。请两委运行「创建/更新申请表」恢复设置，核实后直接录入`;
    const reasons: string[] = [];
    if (!r.timestamp) reasons.push('缺少时间戳');
    const email = r.email.trim().toLowerCase();
    const matches = email ? (byEmail.get(email) ?? []) : [];
    if (!email)
      reasons.push(
        `${where}没有记录申报人的登录邮箱：申请表需收集已验证的邮箱，请两委运行「创建/更新申请表」`,
      );
    else if (matches.length === 0)
      reasons.push(
        `申报人邮箱 ${r.email.trim()} 不在干部名册中（请在「干部名册」的邮箱列登记本人的登录邮箱）`,
      );
    else if (matches.length > 1)
      reasons.push(
        `申报人邮箱 ${r.email.trim()} 在干部名册中登记给了多名干部（${matches.map(cadreLabel).join('、')}），无法确认申报人`,
      );
    const submitter = matches.length === 1 ? matches[0] : undefined;
    const subjectId =
      subjectText === '' || subjectText === SELF ? submitter?.id : cadreIdFromLabel(subjectText);
    const subject = subjectId === undefined ? undefined : cadres.get(subjectId);
    if (submitter && !subject) reasons.push(`积分干部「${subjectText}」不在干部名册中`);
    const rule = rules.get(ruleCode);
    if (!rule) reasons.push(ruleCode ? `积分事项「${ruleText}」不在积分规则中` : '未选择积分事项');
    else if (!rule.active) reasons.push(`积分事项 ${rule.code}（${rule.item}）已停用`);
    else if (rule.kind !== 'per-event' || !rule.claimable)
      reasons.push(`积分事项 ${rule.code}（${rule.item}）不能通过申请表申报`);
    const q = parseQuantity(quantityCell, where);
    if (!q.ok) reasons.push(q.reason);
    if (!isMonthKey(month)) reasons.push(`积分月份格式不正确：「${month || '空'}」，应如 2026-10`);
    else if (month > ctx.nowMonth) reasons.push(`积分月份 ${month} 尚未到来`);
    else if (ctx.publishedMonths.has(month))
      reasons.push(`${month} 已公示，不能再申报；如有遗漏请向两委提出异议`);
    else if (subject && !isActive(subject, month)) reasons.push(`${subject.name} 在 ${month} 不在职`);
    if (rule?.evidenceRequired && evidence === '') reasons.push('未填写得分依据');
    if (reasons.length > 0 || !q.ok || !subject || !rule || !submitter) return reasons.join('；');
    const details = [evidence, eventDate ? `事项日期：${eventDate}` : '', link ? `材料：${link}` : '']
      .filter(Boolean)
      .join('；');
    return ledgerRow({
      编号: claimId(r),
      月份: month,
      干部编号: subject.id,
      干部姓名: subject.name,
      规则编码: rule.code,
      事项: rule.item,
      数量: q.n,
      分值: rule.points,
      积分: rule.points * q.n,
      得分依据: details,
      来源: SOURCE_ZH.form,
      申报人: r.email.trim(),
      申报时间: r.timestamp,
      状态: STATUS_ZH.pending,
      表单回复ID: fresh[0]!,
    });
  }
}

function errorRow(
  ctx: IntakeContext,
  r: ResponseRow,
  where: string,
  reason: string,
  rawMayFail = false,
): Cell[] {
  let raw: string;
  try {
    raw = r.raw();
  } catch {
    if (!rawMayFail) throw new Error('原始内容无法读取');
    raw = '（原始内容无法读取）';
  }
  const fields: Record<string, Cell> = {
    记录时间: ctx.nowText,
    表单回复ID: r.keys.find((k) => !isLegacyKey(k)) ?? '',
    回复行: r.row ?? '',
    申报人: r.email.trim(),
    原因: reason,
    原始内容: raw,
    处理情况: '待处理',
  };
  return fitRow(
    ERRORS.map((h) => fields[h] ?? ''),
    where,
  );
}
