// The entry dialog's server side: choices for the form, and recording events, attendance and scores.

import {
  buildYearBook,
  isActive,
  isDateKey,
  isMonthKey,
  leaveAsOf,
  MAX_QUANTITY,
  monthKey,
  monthOfDate,
  parsePeriod,
  SOURCE_ZH,
  STATUS_ZH,
} from '../core';
import { type Cell, cellMonth, cellText } from '../shared/cells';
import { readTable } from '../shared/read-tabs';
import { headersOf, TAB } from '../shared/tabs';
import type {
  ActionResult,
  DialogOptions,
  EntryRequest,
  FindingEntryRequest,
  ObjectionEntryRequest,
  ObjectionSummary,
  RedemptionEntryRequest,
} from '../shared/ui-contract';
import { committeeEmails, currentEmail, UserFacingError } from './access';
import { logAction } from './log';
import { INPUT_READS } from './recompute-action';
import { appendRows, readTab } from './sheets-io';
import { columnIndex, loadWorkbook, type Workbook } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function dialogOptions(ss: Spreadsheet): DialogOptions {
  const wb = loadWorkbook(ss, INPUT_READS);
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
    ...extraOptions(ss, wb),
  };
}

/** Balances, published months and objections for the 积分兑换 / 异议 parts of the dialog. */
function extraOptions(ss: Spreadsheet, wb: Workbook): Partial<DialogOptions> {
  const year = Number(wb.now.month.slice(0, 4));
  const book = buildYearBook(wb.scenario, year);
  const names = new Map(wb.scenario.roster.map((c) => [c.id, c.name]));
  return {
    balances: wb.scenario.roster.map((c) => {
      const l = leaveAsOf(book, c.id, wb.now.month);
      return {
        cadreId: c.id,
        availablePoints: l.availablePoints,
        halfDays: l.halfDays,
        redeemedHalfDays: l.redeemedHalfDays,
      };
    }),
    pointsPerHalfDay: wb.scenario.settings.pointsPerHalfDay,
    publishedMonths: [...wb.published].sort().reverse(),
    objections: readObjections(ss, wb, names).reverse(),
    today: wb.now.day,
  };
}

function readObjections(ss: Spreadsheet, wb: Workbook, names: Map<string, string>): ObjectionSummary[] {
  const t = readTable(readTab(ss, 'objections'), 'objections', []);
  return t.rows.map((r) => {
    const cadreId = cellText(r.get('干部编号'), wb.offset);
    return {
      id: cellText(r.get('编号'), wb.offset),
      month: cellMonth(r.get('月份'), wb.offset),
      cadreId,
      cadreName: names.get(cadreId) ?? cellText(r.get('干部姓名')),
      entryId: cellText(r.get('异议条目'), wb.offset),
      content: cellText(r.get('异议内容'), wb.offset),
      status: cellText(r.get('处理结果')) || '待处理',
      opinion: cellText(r.get('处理意见'), wb.offset),
    };
  });
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
  const wb = loadWorkbook(ss, INPUT_READS);
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
  if (req.kind === 'redemption') return submitRedemption(ss, wb, req, who);
  if (req.kind === 'objection') return submitObjection(ss, wb, req, who);
  if (req.kind === 'finding') return submitFinding(ss, wb, req, who);
  return { ok: false, message: '未知的录入类型' };
}

/** A time stamp plus a random tail: two entries made in the same second still get distinct ids. */
const stamp = (wb: Workbook) =>
  `${wb.now.text.replace(/\D/g, '')}${Math.floor(Math.random() * 36 ** 3)
    .toString(36)
    .padStart(3, '0')}`;

/**
 * Corrections of a code that a monthly-absence rule watches (a criticism, a complaint) also move that
 * rule's award, which the published month froze: one criticism costs the +5 and −5 more (SPEC §3).
 */
