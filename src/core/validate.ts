// Turns raw scenario data (JSON or rows read from tabs) into a validated Scenario plus Chinese problems.

import type * as z from 'zod/mini';
import { countedEntry } from './ledger';
import {
  type AttendanceRow,
  type Cadre,
  DEFAULT_SETTINGS,
  type Entry,
  MAX_QUANTITY,
  type Redemption,
  type Rule,
  type Scenario,
  type ScoreRow,
  type Settings,
} from './model';
import { isDateKey, isMonthKey, parsePeriod, yearOfMonth } from './periods';
import type { Problem, Table } from './problems';
import { DEFAULT_RULES } from './rules';
import {
  attendanceShape,
  cadreShape,
  entryShape,
  isEntryRecord,
  parseRecord,
  redemptionShape,
  ruleShape,
  scoreShape,
  settingsShape,
  showValue,
} from './schema';

export interface ValidateOptions {
  /** Used when settings.asOf is absent: the month "now" (passed in, never read from a clock). */
  defaultAsOf: string;
  /**
   * Year of the period being evaluated (`jifen evaluate`). When given, every dated record (entry and
   * attendance month, score period, redemption date) must lie in settings.year, or in this year when
   * settings.year is absent: SPEC §8 makes anything else bad input, never silently left out.
   */
  periodYear?: number | undefined;
}

export interface Validated {
  scenario: Scenario;
  problems: Problem[];
}

const isInt = (n: number): boolean => Number.isInteger(n);

function rowOf(v: unknown): number | undefined {
  const row = v !== null && typeof v === 'object' ? (v as { row?: unknown }).row : undefined;
  return typeof row === 'number' ? row : undefined;
}

function list(raw: Record<string, unknown>, key: Table, required: boolean, problems: Problem[]): unknown[] {
  const v = raw[key];
  if (v === undefined || v === null) {
    if (required) problems.push({ table: key, index: -1, field: '', message: `缺少 ${key} 列表` });
    return [];
  }
  if (!Array.isArray(v)) {
    problems.push({ table: key, index: -1, field: '', message: `应为列表（实际：${showValue(v)}）` });
    return [];
  }
  return v;
}

/** The message for a dated record outside the assessment year (SPEC §8). */
export function outsideYearMessage(what: string, year: number): string {
  return `${what} 不在考核年度 ${year} 内（考核年度见 settings.year）`;
}

/** Validates everything; invalid records are left out of the scenario and reported, never thrown. */
export function validateScenario(input: unknown, opts: ValidateOptions): Validated {
  const problems: Problem[] = [];
  const raw: Record<string, unknown> =
    input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  if (raw !== input) {
    problems.push({ table: 'settings', index: -1, field: '', message: '场景应为 JSON 对象' });
  }

  const settings = validateSettings(raw.settings, opts, problems);
  const year = opts.periodYear === undefined ? undefined : (settings.year ?? opts.periodYear);
  const rules = validateRules(raw.rules, problems);
  const ruleByCode = new Map(rules.map((r) => [r.code, r]));
  const roster = validateRoster(list(raw, 'roster', true, problems), problems);
  const cadreIds = new Set(roster.map((c) => c.id));
  const entries = validateEntries(list(raw, 'entries', true, problems), cadreIds, ruleByCode, year, problems);
  const attendance = validateAttendance(list(raw, 'attendance', false, problems), cadreIds, year, problems);
  const scores = validateScores(list(raw, 'scores', false, problems), cadreIds, ruleByCode, year, problems);
  const redemptions = validateRedemptions(
    list(raw, 'redemptions', false, problems),
    cadreIds,
    year,
    problems,
  );
  const published = Array.isArray(raw.publishedMonths)
    ? raw.publishedMonths.filter((m): m is string => typeof m === 'string' && isMonthKey(m))
    : [];
  return {
    scenario: {
      settings,
      roster,
      rules,
      entries,
      attendance,
      scores,
      redemptions,
      publishedMonths: published,
    },
    problems,
  };
}

