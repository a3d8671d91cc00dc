// Reads the input tabs' values (one 2-D array per tab, header row first) into a raw scenario for the core.

import { FIELD_ZH, isMonthKey, type Problem, type Rule, SCORE_ITEM_ZH, TABLE_TAB, type Table } from '../core';
import { type Cell, cellBool, cellDate, cellMonth, cellNumber, cellText } from './cells';
import { COLUMNS, type ColumnTab, headersOf, SETTINGS_ROWS, settingKeys, TAB } from './tabs';

export type TabValues = Cell[][];
export type WorkbookValues = Partial<Record<ColumnTab, TabValues>>;

/** A problem as the 校验问题 tab lists it: tab, 1-based row ('' for the tab as a whole), id, field, reason. */
export interface SheetProblem {
  tab: string;
  row: number | '';
  id: string;
  field: string;
  message: string;
}

/** One data row of a tab, with cells looked up by header text. */
export interface TabRow {
  /** 1-based sheet row. */
  row: number;
  cells: Cell[];
  get(header: string): Cell;
}

export interface Table_ {
  rows: TabRow[];
  /** header text → 0-based column index */
  index: Map<string, number>;
  missing: string[];
}

/** Parses a tab's values: finds columns by header (order-tolerant), skips blank rows. */
export function readTable(values: TabValues | undefined, tab: ColumnTab, required = headersOf(tab)): Table_ {
  const header = (values?.[0] ?? []).map((h) => cellText(h));
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (h && !index.has(h)) index.set(h, i);
  });
  const missing = values ? required.filter((h) => !index.has(h)) : [];
  const rows: TabRow[] = [];
  for (let r = 1; r < (values?.length ?? 0); r++) {
    const cells = values![r]!;
    if (cells.every((c) => c === '' || c === null || c === undefined)) continue;
    rows.push({
      row: r + 1,
      cells,
      get(h: string): Cell {
        const i = index.get(h);
        return i === undefined ? undefined : cells[i];
      },
    });
  }
  return { rows, index, missing };
}

const CATEGORY: Record<string, string> = { 基础: 'base', 任务: 'task', 奖励: 'reward' };
const KIND: Record<string, string> = {
  按次: 'per-event',
  考勤: 'attendance',
  月度无扣分: 'monthly-absence',
  前N名: 'top-n',
};
const TIER: Record<string, string> = { 按时: 'punctual', 全勤: 'full' };
const SCORE_PERIOD: Record<string, string> = { 季度: 'quarter', 半年: 'half-year' };
export const STATUS_FROM_ZH: Record<string, string> = {
  待审核: 'pending',
  已通过: 'approved',
  已驳回: 'rejected',
};
export const SOURCE_FROM_ZH: Record<string, string> = {
  表单: 'form',
  两委: 'committee',
  系统: 'system',
  更正: 'correction',
};

const mapped = (map: Record<string, string>, v: Cell): string | undefined => {
  const t = cellText(v);
  return t === '' ? undefined : (map[t] ?? t);
};
const textOrUndef = (v: Cell, offset: number): string | undefined => {
  const t = cellText(v, offset);
  return t === '' ? undefined : t;
};

/** Settings from the 设置 tab, in domain terms, plus the values only the add-on uses. */
export interface SheetSettings {
  communityName: string;
  year?: number | undefined;
  startingPoints?: unknown;
  fullAttendanceMode?: unknown;
  tierFraction?: unknown;
  bottomCount?: unknown;
  pointsPerHalfDay?: unknown;
  /** 0 = last day of the month; 1..28 = that day of the next month. */
  deadlineDay: number;
  committeeEmails: string[];
  disciplineEmail: string;
  /** 公示期 in calendar days from the publication date (设置 公示天数, default 5). */
  publicityDays: number;
  /** Who takes objections (设置 异议联系人). */
  objectionContact: string;
  /** Publisher name printed on documents (设置 公示发布人); '' = not set. */
  publisherName: string;
  /** Addressee of the half-year report (设置 报送单位). */
  reportTo: string;
}

function parseFraction(t: string): number | string {
  const m = /^(\d+)\s*\/\s*(\d+)$/.exec(t);
  if (m && Number(m[2]) > 0) return Number(m[1]) / Number(m[2]);
  const n = cellNumber(t);
  return n === undefined ? t : n;
}

