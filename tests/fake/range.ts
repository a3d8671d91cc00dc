// Range: 1-based rectangles with typed reads, validated writes (§1.1–§1.5), formats, validations and protection checks.

import { type Grid, parseA1, qualify, resolveA1, toA1 } from './a1';
import { FakeDataValidation, FakeDataValidationBuilder } from './builders';
import type { GasContext } from './context';
import { evaluateCustomFunction } from './custom-functions';
import { formatSheetsDate, isDateFormat, toSerial } from './dates';
import { badParams, FakeGasUnsupportedError, GasException, MSG } from './errors';
import { type Cell, FORMAT_KEYS, hasContent, type SheetModel } from './model';
import { assertCanEditCells, FakeProtection, ProtectionModel } from './protection';
import { sheetApi } from './sheet';
import {
  type CellValue,
  coerceWrite,
  DEFAULT_NUMBER_FORMAT,
  displayValue,
  readValue,
  type WriteResult,
} from './values';

type GRange = GoogleAppsScript.Spreadsheet.Range;
type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GDV = GoogleAppsScript.Spreadsheet.DataValidation;

/** getValues of a formula the fake cannot compute (see README "Formulas"). */
export const UNEVALUATED = '#UNEVALUATED!';

/** Validates getRange(row, column, numRows, numColumns) and friends, with the §1.4 texts. */
export function checkGrid(
  sheet: SheetModel,
  row: number,
  col: number,
  numRows: number,
  numCols: number,
): Grid {
  for (const n of [row, col, numRows, numCols]) {
    if (!Number.isInteger(n))
      throw new FakeGasUnsupportedError(`non-integer range coordinate ${n} ([UNCONFIRMED] §1.4)`);
  }
  if (row < 1) throw new GasException(MSG.startRowTooSmall);
  if (col < 1) throw new GasException(MSG.startColTooSmall);
  if (numRows < 1) throw new GasException(MSG.numRowsTooSmall);
  if (numCols < 1) throw new GasException(MSG.numColsTooSmall);
  if (row + numRows - 1 > sheet.maxRows || col + numCols - 1 > sheet.maxCols)
    throw new GasException(MSG.outOfBounds);
  return { row, col, numRows, numCols };
}

/** Resolves A1 text on a sheet; "Range not found" when it does not parse. */
export function gridFromA1(sheet: SheetModel, a1: string): Grid {
  const p = parseA1(a1);
  if (!p) throw new GasException(MSG.rangeNotFound);
  if (p.sheetName !== undefined && p.sheetName !== sheet.name) {
    throw new FakeGasUnsupportedError(
      `Sheet("${sheet.name}").getRange("${a1}") names another sheet; use Spreadsheet.getRange for qualified A1`,
    );
  }
  const ends = [p.startRow, p.endRow].filter((x) => x !== undefined) as number[];
  const cends = [p.startCol, p.endCol].filter((x) => x !== undefined) as number[];
  if (ends.some((r) => r > sheet.maxRows) || cends.some((c) => c > sheet.maxCols))
    throw new GasException(MSG.outOfBounds);
  return resolveA1(p, sheet.maxRows, sheet.maxCols);
}

const NAMED_COLORS: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  gray: '#808080',
  grey: '#808080',
  orange: '#ffa500',
  purple: '#800080',
  lime: '#00ff00',
  cyan: '#00ffff',
  magenta: '#ff00ff',
  silver: '#c0c0c0',
};