function validateSettings(v: unknown, opts: ValidateOptions, problems: Problem[]): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS, asOf: opts.defaultAsOf };
  if (v === undefined || v === null) return out;
  const res = parseRecord(settingsShape, v, 'settings', -1, undefined);
  if (!res.ok) {
    problems.push(...res.problems);
    return out;
  }
  const s = res.value;
  const bad = (field: string, message: string): void => {
    problems.push({ table: 'settings', index: -1, field, message });
  };
  if (s.year != null) {
    if (isInt(s.year) && s.year >= 2000 && s.year <= 2100) out.year = s.year;
    else bad('year', `应为四位年份（实际：${showValue(s.year)}）`);
  }
  if (s.asOf != null) {
    if (isMonthKey(s.asOf)) out.asOf = s.asOf;
    else bad('asOf', `应为月份，如 2026-10（实际：${showValue(s.asOf)}）`);
  }
  if (s.startingPoints != null) {
    if (isInt(s.startingPoints) && s.startingPoints >= 0) out.startingPoints = s.startingPoints;
    else bad('startingPoints', `应为不小于 0 的整数（实际：${showValue(s.startingPoints)}）`);
  }
  if (s.fullAttendanceMode != null) out.fullAttendanceMode = s.fullAttendanceMode;
  if (s.tierFraction != null) {
    if (s.tierFraction > 0 && s.tierFraction <= 0.5) out.tierFraction = s.tierFraction;
    else bad('tierFraction', `应在 0 与 0.5 之间（实际：${showValue(s.tierFraction)}）`);
  }
  if (s.bottomCount != null) {
    if (isInt(s.bottomCount) && s.bottomCount >= 0) out.bottomCount = s.bottomCount;
    else bad('bottomCount', `应为不小于 0 的整数（实际：${showValue(s.bottomCount)}）`);
  }
  if (s.pointsPerHalfDay != null) {
    if (isInt(s.pointsPerHalfDay) && s.pointsPerHalfDay > 0) out.pointsPerHalfDay = s.pointsPerHalfDay;
    else bad('pointsPerHalfDay', `应为正整数（实际：${showValue(s.pointsPerHalfDay)}）`);
  }
  return out;
}

function validateRules(v: unknown, problems: Problem[]): Rule[] {
  if (v === undefined || v === null) return DEFAULT_RULES.map((r) => ({ ...r }));
  if (!Array.isArray(v)) {
    problems.push({ table: 'rules', index: -1, field: '', message: `应为列表（实际：${showValue(v)}）` });
    return DEFAULT_RULES.map((r) => ({ ...r }));
  }
  const out: Rule[] = [];
  /** Where each rule of `out` came from (input position and sheet row), for the linked-code check. */
  const origin: { index: number; row: number | undefined }[] = [];
  const seen = new Set<string>();
  for (const [index, item] of v.entries()) {
    const row = rowOf(item);
    const res = parseRecord(ruleShape, item, 'rules', index, row);
    if (!res.ok) {
      problems.push(...res.problems);
      continue;
    }
    const r = res.value;
    const id = r.code;
    const bad = (field: string, message: string): void => {
      problems.push({ table: 'rules', index, row, id, field, message });
    };
    const code = r.code.trim();
    if (!code) {
      bad('code', '规则编码不能为空');
      continue;
    }
    if (seen.has(code)) {
      bad('code', `规则编码重复：${code}`);
      continue;
    }
    if (!isInt(r.points)) {
      bad('points', `分值应为整数（实际：${showValue(r.points)}）`);
      continue;
    }
    if (r.kind === 'attendance' && !r.tier) {
      bad('tier', '考勤规则需指定考勤档：punctual（按时）或 full（全勤）');
      continue;
    }
    if (r.kind === 'monthly-absence' && !r.linkedCode) {
      bad('linkedCode', '月度无扣分规则需指定关联编码');
      continue;
    }
    if (r.kind === 'top-n') {
      if (r.topN == null || !isInt(r.topN) || r.topN < 1) {
        bad('topN', `前N名规则的名次N应为正整数（实际：${showValue(r.topN)}）`);
        continue;
      }
      if (!r.scorePeriod) {
        bad('scorePeriod', '前N名规则需指定成绩周期：quarter（季度）或 half（半年）');
        continue;
      }
    }
    seen.add(code);
    const claimable = r.claimable ?? r.kind === 'per-event';
    out.push({
      code,
      category: r.category,
      item: r.item,
      points: r.points,
      kind: r.kind,
      tier: r.tier ?? undefined,
      linkedCode: r.linkedCode ?? undefined,
      topN: r.topN ?? undefined,
      scorePeriod: r.scorePeriod === 'half' ? 'half-year' : (r.scorePeriod ?? undefined),
      active: r.active ?? true,
      claimable: claimable && r.kind === 'per-event',
      evidenceRequired: r.evidenceRequired ?? claimable,
    });
    origin.push({ index, row });
  }
  // A monthly-absence rule must point at an existing per-event rule; otherwise it would always pay.
  return out.filter((r, i) => {
    if (r.kind !== 'monthly-absence') return true;
    const linked = out.find((x) => x.code === r.linkedCode);
    if (linked && linked.kind === 'per-event') return true;
    problems.push({
      table: 'rules',
      index: origin[i]!.index,
      row: origin[i]!.row,
      id: r.code,
      field: 'linkedCode',
      message: `关联编码 ${r.linkedCode} 不是已有的按次规则`,
    });
    return false;
  });
}

