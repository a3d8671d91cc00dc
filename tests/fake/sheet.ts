// Sheet: getRange forms and errors (§1.4), appendRow (§1.8), size, structure edits, frozen rows, widths, protections, rules, charts.

import type { Grid } from './a1';
import {
  type ChartModel,
  FakeConditionalFormatRule,
  FakeEmbeddedChart,
  FakeEmbeddedChartBuilder,
  ProtectionType,
} from './builders';
import type { GasContext } from './context';
import { badParams, FakeGasUnsupportedError, GasException, MSG } from './errors';
import { type Cell, SheetModel, type SpreadsheetModel } from './model';
import { assertCanEditCells, assertCanEditStructure, ProtectionModel } from './protection';
import {
  checkGrid,
  displayCell,
  FakeRange,
  gridFromA1,
  normalizeColor,
  protectionApi,
  rangeApi,
  readCell,
  writeValues,
} from './range';
import { spreadsheetApi } from './spreadsheet';

type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GRange = GoogleAppsScript.Spreadsheet.Range;
type GProtection = GoogleAppsScript.Spreadsheet.Protection;

const DEFAULT_COLUMN_WIDTH = 100;
const DEFAULT_ROW_HEIGHT = 21;
// Not in the facts file: texts recalled from real runs for bad row/column positions. [UNCONFIRMED]
const ROWS_OUT_OF_BOUNDS = 'Those rows are out of bounds.';
const COLS_OUT_OF_BOUNDS = 'Those columns are out of bounds.';
const ALL_ROWS = 'Sorry, it is not possible to delete all non-frozen rows.';
const ALL_COLS = 'Sorry, it is not possible to delete all non-frozen columns.';

/** The one Sheet API object of a sheet model. */
export function sheetApi(ctx: GasContext, model: SheetModel): GSheet {
  if (!model.api) model.api = new FakeSheet(ctx, model);
  return model.api as GSheet;
}

/** Sheet names: duplicates throw the §1.6 text; what Sheets does with case-only clashes, '' or >100 chars is [UNCONFIRMED]. */
export function checkSheetName(ss: SpreadsheetModel, name: string, except?: SheetModel): void {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new FakeGasUnsupportedError(`sheet name ${JSON.stringify(name)} ([UNCONFIRMED] §1.6)`);
  }
  if (name.length > 100)
    throw new FakeGasUnsupportedError('sheet name longer than 100 characters ([UNCONFIRMED] §1.6)');
  for (const s of ss.sheets) {
    if (s === except) continue;
    if (s.name === name) throw new GasException(MSG.duplicateSheet(name));
    if (s.name.toLowerCase() === name.toLowerCase()) {
      throw new FakeGasUnsupportedError(
        `sheet name "${name}" differs from existing "${s.name}" only in case: whether Sheets allows it is [UNCONFIRMED] (§1.6)`,
      );
    }
  }
}

/** Estimated pixel width of text for autoResizeColumns (CJK ≈ 2 Latin characters). */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 14 : 7;
  return w + 10;
}

type SheetPick =
  | 'activate'
  | 'appendRow'
  | 'autoResizeColumn'
  | 'autoResizeColumns'
  | 'clear'
  | 'clearConditionalFormatRules'
  | 'clearContents'
  | 'clearFormats'
  | 'clearNotes'
  | 'copyTo'
  | 'deleteColumn'
  | 'deleteColumns'
  | 'deleteRow'
  | 'deleteRows'
  | 'getCharts'
  | 'getColumnWidth'
  | 'getConditionalFormatRules'
  | 'getDataRange'
  | 'getFormUrl'
  | 'getFrozenColumns'
  | 'getFrozenRows'
  | 'getIndex'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getMaxColumns'
  | 'getMaxRows'
  | 'getName'
  | 'getParent'
  | 'getProtections'
  | 'getRange'
  | 'getRowHeight'
  | 'getSheetId'
  | 'getSheetName'
  | 'getSheetValues'
  | 'getTabColor'
  | 'hideColumns'
  | 'hideRows'
  | 'hideSheet'
  | 'insertChart'
  | 'insertColumnAfter'
  | 'insertColumnBefore'
  | 'insertColumns'
  | 'insertColumnsAfter'
  | 'insertColumnsBefore'
  | 'insertRowAfter'
  | 'insertRowBefore'
  | 'insertRows'
  | 'insertRowsAfter'
  | 'insertRowsBefore'
  | 'isColumnHiddenByUser'
  | 'isRowHiddenByUser'
  | 'isSheetHidden'
  | 'newChart'
  | 'protect'
  | 'removeChart'
  | 'setColumnWidth'
  | 'setColumnWidths'
  | 'setConditionalFormatRules'
  | 'setFrozenColumns'
  | 'setFrozenRows'
  | 'setName'
  | 'setRowHeight'
  | 'setRowHeights'
  | 'setTabColor'
  | 'showColumns'
  | 'showRows'
  | 'showSheet'
  | 'sort'
  | 'updateChart';

