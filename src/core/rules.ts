// The default rule catalogue of SPEC §3, as data: every rule kind is evaluated generically.

import type { Rule } from './model';

type RuleInput = Omit<Rule, 'active' | 'claimable' | 'evidenceRequired'> & Partial<Rule>;

function rule(r: RuleInput): Rule {
  const claimable = r.claimable ?? r.kind === 'per-event';
  return { active: true, claimable, evidenceRequired: r.evidenceRequired ?? claimable, ...r };
}

export const DEFAULT_RULES: readonly Rule[] = [
  rule({
    code: 'B-ATT-PUNCTUAL',
    category: 'base',
    item: '月内按时上下班，无迟到、早退、旷工',
    points: 8,
    kind: 'attendance',
    tier: 'punctual',
  }),
  rule({
    code: 'B-ATT-FULL',
    category: 'base',
    item: '另无事假、病假记录，考勤全勤',
    points: 10,
    kind: 'attendance',
    tier: 'full',
  }),
  rule({
    code: 'B-NO-CRITICISM',
    category: 'base',
    item: '月内未被街道等上级部门点名批评',
    points: 5,
    kind: 'monthly-absence',
    linkedCode: 'B-CRITICIZED',
  }),
  rule({
    code: 'B-CRITICIZED',
    category: 'base',
    item: '被上级点名批评',
    points: -5,
    kind: 'per-event',
    claimable: false,
  }),
  rule({
    code: 'B-QUARTER-TOP5',
    category: 'base',
    item: '每季度「四知四清四掌握」考核前5名',
    points: 10,
    kind: 'top-n',
    topN: 5,
    scorePeriod: 'quarter',
  }),
  rule({
    code: 'T-TASK-EARLY',
    category: 'task',
    item: '提前1天完成各口子安排的工作任务',
    points: 2,
    kind: 'per-event',
  }),
  rule({ code: 'T-TASK-ONTIME', category: 'task', item: '工作按时完成', points: 1, kind: 'per-event' }),
  rule({
    code: 'T-TASK-LATE',
    category: 'task',
    item: '未在规定时间内完成上级及各口子安排的工作',
    points: -2,
    kind: 'per-event',
    claimable: false,
  }),
  rule({
    code: 'T-ACTIVITY',
    category: 'task',
    item: '按时参加社区开展的活动',
    points: 2,
    kind: 'per-event',
  }),
  rule({ code: 'T-MEDIATION', category: 'task', item: '成功调解居民矛盾纠纷', points: 5, kind: 'per-event' }),
  rule({
    code: 'T-NO-COMPLAINT',
    category: 'task',
    item: '月内未被居民投诉',
    points: 5,
    kind: 'monthly-absence',
    linkedCode: 'T-COMPLAINT',
  }),
  rule({
    code: 'T-COMPLAINT',
    category: 'task',
    item: '因服务问题被居民投诉',
    points: -1,
    kind: 'per-event',
    claimable: false,
  }),
  rule({
    code: 'T-INFO-REGISTER',
    category: 'task',
    item: '入户走访中登记新增出租房屋、流动人口信息',
    points: 5,
    kind: 'per-event',
  }),
  rule({
    code: 'T-CONTEST-JOIN',
    category: 'task',
    item: '参加社区或上级组织的比赛',
    points: 2,
    kind: 'per-event',
  }),
  rule({
    code: 'T-CONTEST-TOP3',
    category: 'task',
    item: '比赛获得前三名（与参赛分累加）',
    points: 5,
    kind: 'per-event',
  }),
  rule({
    code: 'T-GOOD-DEED',
    category: 'task',
    item: '为群众办实事获居民表扬',
    points: 5,
    kind: 'per-event',
  }),
  rule({
    code: 'R-STUDY-TOP5',
    category: 'reward',
    item: '学习强国半年汇总前5名',
    points: 5,
    kind: 'top-n',
    topN: 5,
    scorePeriod: 'half-year',
  }),
  rule({ code: 'R-HONOR-STREET', category: 'reward', item: '受街道表彰', points: 5, kind: 'per-event' }),
  rule({ code: 'R-HONOR-CITY', category: 'reward', item: '受市级表彰', points: 10, kind: 'per-event' }),
  rule({
    code: 'R-HONOR-PREFECTURE',
    category: 'reward',
    item: '受地区级表彰',
    points: 15,
    kind: 'per-event',
  }),
  rule({ code: 'R-HONOR-REGION', category: 'reward', item: '受自治区级表彰', points: 20, kind: 'per-event' }),
  rule({ code: 'R-HONOR-NATIONAL', category: 'reward', item: '受全国表彰', points: 30, kind: 'per-event' }),
];

/** Kinds whose entries the engine generates; they cannot be typed or claimed by hand. */
export function isSystemKind(r: Rule): boolean {
  return r.kind !== 'per-event';
}

/** Assessment item names for top-n scores, as the 考核成绩 tab shows them. */
export const SCORE_ITEM_ZH: Record<string, string> = {
  'B-QUARTER-TOP5': '四知四清四掌握',
  'R-STUDY-TOP5': '学习强国',
};
