// A four-cadre community whose September 2026 figures were worked out by hand from the policy and SPEC §2–§5
// (see the comment in tests/gas/hand-computed.test.ts): one definition for the Sheets, .xlsx and JSON tests.

import type { Cell } from '../../src/shared/cells';
import { headersOf } from '../../src/shared/tabs';

export const HAND_MONTH = '2026-09';

export const HAND_ROSTER = [
  { id: '001', name: '甲', role: '书记' },
  { id: '002', name: '乙', role: '委员' },
  { id: '003', name: '丙', role: '委员' },
  { id: '004', name: '丁', role: '网格员' },
] as const;

/** [cadre, rule code, quantity, points per unit], all approved, all in HAND_MONTH. */
export const HAND_ENTRIES: readonly [string, string, number, number][] = [
  ['001', 'T-MEDIATION', 2, 5],
  ['001', 'R-HONOR-STREET', 1, 5],
  ['001', 'R-HONOR-NATIONAL', 3, 30],
  ['002', 'T-COMPLAINT', 1, -1],
  ['002', 'T-ACTIVITY', 3, 2],
  ['003', 'B-CRITICIZED', 1, -5],
  ['003', 'T-TASK-EARLY', 1, 2],
  ['004', 'T-INFO-REGISTER', 1, 5],
  ['004', 'T-TASK-LATE', 1, -2],
];

/** [cadre, late, early leave, absent, personal leave days, sick leave days] for HAND_MONTH. */
export const HAND_ATTENDANCE: readonly [string, number, number, number, number, number][] = [
  ['001', 0, 0, 0, 0, 0],
  ['002', 1, 0, 0, 0, 0],
  ['003', 0, 0, 0, 1, 0],
  ['004', 0, 0, 0, 0, 0],
];

/** September as computed by hand: categories, month total, year-to-date (起始分 100 + month), rank, tiers. */
export const HAND_SEPTEMBER = [
  {
    id: '001',
    rank: 1,
    base: 15,
    task: 15,
    reward: 95,
    total: 125,
    ytd: 225,
    tiers: ['top-third'],
    tie: false,
  },
  {
    id: '002',
    rank: 3,
    base: 5,
    task: 5,
    reward: 0,
    total: 10,
    ytd: 110,
    tiers: ['bottom-third', 'bottom-three'],
    tie: true,
  },
  {
    id: '003',
    rank: 3,
    base: 3,
    task: 7,
    reward: 0,
    total: 10,
    ytd: 110,
    tiers: ['bottom-third', 'bottom-three'],
    tie: true,
  },
  {
    id: '004',
    rank: 2,
    base: 15,
    task: 8,
    reward: 0,
    total: 23,
    ytd: 123,
    tiers: ['bottom-three'],
    tie: false,
  },
] as const;

/** How the summary tabs word the tiers (SPEC §5). */
export const TIER_ZH: Record<string, string> = {
  'top-third': '前三分之一',
  'bottom-third': '后三分之一',
  'bottom-three': '倒数三名',
};

/** The community as the committee types it into 干部名册, 积分台账 and 考勤记录 (data rows, no header). */
export function handTabRows(): { roster: Cell[][]; ledger: Cell[][]; attendance: Cell[][] } {
  const ledgerHeaders = headersOf('ledger');
  return {
    roster: HAND_ROSTER.map((c) => [c.id, c.name, c.role, '', '在职', HAND_MONTH, '', '是']),
    ledger: HAND_ENTRIES.map(([cadre, code, qty, points], i) => {
      const f: Record<string, Cell> = {
        编号: `H${i + 1}`,
        月份: HAND_MONTH,
        干部编号: cadre,
        规则编码: code,
        数量: qty,
        分值: points,
        积分: qty * points,
        得分依据: `手算 ${code}`,
        来源: '两委',
        状态: '已通过',
      };
      return ledgerHeaders.map((h) => f[h] ?? '');
    }),
    attendance: HAND_ATTENDANCE.map((a) => [HAND_MONTH, ...a]),
  };
}
