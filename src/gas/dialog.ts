// The entry dialog's server side: choices for the form, and recording events, attendance and scores.

import { isActive, isMonthKey, MAX_QUANTITY, monthKey, parsePeriod, SOURCE_ZH, STATUS_ZH } from '../core';
import { type Cell, cellMonth, cellText } from '../shared/cells';
import { headersOf, TAB } from '../shared/tabs';
import type { ActionResult, DialogOptions, EntryRequest } from '../shared/ui-contract';
import { committeeEmails, currentEmail, UserFacingError } from './access';
import { logAction } from './log';
import { appendRows } from './sheets-io';
import { columnIndex, loadWorkbook, type Workbook } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function dialogOptions(ss: Spreadsheet): DialogOptions {
  const wb = loadWorkbook(ss, ['settings', 'roster', 'rules', 'publications']);
  const email = currentEmail();
  const year = Number(wb.now.month.slice(0, 4));
  const months: string[] = [];
  for (let y = year; y >= year - 1; y--) {
    for (let m = 12; m >= 1; m--) {
      const key = monthKey(y, m);
      if (key <= wb.now.month && !wb.published.has(key) && months.length < 12) months.push(key);
    }
  }
  return {
    user: { email, isCommittee: !!email && committeeEmails(ss).includes(email) },
    cadres: wb.scenario.roster
      .filter((c) => isActive(c, wb.now.month) || c.endMonth === null)
      .map((c) => ({ id: c.id, name: c.name })),
    rules: wb.scenario.rules
      .filter((r) => r.active && r.kind === 'per-event')
      .map((r) => ({ code: r.code, item: r.item, points: r.points, category: r.category })),
    scoreRules: wb.scenario.rules
      .filter((r) => r.active && r.kind === 'top-n' && r.scorePeriod)
      .map((r) => ({ code: r.code, item: r.item, scorePeriod: r.scorePeriod! })),
    months,
    month: wb.now.month,
  };
}

const isWhole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

function monthProblem(wb: Workbook, month: unknown): string | null {
  if (typeof month !== 'string' || !isMonthKey(month)) return '请选择月份（如 2026-10）';
  if (month > wb.now.month) return `${month} 尚未到来`;
  if (wb.published.has(month)) return `${month} 已公示，不能再录入；如需更正请走异议处理`;
  return null;
}