function linkedCorrections(
  wb: Workbook,
  month: string,
  cadreId: string,
  lines: { entryId: string; ruleCode: string; points: number; reason: string }[],
): { entryId: string; ruleCode: string; points: number; reason: string }[] {
  const out: { entryId: string; ruleCode: string; points: number; reason: string }[] = [];
  const mine = wb.scenario.entries.filter(
    (e) => e.month === month && e.cadreId === cadreId && e.status === 'approved',
  );
  for (const r of wb.scenario.rules) {
    if (!r.active || r.kind !== 'monthly-absence' || !r.linkedCode) continue;
    const linked = wb.scenario.rules.find((x) => x.code === r.linkedCode);
    if (!linked || linked.points === 0) continue;
    // The committee already corrected the award itself: leave it to them.
    if (lines.some((l) => l.ruleCode === r.code)) continue;
    const pointsOf = (e: (typeof mine)[number]) => (e.unitPoints ?? linked.points) * e.quantity;
    const awardNow =
      mine
        .filter((e) => e.ruleCode === r.code)
        .reduce((n, e) => n + (e.unitPoints ?? r.points) * e.quantity, 0) > 0;
    // Events of the watched code in whole units of its points: a −5 criticism is one, a +5 correction
    // takes one away, a +2 (a lighter penalty) takes none away.
    const events = (points: number) => Math.round(points / linked.points);
    const before = mine
      .filter((e) => e.ruleCode === linked.code)
      .reduce((n, e) => n + events(pointsOf(e)), 0);
    const after =
      before + lines.filter((l) => l.ruleCode === linked.code).reduce((n, l) => n + events(l.points), 0);
    if (before === after) continue;
    if (after > 0 && awardNow)
      out.push({ entryId: '', ruleCode: r.code, points: -r.points, reason: `随之取消「${r.item}」` });
    if (after <= 0 && !awardNow)
      out.push({ entryId: '', ruleCode: r.code, points: r.points, reason: `随之恢复「${r.item}」` });
  }
  return out;
}

function submitRedemption(
  ss: Spreadsheet,
  wb: Workbook,
  req: RedemptionEntryRequest,
  who: string,
): ActionResult {
  const errors: Record<string, string> = {};
  const cadre = wb.scenario.roster.find((c) => c.id === req.cadreId);
  if (!cadre) errors.cadreId = '请选择干部';
  if (!Number.isInteger(req.halfDays) || req.halfDays < 1) errors.halfDays = '半天数应为正整数';
  const year = Number(wb.now.month.slice(0, 4));
  if (typeof req.date !== 'string' || !isDateKey(req.date)) errors.date = '日期应如 2026-11-03';
  else if (req.date > wb.now.day) errors.date = '日期不能晚于今天';
  else if (Number(req.date.slice(0, 4)) !== year) errors.date = `只能兑换 ${year} 年度的积分`;
  if (Object.keys(errors).length) return { ok: false, message: '请修改标出的内容', errors };
  const book = buildYearBook(wb.scenario, year);
  const pph = wb.scenario.settings.pointsPerHalfDay;
  // The balance on the redemption date and today, whichever is lower: a back-dated redemption may not
  // spend points earned after its date, nor overdraw what later redemptions already took.
  const onDate = leaveAsOf(book, cadre!.id, monthOfDate(req.date));
  const today = leaveAsOf(book, cadre!.id, wb.now.month);
  const before = onDate.availablePoints < today.availablePoints ? onDate : today;
  const cost = req.halfDays * pph;
  if (cost > before.availablePoints) {
    const msg = `超出可用积分：兑换 ${req.halfDays} 个半天需 ${cost} 分，${cadre!.name} 可用 ${before.availablePoints} 分（最多 ${before.halfDays} 个半天）`;
    return { ok: false, message: msg, errors: { halfDays: msg } };
  }
  const sheet = ss.getSheetByName(TAB.redemptions);
  if (!sheet) throw new UserFacingError('缺少「积分兑换」表，请先运行「初始化/修复表格」。');
  const id = `R-${stamp(wb)}`;
  appendRows(sheet, 'redemptions', [
    [
      id,
      cadre!.id,
      cadre!.name,
      req.date,
      req.halfDays,
      cost,
      String(req.note ?? '').trim(),
      who,
      wb.now.text,
    ],
  ]);
  const after = before.availablePoints - cost;
  logAction(
    ss,
    wb.now.text,
    who,
    '积分兑换',
    `${id} ${cadre!.name}：${req.halfDays} 个半天（${cost} 分），兑换前 ${before.availablePoints} 分，兑换后 ${after} 分`,
    req.halfDays,
  );
  return {
    ok: true,
    message: `已登记 ${cadre!.name} 兑换事假 ${req.halfDays / 2} 天（${cost} 分）。兑换前可用 ${before.availablePoints} 分，兑换后 ${after} 分（还可兑换 ${Math.max(0, Math.floor(after / pph))} 个半天）。排名不受影响。`,
  };
}

