// Tab names and column layouts of SPEC §6, shared by the Sheets add-on and the .xlsx CLI.

export const TAB = {
  readme: '说明',
  settings: '设置',
  roster: '干部名册',
  rules: '积分规则',
  ledger: '积分台账',
  attendance: '考勤记录',
  scores: '考核成绩',
  intakeErrors: '申报异常',
  objections: '异议处理',
  redemptions: '积分兑换',
  monthly: '月度汇总',
  yearly: '年度汇总',
  publications: '公示记录',
  problems: '校验问题',
  log: '操作日志',
} as const;

export type TabKey = keyof typeof TAB;

/** How a column's cells are read and formatted. `text` columns are stored as plain text ('@'). */
export type ColumnKind = 'text' | 'month' | 'date' | 'datetime' | 'int' | 'number' | 'bool';

export interface ColumnSpec {
  header: string;
  kind: ColumnKind;
  /** Column width in pixels. */
  width: number;
  /** Dropdown choices (data validation). */
  choices?: readonly string[];
  /** A short hint shown as the header's note. */
  note?: string;
  /** Long text (事项, 得分依据, 结果运用…): wrapped in its cell, so a printed page shows all of it. */
  wrap?: boolean;
}

const col = (header: string, kind: ColumnKind, width = 90, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  header,
  kind,
  width,
  ...extra,
});

export const STATUS_CHOICES = ['待审核', '已通过', '已驳回'] as const;
export const SOURCE_CHOICES = ['表单', '两委', '系统', '更正'] as const;
export const CATEGORY_CHOICES = ['基础', '任务', '奖励'] as const;
export const KIND_CHOICES = ['按次', '考勤', '月度无扣分', '前N名'] as const;
export const YES_NO = ['是', '否'] as const;

/** Column layouts, in order. Headers are the interface: adapters find columns by header text. */
export const COLUMNS = {
  settings: [col('项目', 'text', 140), col('值', 'text', 260), col('说明', 'text', 420)],
  roster: [
    col('编号', 'text', 70),
    col('姓名', 'text', 80),
    col('职务', 'text', 100),
    col('邮箱', 'text', 200),
    col('在职状态', 'text', 80, { choices: ['在职', '离职'] }),
    col('起始月份', 'month', 80, { note: '如 2026-01；留空表示年初即在职' }),
    col('离职月份', 'month', 80, { note: '如 2026-08；在职留空' }),
    col('参与排名', 'bool', 70, { choices: YES_NO }),
  ],
  rules: [
    col('规则编码', 'text', 150),
    col('类别', 'text', 60, { choices: CATEGORY_CHOICES }),
    col('事项', 'text', 320),
    col('分值', 'int', 60),
    col('类型', 'text', 90, { choices: KIND_CHOICES }),
    col('考勤档', 'text', 70, { choices: ['按时', '全勤'] }),
    col('关联编码', 'text', 130),
    col('名次N', 'int', 60),
    col('成绩周期', 'text', 80, { choices: ['季度', '半年'] }),
    col('启用', 'bool', 50, { choices: YES_NO }),
    col('可申报', 'bool', 60, { choices: YES_NO }),
    col('需填依据', 'bool', 70, { choices: YES_NO }),
  ],
  ledger: [
    col('编号', 'text', 150),
    col('月份', 'month', 75),
    col('干部编号', 'text', 70),
    col('干部姓名', 'text', 75),
    col('规则编码', 'text', 140),
    col('事项', 'text', 220, { wrap: true }),
    col('数量', 'int', 50),
    col('分值', 'int', 50),
    col('积分', 'int', 50),
    col('得分依据', 'text', 260, { wrap: true }),
    col('来源', 'text', 55, { choices: SOURCE_CHOICES }),
    col('申报人', 'text', 150),
    col('申报时间', 'datetime', 140),
    col('状态', 'text', 70, { choices: STATUS_CHOICES }),
    col('审核人', 'text', 150),
    col('审核时间', 'datetime', 140),
    col('审核意见', 'text', 180, { wrap: true }),
    col('表单回复ID', 'text', 170),
    col('更正对象', 'text', 150),
  ],
  attendance: [
    col('月份', 'month', 75),
    col('干部编号', 'text', 70),
    col('迟到', 'int', 50),
    col('早退', 'int', 50),
    col('旷工', 'int', 50),
    col('事假天数', 'number', 70),
    col('病假天数', 'number', 70),
  ],
  scores: [
    col('期间', 'text', 80, { note: '季度如 2026-Q3，半年如 2026-H1' }),
    col('考核项目', 'text', 130, { choices: ['四知四清四掌握', '学习强国'] }),
    col('干部编号', 'text', 70),
    col('成绩', 'number', 60),
  ],
  intakeErrors: [
    col('记录时间', 'datetime', 140),
    col('表单回复ID', 'text', 170),
    col('回复行', 'int', 60),
    col('申报人', 'text', 150),
    col('原因', 'text', 360),
    col('原始内容', 'text', 420),
    col('处理情况', 'text', 80, {
      choices: ['待处理', '已处理'],
      note: '处理后改为“已处理”，不要删除本行（删除后该回复会被重新收取）',
    }),
  ],
  objections: [
    col('编号', 'text', 90),
    col('月份', 'month', 75),
    col('干部编号', 'text', 70),
    col('干部姓名', 'text', 75),
    col('异议条目', 'text', 150),
    col('异议内容', 'text', 280),
    col('提出时间', 'datetime', 140),
    col('处理结果', 'text', 80, { choices: ['待处理', '成立', '不成立'] }),
    col('处理意见', 'text', 240),
    col('处理人', 'text', 150),
    col('处理时间', 'datetime', 140),
    col('更正条目', 'text', 200),
  ],
  redemptions: [
    col('编号', 'text', 90),
    col('干部编号', 'text', 70),
    col('干部姓名', 'text', 75),
    col('日期', 'date', 95),
    col('半天数', 'int', 60),
    col('抵扣积分', 'int', 70),
    col('备注', 'text', 200),
    col('登记人', 'text', 150),
    col('登记时间', 'datetime', 140),
  ],
  monthly: summaryColumns(),
  yearly: summaryColumns(),
  publications: [
    col('期间', 'text', 80),
    col('版本', 'int', 50),
    col('公示表', 'text', 170),
    col('发布人', 'text', 160),
    col('发布时间', 'datetime', 140),
    col('行数', 'int', 50),
    col('SHA-256', 'text', 480),
    col('台账行数', 'int', 60),
    col('台账SHA-256', 'text', 480),
    col('封存明细', 'text', 200, {
      note: '发布时公示表的隐藏行列、合并和逐行校验值（JSON），用于指出改动位置',
    }),
    col('上一摘要', 'text', 480, { note: '上一次发布的摘要；第一次发布为 64 个 0' }),
    col('摘要', 'text', 480, { note: '本次发布的封存摘要（SHA-256），同时印在公示上并发送给纪检专干' }),
  ],
  problems: [
    col('表', 'text', 90),
    col('行', 'int', 50),
    col('编号', 'text', 120),
    col('字段', 'text', 90),
    col('原因', 'text', 480),
    col('检查时间', 'datetime', 140),
  ],
  log: [
    col('时间', 'datetime', 140),
    col('操作人', 'text', 170),
    col('操作', 'text', 110),
    col('详情', 'text', 420),
    col('数量', 'int', 60),
  ],
} satisfies Record<Exclude<TabKey, 'readme'>, ColumnSpec[]>;