/** Validates and records one dialog submission. Caller holds the lock and has checked membership. */
export function submitEntry(ss: Spreadsheet, req: EntryRequest, who: string): ActionResult {
  const wb = loadWorkbook(ss, ['settings', 'roster', 'rules', 'publications', 'attendance', 'scores']);
  const cadres = new Map(wb.scenario.roster.map((c) => [c.id, c]));
  const errors: Record<string, string> = {};
  if (req.kind === 'event') {
    const m = monthProblem(wb, req.month);
    if (m) errors.month = m;
    const cadre = cadres.get(req.cadreId);
    if (!cadre) errors.cadreId = '请选择干部';
    else if (!m && !isActive(cadre, req.month)) errors.cadreId = `${cadre.name} 在 ${req.month} 不在职`;
    const rule = wb.scenario.rules.find((r) => r.code === req.ruleCode);
    if (rule?.kind !== 'per-event' || !rule.active) errors.ruleCode = '请选择积分事项';
    if (!Number.isInteger(req.quantity) || req.quantity < 1 || req.quantity > MAX_QUANTITY) {
      errors.quantity = `数量应为 1 到 ${MAX_QUANTITY} 的整数`;
    }
    if (!String(req.reason ?? '').trim()) errors.reason = '请填写得分依据';
    if (Object.keys(errors).length) return { ok: false, message: '请修改标出的内容', errors };
    const sheet = ss.getSheetByName(TAB.ledger);
    if (!sheet) throw new UserFacingError('缺少「积分台账」表，请先运行「初始化/修复表格」。');
    const id = `C-${wb.now.text.replace(/\D/g, '')}-${Math.floor(Math.random() * 1e4)
      .toString()
      .padStart(4, '0')}`;
    const fields: Record<string, Cell> = {
      编号: id,
      月份: req.month,
      干部编号: cadre!.id,
      干部姓名: cadre!.name,
      规则编码: rule!.code,
      事项: rule!.item,
      数量: req.quantity,
      分值: rule!.points,
      积分: rule!.points * req.quantity,
      得分依据: req.reason.trim(),
      来源: SOURCE_ZH.committee,
      申报人: who,
      申报时间: wb.now.text,
      状态: STATUS_ZH.approved,
      审核人: who,
      审核时间: wb.now.text,
      审核意见: '两委直接录入',
    };
    appendRows(sheet, 'ledger', [headersOf('ledger').map((h) => fields[h] ?? '')]);
    logAction(
      ss,
      wb.now.text,
      who,
      '录入积分事项',
      `${id} ${cadre!.name} ${rule!.code}×${req.quantity}：${req.reason.trim()}`,
      1,
    );
    return {
      ok: true,
      message: `已录入：${cadre!.name} ${rule!.item} × ${req.quantity}（${rule!.points * req.quantity} 分）`,
    };
  }
  if (req.kind === 'attendance') {
    const m = monthProblem(wb, req.month);
    if (m) errors.month = m;
    if (!Array.isArray(req.rows) || req.rows.length === 0) errors.rows = '没有要录入的考勤';
    (req.rows ?? []).forEach((r, i) => {
      const at = `rows.${i}`;
      if (!cadres.has(r.cadreId)) errors[`${at}.cadreId`] = '干部不在名册中';
      for (const f of ['late', 'earlyLeave', 'absent'] as const)
        if (!isWhole(r[f])) errors[`${at}.${f}`] = '应为不小于 0 的整数';
      for (const f of ['personalLeaveDays', 'sickLeaveDays'] as const) {
        if (typeof r[f] !== 'number' || r[f] < 0 || !Number.isInteger(r[f] * 2))
          errors[`${at}.${f}`] = '应为整天或半天';
      }
    });
    if (Object.keys(errors).length) return { ok: false, message: '请修改标出的内容', errors };
    const n = upsert(
      ss,
      'attendance',
      wb,
      req.rows.map((r) => [
        req.month,
        r.cadreId,
        r.late,
        r.earlyLeave,
        r.absent,
        r.personalLeaveDays,
        r.sickLeaveDays,
      ]),
      (row) => [cellMonth(row[0], wb.offset), cellText(row[1], wb.offset)],
    );
    logAction(
      ss,
      wb.now.text,
      who,
      '录入考勤',
      `${req.month}：${req.rows.length} 人（更新 ${n.updated}，新增 ${n.added}）`,
      req.rows.length,
    );
    return {
      ok: true,
      message: `已保存 ${req.month} 考勤 ${req.rows.length} 人（更新 ${n.updated}，新增 ${n.added}）`,
    };
  }
  if (req.kind === 'scores') {
    const rule = wb.scenario.rules.find((r) => r.code === req.ruleCode && r.kind === 'top-n');
    if (!rule) errors.ruleCode = '请选择考核项目';
    const p = parsePeriod(String(req.period ?? '').toUpperCase());
    if (!p || (rule && p.kind !== rule.scorePeriod)) {
      errors.period =
        rule?.scorePeriod === 'half-year' ? '期间应为半年，如 2026-H1' : '期间应为季度，如 2026-Q3';
    } else if (p.months[0]! > wb.now.month) errors.period = `${p.key} 尚未开始`;
    if (!Array.isArray(req.rows) || req.rows.length === 0) errors.rows = '没有要录入的成绩';
    (req.rows ?? []).forEach((r, i) => {
      if (!cadres.has(r.cadreId)) errors[`rows.${i}.cadreId`] = '干部不在名册中';
      if (typeof r.score !== 'number' || !Number.isFinite(r.score))
        errors[`rows.${i}.score`] = '成绩应为数字';
    });
    if (Object.keys(errors).length) return { ok: false, message: '请修改标出的内容', errors };
    const itemName =
      rule!.code === 'B-QUARTER-TOP5'
        ? '四知四清四掌握'
        : rule!.code === 'R-STUDY-TOP5'
          ? '学习强国'
          : rule!.code;
    const key = p!.key;
    const n = upsert(
      ss,
      'scores',
      wb,
      req.rows.map((r) => [key, itemName, r.cadreId, r.score]),
      (row) => [cellText(row[0]).toUpperCase(), cellText(row[1]), cellText(row[2], wb.offset)],
    );
    logAction(
      ss,
      wb.now.text,
      who,
      '录入考核成绩',
      `${key} ${itemName}：${req.rows.length} 人`,
      req.rows.length,
    );
    return {
      ok: true,
      message: `已保存 ${key} ${itemName} 成绩 ${req.rows.length} 人（更新 ${n.updated}，新增 ${n.added}）`,
    };
  }
  return { ok: false, message: '未知的录入类型' };
}

/**
 * Updates rows whose key matches (same month and cadre, or same period, item and cadre), appends the rest.
 * Rows are given in the tab's standard column order.
 */
function upsert(
  ss: Spreadsheet,
  tab: 'attendance' | 'scores',
  wb: Workbook,
  rows: Cell[][],
  keyOf: (row: Cell[]) => Cell[],
): { updated: number; added: number } {
  const sheet = ss.getSheetByName(TAB[tab]);
  if (!sheet) throw new UserFacingError(`缺少「${TAB[tab]}」表，请先运行「初始化/修复表格」。`);
  const values = wb.values[tab] ?? [headersOf(tab)];
  const headers = headersOf(tab);
  const order = headers.map((h) => columnIndex(values, h));
  if (order.some((i) => i < 0))
    throw new UserFacingError(`「${TAB[tab]}」表头不完整，请先运行「初始化/修复表格」。`);
  const existing = new Map<string, number>();
  for (let i = 1; i < values.length; i++) {
    const inStd = order.map((j) => values[i]![j]!);
    existing.set(JSON.stringify(keyOf(inStd)), i + 1);
  }
  const append: Cell[][] = [];
  let updated = 0;
  for (const r of rows) {
    const at = existing.get(JSON.stringify(keyOf(r)));
    if (at === undefined) {
      append.push(r);
      continue;
    }
    // write each value under its own header (columns may have been moved)
    order.forEach((colIdx, k) => {
      sheet.getRange(at, colIdx + 1).setValue(r[k] as never);
    });
    updated++;
  }
  appendRows(sheet, tab, append);
  return { updated, added: append.length };
}
