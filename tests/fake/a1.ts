// A1 notation: column letters, parsing 'A1', 'A1:C3', 'A:C', '2:5', 'A2:C', "'My sheet'!A1:B2", and printing.

export interface ParsedA1 {
  sheetName?: string;
  /** 1-based; undefined when the side is open (e.g. the rows of 'A:C'). */
  startRow?: number;
  startCol?: number;
  endRow?: number;
  endCol?: number;
}

export interface Grid {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
  /** The A1 text had no row numbers ('A:C', 'A2:C'): getA1Notation keeps the open end. */
  openRows?: boolean;
  openCols?: boolean;
}

/** 1 → 'A', 27 → 'AA'. */
export function columnToLetters(col: number): string {
  let n = col;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 'A' → 1, 'aa' → 27. */
export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?([1-9]\d*)?$/;
const QUALIFIED = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/;

/** Parses A1 notation, or returns null when Sheets would answer "Range not found". */
export function parseA1(text: string): ParsedA1 | null {
  let rest = text.trim();
  let sheetName: string | undefined;
  const q = QUALIFIED.exec(rest);
  if (q) {
    sheetName = q[1] !== undefined ? q[1].replace(/''/g, "'") : q[2];
    rest = q[3] as string;
  }
  const parts = rest.split(':');
  if (parts.length > 2) return null;
  const a = CELL.exec(parts[0] ?? '');
  if (!a || (!a[1] && !a[2])) return null;
  const result: ParsedA1 = sheetName === undefined ? {} : { sheetName };
  if (parts.length === 1) {
    if (!a[1] || !a[2]) return null; // 'A' or '3' alone is not a range
    const col = lettersToColumn(a[1]);
    const row = Number(a[2]);
    return { ...result, startRow: row, startCol: col, endRow: row, endCol: col };
  }
  const b = CELL.exec(parts[1] ?? '');
  if (!b || (!b[1] && !b[2])) return null;
  const sc = a[1] ? lettersToColumn(a[1]) : undefined;
  const sr = a[2] ? Number(a[2]) : undefined;
  const ec = b[1] ? lettersToColumn(b[1]) : undefined;
  const er = b[2] ? Number(b[2]) : undefined;
  // '1:3' (rows only) needs both sides row-only; 'A:C' both column-only.
  if ((sc === undefined) !== (ec === undefined) && sr === undefined) return null;
  return {
    ...result,
    ...(sr !== undefined ? { startRow: sr } : {}),
    ...(sc !== undefined ? { startCol: sc } : {}),
    ...(er !== undefined ? { endRow: er } : {}),
    ...(ec !== undefined ? { endCol: ec } : {}),
  };
}

/** Resolves open ends against the sheet size and orders the corners (Sheets accepts 'C3:A1'). */
export function resolveA1(p: ParsedA1, maxRows: number, maxCols: number): Grid {
  const r1 = p.startRow ?? 1;
  const c1 = p.startCol ?? 1;
  const r2 = p.endRow ?? (p.startRow !== undefined && p.startCol === undefined ? r1 : maxRows);
  const c2 = p.endCol ?? (p.startCol !== undefined && p.startRow === undefined ? c1 : maxCols);
  const row = Math.min(r1, r2);
  const col = Math.min(c1, c2);
  const g: Grid = { row, col, numRows: Math.abs(r2 - r1) + 1, numCols: Math.abs(c2 - c1) + 1 };
  if (p.endRow === undefined) g.openRows = true;
  if (p.startCol === undefined && p.endCol === undefined) g.openCols = true;
  return g;
}

/** 'A1', 'A1:C3', 'A:C' (open rows), '2:5' (open columns). */
export function toA1(g: Grid): string {
  const endRow = g.row + g.numRows - 1;
  const endCol = g.col + g.numCols - 1;
  if (g.openCols) return `${g.row}:${endRow}`;
  const a = columnToLetters(g.col);
  const b = columnToLetters(endCol);
  if (g.openRows) return g.row === 1 ? `${a}:${b}` : `${a}${g.row}:${b}`;
  if (g.numRows === 1 && g.numCols === 1) return `${a}${g.row}`;
  return `${a}${g.row}:${b}${endRow}`;
}

/** Quotes a sheet name for a qualified reference when needed: 'My sheet'!A1. */
export function qualify(sheetName: string, a1: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheetName);
  return `${plain ? sheetName : `'${sheetName.replace(/'/g, "''")}'`}!${a1}`;
}