function ledgerEntries(wb: Workbook, month: string): Map<string, { cadreId: string; ruleCode: string }> {
  const out = new Map<string, { cadreId: string; ruleCode: string }>();
  for (const e of wb.scenario.entries)
    if (e.month === month) out.set(e.id, { cadreId: e.cadreId, ruleCode: e.ruleCode });
  return out;
}

function submitObjection(
  ss: Spreadsheet,
  wb: Workbook,
  req: ObjectionEntryRequest,
  who: string,
): ActionResult {
  const errors: Record<string, string> = {};
  if (typeof req.month !== 'string' || !wb.published.has(req.month))
    errors.month = '只能对已公示的月份提出异议';
  const cadre = wb.scenario.roster.find((c) => c.id === req.cadreId);
  if (!cadre) errors.cadreId = '请选择干部';
  const entryId = String(req.entryId ?? '').trim();
  if (entryId && !errors.month && !ledgerEntries(wb, req.month).has(entryId))
    errors.entryId = `${req.month} 的台账中没有条目 ${entryId}`;
  if (!String(req.content ?? '').trim()) errors.content = '请填写异议内容';
  if (Object.keys(errors).length) return { ok: false, message: '请修改标出的内容', errors };
  const sheet = ss.getSheetByName(TAB.objections);
  if (!sheet) throw new UserFacingError('缺少「异议处理」表，请先运行「初始化/修复表格」。');
  const id = `O-${stamp(wb)}`;
  appendRows(sheet, 'objections', [
    [
      id,
      req.month,
      cadre!.id,
      cadre!.name,
      entryId,
      req.content.trim(),
      wb.now.text,
      '待处理',
      '',
      '',
      '',
      '',
    ],
  ]);
  logAction(
    ss,
    wb.now.text,
    who,
    '登记异议',
    `${id} ${cadre!.name} ${req.month}${entryId ? ` ${entryId}` : ''}：${req.content.trim()}`,
    1,
  );
  return { ok: true, message: `已登记异议 ${id}（${cadre!.name}，${req.month}），待两委调查核实后处理。` };
}

