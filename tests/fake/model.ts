// The in-memory data behind the API objects: spreadsheets, sheets, cells and tracked ranges (no call counting here).

import type { ChartModel, FakeConditionalFormatRule, FakeDataValidation } from './builders';
import type { ProtectionModel } from './protection';
import type { Stored } from './values';

/** One cell: a stored value or a formula, plus its formats. Absent cells are empty and unformatted. */
export interface Cell {
  v: Stored;
  f?: string;
  nf?: string;
  bg?: string;
  fw?: 'bold' | 'normal';
  fc?: string;
  fs?: number;
  ff?: string;
  fst?: 'italic' | 'normal';
  ha?: string;
  va?: string;
  wrap?: boolean;
  border?: string;
  note?: string;
  dv?: FakeDataValidation;
}

/** A rectangle (1-based) that moves with row/column insertions and deletions, like Sheets' protected ranges. */
export interface RangeRef {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
  dead?: boolean;
}

export const FORMAT_KEYS = ['nf', 'bg', 'fw', 'fc', 'fs', 'ff', 'fst', 'ha', 'va', 'wrap', 'border'] as const;

export function hasContent(c: Cell | undefined): boolean {
  return c !== undefined && (c.v !== '' || c.f !== undefined);
}

function shift(start: number, size: number, at: number, n: number): [number, number] {
  if (n > 0) {
    if (start >= at) return [start + n, size];
    if (start + size - 1 >= at) return [start, size + n];
    return [start, size];
  }
  const del = -n;
  const end = at + del - 1;
  const last = start + size - 1;
  const overlap = Math.max(0, Math.min(last, end) - Math.max(start, at) + 1);
  const newStart = start < at ? start : start > end ? start - del : at;
  return [newStart, size - overlap];
}

export class SheetModel {
  rows: Array<Array<Cell | undefined> | undefined> = [];
  maxRows: number;
  maxCols: number;
  frozenRows = 0;
  frozenCols = 0;
  readonly colWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly hiddenRows = new Set<number>();
  readonly hiddenCols = new Set<number>();
  /** Merged blocks (not moved by row or column inserts: the fake's snapshots never get any). */
  merges: { row: number; col: number; numRows: number; numCols: number }[] = [];
  tabColor: string | null = null;
  hidden = false;
  conditionalRules: FakeConditionalFormatRule[] = [];
  charts: ChartModel[] = [];
  protections: ProtectionModel[] = [];
  readonly refs = new Set<RangeRef>();
  /** Form whose responses land here (Sheet.getFormUrl). */
  formId: string | null = null;
  /** Form item id → response column, for linked response sheets. */
  formColumns = new Map<number, number>();
  deleted = false;
  /** The API wrapper, created lazily by the spreadsheet module. */
  api: unknown;

  constructor(
    readonly ss: SpreadsheetModel,
    readonly gid: number,
    public name: string,
    rows = 1000,
    cols = 26,
  ) {
    this.maxRows = rows;
    this.maxCols = cols;
  }

  get(row: number, col: number): Cell | undefined {
    return this.rows[row - 1]?.[col - 1];
  }

  ensure(row: number, col: number): Cell {
    let r = this.rows[row - 1];
    if (!r) {
      r = [];
      this.rows[row - 1] = r;
    }
    let c = r[col - 1];
    if (!c) {
      c = { v: '' };
      r[col - 1] = c;
    }
    return c;
  }

  /** Last row holding a value or formula; 0 on an empty sheet (§1.4). Formatting alone does not count. */
  lastRow(): number {
    for (let i = this.rows.length - 1; i >= 0; i--) {
      const r = this.rows[i];
      if (r?.some(hasContent)) return i + 1;
    }
    return 0;
  }

  lastCol(): number {
    let max = 0;
    for (const r of this.rows) {
      if (!r) continue;
      for (let j = r.length - 1; j >= max; j--) {
        if (hasContent(r[j])) {
          max = j + 1;
          break;
        }
      }
    }
    return max;
  }

  track(ref: RangeRef): RangeRef {
    this.refs.add(ref);
    return ref;
  }

  insertRows(before: number, n: number): void {
    if (this.rows.length >= before) this.rows.splice(before - 1, 0, ...new Array<undefined>(n));
    this.maxRows += n;
    for (const ref of this.refs) [ref.row, ref.numRows] = shift(ref.row, ref.numRows, before, n);
    if (this.frozenRows >= before) this.frozenRows += n;
  }

  deleteRows(start: number, n: number): void {
    this.rows.splice(start - 1, n);
    this.maxRows -= n;
    for (const ref of this.refs) {
      [ref.row, ref.numRows] = shift(ref.row, ref.numRows, start, -n);
      if (ref.numRows <= 0) ref.dead = true;
    }
    this.dropDead();
  }

  insertCols(before: number, n: number): void {
    for (const r of this.rows)
      if (r && r.length >= before) r.splice(before - 1, 0, ...new Array<undefined>(n));
    this.maxCols += n;
    for (const ref of this.refs) [ref.col, ref.numCols] = shift(ref.col, ref.numCols, before, n);
    if (this.frozenCols >= before) this.frozenCols += n;
  }

  deleteCols(start: number, n: number): void {
    for (const r of this.rows) if (r) r.splice(start - 1, n);
    this.maxCols -= n;
    for (const ref of this.refs) {
      [ref.col, ref.numCols] = shift(ref.col, ref.numCols, start, -n);
      if (ref.numCols <= 0) ref.dead = true;
    }
    this.dropDead();
  }

  private dropDead(): void {
    for (const ref of [...this.refs]) if (ref.dead) this.refs.delete(ref);
    this.protections = this.protections.filter((p) => !p.ref?.dead);
  }
}

export class SpreadsheetModel {
  sheets: SheetModel[] = [];
  activeSheet: SheetModel | undefined;
  readonly editors: string[] = [];
  readonly viewers: string[] = [];
  readonly namedRanges = new Map<string, { sheet: SheetModel; ref: RangeRef }>();
  /** Whether everyone in the owner's domain may edit (copied by new protections, §1.7). */
  domainEdit = false;
  /** In a shared drive: no owner (see FakeGasOptions.sharedDrive). */
  sharedDrive = false;
  api: unknown;

  constructor(
    readonly id: string,
    public name: string,
    public locale: string,
    public timeZone: string,
    public owner: string,
  ) {}

  get url(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }
}
