// The 积分规则 tab's rows of a rule catalogue (setup in Sheets and the .xlsx demo share them).

import { CATEGORY_ZH, KIND_ZH, type Rule } from '../core';
import { type Cell, yesNo } from './cells';

/** A 积分规则 row of a rule, in COLUMNS.rules order. */
export function ruleRow(r: Rule): Cell[] {
  return [
    r.code,
    CATEGORY_ZH[r.category],
    r.item,
    r.points,
    KIND_ZH[r.kind],
    r.tier === 'punctual' ? '按时' : r.tier === 'full' ? '全勤' : '',
    r.linkedCode ?? '',
    r.topN ?? '',
    r.scorePeriod === 'quarter' ? '季度' : r.scorePeriod === 'half-year' ? '半年' : '',
    yesNo(r.active),
    yesNo(r.claimable),
    yesNo(r.evidenceRequired),
  ];
}
