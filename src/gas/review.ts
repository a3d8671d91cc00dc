// The review sidebar's server side: state for a month, and approve / reject / adjust of pending claims.

import { isMonthKey, MAX_QUANTITY } from '../core';
import { type Cell, cellMonth, cellNumber, cellText } from '../shared/cells';
import { isLate } from '../shared/intake';
import { monthProblemLines, problemsRefusal, quickPublishRefusal } from '../shared/publish';
import { TAB } from '../shared/tabs';
import type {
  InspectRequest,
  MonthOption,
  PendingClaim,
  ReviewRequest,
  ReviewResult,
  SidebarState,
} from '../shared/ui-contract';
import { committeeEmails, currentEmail, disciplineEmail, UserFacingError } from './access';
import { logAction } from './log';
import { storedPdfUrl } from './pdf';
import { readTab } from './sheets-io';
import { columnIndex, loadWorkbook } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const PENDING = '待审核';
const APPROVED = '已通过';
const REJECTED = '已驳回';

function countRows(values: Cell[][] | undefined, pred: (row: Cell[]) => boolean = () => true): number {
  let n = 0;
  for (let i = 1; i < (values?.length ?? 0); i++) {
    const row = values![i]!;
    if (row.some((c) => c !== '' && c !== null) && pred(row)) n++;
  }
  return n;
}

/** Builds the sidebar's state for a month (plain JSON: every value is a string, number or boolean). */
export function sidebarState(ss: Spreadsheet, requested?: string): SidebarState {
  const wb = loadWorkbook(ss, ['settings', 'roster', 'rules', 'ledger', 'attendance', 'publications']);
  const email = currentEmail();
  const isCommittee = !!email && committeeEmails(ss).includes(email);
  const isDiscipline = !!email && disciplineEmail(ss) === email;
  const inspections = inspectionsById(readTab(ss, 'log'));
  const ledger = wb.values.ledger ?? [];
  const col = (h: string) => columnIndex(ledger, h);
  const [cId, cMonth, cCadre, cRule, cQty, cUnit, cReason, cBy, cAt, cStatus] = [
    '编号',
    '月份',
    '干部编号',
    '规则编码',
    '数量',
    '分值',
    '得分依据',
    '申报人',
    '申报时间',
    '状态',
  ].map(col) as number[];
  const names = new Map(wb.scenario.roster.map((c) => [c.id, c.name]));
  const rules = new Map(wb.scenario.rules.map((r) => [r.code, r]));
  const pendingByMonth = new Map<string, PendingClaim[]>();
  const monthsSeen = new Set<string>([wb.now.month]);
  const notes: string[] = [];
  for (let i = 1; i < ledger.length; i++) {
    const row = ledger[i]!;
    const month = cellMonth(row[cMonth!], wb.offset);
    if (isMonthKey(month)) monthsSeen.add(month);
    if (cellText(row[cStatus!]) !== PENDING) continue;
    if (!isMonthKey(month)) {
      notes.push(`积分台账第${i + 1}行月份无法识别，未列出`);
      continue;
    }
    const code = cellText(row[cRule!]);
    const rule = rules.get(code);
    const qty = cellNumber(row[cQty!]);
    const unit = cellNumber(row[cUnit!]);
    const quantity = typeof qty === 'number' ? qty : 0;
    const unitPoints = typeof unit === 'number' ? unit : (rule?.points ?? 0);
    const reason = cellText(row[cReason!], wb.offset);
    const submittedAt = cellText(row[cAt!], wb.offset);
    const cadreId = cellText(row[cCadre!], wb.offset);
    const claim: PendingClaim = {
      id: cellText(row[cId!], wb.offset),
      row: i + 1,
      month,
      cadreId,
      cadreName: names.get(cadreId) ?? '（不在名册）',
      ruleCode: code,
      item: rule?.item ?? '（未知规则）',
      quantity,
      unitPoints,
      points: quantity * unitPoints,
      reason,
      evidenceLink: /材料：(\S+)/.exec(reason)?.[1] ?? '',
      submitter: cellText(row[cBy!], wb.offset),
      submittedAt,
      late: isLate(month, submittedAt, wb.settings.deadlineDay),
      inspections: inspections.get(cellText(row[cId!], wb.offset)) ?? [],
    };
    const list = pendingByMonth.get(month) ?? [];
    list.push(claim);
    pendingByMonth.set(month, list);
  }
  const months: MonthOption[] = [...monthsSeen]
    .sort()
    .reverse()
    .map((m) => ({ month: m, published: wb.published.has(m), pending: pendingByMonth.get(m)?.length ?? 0 }));
  const month = requested && isMonthKey(requested) ? requested : pickDefault(months, wb.now.month);
  const errors = readTab(ss, 'intakeErrors');
  const objections = readTab(ss, 'objections');
  const problems = readTab(ss, 'problems');
  const resultCol = columnIndex(objections, '处理结果');
  const objMonthCol = columnIndex(objections, '月份');
  return {
    user: { email, isCommittee, canPublish: isCommittee, isDiscipline },
    months,
    month,
    published: wb.published.has(month),
    counts: {
      pending: pendingByMonth.get(month)?.length ?? 0,
      intakeErrors: countRows(errors, (r) => cellText(r[columnIndex(errors, '处理情况')]) !== '已处理'),
      // Same test as the publication's refusal (src/shared/publish.ts openIntakeErrors).
      monthIntakeErrors: countRows(
        errors,
        (r) =>
          cellText(r[columnIndex(errors, '处理情况')]) !== '已处理' &&
          cellText(r[columnIndex(errors, '原始内容')]).includes(`（${month}）`),
      ),
      objections: countRows(
        objections,
        (r) =>
          (resultCol < 0 || ['', '待处理'].includes(cellText(r[resultCol]))) &&
          (objMonthCol < 0 || cellMonth(r[objMonthCol], wb.offset) === month),
      ),
      problems: countRows(problems),
    },
    pending: pendingByMonth.get(month) ?? [],
    ...publicationLink(ss, month, wb.published.has(month)),
    ...blocked(
      quickPublishRefusal(wb.scenario, month, wb.now.month, wb.settings.year ?? Number(month.slice(0, 4))) ??
        monthProblemsRefusal(
          problems,
          ledger,
          wb.values.attendance,
          month,
          wb.offset,
          wb.published.has(month),
        ),
    ),
    notes,
  };
}

