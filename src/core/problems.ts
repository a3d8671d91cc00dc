// Validation problems: which record (table, index or sheet row, id), which field, and why — in Chinese.

export type Table = 'settings' | 'roster' | 'rules' | 'entries' | 'attendance' | 'scores' | 'redemptions';

export interface Problem {
  table: Table;
  /** 0-based position in the input list (-1 for the table or settings as a whole). */
  index: number;
  /** 1-based sheet row when the record came from a tab. */
  row?: number | undefined;
  /** The record's own id, when it has one. */
  id?: string | undefined;
  /** The camelCase field name ('' for the record as a whole). */
  field: string;
  /** Plain Chinese reason. */
  message: string;
}

/** Tab names of SPEC §6 for each input table. */
export const TABLE_TAB: Record<Table, string> = {
  settings: '设置',
  roster: '干部名册',
  rules: '积分规则',
  entries: '积分台账',
  attendance: '考勤记录',
  scores: '考核成绩',
  redemptions: '积分兑换',
};

/** Chinese column headers for each field, as the tabs name them. */
export const FIELD_ZH: Record<string, string> = {
  id: '编号',
  name: '姓名',
  role: '职务',
  email: '邮箱',
  startMonth: '起始月份',
  endMonth: '离职月份',
  ranked: '参与排名',
  code: '规则编码',
  category: '类别',
  item: '事项',
  points: '分值',
  kind: '类型',
  tier: '考勤档',
  linkedCode: '关联编码',
  topN: '名次N',
  scorePeriod: '成绩周期',
  active: '启用',
  claimable: '可申报',
  evidenceRequired: '需填依据',
  month: '月份',
  cadreId: '干部编号',
  ruleCode: '规则编码',
  quantity: '数量',
  status: '状态',
  reason: '得分依据',
  source: '来源',
  unitPoints: '分值',
  correctsId: '更正对象',
  late: '迟到',
  earlyLeave: '早退',
  absent: '旷工',
  personalLeaveDays: '事假天数',
  sickLeaveDays: '病假天数',
  period: '期间',
  score: '成绩',
  date: '日期',
  halfDays: '半天数',
  note: '备注',
  year: '考核年度',
  asOf: '计算截至月份',
  startingPoints: '起始分',
  fullAttendanceMode: '全勤计分方式',
  tierFraction: '分档比例',
  bottomCount: '倒数名次',
  pointsPerHalfDay: '兑换标准',
};

/**
 * One line naming the record and the field.
 * JSON style: `entries[3]（编号 E4）.quantity：…`; sheet style: `积分台账 第5行（编号 E4）「数量」：…`.
 */
export function formatProblem(p: Problem, style: 'json' | 'sheet' = 'json'): string {
  const id = p.id ? `（编号 ${p.id}）` : '';
  if (style === 'sheet') {
    const where = p.row ? ` 第${p.row}行` : p.index >= 0 ? ` 第${p.index + 1}条` : '';
    const field = p.field ? `「${FIELD_ZH[p.field] ?? p.field}」` : '';
    return `${TABLE_TAB[p.table]}${where}${id}${field}：${p.message}`;
  }
  const where = p.index >= 0 ? `[${p.index}]` : '';
  const field = p.field ? `.${p.field}（${FIELD_ZH[p.field] ?? p.field}）` : '';
  return `${p.table}${where}${id}${field}：${p.message}`;
}
