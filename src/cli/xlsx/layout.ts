// Sheet models of jifen's tabs for the .xlsx writer, from the shared COLUMNS specs (the same layout as in Google Sheets).

import type { Cell } from '../../shared/cells';
import type { PeriodReport } from '../../shared/period-report';
import { SNAPSHOT_COLUMN_WIDTHS, type Snapshot, tierClass } from '../../shared/publish';
import { COLUMNS, type ColumnKind, type ColumnSpec, type ColumnTab } from '../../shared/tabs';
import type { SheetModel } from './sheet-writer';
import type { StyleName } from './styles';

/** Text, month, date-time and yes/no columns are plain text ('@') so '2026-10' or '001' never turn into a date or number. */
export function styleOfKind(kind: ColumnKind): StyleName {
  switch (kind) {
    case 'date':
      return 'date';
    case 'int':
    case 'number':
      return 'general';
    default:
      return 'text';
  }
}

const TIER_STYLE: Record<string, StyleName> = {
  top: 'tierTop',
  bottom: 'tierBottom',
  bottom3: 'tierBottom3',
};

/**
 * The model of a COLUMNS tab. Columns are matched by header text, so a sheet whose columns were moved
 * or that has extra columns keeps them, each formatted by its own header's spec.
 */
export function tabModel(tab: ColumnTab, values: readonly (readonly Cell[])[]): SheetModel {
  const specs: readonly ColumnSpec[] = COLUMNS[tab];
  const header = (values[0] ?? specs.map((s) => s.header)).map((h) =>
    typeof h === 'string' ? h.trim() : '',
  );
  const byHeader = new Map(specs.map((s) => [s.header, s]));
  const colSpecs = header.map((h) => byHeader.get(h));
  const tierCol = tab === 'monthly' || tab === 'yearly' ? header.indexOf('分档') : -1;
  const printed = tab === 'monthly' || tab === 'yearly' || tab === 'ledger';
  return {
    values: values.length ? values : [specs.map((s) => s.header)],
    columns: colSpecs.map((s) => ({
      width: s?.width ?? 90,
      style: s?.wrap ? 'wrap' : s ? styleOfKind(s.kind) : 'text',
    })),
    headerRows: [0],
    freezeRows: 1,
    validations: colSpecs.flatMap((s, col) => (s?.choices ? [{ col, choices: s.choices }] : [])),
    notes: colSpecs.flatMap((s, col) => (s?.note ? [{ row: 0, col, text: s.note }] : [])),
    styleOf:
      tierCol >= 0
        ? (_row, col, v) => (col === tierCol && typeof v === 'string' ? TIER_STYLE[tierClass(v)] : undefined)
        : undefined,
    // 操作日志 gets a row on every command: with its texts inline, appending one leaves the shared-string
    // table (370k items, 21 MiB in the benchmark book) as it is, so it is not rewritten every time.
    ...(tab === 'log' ? { inlineStrings: true } : {}),
    // 月度汇总, 年度汇总 and 积分台账 print landscape, one page wide (12 portrait pages in column strips before),
    // with the header row repeated at the top of every printed page.
    ...(printed ? { printLandscape: true, printTitleRows: 1 } : {}),
  };
}

/** The protected 公示 snapshot tab: title, tables with shaded headers, tier colours, A4 print setup. */
export function snapshotModel(s: Snapshot): SheetModel {
  const { layout } = s;
  const tierCol = 8;
  const [cs, ce] = layout.cadreRows;
  return {
    values: s.values,
    columns: SNAPSHOT_COLUMN_WIDTHS.map((width) => ({ width, style: 'general' as StyleName })),
    headerRows: [layout.cadreHeaderRow, layout.detailHeaderRow],
    styleOf: (row, col, v) => {
      if (row === layout.titleRow) return 'title';
      if (row >= cs && row < ce && col === tierCol && typeof v === 'string') return TIER_STYLE[tierClass(v)];
      return typeof v === 'string' ? 'text' : undefined;
    },
    freezeRows: 0,
    protect: true,
    merges: [
      `A${layout.titleRow + 1}:J${layout.titleRow + 1}`,
      `A${layout.metaRow + 1}:J${layout.metaRow + 1}`,
    ],
    printA4: true,
  };
}

/** The 说明 tab: one column of text lines, the first a title. */
export function readmeModel(lines: readonly string[]): SheetModel {
  return {
    values: lines.map((l) => [l]),
    columns: [{ width: 900, style: 'text' }],
    styleOf: (row) => (row === 0 ? 'title' : undefined),
  };
}

/** Column widths of a half-year or year ranking 公示 (as the add-on's 发布半年汇总). */
const PERIOD_REPORT_WIDTHS = [50, 60, 70, 90, 55, 50, 50, 50, 55, 120, 300, 180] as const;

/** A protected half-year / year ranking 公示 tab: title, shaded header, tier colours, A4 print setup. */
export function periodReportModel(r: PeriodReport): SheetModel {
  const tierCol = 9;
  return {
    values: r.values,
    columns: PERIOD_REPORT_WIDTHS.map((width) => ({ width, style: 'general' as StyleName })),
    headerRows: [r.table.header],
    styleOf: (row, col, v) => {
      if (row === 0) return 'title';
      if (row >= r.table.start && row < r.table.end && col === tierCol && typeof v === 'string')
        return TIER_STYLE[tierClass(v)];
      return typeof v === 'string' ? 'text' : undefined;
    },
    freezeRows: 0,
    protect: true,
    merges: ['A1:L1', 'A2:L2'],
    printA4: true,
  };
}
