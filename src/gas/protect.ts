// Protections: only the owner and the committee may edit add-on tabs, snapshots and published rows.

import { type Cell, cellMonth, cellText } from '../shared/cells';
import { TAB } from '../shared/tabs';
import { offsetMinutes } from './sheets-io';

type Protection = GoogleAppsScript.Spreadsheet.Protection;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const monthProtectionDescription = (month: string): string => `积分台账 ${month} 已公示（只读）`;

/**
 * Restricts a protection to the committee. Adds the running user first: removing editors can fail
 * for someone whose own right comes through a group (apps-script-facts §1.7).
 */
export function restrictToCommittee(
  p: Protection,
  committee: readonly string[],
  description: string,
): Protection {
  p.setDescription(description);
  const me = Session.getEffectiveUser().getEmail();
  if (me) p.addEditor(me);
  const keep = new Set([...committee.map((e) => e.toLowerCase()), ...(me ? [me.toLowerCase()] : [])]);
  const stale = p.getEditors().filter((u) => !keep.has(u.getEmail().toLowerCase()));
  if (stale.length > 0) p.removeEditors(stale.map((u) => u.getEmail()));
  const have = new Set(p.getEditors().map((u) => u.getEmail().toLowerCase()));
  const add = committee.filter((e) => !have.has(e.toLowerCase()));
  if (add.length > 0) p.addEditors(add);
  turnOffDomainEdit(p);
  return p;
}

/**
 * On Workspace a new protection copies "everyone in the domain can edit" from the file (Google's
 * sample: `if (protection.canDomainEdit()) protection.setDomainEdit(false)`,
 * https://developers.google.com/apps-script/reference/spreadsheet/protection). setDomainEdit "throws
 * an exception if the spreadsheet is owned by a gmail account": only called when domain edit is on,
 * which a consumer file cannot have, and guarded all the same.
 */
function turnOffDomainEdit(p: Protection): void {
  try {
    if (p.canDomainEdit()) p.setDomainEdit(false);
  } catch {
    // Consumer account: there is no domain to turn off.
  }
}

/** Protects the ledger rows of a month as they stand in `ledger` (each contiguous run of its rows). */
export function protectMonthRows(
  ss: Spreadsheet,
  ledger: Cell[][],
  month: string,
  committee: readonly string[],
): number {
  const sheet = ss.getSheetByName(TAB.ledger);
  if (!sheet) return 0;
  const col = (ledger[0] ?? []).findIndex((h) => cellText(h) === '月份');
  if (col < 0) return 0;
  const offset = offsetMinutes(ss); // a month typed into a date cell reads as a Date at local midnight
  const rows: number[] = [];
  for (let i = 1; i < ledger.length; i++) if (cellMonth(ledger[i]![col], offset) === month) rows.push(i + 1);
  let runs = 0;
  for (let k = 0; k < rows.length; ) {
    let j = k;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    const range = sheet.getRange(rows[k]!, 1, rows[j]! - rows[k]! + 1, Math.max(1, sheet.getLastColumn()));
    restrictToCommittee(range.protect(), committee, monthProtectionDescription(month));
    runs++;
    k = j + 1;
  }
  return runs;
}

/**
 * Re-protects every published month's rows where they now are. Why after every rewrite: range
 * protections stay at fixed rows, while regenerated system rows come and go around them.
 */
export function reprotectPublishedRows(
  ss: Spreadsheet,
  ledger: Cell[][],
  months: readonly string[],
  committee: readonly string[],
): number {
  const sheet = ss.getSheetByName(TAB.ledger);
  if (!sheet) return 0;
  const ours = new Set(months.map(monthProtectionDescription));
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    if (/^积分台账 \d{4}-\d{2} 已公示/.test(p.getDescription()) && p.canEdit()) p.remove();
  }
  let runs = 0;
  for (const m of months)
    if (ours.has(monthProtectionDescription(m))) runs += protectMonthRows(ss, ledger, m, committee);
  return runs;
}
