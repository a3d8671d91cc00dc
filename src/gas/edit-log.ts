// The onEdit log: every hand edit of an input tab goes into 操作日志 (who, when, where, old → new), so that
// changes to unpublished months stay allowed but never silent (issue 10 part 3).
//
// onEdit is a simple trigger: it runs as the person editing, in AuthMode.LIMITED (it may write this file,
// nothing that needs authorization), for edits made by hand only — script writes do not fire it. The
// event gives `range`, `value` and `oldValue` (the last two only when one cell was edited) and `user`
// (whose e-mail may be blank). https://developers.google.com/apps-script/guides/triggers/events#edit,
// https://developers.google.com/apps-script/guides/triggers (restrictions).

import { INPUT_TABS, TAB } from '../shared/tabs';
import { logAction } from './log';
import { now } from './sheets-io';

const INPUT_NAMES = new Set<string>(INPUT_TABS.map((t) => TAB[t]));
/** Long text is cut in the log (a 得分依据 can be long); the cell itself keeps it. */
const MAX_TEXT = 60;

function shown(v: unknown): string {
  if (v === undefined || v === null || v === '') return '（空）';
  const s = v instanceof Date ? v.toISOString() : String(v);
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…（共 ${s.length} 字）` : s;
}

/** Logs one edit of an input tab. Never throws: a failed log must not undo or block the edit. */
export function logInputEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  try {
    const range = e?.range;
    if (!range) return;
    const sheet = range.getSheet();
    const name = sheet.getName();
    if (!INPUT_NAMES.has(name)) return;
    const ss = sheet.getParent();
    const who = (e?.user?.getEmail?.() || Session.getActiveUser().getEmail() || '').toLowerCase();
    const rows = range.getNumRows();
    const cols = range.getNumColumns();
    let detail: string;
    if (rows === 1 && cols === 1) {
      const before = (e as { oldValue?: unknown }).oldValue;
      const after = shown((e as { value?: unknown }).value ?? range.getValue());
      if (name === TAB.settings) {
        // 设置 is key → value: name the key, not the 值 column.
        const key = String(sheet.getRange(range.getRow(), 1).getValue() || range.getA1Notation());
        detail = `「${name}」「${key}」：${shown(before)} → ${after}`;
      } else {
        const field = String(sheet.getRange(1, range.getColumn()).getValue() || range.getA1Notation());
        detail = `「${name}」第 ${range.getRow()} 行「${field}」：${shown(before)} → ${after}`;
      }
    } else {
      // Google gives no old values for a multi-cell edit (paste, fill, delete of a block).
      detail = `「${name}」${range.getA1Notation()}（${rows * cols} 格）被修改（粘贴、填充或清除；多格修改 Google 不提供原值）`;
    }
    logAction(ss, now(ss).text, who || '（Google 未提供）', '修改录入表', detail, rows * cols);
  } catch {
    // e.g. the editor may edit the input tab but not the log: the edit stands, unlogged.
  }
}