function validateRoster(items: unknown[], problems: Problem[]): Cadre[] {
  const out: Cadre[] = [];
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const row = rowOf(item);
    const res = parseRecord(cadreShape, item, 'roster', index, row);
    if (!res.ok) {
      problems.push(...res.problems);
      continue;
    }
    const c = res.value;
    const id = c.id.trim();
    const bad = (field: string, message: string): void => {
      problems.push({ table: 'roster', index, row, id, field, message });
    };
    if (!id) {
      bad('id', '编号不能为空');
      continue;
    }
    if (seen.has(id)) {
      bad('id', `编号重复：${id}`);
      continue;
    }
    if (!c.name.trim()) {
      bad('name', '姓名不能为空');
      continue;
    }
    const start = c.startMonth || null;
    const end = c.endMonth || null;
    if (start && !isMonthKey(start)) {
      bad('startMonth', `应为月份，如 2026-01（实际：${showValue(start)}）`);
      continue;
    }
    if (end && !isMonthKey(end)) {
      bad('endMonth', `应为月份，如 2026-06（实际：${showValue(end)}）`);
      continue;
    }
    if (start && end && end < start) {
      bad('endMonth', `离职月份 ${end} 早于起始月份 ${start}`);
      continue;
    }
    seen.add(id);
    out.push({
      id,
      name: c.name.trim(),
      role: c.role ?? undefined,
      email: c.email ?? undefined,
      startMonth: start,
      endMonth: end,
      ranked: c.ranked ?? true,
    });
  }
  return out;
}

type EntryShape = z.infer<typeof entryShape>;
const isEntryShape = isEntryRecord;

function validateEntries(
  items: unknown[],
  cadreIds: Set<string>,
  rules: Map<string, Rule>,
  year: number | undefined,
  problems: Problem[],
): Entry[] {
  const out: Entry[] = [];
  const seen = new Set<string>();
  // A plain indexed loop with no per-record closures: a year's ledger can hold 100k+ rows.
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const row = rowOf(item);
    let e: EntryShape;
    if (isEntryShape(item)) e = item as EntryShape;
    else {
      const res = parseRecord(entryShape, item, 'entries', index, row);
      if (!res.ok) {
        problems.push(...res.problems);
        continue;
      }
      e = res.value;
    }
    const id = e.id.trim();
    const issue = entryIssue(e, id, seen, cadreIds, rules, year);
    if (issue) {
      problems.push({ table: 'entries', index, row, id, field: issue[0], message: issue[1] });
      continue;
    }
    seen.add(id);
    out.push(
      countedEntry(
        {
          id,
          month: e.month,
          cadreId: e.cadreId,
          ruleCode: e.ruleCode,
          quantity: e.quantity,
          status: e.status ?? 'approved',
          reason: e.reason ?? '',
          source: e.source ?? 'committee',
          unitPoints: e.unitPoints ?? undefined,
          correctsId: e.correctsId || undefined,
          row,
        },
        rules.get(e.ruleCode)!,
      ),
    );
  }
  return out;
}

