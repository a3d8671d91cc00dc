// Reading the workbook for interactive actions: validated scenario, settings, published months, now.

import { DEFAULT_RULES, type Scenario, validateScenario } from '../core';
import type { Cell } from '../shared/cells';
import { readWorkbook, type SheetSettings, type WorkbookValues } from '../shared/read-tabs';
import type { ColumnTab } from '../shared/tabs';
import { now, offsetMinutes, readTabs } from './sheets-io';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface Workbook {
  values: WorkbookValues;
  scenario: Scenario;
  settings: SheetSettings;
  published: Set<string>;
  offset: number;
  now: ReturnType<typeof now>;
}

/** One read per requested tab, then the core's validation (problems are ignored here: recompute lists them). */
export function loadWorkbook(ss: Spreadsheet, tabs: readonly ColumnTab[]): Workbook {
  const t = now(ss);
  const offset = offsetMinutes(ss, t.date);
  const values = readTabs(ss, tabs);
  const read = readWorkbook(values, offset, DEFAULT_RULES);
  const { scenario } = validateScenario(read.raw, { defaultAsOf: t.month });
  return {
    values,
    scenario,
    settings: read.settings,
    published: new Set(read.publishedMonths),
    offset,
    now: t,
  };
}

/** Index of a header in a tab's values (0-based), or -1. */
export function columnIndex(values: Cell[][] | undefined, header: string): number {
  return (values?.[0] ?? []).findIndex((h) => String(h).trim() === header);
}