export class FakeSheet implements Pick<GSheet, SheetPick> {
  constructor(
    private readonly ctx: GasContext,
    readonly model: SheetModel,
  ) {}

  private hit(m: string): void {
    this.ctx.hit(`Sheet.${m}`);
    if (this.model.deleted) throw new GasException('FakeGas: this sheet has been deleted');
  }

  private self(): GSheet {
    return this as unknown as GSheet;
  }

  private range(g: Grid): GRange {
    return rangeApi(this.ctx, this.model, g);
  }

  private structure(deleting?: Grid): void {
    assertCanEditStructure(this.ctx, this.model, deleting);
  }

  // ---- identity ----
  getName(): string {
    this.hit('getName');
    return this.model.name;
  }
  getSheetName(): string {
    this.hit('getSheetName');
    return this.model.name;
  }
  setName(name: string): GSheet {
    this.hit('setName');
    if (name === this.model.name) return this.self();
    checkSheetName(this.model.ss, name, this.model);
    this.structure();
    this.model.name = name;
    return this.self();
  }
  getSheetId(): number {
    this.hit('getSheetId');
    return this.model.gid;
  }
  /** 1-based tab position. */
  getIndex(): number {
    this.hit('getIndex');
    return this.model.ss.sheets.indexOf(this.model) + 1;
  }
  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    this.hit('getParent');
    return spreadsheetApi(this.ctx, this.model.ss);
  }
  activate(): GSheet {
    this.hit('activate');
    this.model.ss.activeSheet = this.model;
    return this.self();
  }
  /** The URL of the form writing into this sheet, or null (§6). */
  getFormUrl(): string | null {
    this.hit('getFormUrl');
    return this.model.formId === null ? null : (this.ctx.formUrls.get(this.model.formId) ?? null);
  }

  // ---- ranges ----
  getRange(a: number | string, ...rest: number[]): GRange {
    this.hit('getRange');
    return this.range(resolveGetRange(this.model, [a, ...rest]));
  }
  /** A1 to (getLastColumn, getLastRow); A1 on an empty sheet (§1.4). */
  getDataRange(): GRange {
    this.hit('getDataRange');
    return this.range({
      row: 1,
      col: 1,
      numRows: Math.max(1, this.model.lastRow()),
      numCols: Math.max(1, this.model.lastCol()),
    });
  }
  /** 0 on an empty sheet (§1.4). */
  getLastRow(): number {
    this.hit('getLastRow');
    return this.model.lastRow();
  }
  getLastColumn(): number {
    this.hit('getLastColumn');
    return this.model.lastCol();
  }
  getMaxRows(): number {
    this.hit('getMaxRows');
    return this.model.maxRows;
  }
  getMaxColumns(): number {
    this.hit('getMaxColumns');
    return this.model.maxCols;
  }
  /** -1 for numRows/numColumns means "to the last row/column with data" (DOC). */
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    this.hit('getSheetValues');
    const nr = numRows === -1 ? this.model.lastRow() - startRow + 1 : numRows;
    const nc = numColumns === -1 ? this.model.lastCol() - startColumn + 1 : numColumns;
    const g = checkGrid(this.model, startRow, startColumn, nr, nc);
    return Array.from({ length: g.numRows }, (_, i) =>
      Array.from({ length: g.numCols }, (_, j) => readCell(this.ctx, this.model, g.row + i, g.col + j)),
    );
  }

  /** One row after the last row with content; grows the sheet when full (§1.8; growth [UNCONFIRMED]). */
  appendRow(rowContents: unknown[]): GSheet {
    this.hit('appendRow');
    if (!Array.isArray(rowContents)) badParams('SpreadsheetApp', 'Sheet', 'appendRow', [rowContents]);
    if (rowContents.length === 0) throw new FakeGasUnsupportedError('appendRow([]) ([UNCONFIRMED])');
    const row = this.model.lastRow() + 1;
    const g: Grid = { row, col: 1, numRows: 1, numCols: rowContents.length };
    assertCanEditCells(this.ctx, this.model, g);
    if (row > this.model.maxRows) this.model.maxRows = row;
    if (rowContents.length > this.model.maxCols) this.model.maxCols = rowContents.length;
    writeValues(this.ctx, this.model, g, [rowContents]);
    return this.self();
  }

  // ---- clearing ----
  clear(options?: { formatOnly?: boolean; contentsOnly?: boolean }): GSheet {
    this.hit('clear');
    const all = !options?.formatOnly && !options?.contentsOnly;
    this.clearCells(all || !!options?.contentsOnly, all || !!options?.formatOnly);
    return this.self();
  }
  clearContents(): GSheet {
    this.hit('clearContents');
    this.clearCells(true, false);
    return this.self();
  }
  clearFormats(): GSheet {
    this.hit('clearFormats');
    this.clearCells(false, true);
    return this.self();
  }
  clearNotes(): GSheet {
    this.hit('clearNotes');
    assertCanEditCells(this.ctx, this.model, this.whole());
    for (const r of this.model.rows) for (const c of r ?? []) if (c) delete c.note;
    return this.self();
  }
  private whole(): Grid {
    return { row: 1, col: 1, numRows: this.model.maxRows, numCols: this.model.maxCols };
  }
  private clearCells(contents: boolean, formats: boolean): void {
    assertCanEditCells(this.ctx, this.model, this.whole());
    for (const r of this.model.rows) {
      for (const c of r ?? []) {
        if (!c) continue;
        if (contents) {
          c.v = '';
          delete c.f;
        }
        if (formats)
          for (const k of ['nf', 'bg', 'fw', 'fc', 'fs', 'ff', 'fst', 'ha', 'va', 'wrap', 'border'] as const)
            delete c[k];
      }
    }
  }

  // ---- rows and columns ----
  private checkRowPos(pos: number, allowEnd: boolean): void {
    if (!Number.isInteger(pos) || pos < 1 || pos > this.model.maxRows + (allowEnd ? 1 : 0)) {
      throw new GasException(ROWS_OUT_OF_BOUNDS);
    }
  }
  private checkColPos(pos: number, allowEnd: boolean): void {
    if (!Number.isInteger(pos) || pos < 1 || pos > this.model.maxCols + (allowEnd ? 1 : 0)) {
      throw new GasException(COLS_OUT_OF_BOUNDS);
    }
  }
  private insertRowsAt(before: number, n: number): void {
    this.checkRowPos(before, true);
    if (!Number.isInteger(n) || n < 1) throw new GasException(ROWS_OUT_OF_BOUNDS);
    this.structure();
    this.model.insertRows(before, n);
  }
  private insertColsAt(before: number, n: number): void {
    this.checkColPos(before, true);
    if (!Number.isInteger(n) || n < 1) throw new GasException(COLS_OUT_OF_BOUNDS);
    this.structure();
    this.model.insertCols(before, n);
  }
  /** Blank rows before rowIndex; formats are not copied from neighbours in the fake. */
  insertRows(rowIndex: number, numRows = 1): void {
    this.hit('insertRows');
    this.insertRowsAt(rowIndex, numRows);
  }
  insertRowsBefore(beforePosition: number, howMany: number): GSheet {
    this.hit('insertRowsBefore');
    this.insertRowsAt(beforePosition, howMany);
    return this.self();
  }
  insertRowsAfter(afterPosition: number, howMany: number): GSheet {
    this.hit('insertRowsAfter');
    this.checkRowPos(afterPosition, false);
    this.insertRowsAt(afterPosition + 1, howMany);
    return this.self();
  }
  insertRowBefore(beforePosition: number): GSheet {
    this.hit('insertRowBefore');
    this.insertRowsAt(beforePosition, 1);
    return this.self();
  }
  insertRowAfter(afterPosition: number): GSheet {
    this.hit('insertRowAfter');
    this.checkRowPos(afterPosition, false);
    this.insertRowsAt(afterPosition + 1, 1);
    return this.self();
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.hit('deleteRows');
    this.deleteRowsAt(rowPosition, howMany);
  }
  deleteRow(rowPosition: number): GSheet {
    this.hit('deleteRow');
    this.deleteRowsAt(rowPosition, 1);
    return this.self();
  }
  private deleteRowsAt(start: number, n: number): void {
    this.checkRowPos(start, false);
    if (!Number.isInteger(n) || n < 1 || start + n - 1 > this.model.maxRows)
      throw new GasException(ROWS_OUT_OF_BOUNDS);
    if (n >= this.model.maxRows - this.model.frozenRows && start <= this.model.frozenRows + 1)
      throw new GasException(ALL_ROWS);
    this.structure({ row: start, col: 1, numRows: n, numCols: this.model.maxCols });
    this.model.deleteRows(start, n);
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    this.hit('insertColumns');
    this.insertColsAt(columnIndex, numColumns);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): GSheet {
    this.hit('insertColumnsBefore');
    this.insertColsAt(beforePosition, howMany);
    return this.self();
  }
  insertColumnsAfter(afterPosition: number, howMany: number): GSheet {
    this.hit('insertColumnsAfter');
    this.checkColPos(afterPosition, false);
    this.insertColsAt(afterPosition + 1, howMany);
    return this.self();
  }
  insertColumnBefore(beforePosition: number): GSheet {
    this.hit('insertColumnBefore');
    this.insertColsAt(beforePosition, 1);
    return this.self();
  }
  insertColumnAfter(afterPosition: number): GSheet {
    this.hit('insertColumnAfter');
    this.checkColPos(afterPosition, false);
    this.insertColsAt(afterPosition + 1, 1);
    return this.self();
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.hit('deleteColumns');
    this.deleteColsAt(columnPosition, howMany);
  }
  deleteColumn(columnPosition: number): GSheet {
    this.hit('deleteColumn');
    this.deleteColsAt(columnPosition, 1);
    return this.self();
  }
  private deleteColsAt(start: number, n: number): void {
    this.checkColPos(start, false);
    if (!Number.isInteger(n) || n < 1 || start + n - 1 > this.model.maxCols)
      throw new GasException(COLS_OUT_OF_BOUNDS);
    if (n >= this.model.maxCols - this.model.frozenCols && start <= this.model.frozenCols + 1)
      throw new GasException(ALL_COLS);
    this.structure({ row: 1, col: start, numRows: this.model.maxRows, numCols: n });
    this.model.deleteCols(start, n);
  }

  // ---- layout ----
  getFrozenRows(): number {
    this.hit('getFrozenRows');
    return this.model.frozenRows;
  }
  setFrozenRows(rows: number): void {
    this.hit('setFrozenRows');
    if (!Number.isInteger(rows) || rows < 0 || rows > this.model.maxRows)
      badParams('SpreadsheetApp', 'Sheet', 'setFrozenRows', [rows]);
    this.structure();
    this.model.frozenRows = rows;
  }
  getFrozenColumns(): number {
    this.hit('getFrozenColumns');
    return this.model.frozenCols;
  }
  setFrozenColumns(columns: number): void {
    this.hit('setFrozenColumns');
    if (!Number.isInteger(columns) || columns < 0 || columns > this.model.maxCols) {
      badParams('SpreadsheetApp', 'Sheet', 'setFrozenColumns', [columns]);
    }
    this.structure();
    this.model.frozenCols = columns;
  }
  getColumnWidth(columnPosition: number): number {
    this.hit('getColumnWidth');
    return this.model.colWidths.get(columnPosition) ?? DEFAULT_COLUMN_WIDTH;
  }
  setColumnWidth(columnPosition: number, width: number): GSheet {
    this.hit('setColumnWidth');
    this.setWidths(columnPosition, 1, width);
    return this.self();
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): GSheet {
    this.hit('setColumnWidths');
    this.setWidths(startColumn, numColumns, width);
    return this.self();
  }
  private setWidths(start: number, n: number, width: number): void {
    checkGrid(this.model, 1, start, 1, n);
    this.structure();
    for (let c = start; c < start + n; c++) this.model.colWidths.set(c, width);
  }
  autoResizeColumn(columnPosition: number): GSheet {
    this.hit('autoResizeColumn');
    this.autoResize(columnPosition, 1);
    return this.self();
  }
  /** Width from the longest display text (an estimate: 7px per Latin, 14px per CJK character, +10). */
  autoResizeColumns(startColumn: number, numColumns: number): GSheet {
    this.hit('autoResizeColumns');
    this.autoResize(startColumn, numColumns);
    return this.self();
  }
  private autoResize(start: number, n: number): void {
    checkGrid(this.model, 1, start, 1, n);
    this.structure();
    const last = this.model.lastRow();
    for (let c = start; c < start + n; c++) {
      let w = 0;
      for (let r = 1; r <= last; r++) w = Math.max(w, textWidth(displayCell(this.ctx, this.model, r, c)));
      this.model.colWidths.set(c, Math.max(w, 20));
    }
  }
  getRowHeight(rowPosition: number): number {
    this.hit('getRowHeight');
    return this.model.rowHeights.get(rowPosition) ?? DEFAULT_ROW_HEIGHT;
  }
  setRowHeight(rowPosition: number, height: number): GSheet {
    this.hit('setRowHeight');
    return this.setRowHeights_(rowPosition, 1, height);
  }
  setRowHeights(startRow: number, numRows: number, height: number): GSheet {
    this.hit('setRowHeights');
    return this.setRowHeights_(startRow, numRows, height);
  }
  private setRowHeights_(start: number, n: number, height: number): GSheet {
    checkGrid(this.model, start, 1, n, 1);
    this.structure();
    for (let r = start; r < start + n; r++) this.model.rowHeights.set(r, height);
    return this.self();
  }
  hideRows(rowIndex: number, numRows = 1): void {
    this.hit('hideRows');
    checkGrid(this.model, rowIndex, 1, numRows, 1);
    for (let r = rowIndex; r < rowIndex + numRows; r++) this.model.hiddenRows.add(r);
  }
  showRows(rowIndex: number, numRows = 1): void {
    this.hit('showRows');
    for (let r = rowIndex; r < rowIndex + numRows; r++) this.model.hiddenRows.delete(r);
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    this.hit('isRowHiddenByUser');
    return this.model.hiddenRows.has(rowPosition);
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    this.hit('hideColumns');
    checkGrid(this.model, 1, columnIndex, 1, numColumns);
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.model.hiddenCols.add(c);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    this.hit('showColumns');
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.model.hiddenCols.delete(c);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    this.hit('isColumnHiddenByUser');
    return this.model.hiddenCols.has(columnPosition);
  }
  hideSheet(): GSheet {
    this.hit('hideSheet');
    if (this.model.ss.sheets.filter((s) => !s.hidden).length <= 1) {
      throw new GasException("You can't hide all the sheets in a document. (fake text)");
    }
    this.model.hidden = true;
    return this.self();
  }
  showSheet(): GSheet {
    this.hit('showSheet');
    this.model.hidden = false;
    return this.self();
  }
  isSheetHidden(): boolean {
    this.hit('isSheetHidden');
    return this.model.hidden;
  }
  getTabColor(): string | null {
    this.hit('getTabColor');
    return this.model.tabColor;
  }
  setTabColor(color: string | null): GSheet {
    this.hit('setTabColor');
    this.structure();
    this.model.tabColor = normalizeColor(color);
    return this.self();
  }
  sort(columnPosition: number, ascending = true): GSheet {
    this.hit('sort');
    const first = this.model.frozenRows + 1;
    const last = this.model.lastRow();
    if (last >= first) {
      new FakeRange(this.ctx, this.model, {
        row: first,
        col: 1,
        numRows: last - first + 1,
        numCols: this.model.maxCols,
      }).sort({
        column: columnPosition,
        ascending,
      });
    }
    return this.self();
  }

  // ---- protections ----
  /** The existing sheet protection if there is one (§1.7). */
  protect(): GProtection {
    this.hit('protect');
    let p = this.model.protections.find((x) => x.type === 'SHEET');
    if (!p) {
      p = new ProtectionModel('SHEET', this.model, undefined);
      this.model.protections.push(p);
    }
    return protectionApi(this.ctx, p);
  }
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GProtection[] {
    this.hit('getProtections');
    const t = String(type);
    if (t !== ProtectionType.RANGE && t !== ProtectionType.SHEET)
      badParams('SpreadsheetApp', 'Sheet', 'getProtections', [type]);
    return this.model.protections.filter((p) => p.type === t).map((p) => protectionApi(this.ctx, p));
  }

  // ---- conditional formats ----
  getConditionalFormatRules(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    this.hit('getConditionalFormatRules');
    return [
      ...this.model.conditionalRules,
    ] as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRule[];
  }
  setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]): void {
    this.hit('setConditionalFormatRules');
    for (const r of rules) {
      if (!(r instanceof FakeConditionalFormatRule))
        badParams('SpreadsheetApp', 'Sheet', 'setConditionalFormatRules', [rules]);
    }
    this.structure();
    this.model.conditionalRules = [...rules] as unknown as FakeConditionalFormatRule[];
  }
  clearConditionalFormatRules(): void {
    this.hit('clearConditionalFormatRules');
    this.structure();
    this.model.conditionalRules = [];
  }

  // ---- charts ----
  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    this.hit('newChart');
    const m: ChartModel = {
      id: 0,
      type: 'COLUMN',
      ranges: [],
      options: {},
      position: { row: 1, col: 1, offsetX: 0, offsetY: 0 },
      numHeaders: -1,
    };
    return new FakeEmbeddedChartBuilder(m, this.makeRange, FakeRange.unwrap, () =>
      this.ctx.next('chart'),
    ) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
  }
  private readonly makeRange = (
    s: SheetModel,
    g: { row: number; col: number; numRows: number; numCols: number },
  ) => rangeApi(this.ctx, s, { ...g });
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.hit('insertChart');
    if (!(chart instanceof FakeEmbeddedChart)) badParams('SpreadsheetApp', 'Sheet', 'insertChart', [chart]);
    this.structure();
    const m = chart.model;
    for (const r of m.ranges) r.sheet.track(r.ref);
    this.model.charts.push(m);
  }
  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    this.hit('getCharts');
    return this.model.charts.map(
      (m) =>
        new FakeEmbeddedChart(m, this.makeRange, FakeRange.unwrap, () =>
          this.ctx.next('chart'),
        ) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChart,
    );
  }
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.hit('removeChart');
    this.structure();
    const id = chart.getChartId();
    this.model.charts = this.model.charts.filter((m) => m.id !== id);
  }
  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this.hit('updateChart');
    if (!(chart instanceof FakeEmbeddedChart)) badParams('SpreadsheetApp', 'Sheet', 'updateChart', [chart]);
    this.structure();
    const i = this.model.charts.findIndex((m) => m.id === chart.model.id);
    if (i < 0) throw new GasException('FakeGas: updateChart of a chart that is not on this sheet');
    this.model.charts[i] = chart.model;
  }

  // ---- copy ----
  /** Copies cells, formats and layout; the copy is named "Copy of X" / "X 的副本" ([UNCONFIRMED] names). */
  copyTo(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): GSheet {
    this.hit('copyTo');
    const target = (spreadsheet as unknown as { model: SpreadsheetModel }).model;
    if (!target) badParams('SpreadsheetApp', 'Sheet', 'copyTo', [spreadsheet]);
    const base = target.locale.startsWith('zh') ? `${this.model.name} 的副本` : `Copy of ${this.model.name}`;
    let name = base;
    for (let n = 2; target.sheets.some((s) => s.name === name); n++) name = `${base} ${n}`;
    const copy = cloneSheet(this.ctx, this.model, target, name);
    target.sheets.push(copy);
    return sheetApi(this.ctx, copy);
  }

  toString(): string {
    return `Sheet(${this.model.name})`;
  }
}