export function readSettings(values: TabValues | undefined, problems: SheetProblem[]): SheetSettings {
  const kv = new Map<string, { value: Cell; row: number }>();
  for (const r of readTable(values, 'settings', ['项目', '值']).rows) {
    const key = cellText(r.get('项目'));
    if (key) kv.set(key, { value: r.get('值'), row: r.row });
  }
  const text = (k: string) => cellText(kv.get(k)?.value);
  // The SPEC key when the book has it, else the name an earlier version wrote.
  const keyOf = (k: string) => settingKeys(k).find((x) => kv.has(x)) ?? k;
  const out: SheetSettings = {
    communityName: text('社区名称') || '社区',
    deadlineDay: 0,
    committeeEmails: text('两委成员邮箱')
      .split(/[,，;；\s]+/)
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
    disciplineEmail: text('纪检专干邮箱').toLowerCase(),
    publicityDays: 5,
    objectionContact: text(keyOf('异议联系人')) || '社区两委办公室',
    // An e-mail address is never printed as a name.
    publisherName: text('公示发布人').includes('@') ? '' : text('公示发布人'),
    reportTo: text('报送单位') || '街道党工委',
  };
  const bad = (key: string, message: string) =>
    problems.push({ tab: TAB.settings, row: kv.get(key)?.row ?? '', id: '', field: key, message });
  const year = cellNumber(kv.get('考核年度')?.value ?? '');
  if (typeof year === 'number') out.year = year;
  else if (year !== undefined) bad('考核年度', `应为四位年份（实际：${year}）`);
  const num = (k: string) => {
    const v = cellNumber(kv.get(k)?.value ?? '');
    return v;
  };
  out.startingPoints = num('起始分');
  const daysKey = keyOf('公示天数');
  const days = num(daysKey);
  if (typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 60) out.publicityDays = days;
  else if (days !== undefined) bad(daysKey, `应为 1–60 的整数天数（实际：${days}），已按 5 天计`);
  const mode = text('全勤计分方式');
  out.fullAttendanceMode =
    mode === '' ? undefined : mode === '替代' ? 'replace' : mode === '叠加' ? 'add' : mode;
  const frac = text('分档比例');
  out.tierFraction = frac === '' ? undefined : parseFraction(frac);
  out.bottomCount = num('倒数名次');
  out.pointsPerHalfDay = num('兑换标准');
  const deadline = text('申报截止日');
  if (deadline && deadline !== '月末') {
    const d = Number(deadline);
    if (Number.isInteger(d) && d >= 1 && d <= 28) out.deadlineDay = d;
    else bad('申报截止日', `应为“月末”或 1–28 的日期（实际：${deadline}）`);
  }
  return out;
}

/** Maps a 考核项目 cell to a rule code: the code itself, the known item names, or a rule's item text. */
function scoreRuleCode(v: Cell, rules: readonly Rule[] | undefined): string {
  const t = cellText(v);
  if (!t) return t;
  if (rules?.some((r) => r.code === t)) return t;
  for (const [code, name] of Object.entries(SCORE_ITEM_ZH)) if (name === t) return code;
  const byItem = rules?.find((r) => r.kind === 'top-n' && (r.item === t || r.item.includes(t)));
  return byItem ? byItem.code : t;
}

export interface ReadResult {
  /** Raw scenario for validateScenario (records carry their sheet row). */
  raw: Record<string, unknown>;
  settings: SheetSettings;
  publishedMonths: string[];
  /** Tab-level problems (missing tab or header, bad settings). */
  problems: SheetProblem[];
}

