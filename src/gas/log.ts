// 操作日志: one row per action (time, who, what, details, count).

import { TAB } from '../shared/tabs';
import { appendRows } from './sheets-io';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function logAction(
  ss: Spreadsheet,
  when: string,
  who: string,
  action: string,
  detail: string,
  count: number | '',
): void {
  const sheet = ss.getSheetByName(TAB.log);
  if (!sheet) return; // setup creates it; an action before setup still works
  appendRows(sheet, 'log', [[when, who || '（未知）', action, detail, count]]);
}