/** A deep copy of cells and layout into a new sheet model (no protections, charts or form link). */
export function cloneSheet(
  ctx: GasContext,
  src: SheetModel,
  target: SpreadsheetModel,
  name: string,
): SheetModel {
  const s = new SheetModel(target, nextGid(ctx), name, src.maxRows, src.maxCols);
  s.rows = src.rows.map((r) => r?.map((c) => (c ? ({ ...c } as Cell) : undefined)));
  s.frozenRows = src.frozenRows;
  s.frozenCols = src.frozenCols;
  for (const [k, v] of src.colWidths) s.colWidths.set(k, v);
  for (const [k, v] of src.rowHeights) s.rowHeights.set(k, v);
  return s;
}

export function nextGid(ctx: GasContext): number {
  return 100_000_000 + ctx.next('gid') * 7919;
}

/** Sheet.getRange's four forms with the §1.4 checks. */
export function resolveGetRange(sheet: SheetModel, args: unknown[]): Grid {
  if (args.length === 1 && typeof args[0] === 'string') return gridFromA1(sheet, args[0]);
  if (args.length < 2 || args.length > 4 || !args.every((a) => typeof a === 'number')) {
    badParams('SpreadsheetApp', 'Sheet', 'getRange', args);
  }
  const [row, col, nr = 1, nc = 1] = args as number[];
  return checkGrid(sheet, row as number, col as number, nr, nc);
}
