// Plain data types of the domain: roster, rules, entries, attendance, scores, redemptions, settings.

export type Category = 'base' | 'task' | 'reward';
export type RuleKind = 'per-event' | 'attendance' | 'monthly-absence' | 'top-n';
export type AttendanceTier = 'punctual' | 'full';
export type ScorePeriodKind = 'quarter' | 'half-year';
export type EntryStatus = 'approved' | 'pending' | 'rejected';
export type EntrySource = 'form' | 'committee' | 'system' | 'correction';
export type FullAttendanceMode = 'replace' | 'add';

/** One rule of the catalogue (a row of 积分规则). Kind-specific fields are flat so a tab can hold them. */
export interface Rule {
  code: string;
  category: Category;
  item: string;
  /** Points per unit; negative for deductions. */
  points: number;
  kind: RuleKind;
  /** attendance: which tier this rule pays for. */
  tier?: AttendanceTier | undefined;
  /** monthly-absence: the per-event code whose absence in a month earns the points. */
  linkedCode?: string | undefined;
  /** top-n: how many places earn the points (ties at the N-th place all earn). */
  topN?: number | undefined;
  /** top-n: the period the scores are entered for. */
  scorePeriod?: ScorePeriodKind | undefined;
  active: boolean;
  /** Offered on the claim form. */
  claimable: boolean;
  /** A claim must carry 得分依据 text. */
  evidenceRequired: boolean;
}

/** A cadre of the roster (干部名册). */
export interface Cadre {
  id: string;
  name: string;
  role?: string | undefined;
  email?: string | undefined;
  /** First month active, 'YYYY-MM'; null = since before any data. */
  startMonth: string | null;
  /** Last month active, 'YYYY-MM'; null = still active. */
  endMonth: string | null;
  ranked: boolean;
}

/** A ledger entry (积分台账 row) as entered: a claim, a committee record, a correction or a system row. */
export interface Entry {
  id: string;
  month: string;
  cadreId: string;
  ruleCode: string;
  quantity: number;
  status: EntryStatus;
  reason: string;
  source: EntrySource;
  /** Points per unit frozen on the row (分值); defaults to the rule's points. Corrections may be negative. */
  unitPoints?: number | undefined;
  /** For a correction: the id of the entry it corrects. */
  correctsId?: string | undefined;
  /** Sheet row the entry came from, for messages. */
  row?: number | undefined;
}

/** One month's attendance for a cadre (考勤记录). */
export interface AttendanceRow {
  month: string;
  cadreId: string;
  late: number;
  earlyLeave: number;
  absent: number;
  personalLeaveDays: number;
  sickLeaveDays: number;
  row?: number | undefined;
}

/** An assessment score (考核成绩) for a quarter or half-year, feeding a top-n rule. */
export interface ScoreRow {
  period: string;
  ruleCode: string;
  cadreId: string;
  score: number;
  row?: number | undefined;
}

/** A leave redemption (积分兑换): half-days of personal leave paid for with points. */
export interface Redemption {
  id?: string | undefined;
  cadreId: string;
  date: string;
  halfDays: number;
  note?: string | undefined;
  row?: number | undefined;
}

export interface Settings {
  /** Assessment year (考核年度); defaults to the evaluated period's year. */
  year?: number | undefined;
  /** Last month whose system entries (attendance, monthly-absence) are generated, 'YYYY-MM'. */
  asOf: string;
  startingPoints: number;
  fullAttendanceMode: FullAttendanceMode;
  tierFraction: number;
  bottomCount: number;
  pointsPerHalfDay: number;
}

/** Everything the engine needs, already validated. */
export interface Scenario {
  settings: Settings;
  roster: Cadre[];
  rules: Rule[];
  entries: Entry[];
  attendance: AttendanceRow[];
  scores: ScoreRow[];
  redemptions: Redemption[];
  /** Months already published (公示): their system entries are taken as given, never regenerated. */
  publishedMonths: string[];
}

export const DEFAULT_SETTINGS: Omit<Settings, 'asOf'> = {
  startingPoints: 100,
  fullAttendanceMode: 'replace',
  tierFraction: 1 / 3,
  bottomCount: 3,
  pointsPerHalfDay: 100,
};

/** A sane cap on a claim's quantity: anything above is treated as a typing error. */
export const MAX_QUANTITY = 100;

export const CATEGORY_ZH: Record<Category, string> = { base: '基础', task: '任务', reward: '奖励' };
export const STATUS_ZH: Record<EntryStatus, string> = {
  approved: '已通过',
  pending: '待审核',
  rejected: '已驳回',
};
export const SOURCE_ZH: Record<EntrySource, string> = {
  form: '表单',
  committee: '两委',
  system: '系统',
  correction: '更正',
};
export const KIND_ZH: Record<RuleKind, string> = {
  'per-event': '按次',
  attendance: '考勤',
  'monthly-absence': '月度无扣分',
  'top-n': '前N名',
};