function summaryColumns(): ColumnSpec[] {
  return [
    col('期间', 'text', 75),
    col('排名', 'int', 50),
    col('干部编号', 'text', 70),
    col('姓名', 'text', 75),
    col('职务', 'text', 90),
    col('起始分', 'int', 60),
    col('基础', 'int', 55),
    col('任务', 'int', 55),
    col('奖励', 'int', 55),
    col('合计', 'int', 60),
    col('年度累计', 'int', 70),
    col('分档', 'text', 110),
    col('标记', 'text', 200, { wrap: true }),
    col('结果运用', 'text', 300, { wrap: true }),
    col('可用积分', 'int', 70),
    col('可兑换事假(天)', 'number', 100),
  ];
}

export type ColumnTab = keyof typeof COLUMNS;

/** Header texts of a tab, in order. */
export function headersOf(tab: ColumnTab): string[] {
  return COLUMNS[tab].map((c) => c.header);
}

/** Tabs the committee types into (input) versus tabs the add-on writes (output). */
export const INPUT_TABS: readonly ColumnTab[] = [
  'settings',
  'roster',
  'rules',
  'ledger',
  'attendance',
  'scores',
  'objections',
  'redemptions',
];
export const OUTPUT_TABS: readonly ColumnTab[] = [
  'intakeErrors',
  'monthly',
  'yearly',
  'publications',
  'problems',
  'log',
];

/** Settings keys of the 设置 tab with their default values and explanations. */
export const SETTINGS_ROWS: readonly [key: string, value: string, note: string][] = [
  ['社区名称', '示例社区', '公示和报告的标题'],
  ['考核年度', '', '如 2026；留空为当前年度'],
  ['起始分', '100', '每名干部每年的基础积分'],
  ['全勤计分方式', '替代', '替代：全勤计10分、仅按时计8分；叠加：全勤计8+10分'],
  ['分档比例', '1/3', '前/后三分之一的比例，按人数×比例四舍五入'],
  ['倒数名次', '3', '“倒数后三名”的人数'],
  ['兑换标准', '100', '除去起始分外每攒够多少分可抵消事假半天'],
  ['申报截止日', '月末', '每月申报截止日：月末，或 1–28 的日期（次月）'],
  ['两委成员邮箱', '', '多个邮箱用逗号分隔；表格所有者始终是两委成员'],
  ['纪检专干邮箱', '', '接收每月申报通知'],
  ['公示天数', '5', '公示期（自然日，自发布当天起算）；期满前可提出异议'],
  ['异议联系人', '社区两委办公室', '公示上写明的异议受理人、地点和电话'],
  ['公示发布人', '', '公示落款的发布人姓名（留空为“社区两委”；不写邮箱）'],
  ['报送单位', '街道党工委', '半年报告的报送对象'],
];

/**
 * Names earlier versions gave two 设置 keys (SPEC §6 names them 公示天数 and 异议联系人): still read, and a
 * book that has one is not given the other by setup.
 */
export const SETTING_ALIASES: Readonly<Record<string, readonly string[]>> = {
  公示天数: ['公示期天数'],
  异议联系人: ['异议受理'],
};

/** A 设置 key and the names earlier versions gave it, the SPEC name first. */
export function settingKeys(key: string): string[] {
  return [key, ...(SETTING_ALIASES[key] ?? [])];
}
