// Half-year (and year) publication, pure: the ranking snapshot and the report for the 街道党工委.

import { type CadreSummary, type PeriodSummary, periodLabel, TIER_ZH } from '../core';
import type { Cell } from './cells';
import { consequenceText, flagText, type RecomputeResult } from './recompute';

export const REPORT_HEADERS = [
  '排名',
  '编号',
  '姓名',
  '职务',
  '起始分',
  '基础',
  '任务',
  '奖励',
  '合计',
  '分档',
  '结果运用',
  '标记',
] as const;

export interface PeriodReport {
  period: string;
  /** '公示-2026-H1' (published, protected, digested) */
  tabName: string;
  /** '报告-2026-H1' (for the 街道党工委 file) */
  reportTabName: string;
  title: string;
  values: Cell[][];
  reportValues: Cell[][];
  /** 0-based rows of the ranking table in `values` (header, first, end). */
  table: { header: number; start: number; end: number };
  topThird: CadreSummary[];
  bottomThird: CadreSummary[];
  bottomThree: CadreSummary[];
  ties: CadreSummary[];
}

function row(c: CadreSummary, p: PeriodSummary, missing: string[]): Cell[] {
  return [
    c.rank ?? '不参与排名',
    c.cadreId,
    c.name,
    c.role ?? '',
    c.startingPoints,
    c.base,
    c.task,
    c.reward,
    c.total,
    c.tiers.map((t) => TIER_ZH[t].label).join('、'),
    consequenceText(c, p.kind),
    flagText(c, missing),
  ];
}

/** Builds the half-year (or year) ranking snapshot and the report from a recompute result. */
export function buildPeriodReport(
  result: RecomputeResult,
  period: string,
  opts: { publishedAt: string; publisher: string },
): PeriodReport {
  const p = result.larger.find((x) => x.period === period);
  if (!p) throw new Error(`period ${period} is not summarised`);
  const { book } = result;
  const label = periodLabel(period);
  const title = `${result.settings.communityName} ${label} 干部积分排名公示`;
  const missingOf = (c: CadreSummary) =>
    p.months.filter((m) => book.missingAttendance.has(`${c.cadreId}|${m}`));
  const values: Cell[][] = [
    [title],
    [
      `合计 = 起始分 ${book.scenario.settings.startingPoints} + ${label}积分　发布人：${opts.publisher}　发布时间：${opts.publishedAt}`,
    ],
    [],
    [...REPORT_HEADERS],
  ];
  const header = values.length - 1;
  for (const c of p.cadres) values.push(row(c, p, missingOf(c)));
  const end = values.length;
  values.push([]);
  values.push([
    `共 ${p.cadres.length} 名干部。分档按人数的三分之一四舍五入；并列跨档者标注“并列，需两委研究”。如有异议，请向社区两委提出。`,
  ]);

  const top = p.cadres.filter((c) => c.tiers.includes('top-third'));
  const bottom = p.cadres.filter((c) => c.tiers.includes('bottom-third'));
  const three = p.cadres.filter((c) => c.tiers.includes('bottom-three'));
  const ties = p.cadres.filter((c) => c.flags.includes('tie-at-boundary'));
  const names = (cs: CadreSummary[]) =>
    cs.length ? cs.map((c) => `${c.name}（${c.cadreId}，${c.total}分）`).join('、') : '无';
  const reportValues: Cell[][] = [
    [`${result.settings.communityName} ${label} 干部积分情况报告`],
    [`报送：街道党工委　填报：${opts.publisher}　日期：${opts.publishedAt.slice(0, 10)}`],
    [],
    ['一、总体情况'],
    [
      `参加积分管理干部 ${p.cadres.length} 人，其中参与排名 ${p.cadres.filter((c) => c.ranked).length} 人。` +
        `最高 ${Math.max(...p.cadres.map((c) => c.total))} 分，最低 ${Math.min(...p.cadres.map((c) => c.total))} 分（均含起始分）。`,
    ],
    [],
    ['二、排名靠前的三分之一（给予物质奖励）'],
    [names(top)],
    [],
    ['三、排名倒数后三分之一（取消评先评优资格，由书记或主任谈话，限期整改）'],
    [names(bottom)],
    [],
    ['四、排名倒数后三名（取消一切评先评优资格，按规定组织处置）'],
    [names(three)],
    [],
    ['五、需两委研究的并列情况'],
    [ties.length ? names(ties) : '无'],
    [],
    ['六、积分明细'],
    [...REPORT_HEADERS],
    ...p.cadres.map((c) => row(c, p, missingOf(c))),
  ];
  return {
    period,
    tabName: `公示-${period}`,
    reportTabName: `报告-${period}`,
    title,
    values,
    reportValues,
    table: { header, start: header + 1, end },
    topThird: top,
    bottomThird: bottom,
    bottomThree: three,
    ties,
  };
}