function submitFinding(ss: Spreadsheet, wb: Workbook, req: FindingEntryRequest, who: string): ActionResult {
  const errors: Record<string, string> = {};
  const sheet = ss.getSheetByName(TAB.objections);
  const ledgerSheet = ss.getSheetByName(TAB.ledger);
  if (!sheet || !ledgerSheet)
    throw new UserFacingError('缺少「异议处理」或「积分台账」表，请先运行「初始化/修复表格」。');
  const values = readTab(ss, 'objections') ?? [];
  const col = (h: string) => columnIndex(values, h);
  const rowIndex = values.findIndex((r, i) => i > 0 && cellText(r[col('编号')]) === req.objectionId);
  const obj = rowIndex > 0 ? values[rowIndex]! : null;
  if (!obj) errors.objectionId = '请选择要处理的异议';
  else if (!['', '待处理'].includes(cellText(obj[col('处理结果')]))) errors.objectionId = '该异议已处理';
  if (req.result !== 'upheld' && req.result !== 'rejected') errors.result = '请选择“成立”或“不成立”';
  if (!String(req.opinion ?? '').trim()) errors.opinion = '请填写处理意见';
  const month = obj ? cellMonth(obj[col('月份')], wb.offset) : '';
  const cadreId = obj ? cellText(obj[col('干部编号')], wb.offset) : '';
  const entries = ledgerEntries(wb, month);
  const lines = req.result === 'upheld' ? (Array.isArray(req.corrections) ? req.corrections : []) : [];
  if (req.result === 'upheld' && lines.length === 0) errors.corrections = '异议成立时至少填写一条更正';
  const rules = new Map(wb.scenario.rules.map((r) => [r.code, r]));
  const resolved = lines.map((c, i) => {
    const entryId = String(c.entryId ?? '').trim();
    const entry = entryId ? entries.get(entryId) : undefined;
    if (entryId && !entry) errors[`corrections.${i}.entryId`] = `${month} 的台账中没有条目 ${entryId}`;
    else if (entry && entry.cadreId !== cadreId)
      errors[`corrections.${i}.entryId`] = '该条目不属于提出异议的干部';
    const ruleCode = entry?.ruleCode ?? String(c.ruleCode ?? '').trim();
    if (!entryId && !rules.has(ruleCode)) errors[`corrections.${i}.ruleCode`] = '请选择规则编码';
    if (!Number.isInteger(c.pointsDelta) || c.pointsDelta === 0)
      errors[`corrections.${i}.pointsDelta`] = '分值变化应为非零整数';
    if (!String(c.reason ?? '').trim()) errors[`corrections.${i}.reason`] = '请填写更正理由';
    return { entryId, ruleCode, points: c.pointsDelta, reason: String(c.reason ?? '').trim() };
  });
  if (Object.keys(errors).length) return { ok: false, message: '请修改标出的内容', errors };
  resolved.push(...linkedCorrections(wb, month, cadreId, resolved));
  const ids: string[] = [];
  if (resolved.length) {
    const cadreName = wb.scenario.roster.find((c) => c.id === cadreId)?.name ?? '';
    const rows = resolved.map((c, i) => {
      const id = `X-${stamp(wb)}-${i + 1}`;
      ids.push(id);
      const rule = rules.get(c.ruleCode);
      const f: Record<string, Cell> = {
        编号: id,
        月份: month,
        干部编号: cadreId,
        干部姓名: cadreName,
        规则编码: c.ruleCode,
        事项: rule?.item ?? '',
        数量: 1,
        分值: c.points,
        积分: c.points,
        得分依据: `更正：${c.reason}（异议 ${req.objectionId}）`,
        来源: SOURCE_ZH.correction,
        申报人: who,
        申报时间: wb.now.text,
        状态: STATUS_ZH.approved,
        审核人: who,
        审核时间: wb.now.text,
        审核意见: req.opinion.trim(),
        更正对象: c.entryId,
      };
      return headersOf('ledger').map((h) => f[h] ?? '');
    });
    appendRows(ledgerSheet, 'ledger', rows);
  }
  const result = req.result === 'upheld' ? '成立' : '不成立';
  const r = rowIndex + 1;
  for (const [h, v] of [
    ['处理结果', result],
    ['处理意见', req.opinion.trim()],
    ['处理人', who],
    ['处理时间', wb.now.text],
    ['更正条目', ids.join('、')],
  ] as const) {
    const c = col(h);
    if (c >= 0)
      sheet
        .getRange(r, c + 1)
        .setNumberFormat('@')
        .setValue(v);
  }
  logAction(
    ss,
    wb.now.text,
    who,
    '处理异议',
    `${req.objectionId}：${result}；${req.opinion.trim()}${ids.length ? `；更正条目 ${ids.join('、')}` : ''}`,
    ids.length,
  );
  return {
    ok: true,
    message:
      req.result === 'upheld'
        ? `已记录：异议 ${req.objectionId} 成立，新增更正条目 ${ids.length} 条（${month}）。请运行菜单「积分管理 › 发布更正公示」生成更正公示；原公示不会被修改。`
        : `已记录：异议 ${req.objectionId} 不成立。处理意见已写入「异议处理」表。`,
  };
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
