// The tab names of SPEC §6 in their order, written by hand (the interface other people rely on).

export const SPEC_TAB_NAMES = [
  '说明',
  '设置',
  '干部名册',
  '积分规则',
  '积分台账',
  '考勤记录',
  '考核成绩',
  '申报异常',
  '异议处理',
  '积分兑换',
  '月度汇总',
  '年度汇总',
  '公示记录',
  '校验问题',
  '操作日志',
];