const blocked = (reason: string | null): { publishBlocked?: string } =>
  reason ? { publishBlocked: reason } : {};

/** 校验问题 of the month, as the last recompute listed them: publishing (which recomputes first) refuses them. */
function monthProblemsRefusal(
  problems: Cell[][] | undefined,
  ledger: Cell[][],
  attendance: Cell[][] | undefined,
  month: string,
  offset: number,
  published: boolean,
): string | null {
  if (published) return null;
  const lines = monthProblemLines(problems, ledger, attendance, month, offset);
  return lines.length ? problemsRefusal(month, lines) : null;
}

/** A published month's 公示 tab, linked by its gid (the URL opens the spreadsheet on that tab), and its PDF. */
function publicationLink(
  ss: Spreadsheet,
  month: string,
  published: boolean,
): Pick<SidebarState, 'publication'> {
  if (!published) return {};
  const tabName = `公示-${month}`;
  const sheet = ss.getSheetByName(tabName);
  if (!sheet) return {};
  const pdfUrl = storedPdfUrl(tabName);
  return {
    publication: { tabName, url: `${ss.getUrl()}#gid=${sheet.getSheetId()}`, ...(pdfUrl ? { pdfUrl } : {}) },
  };
}

/** The newest month with pending claims, else the current month. */
function pickDefault(months: MonthOption[], current: string): string {
  return months.find((m) => m.pending > 0 && !m.published)?.month ?? current;
}

