// formatProblem: the one line a user reads for a problem, in JSON style (CLI) and sheet style (校验问题), by hand.
import { formatProblem, type Problem } from '../../src/core';

const p = (extra: Partial<Problem>): Problem => ({
  table: 'entries',
  index: 3,
  field: 'quantity',
  message: '数量应为正整数（实际：0）',
  ...extra,
});

test.each<[string, Partial<Problem>, string, string]>([
  [
    'row, id and a known field',
    { row: 5, id: 'E4' },
    'entries[3]（编号 E4）.quantity（数量）：数量应为正整数（实际：0）',
    '积分台账 第5行（编号 E4）「数量」：数量应为正整数（实际：0）',
  ],
  [
    'no row: the position, counted from 1',
    {},
    'entries[3].quantity（数量）：数量应为正整数（实际：0）',
    '积分台账 第4条「数量」：数量应为正整数（实际：0）',
  ],
  [
    'the first record',
    { index: 0 },
    'entries[0].quantity（数量）：数量应为正整数（实际：0）',
    '积分台账 第1条「数量」：数量应为正整数（实际：0）',
  ],
  [
    'the table as a whole, no field',
    { table: 'roster', index: -1, field: '', message: '缺少 roster 列表' },
    'roster：缺少 roster 列表',
    '干部名册：缺少 roster 列表',
  ],
  [
    'a field without a Chinese header',
    { table: 'rules', index: 1, field: 'colour', message: 'x' },
    'rules[1].colour（colour）：x',
    '积分规则 第2条「colour」：x',
  ],
  [
    'an empty id is not shown',
    { table: 'roster', index: 0, id: '', field: 'id', message: '编号不能为空', row: 2 },
    'roster[0].id（编号）：编号不能为空',
    '干部名册 第2行「编号」：编号不能为空',
  ],
  [
    'settings field',
    { table: 'settings', index: -1, field: 'pointsPerHalfDay', message: '应为正整数（实际：0）' },
    'settings.pointsPerHalfDay（兑换标准）：应为正整数（实际：0）',
    '设置「兑换标准」：应为正整数（实际：0）',
  ],
  [
    'each tab name',
    { table: 'attendance', index: 0, field: 'late', message: 'm' },
    'attendance[0].late（迟到）：m',
    '考勤记录 第1条「迟到」：m',
  ],
  [
    'scores',
    { table: 'scores', index: 0, field: 'score', message: 'm' },
    'scores[0].score（成绩）：m',
    '考核成绩 第1条「成绩」：m',
  ],
  [
    'redemptions',
    { table: 'redemptions', index: 0, field: 'halfDays', message: 'm' },
    'redemptions[0].halfDays（半天数）：m',
    '积分兑换 第1条「半天数」：m',
  ],
])('%s', (_name, extra, json, sheet) => {
  expect(formatProblem(p(extra))).toBe(json);
  expect(formatProblem(p(extra), 'json')).toBe(json);
  expect(formatProblem(p(extra), 'sheet')).toBe(sheet);
});
