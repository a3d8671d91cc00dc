// The typed contract between the sidebar/dialog pages and the server functions they call via
// google.script.run. Plain JSON only: no Date objects cross this line (Apps Script drops them).

/** A claim waiting for review (积分台账 row with 状态 待审核). */
export interface PendingClaim {
  id: string;
  /** 1-based row in 积分台账 (for messages; ids identify rows). */
  row: number;
  month: string;
  cadreId: string;
  cadreName: string;
  ruleCode: string;
  item: string;
  quantity: number;
  unitPoints: number;
  points: number;
  reason: string;
  evidenceLink: string;
  submitter: string;
  /** 'YYYY-MM-DD HH:mm:ss' */
  submittedAt: string;
  /** Submitted after the month's deadline (逾期). */
  late: boolean;
  /** 审查意见 left on this claim (操作日志 rows), oldest first: 'who time：text'. */
  inspections?: string[];
}

export interface MonthOption {
  month: string;
  published: boolean;
  pending: number;
}

export interface SidebarState {
  /**
   * isCommittee: a committee member, who decides claims (approve, reject, adjust) and publishes;
   * canPublish: same as isCommittee (kept for older pages); isDiscipline: the 纪检专干, who may
   * inspect and leave a 审查意见 but not decide (SPEC §1).
   */
  user: { email: string; isCommittee: boolean; canPublish?: boolean; isDiscipline?: boolean };
  /** Months offered by the picker, newest first. */
  months: MonthOption[];
  month: string;
  published: boolean;
  counts: {
    pending: number;
    intakeErrors: number;
    objections: number;
    problems: number;
    /** Unhandled 申报异常 naming the shown month: publishing refuses while there are any. */
    monthIntakeErrors?: number;
  };
  pending: PendingClaim[];
  /** For a published month: its snapshot tab, a link that opens it, and its printed PDF when one was exported. */
  publication?: { tabName: string; url: string; pdfUrl?: string };
  /**
   * Why publishing the shown month would be refused, as far as is known without a recompute: a month to
   * come, a month with no data, earlier months unpublished (shared rule quickPublishRefusal), 校验问题 of the
   * month as the last recompute listed them (monthProblemLines). Pending claims and 申报异常 are in counts.
   */
  publishBlocked?: string;
  /** Non-fatal notes to show (e.g. rows that could not be read). */
  notes: string[];
}

export type ReviewAction = 'approve' | 'reject' | 'adjust';

export interface ReviewRequest {
  /** Ledger entry ids (编号); approve accepts several (bulk), reject/adjust one or more. */
  ids: string[];
  action: ReviewAction;
  /** Required for reject and adjust (审核意见). */
  reason?: string;
  /** The new quantity, for adjust: a positive whole number. */
  quantity?: number;
  /** The month the sidebar shows, so the refreshed state stays on it. */
  month: string;
}

/** A 审查意见 on one claim (纪检专干): recorded in 操作日志, never changes the claim. */
export interface InspectRequest {
  id: string;
  opinion: string;
  month: string;
}

/** Every server call answers with ok/message instead of throwing (failure-handler text is unreliable). */
export interface ActionResult {
  ok: boolean;
  message: string;
  /** Field-level errors for inline display: field name → Chinese message. */
  errors?: Record<string, string>;
}

export interface ReviewResult extends ActionResult {
  changed: number;
  state: SidebarState | null;
}

export interface PublishResult extends ActionResult {
  sheetName?: string;
  digest?: string;
  pdfUrl?: string;
  state: SidebarState | null;
}

/** What the entry dialog (录入积分事项) needs to render its choices. */
export interface DialogOptions {
  user: { email: string; isCommittee: boolean };
  cadres: { id: string; name: string }[];
  /** Per-event rules the committee records directly (criticism, complaint, late task, commendations, contests…). */
  rules: { code: string; item: string; points: number; category: string }[];
  /** Top-n rules with their score period kind, for assessment scores. */
  scoreRules: { code: string; item: string; scorePeriod: 'quarter' | 'half-year' }[];
  /** Months open for entry (not published), newest first. */
  months: string[];
  /** A default month (the current one). */
  month: string;
  /** Leave balance per cadre as of today (积分兑换): points above the 起始分 less redemptions. */
  balances?: { cadreId: string; availablePoints: number; halfDays: number; redeemedHalfDays: number }[];
  /** Points that pay for half a day of personal leave (设置 兑换标准). */
  pointsPerHalfDay?: number;
  /** Published months, newest first (objections are raised against these). */
  publishedMonths?: string[];
  /** Objections on record (异议处理), newest first. */
  objections?: ObjectionSummary[];
  /** Today, 'YYYY-MM-DD' (default redemption date). */
  today?: string;
}

export interface ObjectionSummary {
  id: string;
  month: string;
  cadreId: string;
  cadreName: string;
  /** The disputed ledger entry id ('' when the objection is about something missing). */
  entryId: string;
  content: string;
  /** '待处理' | '成立' | '不成立' */
  status: string;
  /** 处理意见 once decided. */
  opinion: string;
}

export interface EventEntryRequest {
  kind: 'event';
  month: string;
  cadreId: string;
  ruleCode: string;
  quantity: number;
  reason: string;
}

export interface AttendanceEntryRequest {
  kind: 'attendance';
  month: string;
  rows: {
    cadreId: string;
    late: number;
    earlyLeave: number;
    absent: number;
    personalLeaveDays: number;
    sickLeaveDays: number;
  }[];
}

export interface ScoresEntryRequest {
  kind: 'scores';
  /** '2026-Q3' or '2026-H1', matching the rule's score period. */
  period: string;
  ruleCode: string;
  rows: { cadreId: string; score: number }[];
}

/** 积分兑换: redeem half-days of personal leave with points (refused beyond the balance). */
export interface RedemptionEntryRequest {
  kind: 'redemption';
  cadreId: string;
  halfDays: number;
  /** 'YYYY-MM-DD' */
  date: string;
  note: string;
}

/** 异议: a cadre objects to a published month (optionally to one entry). */
export interface ObjectionEntryRequest {
  kind: 'objection';
  month: string;
  cadreId: string;
  entryId: string;
  content: string;
}

/** The committee's finding on an objection; upheld findings carry the correction entries. */
export interface FindingEntryRequest {
  kind: 'finding';
  objectionId: string;
  result: 'upheld' | 'rejected';
  opinion: string;
  /** For upheld: one line per change, in points (+/-), against an entry or (entryId '') a rule. */
  corrections: { entryId: string; ruleCode: string; pointsDelta: number; reason: string }[];
}

export type EntryRequest =
  | EventEntryRequest
  | AttendanceEntryRequest
  | ScoresEntryRequest
  | RedemptionEntryRequest
  | ObjectionEntryRequest
  | FindingEntryRequest;

/** The server functions the pages call (names are the globals in dist/Code.js). */
export interface ServerApi {
  sidebarGetState(month?: string): SidebarState;
  sidebarReview(req: ReviewRequest): ReviewResult;
  sidebarInspect(req: InspectRequest): ReviewResult;
  sidebarPublish(month: string): PublishResult;
  dialogGetOptions(): DialogOptions;
  dialogSubmit(req: EntryRequest): ActionResult;
}