/** '#ABC' → '#aabbcc', 'red' → '#ff0000'; null resets. Unknown colour names are refused rather than guessed. */
export function normalizeColor(color: string | null): string | null {
  if (color === null) return null;
  const c = color.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  if (/^#[0-9a-f]{6}$/.test(c)) return c;
  const named = NAMED_COLORS[c];
  if (named) return named;
  throw new FakeGasUnsupportedError(`colour "${color}" (use #rrggbb)`);
}

/** The typed value getValues gives for one cell (formulas evaluated as far as the fake can). */
export function readCell(ctx: GasContext, sheet: SheetModel, row: number, col: number, depth = 0): CellValue {
  const cell = sheet.get(row, col);
  if (!cell) return '';
  if (cell.f !== undefined) return evaluate(ctx, sheet, row, col, cell.f, depth);
  const v = readValue(cell.v, cell.nf, sheet.ss.timeZone);
  return v instanceof Date ? new Date(v.getTime()) : v;
}

/** The text getDisplayValues gives for one cell. */
export function displayCell(ctx: GasContext, sheet: SheetModel, row: number, col: number): string {
  const cell = sheet.get(row, col);
  if (!cell) return '';
  if (cell.f === undefined) return displayValue(cell.v, cell.nf);
  const v = evaluate(ctx, sheet, row, col, cell.f, 0);
  if (v instanceof Date) {
    const nf = cell.nf && isDateFormat(cell.nf) ? cell.nf : ctx.coercion(sheet.ss.locale).dateTimeFormat;
    return formatSheetsDate(toSerial(v.getTime(), sheet.ss.timeZone), nf);
  }
  return displayValue(v, cell.nf);
}

function evaluate(
  ctx: GasContext,
  sheet: SheetModel,
  row: number,
  col: number,
  f: string,
  depth: number,
): CellValue {
  const custom = evaluateCustomFunction(ctx, sheet, row, col, f, (s, r, c) =>
    readCell(ctx, s, r, c, depth + 1),
  );
  if (custom !== undefined) return custom;
  const hook = ctx.options.evaluateFormula;
  if (hook) {
    const v = hook(f, { sheet: sheet.name, row, column: col });
    if (v !== undefined && v !== null) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date)
        return v;
      throw new FakeGasUnsupportedError(`evaluateFormula returned ${typeof v} for ${f}`);
    }
  }
  const body = f.slice(1).trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(body)) return Number(body);
  const str = /^"((?:[^"]|"")*)"$/.exec(body);
  if (str) return (str[1] as string).replace(/""/g, '"');
  if (/^(true|false)$/i.test(body)) return body.toLowerCase() === 'true';
  if (depth < 20) {
    const p = parseA1(body);
    if (
      p &&
      p.startRow === p.endRow &&
      p.startCol === p.endCol &&
      p.startRow !== undefined &&
      p.startCol !== undefined
    ) {
      const target = p.sheetName === undefined ? sheet : sheet.ss.sheets.find((s) => s.name === p.sheetName);
      if (target && p.startRow <= target.maxRows && p.startCol <= target.maxCols) {
        return readCell(ctx, target, p.startRow, p.startCol, depth + 1);
      }
      return '#REF!';
    }
  }
  return UNEVALUATED;
}

function checkMatrix(values: unknown, g: Grid, method: string): unknown[][] {
  if (!Array.isArray(values)) badParams('SpreadsheetApp', 'Range', method, [values]);
  if (values.length > 0 && !values.every(Array.isArray))
    badParams('SpreadsheetApp', 'Range', method, [values]);
  const rows = values as unknown[][];
  if (rows.length !== g.numRows) throw new GasException(MSG.rowsMismatch(rows.length, g.numRows));
  for (const r of rows) {
    if (r.length !== g.numCols) throw new GasException(MSG.colsMismatch(r.length, g.numCols));
  }
  return rows;
}

/** Sheets keeps at most 50,000 characters in one cell, formulas included (facts §1.6); longer fails, writing nothing. */
export const CELL_MAX_CHARS = 50_000;
export function assertCellLength(v: unknown): void {
  if (typeof v === 'string' && v.length > CELL_MAX_CHARS) throw new GasException(MSG.cellTooLong);
}

/** Coerces every value first (so a bad value writes nothing), checks protections, then stores. */
export function writeValues(
  ctx: GasContext,
  sheet: SheetModel,
  g: Grid,
  values: readonly (readonly unknown[])[],
): void {
  const tz = sheet.ss.timeZone;
  const opts = ctx.coercion(sheet.ss.locale);
  for (const row of values) for (const v of row) assertCellLength(v);
  const results: WriteResult[][] = values.map((row, i) =>
    row.map((v, j) => coerceWrite(v, sheet.get(g.row + i, g.col + j)?.nf, tz, opts)),
  );
  assertCanEditCells(ctx, sheet, g);
  results.forEach((row, i) => {
    row.forEach((res, j) => {
      const r = g.row + i;
      const c = g.col + j;
      if (res.kind === 'clear') {
        const cell = sheet.get(r, c);
        if (cell) {
          cell.v = '';
          delete cell.f;
        }
        return;
      }
      const cell = sheet.ensure(r, c);
      if (res.kind === 'formula') {
        cell.f = res.f;
        cell.v = '';
      } else {
        cell.v = res.v;
        delete cell.f;
        if (res.nf !== undefined) cell.nf = res.nf;
      }
    });
  });
}

