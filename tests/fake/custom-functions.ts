// Custom functions in the fake (apps-script-facts §4): cells whose formula calls a registered function are
// computed by calling it with the arguments' values, in the custom-function context, and recalculated
// only when those argument values change.
//
// Copied from https://developers.google.com/apps-script/guides/sheets/functions:
// - a single-cell reference passes its value, a range a 2D array; literals pass as themselves;
// - "custom functions … recalculate only when their arguments change": values the function reads
//   itself (getValues on other tabs) are not watched, so a result stays cached until an argument's
//   value changes (the cache is keyed by the formula and its arguments' values);
// - services allowed: Spreadsheet read-only (no set*(), no openById/openByUrl), Cache, HTML, Lock,
//   Properties, UrlFetch, Utilities, …; anything else fails with "You do not have permission to call
//   X service." A setter fails with "You do not have permission to call <method>".
// Not modelled: spilling a returned 2D array into neighbouring cells (the anchor cell shows [0][0]),
// the 30-second limit, "Loading..." for volatile arguments.

import { parseA1 } from './a1';
import type { GasContext } from './context';
import { GasException } from './errors';
import type { SheetModel } from './model';

type CellValue = string | number | boolean | Date;
type ReadCell = (sheet: SheetModel, row: number, col: number) => CellValue;

/** Classes a custom function may use (the Spreadsheet ones read-only). */
const ALLOWED_SERVICES = new Set([
  'SpreadsheetApp',
  'Spreadsheet',
  'Sheet',
  'Range',
  'Protection',
  'Properties',
  'Cache',
  'Lock',
  'Utilities',
  'HtmlService',
  'UrlFetchApp',
  'Logger',
]);
const SPREADSHEET_CLASSES = new Set(['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range', 'Protection']);
/** Spreadsheet methods that change something, plus the two openers the guide forbids. */
const WRITER =
  /^(set|insert|delete|append|clear|protect|remove|add|hide|show|sort|copy|move|merge|break|create|duplicate|rename|flush|auto|activate|trim|randomize|uncheck|check|openById|openByUrl|open)/;

/** Throws what Google throws for a call made from a custom function that it does not allow. */
export function checkCustomFunctionCall(name: string): void {
  const dot = name.indexOf('.');
  const cls = dot < 0 ? name : name.slice(0, dot);
  const method = dot < 0 ? '' : name.slice(dot + 1);
  if (!ALLOWED_SERVICES.has(cls))
    throw new GasException(`You do not have permission to call ${cls} service.`);
  if (SPREADSHEET_CLASSES.has(cls) && WRITER.test(method)) {
    throw new GasException(`You do not have permission to call ${method}`);
  }
}

/** Splits a formula's argument list at top-level commas (strings and nested calls kept whole). */
export function splitArgs(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inStr = false;
  let cur = '';
  for (const ch of body) {
    if (inStr) {
      cur += ch;
      if (ch === '"') inStr = false;
      continue;
    }
    if (ch === '"') inStr = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '' || out.length > 0) out.push(cur.trim());
  return out;
}

/** The value Sheets passes for one argument text. */
function argValue(sheet: SheetModel, text: string, read: ReadCell): unknown {
  if (text === '') return '';
  const str = /^"((?:[^"]|"")*)"$/.exec(text);
  if (str) return (str[1] as string).replace(/""/g, '"');
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return Number(text);
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  const named = sheet.ss.namedRanges.get(text);
  const grid = (target: SheetModel, r1: number, c1: number, r2: number, c2: number) => {
    if (r1 === r2 && c1 === c2) return read(target, r1, c1);
    const rows: CellValue[][] = [];
    for (let r = r1; r <= r2; r++) {
      const row: CellValue[] = [];
      for (let c = c1; c <= c2; c++) row.push(read(target, r, c));
      rows.push(row);
    }
    return rows;
  };
  if (named && !named.ref.dead && !named.sheet.deleted) {
    const g = named.ref;
    return grid(named.sheet, g.row, g.col, g.row + g.numRows - 1, g.col + g.numCols - 1);
  }
  const p = parseA1(text);
  if (p && p.startRow !== undefined && p.startCol !== undefined) {
    const target = p.sheetName === undefined ? sheet : sheet.ss.sheets.find((s) => s.name === p.sheetName);
    if (!target) return '#REF!';
    return grid(target, p.startRow, p.startCol, p.endRow ?? p.startRow, p.endCol ?? p.startCol);
  }
  throw new GasException(`FakeGas: cannot evaluate the argument ${text} of a custom function`);
}

/**
 * The value of a formula cell that calls a registered custom function, or undefined when the formula
 * is not such a call. Errors show as Sheets shows them: '#ERROR!' (the message is the cell's note).
 */
export function evaluateCustomFunction(
  ctx: GasContext,
  sheet: SheetModel,
  row: number,
  col: number,
  formula: string,
  read: ReadCell,
): CellValue | undefined {
  const m = /^=\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\(([\s\S]*)\)\s*$/.exec(formula);
  if (!m) return undefined;
  const name = (m[1] as string).toUpperCase();
  const fn = ctx.customFunctions.get(name);
  if (!fn) return undefined;
  const args = splitArgs(m[2] as string).map((a) => argValue(sheet, a, read));
  const key = `${sheet.name}!R${row}C${col}|${formula}|${JSON.stringify(args)}`;
  if (ctx.customFunctionResults.has(key)) return ctx.customFunctionResults.get(key);
  let value: CellValue;
  const saved = ctx.inCustomFunction;
  ctx.inCustomFunction = true;
  ctx.customFunctionCalls++;
  try {
    const out = fn(...args);
    const first = Array.isArray(out) ? (Array.isArray(out[0]) ? out[0][0] : out[0]) : out;
    value = first === undefined || first === null ? '' : (first as CellValue);
    ctx.customFunctionErrors.delete(`${sheet.name}!R${row}C${col}`);
  } catch (e) {
    value = '#ERROR!';
    ctx.customFunctionErrors.set(`${sheet.name}!R${row}C${col}`, (e as Error)?.message ?? String(e));
  } finally {
    ctx.inCustomFunction = saved;
  }
  ctx.customFunctionResults.set(key, value);
  return value;
}