/** The first problem of an entry as [field, message], or null. */
function entryIssue(
  e: {
    month: string;
    cadreId: string;
    ruleCode: string;
    quantity: number;
    source?: string | undefined;
    unitPoints?: number | null | undefined;
  },
  id: string,
  seen: Set<string>,
  cadreIds: Set<string>,
  rules: Map<string, Rule>,
  year: number | undefined,
): [string, string] | null {
  if (!id) return ['id', '编号不能为空'];
  if (e.source === 'system' && !id.startsWith('SYS-'))
    return ['source', '来源「系统」只能由系统生成；手工录入请选“两委”'];
  if (seen.has(id)) return ['id', `编号重复：${id}`];
  if (!isMonthKey(e.month)) return ['month', `应为月份，如 2026-10（实际：${showValue(e.month)}）`];
  if (year !== undefined && yearOfMonth(e.month) !== year)
    return ['month', outsideYearMessage(e.month, year)];
  if (!cadreIds.has(e.cadreId)) return ['cadreId', `干部名册中没有编号为 ${e.cadreId} 的干部`];
  const rule = rules.get(e.ruleCode);
  if (!rule) return ['ruleCode', `积分规则中没有编码 ${e.ruleCode}`];
  // Corrections may target any rule (e.g. a published month's attendance points); hand entries may not.
  if (rule.kind !== 'per-event' && e.source !== 'system' && e.source !== 'correction') {
    return ['ruleCode', `${e.ruleCode}（${rule.item}）由系统自动计算，不能手工录入`];
  }
  if (!isInt(e.quantity) || e.quantity < 1)
    return ['quantity', `数量应为正整数（实际：${showValue(e.quantity)}）`];
  if (e.quantity > MAX_QUANTITY) return ['quantity', `数量过大（上限 ${MAX_QUANTITY}，实际：${e.quantity}）`];
  if (e.unitPoints != null && !isInt(e.unitPoints))
    return ['unitPoints', `分值应为整数（实际：${showValue(e.unitPoints)}）`];
  return null;
}

function validateAttendance(
  items: unknown[],
  cadreIds: Set<string>,
  year: number | undefined,
  problems: Problem[],
): AttendanceRow[] {
  const out: AttendanceRow[] = [];
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const row = rowOf(item);
    const res = parseRecord(attendanceShape, item, 'attendance', index, row);
    if (!res.ok) {
      problems.push(...res.problems);
      continue;
    }
    const a = res.value;
    const bad = (field: string, message: string): void => {
      problems.push({ table: 'attendance', index, row, field, message });
    };
    if (!isMonthKey(a.month)) {
      bad('month', `应为月份，如 2026-10（实际：${showValue(a.month)}）`);
      continue;
    }
    if (year !== undefined && yearOfMonth(a.month) !== year) {
      bad('month', outsideYearMessage(a.month, year));
      continue;
    }
    if (!cadreIds.has(a.cadreId)) {
      bad('cadreId', `干部名册中没有编号为 ${a.cadreId} 的干部`);
      continue;
    }
    const key = `${a.month}|${a.cadreId}`;
    if (seen.has(key)) {
      bad('cadreId', `${a.month} 已有该干部的考勤记录（重复）`);
      continue;
    }
    // A row with any bad count is reported and left out: a −1 and a 1 must not add up to "punctual".
    let invalid = false;
    for (const f of ['late', 'earlyLeave', 'absent'] as const) {
      const n = a[f] ?? 0;
      if (!isInt(n) || n < 0) {
        bad(f, `次数应为不小于 0 的整数（实际：${showValue(n)}）`);
        invalid = true;
      }
    }
    for (const f of ['personalLeaveDays', 'sickLeaveDays'] as const) {
      const n = a[f] ?? 0;
      if (n < 0 || !isInt(n * 2)) {
        bad(f, `天数应为不小于 0 的整数或半天（实际：${showValue(n)}）`);
        invalid = true;
      }
    }
    if (invalid) continue;
    seen.add(key);
    out.push({
      month: a.month,
      cadreId: a.cadreId,
      late: a.late ?? 0,
      earlyLeave: a.earlyLeave ?? 0,
      absent: a.absent ?? 0,
      personalLeaveDays: a.personalLeaveDays ?? 0,
      sickLeaveDays: a.sickLeaveDays ?? 0,
      row,
    });
  }
  return out;
}

