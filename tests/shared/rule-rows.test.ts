// src/shared/rule-rows.ts: how a rule reads in the 积分规则 tab (SPEC §6), rows written here by hand from the
// policy's catalogue: 编码, 类别, 事项, 分值, 计分方式, 考勤档, 关联编码, 前N名, 成绩期间, 启用, 可申报, 需佐证.

import { DEFAULT_RULES } from '../../src/core';
import { ruleRow } from '../../src/shared/rule-rows';
import { headersOf } from '../../src/shared/tabs';

const byCode = (code: string) => DEFAULT_RULES.find((r) => r.code === code)!;

test.each([
  // attendance tiers: 按时 8, 全勤 10
  [
    'B-ATT-PUNCTUAL',
    [
      'B-ATT-PUNCTUAL',
      '基础',
      '月内按时上下班，无迟到、早退、旷工',
      8,
      '考勤',
      '按时',
      '',
      '',
      '',
      '是',
      '否',
      '否',
    ],
  ],
  [
    'B-ATT-FULL',
    ['B-ATT-FULL', '基础', '另无事假、病假记录，考勤全勤', 10, '考勤', '全勤', '', '', '', '是', '否', '否'],
  ],
  // 无批评 +5 watches 被点名批评; neither is claimed by cadres
  [
    'B-NO-CRITICISM',
    [
      'B-NO-CRITICISM',
      '基础',
      '月内未被街道等上级部门点名批评',
      5,
      '月度无扣分',
      '',
      'B-CRITICIZED',
      '',
      '',
      '是',
      '否',
      '否',
    ],
  ],
  ['B-CRITICIZED', ['B-CRITICIZED', '基础', '被上级点名批评', -5, '按次', '', '', '', '', '是', '否', '否']],
  // 季度考核前5名 +10 and 学习强国半年前5名: top-N with their score periods
  [
    'B-QUARTER-TOP5',
    [
      'B-QUARTER-TOP5',
      '基础',
      '每季度「四知四清四掌握」考核前5名',
      10,
      '前N名',
      '',
      '',
      5,
      '季度',
      '是',
      '否',
      '否',
    ],
  ],
  // a claimable event needs evidence
  [
    'T-MEDIATION',
    ['T-MEDIATION', '任务', '成功调解居民矛盾纠纷', 5, '按次', '', '', '', '', '是', '是', '是'],
  ],
] as const)('%s', (code, row) => {
  expect(ruleRow(byCode(code))).toEqual(row);
  expect(row).toHaveLength(headersOf('rules').length);
});

test('the half-year top-N rule reads 半年; a switched-off rule reads 启用 否', () => {
  const study = DEFAULT_RULES.find((r) => r.scorePeriod === 'half-year')!;
  expect(ruleRow(study).slice(4, 9)).toEqual(['前N名', '', '', 5, '半年']);
  expect(ruleRow({ ...byCode('T-MEDIATION'), active: false })[9]).toBe('否');
});
