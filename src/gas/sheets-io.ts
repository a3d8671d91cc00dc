// Batch I/O on tabs: one read per tab, one write per output tab, text columns kept as plain text.

import type { Cell } from '../shared/cells';
import { COLUMNS, type ColumnTab, TAB } from '../shared/tabs';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Number format that keeps a column's values as typed text ('@' = plain text). */
export function formatOf(kind: string): string {
  switch (kind) {
    case 'int':
      return '0';
    case 'number':
      return '0.##';
    case 'bool':
      return '@';
    default:
      return '@';
  }
}

/** All values of a tab (header first), or undefined when the tab is missing. One getValues call. */
export function readTab(ss: Spreadsheet, tab: ColumnTab): Cell[][] | undefined {
  const sheet = ss.getSheetByName(TAB[tab]);
  if (!sheet) return undefined;
  const values = sheet.getDataRange().getValues() as Cell[][];
  // An empty sheet reads as [['']]: treat it as having no header at all.
  return values.length === 1 && values[0]!.every((v) => v === '') ? [] : values;
}

/** Reads several tabs; one getValues per tab. */
export function readTabs(ss: Spreadsheet, tabs: readonly ColumnTab[]): Partial<Record<ColumnTab, Cell[][]>> {
  const out: Partial<Record<ColumnTab, Cell[][]>> = {};
  for (const t of tabs) {
    const v = readTab(ss, t);
    if (v) out[t] = v;
  }
  return out;
}

/** Number formats for a block of rows of a tab, by its column specs (header row gets '@'). */
export function formatsFor(tab: ColumnTab, rows: number, width: number): string[][] {
  const specs = COLUMNS[tab];
  const row = Array.from({ length: width }, (_, i) => (specs[i] ? formatOf(specs[i]!.kind) : '@'));
  return Array.from({ length: rows }, () => row.slice());
}

/**
 * Replaces a tab's content with `values` (header included): formats first so text stays text, then
 * one setValues, then clears rows left over from a longer previous content. With `from` > 0 the first
 * `from` rows are known to be unchanged and are not written at all (fewer cells to race with a typist).
 */
export function writeTab(sheet: Sheet, values: Cell[][], formats: string[][], from = 0): void {
  const rows = values.length;
  const cols = Math.max(1, ...values.map((r) => r.length));
  const oldRows = sheet.getLastRow();
  if (from < rows) {
    const block = values
      .slice(from)
      .map((r) => (r.length === cols ? r : [...r, ...new Array(cols - r.length).fill('')]))
      .map((r) => r.map((v) => (v === null || v === undefined ? '' : v)));
    ensureSize(sheet, rows, cols);
    const range = sheet.getRange(from + 1, 1, rows - from, cols);
    range.setNumberFormats(
      formats
        .slice(from)
        .map((r) => (r.length >= cols ? r.slice(0, cols) : [...r, ...new Array(cols - r.length).fill('@')])),
    );
    range.setValues(block);
  }
  if (oldRows > rows)
    sheet.getRange(rows + 1, 1, oldRows - rows, Math.max(cols, sheet.getLastColumn())).clearContent();
}

/** How many leading rows two value grids share (cell by cell; Dates by time). */
export function commonPrefix(a: readonly Cell[][], b: readonly Cell[][]): number {
  const same = (x: Cell, y: Cell) =>
    x === y ||
    (x instanceof Date && y instanceof Date && x.getTime() === y.getTime()) ||
    ((x ?? '') === '' && (y ?? '') === '');
  let i = 0;
  for (; i < a.length && i < b.length; i++) {
    const ra = a[i]!;
    const rb = b[i]!;
    const n = Math.max(ra.length, rb.length);
    let ok = true;
    for (let j = 0; j < n && ok; j++) ok = same(ra[j], rb[j]);
    if (!ok) break;
  }
  return i;
}

/** Grows the sheet so a rows × cols block fits (writing past the sheet's size throws). */
export function ensureSize(sheet: Sheet, rows: number, cols: number): void {
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxCols = sheet.getMaxColumns();
  if (cols > maxCols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
}

/** Appends rows below the last row with content, text columns pre-formatted as text. */
export function appendRows(sheet: Sheet, tab: ColumnTab, rows: Cell[][]): number {
  if (rows.length === 0) return sheet.getLastRow();
  const start = sheet.getLastRow() + 1;
  // Rows come in the standard column order; the committee may have moved columns, so place each
  // value under its own header (one read of the header row), and format by header too.
  const specs = COLUMNS[tab];
  const lastCol = sheet.getLastColumn();
  const header =
    lastCol > 0
      ? sheet
          .getRange(1, 1, 1, lastCol)
          .getValues()[0]!
          .map((h) => String(h).trim())
      : [];
  const at = specs.map((c, i) => {
    const j = header.indexOf(c.header);
    return j >= 0 ? j : header.length > 0 ? -1 : i;
  });
  const cols = Math.max(header.length, ...rows.map((r) => r.length), ...at.map((j) => j + 1));
  const placed = rows.map((r) => {
    const out: Cell[] = new Array(cols).fill('');
    r.forEach((v, i) => {
      const j = i < at.length ? at[i]! : i;
      if (j >= 0) out[j] = v ?? '';
    });
    return out;
  });
  const formatRow = new Array<string>(cols).fill('@');
  at.forEach((j, i) => {
    if (j >= 0) formatRow[j] = formatOf(specs[i]!.kind);
  });
  ensureSize(sheet, start + rows.length - 1, cols);
  const range = sheet.getRange(start, 1, rows.length, cols);
  range.setNumberFormats(placed.map(() => formatRow.slice()));
  range.setValues(placed);
  return start + rows.length - 1;
}

/** The spreadsheet's UTC offset in minutes (Date cells come back at its local midnight). */
export function offsetMinutes(ss: Spreadsheet, at: Date = new Date()): number {
  const z = Utilities.formatDate(at, ss.getSpreadsheetTimeZone(), 'Z'); // e.g. +0800
  const m = /^([+-])(\d{2})(\d{2})$/.exec(z);
  if (!m) return 480;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** "Now" in the spreadsheet's time zone: month and text timestamp. The add-on's one clock read. */
export function now(ss: Spreadsheet): { date: Date; month: string; text: string; day: string } {
  const date = new Date();
  const tz = ss.getSpreadsheetTimeZone();
  return {
    date,
    month: Utilities.formatDate(date, tz, 'yyyy-MM'),
    day: Utilities.formatDate(date, tz, 'yyyy-MM-dd'),
    text: Utilities.formatDate(date, tz, 'yyyy-MM-dd HH:mm:ss'),
  };
}
