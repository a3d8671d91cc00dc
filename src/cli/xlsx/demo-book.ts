// The demo workbook's input tabs: the shared demo scenario laid out as the committee would type it into §6's tabs.
import { DEFAULT_RULES, SCORE_ITEM_ZH, SOURCE_ZH, STATUS_ZH } from '../../core';
import { type Cell, yesNo } from '../../shared/cells';
import { type DemoScenario, demoScenario } from '../../shared/demo';
import type { WorkbookValues } from '../../shared/read-tabs';
import { ruleRow } from '../../shared/rule-rows';
import { headersOf, SETTINGS_ROWS, TAB } from '../../shared/tabs';

/**
 * The demo's fixed clock: the committee is at the start of October's review. January–August are
 * published (in order, as the add-on requires), September is ready to publish, October has claims
 * still pending.
 */
export const DEMO_NOW = {
  month: '2026-10',
  recomputeAt: '2026-10-09 09:00:00',
  publishedMonths: ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08'],
  /** The month `npm start` publishes: the next in order. */
  readyMonth: '2026-09',
  publishedAt: '2026-10-09 10:00:00',
  publisher: 'cadre01@example.org',
} as const;

const COMMITTEE = ['cadre01@example.org', 'cadre02@example.org'];
const DISCIPLINE = 'cadre04@example.org';

export { ruleRow };

/** Day of the month for a deterministic timestamp. */
const day = (n: number) => String(1 + (n % 27)).padStart(2, '0');

