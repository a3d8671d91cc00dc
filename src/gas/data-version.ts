// 数据版本: one cell (named JIFEN_VERSION) that every write action changes, so JIFEN_* formulas that take it
// as their last argument recalculate after each recompute, review or intake.
//
// Why: Sheets recalculates a custom function "only when its arguments change"; tabs the function reads
// itself are not watched (https://developers.google.com/apps-script/guides/sheets/functions, "Custom
// functions … recalculate only when their arguments change"). JIFEN_* read the ledger and the roster
// themselves, so without an argument that changes they kept old totals after 重新计算.

import { now } from './sheets-io';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The named range formulas pass: =JIFEN_TOTAL(A2:A13, "2026-10", JIFEN_VERSION). */
export const DATA_VERSION_NAME = 'JIFEN_VERSION';
/** Its row in 设置. */
export const DATA_VERSION_KEY = '数据版本';
/** Every version value starts with this, so a custom function can tell it from a period argument. */
export const DATA_VERSION_PREFIX = 'JIFEN数据版本';

export const DATA_VERSION_NOTE = `由积分台账在每次计算、审核、申报入账后自动更新（名称 ${DATA_VERSION_NAME}）；请在 JIFEN_* 公式最后加参数 ${DATA_VERSION_NAME}，公式才会随之更新。请勿修改`;

export function isDataVersion(v: unknown): boolean {
  return typeof v === 'string' && v.startsWith(DATA_VERSION_PREFIX);
}

/** Points the named range at 设置's 数据版本 value cell (setup); returns false when there is no such row. */
export function ensureDataVersionCell(ss: Spreadsheet): boolean {
  const sheet = ss.getSheetByName('设置');
  if (!sheet || sheet.getLastRow() < 2) return false;
  const keys = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues();
  const row = keys.findIndex((r) => String(r[0]).trim() === DATA_VERSION_KEY) + 1;
  if (row < 1) return false;
  const cell = sheet.getRange(row, 2);
  const current = ss.getRangeByName(DATA_VERSION_NAME);
  if (!current || current.getSheet().getName() !== sheet.getName() || current.getRow() !== row) {
    ss.setNamedRange(DATA_VERSION_NAME, cell);
  }
  if (!isDataVersion(cell.getValue())) writeVersion(ss, cell);
  return true;
}

/** A new version value after a write action. Never fails the action: a formula going stale is not worth it. */
export function bumpDataVersion(ss: Spreadsheet): void {
  try {
    const cell = ss.getRangeByName(DATA_VERSION_NAME);
    if (cell) writeVersion(ss, cell);
  } catch {
    // e.g. the 纪检专干 (who may write only the log) inspected a claim: nothing that JIFEN_* read changed.
  }
}

function writeVersion(ss: Spreadsheet, cell: GoogleAppsScript.Spreadsheet.Range): void {
  cell.setNumberFormat('@').setValue(`${DATA_VERSION_PREFIX} ${now(ss).text} ${Utilities.getUuid()}`);
}

/**
 * Adds `, JIFEN_VERSION` as the last argument of every JIFEN_* call in a formula that lacks it
 * (setup upgrades formulas typed before this existed). Returns the formula unchanged when none.
 */
export function withVersionArg(formula: string): string {
  const re = /JIFEN_(TOTAL|RANK|LEAVE_DAYS)\s*\(/gi;
  let out = '';
  let last = 0;
  for (let m = re.exec(formula); m; m = re.exec(formula)) {
    const open = m.index + m[0].length;
    let depth = 1;
    let inStr = false;
    let i = open;
    for (; i < formula.length && depth > 0; i++) {
      const ch = formula[i];
      if (inStr) {
        if (ch === '"') inStr = false;
      } else if (ch === '"') inStr = true;
      else if (ch === '(') depth++;
      else if (ch === ')') depth--;
    }
    if (depth !== 0) return formula; // unbalanced: leave it to the user
    const close = i - 1;
    re.lastIndex = close + 1; // a JIFEN_* call nested in the arguments is left as it is
    const args = formula.slice(open, close);
    if (new RegExp(`\\b${DATA_VERSION_NAME}\\b`, 'i').test(args)) continue;
    out += `${formula.slice(last, close)}${args.trim() === '' ? '' : ', '}${DATA_VERSION_NAME}`;
    last = close;
  }
  return out + formula.slice(last);
}