/** Applies a review decision to pending ledger rows. Caller holds the lock and has checked membership. */
export function applyReview(
  ss: Spreadsheet,
  req: ReviewRequest,
  reviewer: string,
  nowText: string,
): ReviewResult & { reviewed?: string[] } {
  const errors: Record<string, string> = {};
  const reason = (req.reason ?? '').trim();
  if (!Array.isArray(req.ids) || req.ids.length === 0) errors.ids = '请先选择要审核的申报';
  if ((req.action === 'reject' || req.action === 'adjust') && !reason) {
    errors.reason = req.action === 'reject' ? '驳回必须填写理由' : '调整数量必须填写理由';
  }
  let quantity = 0;
  if (req.action === 'adjust') {
    quantity = Number(req.quantity);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
      errors.quantity = `数量应为 1 到 ${MAX_QUANTITY} 之间的整数`;
    }
  }
  if (!['approve', 'reject', 'adjust'].includes(req.action)) errors.action = '未知的审核操作';
  if (Object.keys(errors).length > 0) {
    return { ok: false, message: Object.values(errors).join('；'), errors, changed: 0, state: null };
  }
  const sheet = ss.getSheetByName(TAB.ledger);
  if (!sheet) throw new UserFacingError('缺少「积分台账」表，请先运行「初始化/修复表格」。');
  const wb = loadWorkbook(ss, ['settings', 'ledger', 'publications']);
  const ledger = wb.values.ledger ?? [];
  const col = (h: string) => columnIndex(ledger, h) + 1;
  const c = {
    id: col('编号'),
    month: col('月份'),
    qty: col('数量'),
    unit: col('分值'),
    points: col('积分'),
    status: col('状态'),
    by: col('审核人'),
    at: col('审核时间'),
    note: col('审核意见'),
  };
  if (Object.values(c).some((x) => x < 1))
    throw new UserFacingError('「积分台账」表头不完整，请先运行「初始化/修复表格」。');
  const rowById = new Map<string, number>();
  for (let i = 1; i < ledger.length; i++) rowById.set(cellText(ledger[i]![c.id - 1], wb.offset), i);
  const problems: string[] = [];
  const targets: number[] = [];
  for (const id of new Set(req.ids)) {
    const i = rowById.get(id);
    if (i === undefined) {
      problems.push(`找不到编号 ${id}`);
      continue;
    }
    const row = ledger[i]!;
    const status = cellText(row[c.status - 1]);
    const month = cellMonth(row[c.month - 1], wb.offset);
    if (status !== PENDING) problems.push(`${id} 已是“${status || '空'}”状态（可能已被他人处理）`);
    else if (wb.published.has(month)) problems.push(`${id} 所属 ${month} 已公示，不能再审核`);
    else targets.push(i);
  }
  if (targets.length === 0) {
    return { ok: false, message: problems.join('；') || '没有可审核的申报', changed: 0, state: null };
  }
  const status = req.action === 'reject' ? REJECTED : APPROVED;
  for (const i of targets) {
    const row = ledger[i]!;
    const sheetRow = i + 1;
    let note = reason;
    if (req.action === 'adjust') {
      const before = cellNumber(row[c.qty - 1]);
      const unit = cellNumber(row[c.unit - 1]);
      note = `数量由 ${before ?? '空'} 调整为 ${quantity}：${reason}`;
      sheet.getRange(sheetRow, c.qty).setValue(quantity);
      if (typeof unit === 'number') sheet.getRange(sheetRow, c.points).setValue(unit * quantity);
    }
    // 状态, 审核人, 审核时间, 审核意见 are adjacent in the standard layout: one write when they are.
    if (c.by === c.status + 1 && c.at === c.status + 2 && c.note === c.status + 3) {
      const range = sheet.getRange(sheetRow, c.status, 1, 4);
      range.setNumberFormat('@');
      range.setValues([[status, reviewer, nowText, note]]);
    } else {
      for (const [colNo, v] of [
        [c.status, status],
        [c.by, reviewer],
        [c.at, nowText],
        [c.note, note],
      ] as const) {
        sheet.getRange(sheetRow, colNo).setNumberFormat('@').setValue(v);
      }
    }
  }
  const verb = { approve: '通过', reject: '驳回', adjust: '调整数量并通过' }[req.action];
  const ids = targets.map((i) => cellText(ledger[i]![c.id - 1], wb.offset));
  logAction(
    ss,
    nowText,
    reviewer,
    `审核：${verb}`,
    `${ids.join('、')}${reason ? `；理由：${reason}` : ''}`,
    targets.length,
  );
  const skipped = problems.length ? `；未处理：${problems.join('；')}` : '';
  return {
    ok: true,
    message: `已${verb} ${targets.length} 条${skipped}`,
    changed: targets.length,
    state: null,
    reviewed: ids,
  };
}

export const INSPECTION_ACTION = '审查意见';

/** 审查意见 per ledger id, from 操作日志 rows 「审查意见」 whose detail starts with 'id：'. */
function inspectionsById(log: Cell[][] | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!log) return out;
  const [cAt, cWho, cWhat, cDetail] = ['时间', '操作人', '操作', '详情'].map((h) => columnIndex(log, h));
  if ([cAt, cWho, cWhat, cDetail].some((c) => c === undefined || c < 0)) return out;
  for (let i = 1; i < log.length; i++) {
    const row = log[i]!;
    if (cellText(row[cWhat!]) !== INSPECTION_ACTION) continue;
    const detail = cellText(row[cDetail!]);
    const k = detail.indexOf('：');
    if (k < 1) continue;
    const id = detail.slice(0, k);
    const list = out.get(id) ?? [];
    list.push(`${cellText(row[cWho!])} ${cellText(row[cAt!])}：${detail.slice(k + 1)}`);
    out.set(id, list);
  }
  return out;
}

/**
 * Records a 审查意见 on a claim in 操作日志 (SPEC §1: the 纪检专干 inspects, never decides). Why the log
 * and not a ledger column: the log is the one tab the 纪检专干 may write, and a note there cannot
 * change a claim's status or points. Caller holds the lock and has checked the role.
 */
export function applyInspection(
  ss: Spreadsheet,
  req: InspectRequest,
  who: string,
  nowText: string,
): ReviewResult {
  const id = String(req?.id ?? '').trim();
  const opinion = String(req?.opinion ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  const errors: Record<string, string> = {};
  if (!id) errors.id = '请先选择要审查的申报';
  if (!opinion) errors.opinion = '请填写审查意见';
  else if (opinion.length > 1000) errors.opinion = '审查意见不能超过 1000 字';
  if (Object.keys(errors).length > 0) {
    return { ok: false, message: Object.values(errors).join('；'), errors, changed: 0, state: null };
  }
  const wb = loadWorkbook(ss, ['settings', 'ledger']);
  const ledger = wb.values.ledger ?? [];
  const cId = columnIndex(ledger, '编号');
  const found = cId >= 0 && ledger.slice(1).some((r) => cellText(r[cId], wb.offset) === id);
  if (!found) return { ok: false, message: `找不到编号 ${id} 的申报`, changed: 0, state: null };
  logAction(ss, nowText, who, INSPECTION_ACTION, `${id}：${opinion}`, 1);
  return { ok: true, message: `已记录对 ${id} 的审查意见（不改变审核结果）`, changed: 1, state: null };
}