/** Reads every input tab. `offsetMinutes`: the sheet's UTC offset for Date cells (see dateParts). */
export function readWorkbook(
  values: WorkbookValues,
  offsetMinutes: number,
  defaultRules?: readonly Rule[],
): ReadResult {
  const problems: SheetProblem[] = [];
  const headerProblems = (tab: ColumnTab, t: Table_, required: boolean) => {
    if (!values[tab]) {
      if (required)
        problems.push({ tab: TAB[tab], row: '', id: '', field: '', message: `缺少「${TAB[tab]}」表` });
      return;
    }
    for (const h of t.missing) {
      problems.push({ tab: TAB[tab], row: 1, id: '', field: h, message: `表头缺少「${h}」列` });
    }
  };
  const settings = readSettings(values.settings, problems);

  const rosterT = readTable(values.roster, 'roster', ['编号', '姓名']);
  headerProblems('roster', rosterT, true);
  const roster = rosterT.rows.map((r) => ({
    row: r.row,
    id: cellText(r.get('编号'), offsetMinutes),
    name: cellText(r.get('姓名')),
    role: textOrUndef(r.get('职务'), offsetMinutes),
    email: textOrUndef(r.get('邮箱'), offsetMinutes)?.toLowerCase(),
    startMonth: textOrUndef(cellMonth(r.get('起始月份'), offsetMinutes), offsetMinutes) ?? null,
    endMonth: textOrUndef(cellMonth(r.get('离职月份'), offsetMinutes), offsetMinutes) ?? null,
    ranked: cellBool(r.get('参与排名')) ?? true,
  }));

  let rules: Record<string, unknown>[] | undefined;
  if (values.rules) {
    const t = readTable(values.rules, 'rules', ['规则编码', '类别', '事项', '分值', '类型']);
    headerProblems('rules', t, true);
    rules = t.rows.map((r) => ({
      row: r.row,
      code: cellText(r.get('规则编码')),
      category: mapped(CATEGORY, r.get('类别')),
      item: cellText(r.get('事项')),
      points: cellNumber(r.get('分值')),
      kind: mapped(KIND, r.get('类型')),
      tier: mapped(TIER, r.get('考勤档')) ?? null,
      linkedCode: textOrUndef(r.get('关联编码'), 0) ?? null,
      topN: cellNumber(r.get('名次N')) ?? null,
      scorePeriod: mapped(SCORE_PERIOD, r.get('成绩周期')) ?? null,
      active: cellBool(r.get('启用')) ?? null,
      claimable: cellBool(r.get('可申报')) ?? null,
      evidenceRequired: cellBool(r.get('需填依据')) ?? null,
    }));
  }

  const ledgerT = readTable(values.ledger, 'ledger', [
    '编号',
    '月份',
    '干部编号',
    '规则编码',
    '数量',
    '状态',
  ]);
  headerProblems('ledger', ledgerT, true);
  const entries = ledgerT.rows.map((r) => {
    const source = mapped(SOURCE_FROM_ZH, r.get('来源')) ?? 'committee';
    const status = mapped(STATUS_FROM_ZH, r.get('状态')) ?? (source === 'committee' ? 'approved' : 'pending');
    return {
      row: r.row,
      id: cellText(r.get('编号'), offsetMinutes),
      month: cellMonth(r.get('月份'), offsetMinutes),
      cadreId: cellText(r.get('干部编号'), offsetMinutes),
      ruleCode: cellText(r.get('规则编码')),
      quantity: cellNumber(r.get('数量')),
      status,
      reason: cellText(r.get('得分依据'), offsetMinutes),
      source,
      unitPoints: cellNumber(r.get('分值')) ?? null,
      correctsId: textOrUndef(r.get('更正对象'), offsetMinutes) ?? null,
    };
  });

  const attT = readTable(values.attendance, 'attendance', ['月份', '干部编号']);
  headerProblems('attendance', attT, false);
  const attendance = attT.rows.map((r) => ({
    row: r.row,
    month: cellMonth(r.get('月份'), offsetMinutes),
    cadreId: cellText(r.get('干部编号'), offsetMinutes),
    late: cellNumber(r.get('迟到')),
    earlyLeave: cellNumber(r.get('早退')),
    absent: cellNumber(r.get('旷工')),
    personalLeaveDays: cellNumber(r.get('事假天数')),
    sickLeaveDays: cellNumber(r.get('病假天数')),
  }));

  const scoresT = readTable(values.scores, 'scores', ['期间', '考核项目', '干部编号', '成绩']);
  headerProblems('scores', scoresT, false);
  const ruleList = (rules as unknown as Rule[] | undefined) ?? (defaultRules as Rule[] | undefined);
  const scores = scoresT.rows.map((r) => ({
    row: r.row,
    period: cellText(r.get('期间')).toUpperCase(),
    ruleCode: scoreRuleCode(r.get('考核项目'), ruleList),
    cadreId: cellText(r.get('干部编号'), offsetMinutes),
    score: cellNumber(r.get('成绩')),
  }));

  const redT = readTable(values.redemptions, 'redemptions', ['干部编号', '日期', '半天数']);
  headerProblems('redemptions', redT, false);
  const redemptions = redT.rows.map((r) => ({
    row: r.row,
    id: textOrUndef(r.get('编号'), offsetMinutes) ?? null,
    cadreId: cellText(r.get('干部编号'), offsetMinutes),
    date: cellDate(r.get('日期'), offsetMinutes),
    halfDays: cellNumber(r.get('半天数')),
    note: textOrUndef(r.get('备注'), offsetMinutes) ?? null,
  }));

  const published = new Set<string>();
  for (const r of readTable(values.publications, 'publications', ['期间']).rows) {
    const p = cellMonth(r.get('期间'), offsetMinutes);
    if (isMonthKey(p)) published.add(p);
  }

  const raw: Record<string, unknown> = {
    settings: {
      year: settings.year,
      startingPoints: settings.startingPoints,
      fullAttendanceMode: settings.fullAttendanceMode,
      tierFraction: settings.tierFraction,
      bottomCount: settings.bottomCount,
      pointsPerHalfDay: settings.pointsPerHalfDay,
    },
    roster,
    entries,
    attendance,
    scores,
    redemptions,
    publishedMonths: [...published].sort(),
  };
  if (rules) raw.rules = rules;
  return { raw, settings, publishedMonths: [...published].sort(), problems };
}

/** A core problem as a 校验问题 row (the record's sheet row, the Chinese header of the field). */
export function toSheetProblem(p: Problem): SheetProblem {
  const tab = TABLE_TAB[p.table as Table];
  const spec = COLUMNS[tableTab(p.table)].find((c) => c.header === fieldHeader(p.table, p.field));
  return {
    tab,
    row: p.row ?? '',
    id: p.id ?? '',
    field: spec ? spec.header : fieldHeader(p.table, p.field),
    message: p.message,
  };
}

function tableTab(t: Table): ColumnTab {
  return t === 'entries' ? 'ledger' : t;
}

/** The Chinese header of a field: the core's names, except where a tab calls the field otherwise. */
function fieldHeader(t: Table, field: string): string {
  if (t === 'scores' && field === 'ruleCode') return '考核项目';
  return FIELD_ZH[field] ?? field;
}

export { SETTINGS_ROWS };
