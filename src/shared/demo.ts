// A deterministic example community (12 cadres, Jan–Oct 2026) as a scenario, for the demo and tests.

import { DEFAULT_RULES, monthKey } from '../core';

/** mulberry32: a tiny seeded PRNG so the demo is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE: [name: string, role: string][] = [
  ['王建国', '党委书记'],
  ['李秀英', '居委会主任'],
  ['张伟', '副主任'],
  ['刘芳', '纪检专干'],
  ['陈磊', '网格员'],
  ['杨静', '网格员'],
  ['赵敏', '网格员'],
  ['黄勇', '网格员'],
  ['周婷', '民政专干'],
  ['吴强', '综治专干'],
  ['徐丽', '计生专干'],
  ['孙浩', '网格员'],
];

export interface DemoScenario {
  settings: Record<string, unknown>;
  roster: Record<string, unknown>[];
  entries: Record<string, unknown>[];
  attendance: Record<string, unknown>[];
  scores: Record<string, unknown>[];
  redemptions: Record<string, unknown>[];
}

const REASONS: Record<string, string[]> = {
  'T-TASK-EARLY': ['提前完成辖区人口信息核查', '提前报送月度民生台账', '提前完成消防安全排查'],
  'T-TASK-ONTIME': ['按时完成低保复核', '按时报送综治月报', '按时完成疫苗接种摸排'],
  'T-ACTIVITY': ['参加社区志愿服务活动', '参加主题党日活动', '参加社区文艺汇演'],
  'T-MEDIATION': ['调解楼上楼下漏水纠纷', '调解邻里停车纠纷', '协助信访专干化解物业纠纷'],
  'T-INFO-REGISTER': ['登记新增出租房屋1处', '登记流动人口信息', '登记新增租户信息'],
  'T-CONTEST-JOIN': ['参加街道知识竞赛', '参加市级技能比赛'],
  'T-CONTEST-TOP3': ['街道知识竞赛获第二名'],
  'T-GOOD-DEED': ['帮助独居老人维修水管获表扬', '为残疾居民代办证件获表扬'],
  'T-TASK-LATE': ['未按期报送网格巡查记录'],
  'T-COMPLAINT': ['居民投诉办事态度生硬'],
  'B-CRITICIZED': ['街道通报环境卫生整治不到位'],
  'R-HONOR-STREET': ['获街道“优秀网格员”表彰'],
  'R-HONOR-CITY': ['获市级“社区工作先进个人”表彰'],
};

/** Builds the demo scenario. asOf 2026-10; October has a few pending and rejected claims. */
export function demoScenario(): DemoScenario {
  const rand = prng(20261023);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const roster = PEOPLE.map(([name, role], i) => ({
    id: String(i + 1).padStart(3, '0'),
    name,
    role,
    email: `cadre${String(i + 1).padStart(2, '0')}@example.org`,
    startMonth: i === 11 ? '2026-04' : '2026-01',
    endMonth: null as string | null,
    ranked: true,
  }));
  const entries: Record<string, unknown>[] = [];
  const attendance: Record<string, unknown>[] = [];
  const positive = [
    'T-TASK-EARLY',
    'T-TASK-ONTIME',
    'T-ACTIVITY',
    'T-MEDIATION',
    'T-INFO-REGISTER',
    'T-GOOD-DEED',
  ];
  let n = 0;
  const add = (
    month: string,
    cadreId: string,
    ruleCode: string,
    quantity: number,
    status = 'approved',
    source = 'form',
  ) => {
    n++;
    entries.push({
      id: `E${String(n).padStart(4, '0')}`,
      month,
      cadreId,
      ruleCode,
      quantity,
      status,
      source,
      reason: pick(REASONS[ruleCode] ?? ['见附件']),
    });
  };
  for (let m = 1; m <= 10; m++) {
    const month = monthKey(2026, m);
    roster.forEach((c, ci) => {
      if (c.startMonth > month) return;
      // diligence differs by person so the ranking has a shape
      const zeal = 1 + ((ci * 7) % 5);
      const count = Math.floor(rand() * zeal) + 1;
      for (let k = 0; k < count; k++) add(month, c.id, pick(positive), 1 + Math.floor(rand() * 2));
      if (rand() < 0.15) add(month, c.id, 'T-CONTEST-JOIN', 1);
      if (rand() < 0.05) add(month, c.id, 'T-CONTEST-TOP3', 1);
      if (rand() < 0.08) add(month, c.id, 'T-TASK-LATE', 1, 'approved', 'committee');
      if (rand() < 0.07) add(month, c.id, 'T-COMPLAINT', 1, 'approved', 'committee');
      if (rand() < 0.04) add(month, c.id, 'B-CRITICIZED', 1, 'approved', 'committee');
      const late = rand() < 0.12 ? 1 : 0;
      const personal = rand() < 0.15 ? 1 : 0;
      const sick = rand() < 0.08 ? 0.5 : 0;
      // one missing attendance row, to show the flag
      if (!(ci === 6 && m === 9)) {
        attendance.push({
          month,
          cadreId: c.id,
          late,
          earlyLeave: 0,
          absent: 0,
          personalLeaveDays: personal,
          sickLeaveDays: sick,
        });
      }
    });
  }
  add('2026-05', '002', 'R-HONOR-STREET', 1, 'approved', 'committee');
  add('2026-09', '005', 'R-HONOR-CITY', 1, 'approved', 'committee');
  add('2026-10', '003', 'T-MEDIATION', 1, 'pending');
  add('2026-10', '008', 'T-GOOD-DEED', 1, 'pending');
  add('2026-10', '010', 'T-INFO-REGISTER', 3, 'rejected');
  add('2026-10', '011', 'T-ACTIVITY', 1, 'rejected');
  const scores: Record<string, unknown>[] = [];
  for (const period of ['2026-Q1', '2026-Q2', '2026-Q3']) {
    for (const c of roster) {
      if (period === '2026-Q1' && c.startMonth > '2026-03') continue;
      scores.push({ period, ruleCode: 'B-QUARTER-TOP5', cadreId: c.id, score: 70 + Math.floor(rand() * 30) });
    }
  }
  for (const c of roster) {
    scores.push({
      period: '2026-H1',
      ruleCode: 'R-STUDY-TOP5',
      cadreId: c.id,
      score: 8000 + Math.floor(rand() * 4000),
    });
  }
  return {
    settings: {
      year: 2026,
      asOf: '2026-10',
      startingPoints: 100,
      fullAttendanceMode: 'replace',
      tierFraction: 1 / 3,
      bottomCount: 3,
      pointsPerHalfDay: 100,
    },
    roster,
    entries,
    attendance,
    scores,
    redemptions: [{ id: 'R001', cadreId: '001', date: '2026-10-20', halfDays: 1, note: '家中有事' }],
  };
}

export { DEFAULT_RULES };