type RangePick =
  | 'activate'
  | 'canEdit'
  | 'check'
  | 'clear'
  | 'clearContent'
  | 'clearDataValidations'
  | 'clearFormat'
  | 'clearNote'
  | 'getA1Notation'
  | 'getBackground'
  | 'getBackgrounds'
  | 'getCell'
  | 'getColumn'
  | 'getDataValidation'
  | 'getDataValidations'
  | 'getDisplayValue'
  | 'getDisplayValues'
  | 'getFontWeight'
  | 'getFontWeights'
  | 'getFormula'
  | 'getFormulas'
  | 'getGridId'
  | 'getHeight'
  | 'getHorizontalAlignment'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getNote'
  | 'getNotes'
  | 'getNumColumns'
  | 'getNumRows'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'getRow'
  | 'getRowIndex'
  | 'getSheet'
  | 'getValue'
  | 'getValues'
  | 'getWidth'
  | 'getWrap'
  | 'insertCheckboxes'
  | 'isBlank'
  | 'isChecked'
  | 'isEndColumnBounded'
  | 'isEndRowBounded'
  | 'isPartOfMerge'
  | 'merge'
  | 'breakApart'
  | 'getMergedRanges'
  | 'offset'
  | 'protect'
  | 'setBackground'
  | 'setBackgrounds'
  | 'setBorder'
  | 'setDataValidation'
  | 'setDataValidations'
  | 'setFontColor'
  | 'setFontColors'
  | 'setFontFamily'
  | 'setFontSize'
  | 'setFontStyle'
  | 'setFontWeight'
  | 'setFontWeights'
  | 'setFormula'
  | 'setFormulas'
  | 'setHorizontalAlignment'
  | 'setNote'
  | 'setNotes'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'setValue'
  | 'setValues'
  | 'setVerticalAlignment'
  | 'setWrap'
  | 'sort'
  | 'uncheck';

export class FakeRange implements Pick<GRange, RangePick> {
  constructor(
    private readonly ctx: GasContext,
    readonly sheet: SheetModel,
    readonly grid: Grid,
  ) {}

  /** The fake behind a Range passed back in by the code under test. */
  static unwrap(r: GRange): { sheet: SheetModel; grid: Grid } {
    if (!(r instanceof FakeRange))
      throw new FakeGasUnsupportedError('a Range that did not come from this fake');
    return { sheet: r.sheet, grid: r.grid };
  }

  private hit(m: string): void {
    this.ctx.hit(`Range.${m}`);
    if (this.sheet.deleted) throw new GasException('FakeGas: this range belongs to a deleted sheet');
  }

  private self(): GRange {
    return this as unknown as GRange;
  }

  private make(g: Grid): GRange {
    return new FakeRange(this.ctx, this.sheet, g) as unknown as GRange;
  }

  private cells<T>(fn: (r: number, c: number, cell: Cell | undefined) => T): T[][] {
    const g = this.grid;
    const out: T[][] = [];
    for (let i = 0; i < g.numRows; i++) {
      const row: T[] = [];
      for (let j = 0; j < g.numCols; j++)
        row.push(fn(g.row + i, g.col + j, this.sheet.get(g.row + i, g.col + j)));
      out.push(row);
    }
    return out;
  }

  /** Applies a per-cell mutation after the protection check (formats, notes, validations). */
  private mutate(fn: (cell: Cell, i: number, j: number) => void): GRange {
    assertCanEditCells(this.ctx, this.sheet, this.grid);
    const g = this.grid;
    for (let i = 0; i < g.numRows; i++)
      for (let j = 0; j < g.numCols; j++) fn(this.sheet.ensure(g.row + i, g.col + j), i, j);
    return this.self();
  }

  private checkDims<T>(values: T[][], method: string): T[][] {
    return checkMatrix(values, this.grid, method) as T[][];
  }