function validateScores(
  items: unknown[],
  cadreIds: Set<string>,
  rules: Map<string, Rule>,
  year: number | undefined,
  problems: Problem[],
): ScoreRow[] {
  const out: ScoreRow[] = [];
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const row = rowOf(item);
    const res = parseRecord(scoreShape, item, 'scores', index, row);
    if (!res.ok) {
      problems.push(...res.problems);
      continue;
    }
    const s = res.value;
    const bad = (field: string, message: string): void => {
      problems.push({ table: 'scores', index, row, field, message });
    };
    const rule = rules.get(s.ruleCode);
    if (rule?.kind !== 'top-n') {
      bad('ruleCode', `${s.ruleCode} 不是按成绩排名的规则`);
      continue;
    }
    const p = parsePeriod(s.period);
    if (!p || p.kind !== rule.scorePeriod) {
      const want = rule.scorePeriod === 'quarter' ? '季度，如 2026-Q3' : '半年，如 2026-H1';
      bad('period', `期间应为${want}（实际：${showValue(s.period)}）`);
      continue;
    }
    if (year !== undefined && p.year !== year) {
      bad('period', outsideYearMessage(s.period, year));
      continue;
    }
    if (!cadreIds.has(s.cadreId)) {
      bad('cadreId', `干部名册中没有编号为 ${s.cadreId} 的干部`);
      continue;
    }
    if (!Number.isFinite(s.score)) {
      bad('score', `成绩应为数字（实际：${showValue(s.score)}）`);
      continue;
    }
    const key = `${s.period}|${s.ruleCode}|${s.cadreId}`;
    if (seen.has(key)) {
      bad('cadreId', `${s.period} 已有该干部的成绩（重复）`);
      continue;
    }
    seen.add(key);
    out.push({ period: s.period, ruleCode: s.ruleCode, cadreId: s.cadreId, score: s.score, row });
  }
  return out;
}

function validateRedemptions(
  items: unknown[],
  cadreIds: Set<string>,
  year: number | undefined,
  problems: Problem[],
): Redemption[] {
  const out: Redemption[] = [];
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const row = rowOf(item);
    const res = parseRecord(redemptionShape, item, 'redemptions', index, row);
    if (!res.ok) {
      problems.push(...res.problems);
      continue;
    }
    const r = res.value;
    const id = r.id ?? undefined;
    const bad = (field: string, message: string): void => {
      problems.push({ table: 'redemptions', index, row, id, field, message });
    };
    if (id) {
      if (seen.has(id)) {
        bad('id', `编号重复：${id}`);
        continue;
      }
      seen.add(id);
    }
    if (!cadreIds.has(r.cadreId)) {
      bad('cadreId', `干部名册中没有编号为 ${r.cadreId} 的干部`);
      continue;
    }
    if (!isDateKey(r.date)) {
      bad('date', `应为日期，如 2026-11-03（实际：${showValue(r.date)}）`);
      continue;
    }
    if (year !== undefined && yearOfMonth(r.date) !== year) {
      bad('date', outsideYearMessage(r.date, year));
      continue;
    }
    if (!isInt(r.halfDays) || r.halfDays < 1) {
      bad('halfDays', `半天数应为正整数（实际：${showValue(r.halfDays)}）`);
      continue;
    }
    out.push({ id, cadreId: r.cadreId, date: r.date, halfDays: r.halfDays, note: r.note ?? undefined, row });
  }
  return out;
}