/** Input tabs of the demo (values, header first), plus the 说明 lines. */
export function demoInputValues(s: DemoScenario = demoScenario()): {
  values: WorkbookValues;
  readme: string[];
} {
  const names = new Map(s.roster.map((c) => [String(c.id), String(c.name)]));
  const emails = new Map(s.roster.map((c) => [String(c.id), String(c.email)]));
  const rules = new Map(DEFAULT_RULES.map((r) => [r.code, r]));
  const settings: Cell[][] = [
    headersOf('settings'),
    ...SETTINGS_ROWS.map(([k, v, note]): Cell[] => {
      if (k === '考核年度') return [k, String(s.settings.year), note];
      if (k === '两委成员邮箱') return [k, COMMITTEE.join(', '), note];
      if (k === '纪检专干邮箱') return [k, DISCIPLINE, note];
      return [k, v, note];
    }),
  ];
  const roster: Cell[][] = [
    headersOf('roster'),
    ...s.roster.map((c) => [
      c.id as string,
      c.name as string,
      (c.role as string) ?? '',
      (c.email as string) ?? '',
      c.endMonth ? '离职' : '在职',
      (c.startMonth as string) ?? '',
      (c.endMonth as string) ?? '',
      yesNo(c.ranked as boolean),
    ]),
  ];
  const ledger: Cell[][] = [headersOf('ledger')];
  s.entries.forEach((e, i) => {
    const rule = rules.get(e.ruleCode as string)!;
    const month = e.month as string;
    const status = e.status as keyof typeof STATUS_ZH;
    const source = e.source as keyof typeof SOURCE_ZH;
    const fromForm = source === 'form';
    const reviewed = status !== 'pending';
    ledger.push([
      e.id as string,
      month,
      e.cadreId as string,
      names.get(e.cadreId as string) ?? '',
      rule.code,
      rule.item,
      e.quantity as number,
      rule.points,
      rule.points * (e.quantity as number),
      e.reason as string,
      SOURCE_ZH[source],
      fromForm ? (emails.get(e.cadreId as string) ?? '') : COMMITTEE[0]!,
      `${month}-${day(i)} 09:${String(10 + (i % 50)).padStart(2, '0')}:00`,
      STATUS_ZH[status],
      reviewed ? COMMITTEE[i % 2]! : '',
      reviewed ? `${month}-28 16:${String(i % 60).padStart(2, '0')}:00` : '',
      status === 'rejected' ? (i % 2 ? '活动签到表中无本人记录' : '登记材料不全，请补充后重新申报') : '',
      fromForm ? `resp-${String(i + 1).padStart(5, '0')}` : '',
      '',
    ]);
  });
  const attendance: Cell[][] = [
    headersOf('attendance'),
    ...s.attendance.map((a) => [
      a.month as string,
      a.cadreId as string,
      a.late as number,
      a.earlyLeave as number,
      a.absent as number,
      a.personalLeaveDays as number,
      a.sickLeaveDays as number,
    ]),
  ];
  const scores: Cell[][] = [
    headersOf('scores'),
    ...s.scores.map((x) => [
      x.period as string,
      SCORE_ITEM_ZH[x.ruleCode as string] ?? (x.ruleCode as string),
      x.cadreId as string,
      x.score as number,
    ]),
  ];
  const redemptions: Cell[][] = [
    headersOf('redemptions'),
    ...s.redemptions.map((r) => {
      const [y, m, d] = String(r.date).split('-').map(Number) as [number, number, number];
      return [
        (r.id as string) ?? '',
        r.cadreId as string,
        names.get(r.cadreId as string) ?? '',
        // A real date cell, as the committee would type it.
        new Date(Date.UTC(y, m - 1, d)),
        r.halfDays as number,
        (r.halfDays as number) * Number(s.settings.pointsPerHalfDay ?? 100),
        (r.note as string) ?? '',
        COMMITTEE[0]!,
        `${r.date} 11:00:00`,
      ];
    }),
  ];
  const intakeErrors: Cell[][] = [
    headersOf('intakeErrors'),
    [
      '2026-10-12 09:14:00',
      'resp-09001',
      37,
      'cadre13@example.org',
      '申报人邮箱 cadre13@example.org 不在干部名册中（请在「干部名册」的邮箱列登记本人的登录邮箱）',
      // As the add-on's intake writes it (src/gas/intake-action.ts): the month answer names 2026-10,
      // so this open row stops October's publication, in the add-on and in `jifen publish` alike.
      '邮箱：cadre13@example.org；积分干部：本人；积分月份：2026年10月份（2026-10）；积分事项：按时参加社区开展的活动（+2分）〔T-ACTIVITY〕；数量：1',
      '待处理',
    ],
  ];
  const objections: Cell[][] = [
    headersOf('objections'),
    [
      'O001',
      '2026-08',
      '007',
      names.get('007') ?? '',
      '',
      '8月公示的考勤积分偏少，本人当月全勤，请核实后补计考勤积分',
      '2026-10-10 15:20:00',
      '待处理',
      '',
      '',
      '',
      '',
    ],
  ];
  const readme = [
    `${TAB.readme} · 积分台账（示例社区）`,
    '本工作簿由 jifen demo 生成，演示社区干部积分制的全部表格；数据均为虚构。',
    '',
    '输入表（两委填写）：设置、干部名册、积分规则、积分台账、考勤记录、考核成绩、异议处理、积分兑换。',
    '输出表（程序生成，请勿手改）：月度汇总、年度汇总、校验问题、公示记录、公示-YYYY-MM（受保护的公示快照）、操作日志。',
    '',
    '常用命令：',
    '  jifen recompute 本文件.xlsx                      重新计算系统条目（考勤、月度无扣分、前N名）和汇总表；手填行的错误列在「校验问题」。',
    '  jifen publish 本文件.xlsx --month 2026-09        发布月度公示（按月份顺序）：生成受保护的「公示-2026-09」表、在「公示记录」登记 SHA-256，并在同一目录生成可打印的 HTML。',
    '  jifen verify 本文件.xlsx                         校验公示：重新计算每张公示表的 SHA-256，报告发布后被改动的公示。',
    '',
    '说明：积分台账中的“系统”行由程序生成，未公示月份的系统行每次重新计算都会重建；已公示月份的所有行不再改变。',
    '示例状态：2026年1–8月已按月公示；2026-09 可以发布；2026-10 还有待审核的申报和一条未处理的申报异常（发布前需先处理），异议处理中有一条对 2026-08 公示的待处理异议。',
    '每次写入前，原文件会备份为同名 .bak 文件。',
  ];
  return {
    values: {
      settings,
      roster,
      rules: [headersOf('rules'), ...DEFAULT_RULES.map(ruleRow)],
      ledger,
      attendance,
      scores,
      intakeErrors,
      objections,
      redemptions,
      monthly: [headersOf('monthly')],
      yearly: [headersOf('yearly')],
      publications: [headersOf('publications')],
      problems: [headersOf('problems')],
      log: [headersOf('log')],
    },
    readme,
  };
}
