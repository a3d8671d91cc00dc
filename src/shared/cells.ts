// Cell value conversion between spreadsheet cells (string/number/boolean/Date) and domain fields.

/** A cell value as getValues (Sheets) or a reader of .xlsx returns it. */
export type Cell = string | number | boolean | Date | null | undefined;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Calendar parts of a Date cell. `offsetMinutes` is the sheet's UTC offset: Sheets hands back Dates
 * at midnight of the spreadsheet time zone (Asia/Shanghai: +480), an .xlsx reader at UTC midnight (0).
 */
export function dateParts(
  d: Date,
  offsetMinutes: number,
): { y: number; m: number; d: number; hh: number; mi: number; ss: number } {
  const t = new Date(d.getTime() + offsetMinutes * 60000);
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    hh: t.getUTCHours(),
    mi: t.getUTCMinutes(),
    ss: t.getUTCSeconds(),
  };
}

/** 'YYYY-MM-DD HH:mm:ss' of an instant in a UTC offset (the add-on's text timestamps). */
export function formatDateTime(d: Date, offsetMinutes: number): string {
  const p = dateParts(d, offsetMinutes);
  return `${p.y}-${pad(p.m)}-${pad(p.d)} ${pad(p.hh)}:${pad(p.mi)}:${pad(p.ss)}`;
}

/** Text of a cell: trimmed strings, integers without '.0', Dates as 'YYYY-MM-DD' (with time if any). */
export function cellText(v: Cell, offsetMinutes = 0): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    const p = dateParts(v, offsetMinutes);
    const day = `${p.y}-${pad(p.m)}-${pad(p.d)}`;
    return p.hh || p.mi || p.ss ? `${day} ${pad(p.hh)}:${pad(p.mi)}:${pad(p.ss)}` : day;
  }
  return String(v);
}

/**
 * A month cell as 'YYYY-MM'. Accepts '2026-10', '2026/10', '2026.10', '2026年10月', '2026-10-01' and
 * Date cells (a month typed into a cell that is not plain text becomes a date in Sheets).
 * Anything else is returned as its text, for the validator to report.
 */
export function cellMonth(v: Cell, offsetMinutes = 0): string {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    const p = dateParts(v, offsetMinutes);
    return `${p.y}-${pad(p.m)}`;
  }
  const t = cellText(v, offsetMinutes);
  const m = /^(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:月)?(?:[-/.]\d{1,2}日?)?$/.exec(t);
  if (m) {
    const month = Number(m[2]);
    if (month >= 1 && month <= 12) return `${m[1]}-${pad(month)}`;
  }
  return t;
}

/** A date cell as 'YYYY-MM-DD' ('2026/11/3' and '2026年11月3日' too); otherwise its text. */
export function cellDate(v: Cell, offsetMinutes = 0): string {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    const p = dateParts(v, offsetMinutes);
    return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
  }
  const t = cellText(v, offsetMinutes);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  return m ? `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}` : t;
}

/** A number cell: numbers as they are, numeric text parsed, '' → undefined; other text kept for the validator. */
export function cellNumber(v: Cell): number | string | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean' || v instanceof Date) return cellText(v);
  const t = v.trim();
  if (t === '') return undefined;
  const n = Number(t.replace(/,/g, ''));
  return Number.isFinite(n) && /^[+-]?[\d,]*\.?\d+$/.test(t) ? n : t;
}

const TRUE_TEXT = new Set(['是', 'true', 'TRUE', 'True', 'Y', 'y', 'yes', '1', '√']);
const FALSE_TEXT = new Set(['否', 'false', 'FALSE', 'False', 'N', 'n', 'no', '0', '×']);

/** A yes/no cell: booleans, 是/否, TRUE/FALSE; '' → undefined; other text kept for the validator. */
export function cellBool(v: Cell): boolean | string | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'boolean') return v;
  const t = cellText(v);
  if (t === '') return undefined;
  if (TRUE_TEXT.has(t)) return true;
  if (FALSE_TEXT.has(t)) return false;
  return t;
}

/** 是/否 for a boolean. */
export function yesNo(b: boolean): string {
  return b ? '是' : '否';
}