  // ---- geometry ----
  getA1Notation(): string {
    this.hit('getA1Notation');
    return toA1(this.grid);
  }
  getRow(): number {
    this.hit('getRow');
    return this.grid.row;
  }
  getRowIndex(): number {
    this.hit('getRowIndex');
    return this.grid.row;
  }
  getColumn(): number {
    this.hit('getColumn');
    return this.grid.col;
  }
  getNumRows(): number {
    this.hit('getNumRows');
    return this.grid.numRows;
  }
  getNumColumns(): number {
    this.hit('getNumColumns');
    return this.grid.numCols;
  }
  getHeight(): number {
    this.hit('getHeight');
    return this.grid.numRows;
  }
  getWidth(): number {
    this.hit('getWidth');
    return this.grid.numCols;
  }

  // ---- merges (https://developers.google.com/apps-script/reference/spreadsheet/range#merge) ----
  private overlaps(m: Grid): boolean {
    const g = this.grid;
    return (
      m.row < g.row + g.numRows &&
      g.row < m.row + m.numRows &&
      m.col < g.col + g.numCols &&
      g.col < m.col + m.numCols
    );
  }
  private inside(m: Grid): boolean {
    const g = this.grid;
    return (
      m.row >= g.row &&
      m.col >= g.col &&
      m.row + m.numRows <= g.row + g.numRows &&
      m.col + m.numCols <= g.col + g.numCols
    );
  }
  /** Merges the block. Sheets keeps only the top-left value; the fake refuses to guess what it does with the others. */
  merge(): GRange {
    this.hit('merge');
    assertCanEditCells(this.ctx, this.sheet, this.grid);
    const g = this.grid;
    if (this.sheet.merges.some((m) => this.overlaps(m) && !this.inside(m)))
      throw new GasException(
        'You must select all cells in a merged range to merge or unmerge them. (fake text)',
      );
    for (let i = 0; i < g.numRows; i++)
      for (let j = 0; j < g.numCols; j++) {
        if ((i || j) && hasContent(this.sheet.get(g.row + i, g.col + j)))
          throw new FakeGasUnsupportedError('merge() over cells with values other than the top-left one');
      }
    this.sheet.merges = this.sheet.merges.filter((m) => !this.inside(m));
    this.sheet.merges.push({ row: g.row, col: g.col, numRows: g.numRows, numCols: g.numCols });
    return this.self();
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/range#breakApart() */
  breakApart(): GRange {
    this.hit('breakApart');
    assertCanEditCells(this.ctx, this.sheet, this.grid);
    if (this.sheet.merges.some((m) => this.overlaps(m) && !this.inside(m)))
      throw new GasException(
        'You must select all cells in a merged range to merge or unmerge them. (fake text)',
      );
    this.sheet.merges = this.sheet.merges.filter((m) => !this.inside(m));
    return this.self();
  }
  /** Merged blocks that touch the range (https://developers.google.com/apps-script/reference/spreadsheet/range#getMergedRanges()). */
  getMergedRanges(): GRange[] {
    this.hit('getMergedRanges');
    return this.sheet.merges.filter((m) => this.overlaps(m)).map((m) => this.make({ ...m }));
  }
  isPartOfMerge(): boolean {
    this.hit('isPartOfMerge');
    return this.sheet.merges.some((m) => this.overlaps(m));
  }
  /** The range's own end row (not the sheet's last data row). */
  getLastRow(): number {
    this.hit('getLastRow');
    return this.grid.row + this.grid.numRows - 1;
  }
  getLastColumn(): number {
    this.hit('getLastColumn');
    return this.grid.col + this.grid.numCols - 1;
  }
  isEndRowBounded(): boolean {
    this.hit('isEndRowBounded');
    return !this.grid.openRows;
  }
  isEndColumnBounded(): boolean {
    this.hit('isEndColumnBounded');
    return !this.grid.openCols;
  }
  getGridId(): number {
    this.hit('getGridId');
    return this.sheet.gid;
  }
  getSheet(): GSheet {
    this.hit('getSheet');
    return sheetApi(this.ctx, this.sheet);
  }
  /** 1-based, relative to this range; may not leave it ([UNCONFIRMED] text, uses the out-of-bounds error). */
  getCell(row: number, column: number): GRange {
    this.hit('getCell');
    if (row < 1 || column < 1 || row > this.grid.numRows || column > this.grid.numCols) {
      throw new GasException(MSG.outOfBounds);
    }
    return this.make(checkGrid(this.sheet, this.grid.row + row - 1, this.grid.col + column - 1, 1, 1));
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): GRange {
    this.hit('offset');
    return this.make(
      checkGrid(
        this.sheet,
        this.grid.row + rowOffset,
        this.grid.col + columnOffset,
        numRows ?? this.grid.numRows,
        numColumns ?? this.grid.numCols,
      ),
    );
  }
  activate(): GRange {
    this.hit('activate');
    this.sheet.ss.activeSheet = this.sheet;
    return this.self();
  }

  // ---- values ----
  getValue(): unknown {
    this.hit('getValue');
    return readCell(this.ctx, this.sheet, this.grid.row, this.grid.col);
  }
  getValues(): unknown[][] {
    this.hit('getValues');
    return this.cells((r, c) => readCell(this.ctx, this.sheet, r, c));
  }
  getDisplayValue(): string {
    this.hit('getDisplayValue');
    return displayCell(this.ctx, this.sheet, this.grid.row, this.grid.col);
  }
  getDisplayValues(): string[][] {
    this.hit('getDisplayValues');
    return this.cells((r, c) => displayCell(this.ctx, this.sheet, r, c));
  }
  getFormula(): string {
    this.hit('getFormula');
    return this.sheet.get(this.grid.row, this.grid.col)?.f ?? '';
  }
  getFormulas(): string[][] {
    this.hit('getFormulas');
    return this.cells((_r, _c, cell) => cell?.f ?? '');
  }
  isBlank(): boolean {
    this.hit('isBlank');
    return this.cells((_r, _c, cell) => hasContent(cell)).every((row) => row.every((x) => !x));
  }
  /** Every cell of the range gets the value (a string starting with '=' becomes a formula, §1.3). */
  setValue(value: unknown): GRange {
    this.hit('setValue');
    const row = new Array<unknown>(this.grid.numCols).fill(value);
    writeValues(
      this.ctx,
      this.sheet,
      this.grid,
      Array.from({ length: this.grid.numRows }, () => row),
    );
    return this.self();
  }
  setValues(values: unknown[][]): GRange {
    this.hit('setValues');
    writeValues(this.ctx, this.sheet, this.grid, this.checkDims(values, 'setValues'));
    return this.self();
  }
  /** The same formula text in every cell (the fake does not shift relative references). */
  setFormula(formula: string): GRange {
    this.hit('setFormula');
    if (typeof formula !== 'string') badParams('SpreadsheetApp', 'Range', 'setFormula', [formula]);
    assertCellLength(formula);
    const text = formula.startsWith('=') ? formula : `=${formula}`;
    return this.mutate((cell) => {
      cell.f = text;
      cell.v = '';
    });
  }
  setFormulas(formulas: string[][]): GRange {
    this.hit('setFormulas');
    const m = this.checkDims(formulas, 'setFormulas');
    for (const row of m) for (const f of row) assertCellLength(f);
    return this.mutate((cell, i, j) => {
      const f = m[i]?.[j] ?? '';
      if (f === '') {
        delete cell.f;
        cell.v = '';
      } else {
        cell.f = f.startsWith('=') ? f : `=${f}`;
        cell.v = '';
      }
    });
  }

  // ---- number formats ----
  getNumberFormat(): string {
    this.hit('getNumberFormat');
    return this.sheet.get(this.grid.row, this.grid.col)?.nf ?? DEFAULT_NUMBER_FORMAT;
  }
  getNumberFormats(): string[][] {
    this.hit('getNumberFormats');
    return this.cells((_r, _c, cell) => cell?.nf ?? DEFAULT_NUMBER_FORMAT);
  }
  /** '@' makes later writes plain text (§1.3). null is refused (§1.1: use 'general' to reset). */
  setNumberFormat(numberFormat: string): GRange {
    this.hit('setNumberFormat');
    if (typeof numberFormat !== 'string')
      badParams('SpreadsheetApp', 'Range', 'setNumberFormat', [numberFormat]);
    return this.mutate((cell) => {
      cell.nf = numberFormat;
    });
  }
  setNumberFormats(numberFormats: string[][]): GRange {
    this.hit('setNumberFormats');
    const m = this.checkDims(numberFormats, 'setNumberFormats');
    for (const row of m)
      for (const f of row)
        if (typeof f !== 'string') badParams('SpreadsheetApp', 'Range', 'setNumberFormats', [m]);
    return this.mutate((cell, i, j) => {
      cell.nf = m[i]?.[j] as string;
    });
  }

  // ---- formats ----
  getBackground(): string {
    this.hit('getBackground');
    return this.sheet.get(this.grid.row, this.grid.col)?.bg ?? '#ffffff';
  }
  getBackgrounds(): string[][] {
    this.hit('getBackgrounds');
    return this.cells((_r, _c, cell) => cell?.bg ?? '#ffffff');
  }
  setBackground(color: string | null): GRange {
    this.hit('setBackground');
    const c = normalizeColor(color);
    return this.mutate((cell) => setOrDelete(cell, 'bg', c));
  }
  setBackgrounds(color: Array<Array<string | null>>): GRange {
    this.hit('setBackgrounds');
    const m = this.checkDims(color, 'setBackgrounds').map((row) => row.map(normalizeColor));
    return this.mutate((cell, i, j) => setOrDelete(cell, 'bg', m[i]?.[j] ?? null));
  }
  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    this.hit('getFontWeight');
    return this.sheet.get(this.grid.row, this.grid.col)?.fw ?? 'normal';
  }
  getFontWeights(): GoogleAppsScript.Spreadsheet.FontWeight[][] {
    this.hit('getFontWeights');
    return this.cells((_r, _c, cell) => cell?.fw ?? 'normal');
  }
  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): GRange {
    this.hit('setFontWeight');
    return this.mutate((cell) => setOrDelete(cell, 'fw', fontWeight));
  }
  setFontWeights(fontWeights: Array<Array<GoogleAppsScript.Spreadsheet.FontWeight | null>>): GRange {
    this.hit('setFontWeights');
    const m = this.checkDims(fontWeights, 'setFontWeights');
    return this.mutate((cell, i, j) => setOrDelete(cell, 'fw', m[i]?.[j] ?? null));
  }
  setFontColor(color: string | null): GRange {
    this.hit('setFontColor');
    const c = normalizeColor(color);
    return this.mutate((cell) => setOrDelete(cell, 'fc', c));
  }
  setFontColors(colors: unknown[][]): GRange {
    this.hit('setFontColors');
    const m = this.checkDims(colors, 'setFontColors').map((row) =>
      row.map((c) => normalizeColor(c as string | null)),
    );
    return this.mutate((cell, i, j) => setOrDelete(cell, 'fc', m[i]?.[j] ?? null));
  }
  setFontSize(size: number): GRange {
    this.hit('setFontSize');
    return this.mutate((cell) => setOrDelete(cell, 'fs', size));
  }
  setFontFamily(fontFamily: string | null): GRange {
    this.hit('setFontFamily');
    return this.mutate((cell) => setOrDelete(cell, 'ff', fontFamily));
  }
  setFontStyle(fontStyle: GoogleAppsScript.Spreadsheet.FontStyle | null): GRange {
    this.hit('setFontStyle');
    return this.mutate((cell) => setOrDelete(cell, 'fst', fontStyle));
  }
  getHorizontalAlignment(): string {
    this.hit('getHorizontalAlignment');
    return this.sheet.get(this.grid.row, this.grid.col)?.ha ?? 'general';
  }
  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | 'right' | null): GRange {
    this.hit('setHorizontalAlignment');
    return this.mutate((cell) => setOrDelete(cell, 'ha', alignment));
  }
  setVerticalAlignment(alignment: 'top' | 'middle' | 'bottom' | null): GRange {
    this.hit('setVerticalAlignment');
    return this.mutate((cell) => setOrDelete(cell, 'va', alignment));
  }
  getWrap(): boolean {
    this.hit('getWrap');
    return this.sheet.get(this.grid.row, this.grid.col)?.wrap ?? false;
  }
  setWrap(isWrapEnabled: boolean): GRange {
    this.hit('setWrap');
    return this.mutate((cell) => setOrDelete(cell, 'wrap', isWrapEnabled));
  }
  setBorder(...args: unknown[]): GRange {
    this.hit('setBorder');
    const desc = JSON.stringify(args.map((a) => (a === undefined ? null : a)));
    return this.mutate((cell) => setOrDelete(cell, 'border', desc));
  }

  // ---- notes ----
  getNote(): string {
    this.hit('getNote');
    return this.sheet.get(this.grid.row, this.grid.col)?.note ?? '';
  }
  getNotes(): string[][] {
    this.hit('getNotes');
    return this.cells((_r, _c, cell) => cell?.note ?? '');
  }
  setNote(note: string | null): GRange {
    this.hit('setNote');
    return this.mutate((cell) => setOrDelete(cell, 'note', note === '' ? null : note));
  }
  setNotes(notes: Array<Array<string | null>>): GRange {
    this.hit('setNotes');
    const m = this.checkDims(notes, 'setNotes');
    return this.mutate((cell, i, j) => setOrDelete(cell, 'note', m[i]?.[j] || null));
  }
  clearNote(): GRange {
    this.hit('clearNote');
    return this.mutate((cell) => setOrDelete(cell, 'note', null));
  }

  // ---- clearing ----
  /** No options: contents and formats (DOC). Options pick contentsOnly / formatOnly / validationsOnly / commentsOnly. */
  clear(options?: {
    commentsOnly?: boolean;
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    skipFilteredRows?: boolean;
  }): GRange {
    this.hit('clear');
    const o = options ?? {};
    const any = o.commentsOnly || o.contentsOnly || o.formatOnly || o.validationsOnly;
    return this.mutate((cell) => {
      if (!any || o.contentsOnly) {
        cell.v = '';
        delete cell.f;
      }
      if (!any || o.formatOnly) for (const k of FORMAT_KEYS) delete cell[k];
      if (o.validationsOnly) delete cell.dv;
      if (o.commentsOnly) delete cell.note;
    });
  }
  clearContent(): GRange {
    this.hit('clearContent');
    return this.mutate((cell) => {
      cell.v = '';
      delete cell.f;
    });
  }
  clearFormat(): GRange {
    this.hit('clearFormat');
    return this.mutate((cell) => {
      for (const k of FORMAT_KEYS) delete cell[k];
    });
  }
  clearDataValidations(): GRange {
    this.hit('clearDataValidations');
    return this.mutate((cell) => {
      delete cell.dv;
    });
  }

  // ---- data validation (stored per cell; writes are not checked against it, see README) ----
  getDataValidation(): GDV | null {
    this.hit('getDataValidation');
    return (this.sheet.get(this.grid.row, this.grid.col)?.dv ?? null) as GDV | null;
  }
  getDataValidations(): Array<Array<GDV | null>> {
    this.hit('getDataValidations');
    return this.cells((_r, _c, cell) => (cell?.dv ?? null) as GDV | null);
  }
  setDataValidation(rule: GDV | null): GRange {
    this.hit('setDataValidation');
    const dv = checkRule(rule);
    return this.mutate((cell) => setOrDelete(cell, 'dv', dv));
  }
  setDataValidations(rules: Array<Array<GDV | null>>): GRange {
    this.hit('setDataValidations');
    const m = this.checkDims(rules, 'setDataValidations').map((row) => row.map(checkRule));
    return this.mutate((cell, i, j) => setOrDelete(cell, 'dv', m[i]?.[j] ?? null));
  }

  // ---- checkboxes ----
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): GRange {
    this.hit('insertCheckboxes');
    const dv = new FakeDataValidationBuilder().requireCheckbox(checkedValue, uncheckedValue).build();
    this.mutate((cell) => {
      cell.dv = dv as unknown as FakeDataValidation;
    });
    this.fillChecks(false);
    return this.self();
  }
  check(): GRange {
    this.hit('check');
    this.fillChecks(true);
    return this.self();
  }
  uncheck(): GRange {
    this.hit('uncheck');
    this.fillChecks(false);
    return this.self();
  }
  isChecked(): boolean | null {
    this.hit('isChecked');
    const states = this.cells((_r, _c, cell) => {
      const vals = cell?.dv?.getCriteriaValues() ?? [];
      const checked = vals.length > 0 ? vals[0] : true;
      return cell?.v === checked;
    }).flat();
    if (states.every((s) => s)) return true;
    if (states.every((s) => !s)) return false;
    return null;
  }
  private fillChecks(on: unknown): void {
    const matrix = this.cells((_r, _c, cell) => {
      const vals = cell?.dv?.getCriteriaValues() ?? [];
      if (on === true) return vals.length > 0 ? vals[0] : true;
      if (on === false) return vals.length > 1 ? vals[1] : vals.length === 1 ? '' : false;
      return on;
    });
    writeValues(this.ctx, this.sheet, this.grid, matrix);
  }

  // ---- protection, permissions, sort ----
  /** A new range protection each call (§1.7); it copies the spreadsheet's permissions until editors change. */
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    this.hit('protect');
    const p = new ProtectionModel('RANGE', this.sheet, this.sheet.track({ ...this.grid }));
    this.sheet.protections.push(p);
    return protectionApi(this.ctx, p);
  }
  canEdit(): boolean {
    this.hit('canEdit');
    try {
      assertCanEditCells(this.ctx, this.sheet, this.grid);
      return true;
    } catch {
      return false;
    }
  }
  /** sort(column) / sort({column, ascending}) / sort([...]): empties last, numbers < text < booleans. */
  sort(sortSpecObj: unknown): GRange {
    this.hit('sort');
    const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map((s) =>
      typeof s === 'number' ? { column: s, ascending: true } : (s as { column: number; ascending?: boolean }),
    );
    for (const s of specs) {
      if (s.column < this.grid.col || s.column > this.grid.col + this.grid.numCols - 1) {
        throw new GasException(`The sort column must be within the range. (fake text)`);
      }
    }
    assertCanEditCells(this.ctx, this.sheet, this.grid);
    const g = this.grid;
    const rows = Array.from({ length: g.numRows }, (_, i) =>
      this.sheet.rows[g.row - 1 + i]
        ?.slice(g.col - 1, g.col - 1 + g.numCols)
        .map((c) => (c ? { ...c } : undefined)),
    );
    const key = (row: (Cell | undefined)[] | undefined, col: number): Cell | undefined => row?.[col - g.col];
    rows.sort((a, b) => {
      for (const s of specs) {
        const c = compareCells(key(a, s.column), key(b, s.column), s.ascending !== false);
        if (c !== 0) return c;
      }
      return 0;
    });
    rows.forEach((cells, i) => {
      const r = g.row + i;
      for (let j = 0; j < g.numCols; j++) {
        const cell = cells?.[j];
        if (cell) {
          const target = this.sheet.ensure(r, g.col + j);
          for (const k of Object.keys(target)) delete (target as unknown as Record<string, unknown>)[k];
          Object.assign(target, cell);
        } else if (this.sheet.rows[r - 1]) {
          (this.sheet.rows[r - 1] as (Cell | undefined)[])[g.col - 1 + j] = undefined;
        }
      }
    });
    return this.self();
  }

  toString(): string {
    return `Range(${qualify(this.sheet.name, toA1(this.grid))})`;
  }
}

