// src/shared/tabs.ts: the tab names and headers are the interface (SPEC §6); written here by hand.

import { COLUMNS, headersOf, INPUT_TABS, OUTPUT_TABS, SETTINGS_ROWS, TAB } from '../../src/shared/tabs';
import { SPEC_TAB_NAMES } from '../helpers/spec-tabs';

test('tab names of SPEC §6', () => {
  expect(Object.values(TAB)).toEqual(SPEC_TAB_NAMES);
});

test.each<[Parameters<typeof headersOf>[0], string]>([
  ['roster', '编号, 姓名, 职务, 邮箱, 在职状态, 起始月份, 离职月份, 参与排名'],
  [
    'ledger',
    '编号, 月份, 干部编号, 干部姓名, 规则编码, 事项, 数量, 分值, 积分, 得分依据, 来源, 申报人, 申报时间, 状态, 审核人, 审核时间, 审核意见, 表单回复ID, 更正对象',
  ],
  ['attendance', '月份, 干部编号, 迟到, 早退, 旷工, 事假天数, 病假天数'],
  ['scores', '期间, 考核项目, 干部编号, 成绩'],
  ['settings', '项目, 值, 说明'],
])('headers of %s', (tab, headers) => {
  expect(headersOf(tab)).toEqual(headers.split(', '));
});

test('the summary tabs carry 起始分, 基础, 任务, 奖励, 合计, 年度累计, 排名, 分档, 标记 (SPEC §6)', () => {
  for (const tab of ['monthly', 'yearly'] as const)
    expect(headersOf(tab)).toEqual(
      expect.arrayContaining(['起始分', '基础', '任务', '奖励', '合计', '年度累计', '排名', '分档', '标记']),
    );
  expect(headersOf('monthly')).toEqual(headersOf('yearly'));
});

test('input and output tabs do not overlap and cover every laid-out tab', () => {
  expect(INPUT_TABS.filter((t) => OUTPUT_TABS.includes(t))).toEqual([]);
  expect([...INPUT_TABS, ...OUTPUT_TABS].sort()).toEqual(Object.keys(COLUMNS).sort());
});

test('settings keys with their defaults', () => {
  const defaults = Object.fromEntries(SETTINGS_ROWS.map(([k, v]) => [k, v]));
  expect(defaults).toMatchObject({
    起始分: '100',
    全勤计分方式: '替代',
    分档比例: '1/3',
    倒数名次: '3',
    兑换标准: '100',
    申报截止日: '月末',
  });
});