function compareCells(a: Cell | undefined, b: Cell | undefined, asc: boolean): number {
  const ea = !hasContent(a);
  const eb = !hasContent(b);
  if (ea || eb) return ea === eb ? 0 : ea ? 1 : -1; // empties last either way
  const rank = (v: unknown) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  const va = a?.v;
  const vb = b?.v;
  let c = rank(va) - rank(vb);
  if (c === 0) {
    if (typeof va === 'string' && typeof vb === 'string')
      c = va.localeCompare(vb, undefined, { sensitivity: 'base' });
    else c = Number(va) - Number(vb);
  }
  return asc ? c : -c;
}

function checkRule(rule: GDV | null): FakeDataValidation | null {
  if (rule === null) return null;
  if (!(rule instanceof FakeDataValidation))
    badParams('SpreadsheetApp', 'Range', 'setDataValidation', [rule]);
  return rule;
}

function setOrDelete<K extends keyof Cell>(cell: Cell, key: K, value: Cell[K] | null): void {
  if (value === null || value === undefined) delete cell[key];
  else cell[key] = value;
}

/** Wraps a Range for code under test. */
export function rangeApi(ctx: GasContext, sheet: SheetModel, g: Grid): GRange {
  return new FakeRange(ctx, sheet, g) as unknown as GRange;
}

/** The Protection API object of a model (one per protection, so identity holds). */
export function protectionApi(ctx: GasContext, p: ProtectionModel): GoogleAppsScript.Spreadsheet.Protection {
  if (!p.api) {
    p.api = new FakeProtection(ctx, p, (s, box) => rangeApi(ctx, s, { ...box }), FakeRange.unwrap);
  }
  return p.api as unknown as GoogleAppsScript.Spreadsheet.Protection;
}
