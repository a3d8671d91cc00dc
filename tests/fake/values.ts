// Cell value coercion on write (formulas, USER_ENTERED-style parsing, '@' text cells) and typed / display reads (§1.1–§1.3, §1.5).

import { formatSheetsDate, fromSerial, isDateFormat, toSerial, wallSerial } from './dates';
import { FakeGasUnsupportedError } from './errors';

/** What a cell stores: '' is empty. Dates are stored as serial numbers under a date format, like Sheets. */
export type Stored = string | number | boolean;

/** A JS value as getValues returns it. */
export type CellValue = string | number | boolean | Date;

/** The number format getNumberFormat reports for a cell nobody formatted (§1.1, COMMUNITY). */
export const DEFAULT_NUMBER_FORMAT = '0.###############';
/** The plain-text number format (§1.3, §1.5). */
export const TEXT_FORMAT = '@';

export interface CoercionOptions {
  /** Strings whose meaning depends on the locale ('2026-10', '1/2', '1,234', '$5', '10月5日'): §1.3 says not to guess. */
  ambiguousStrings: 'throw' | 'text' | ((s: string) => CellValue);
  /** A JS number written into an '@' cell ([UNCONFIRMED] §1.3). */
  numberIntoTextCell: 'throw' | 'number' | 'text';
  /** `undefined` in setValue(s): V8 treats it like null and clears the cell (§1.2). 'throw' is a stricter test mode. */
  undefinedValues: 'clear' | 'throw';
  /** Number format given to a JS Date written into an unformatted cell ([UNCONFIRMED] pattern). */
  dateTimeFormat: string;
}

export type WriteResult =
  | { kind: 'clear' }
  | { kind: 'value'; v: Stored; nf?: string }
  | { kind: 'formula'; f: string };

/** How one value passed to setValue/setValues/appendRow lands in a cell whose current format is `nf`. */
export function coerceWrite(
  input: unknown,
  format: string | undefined,
  tz: string,
  o: CoercionOptions,
): WriteResult {
  const nf = format === undefined || format === '' || /^general$/i.test(format) ? undefined : format;
  if (input === undefined) {
    if (o.undefinedValues === 'throw') {
      throw new FakeGasUnsupportedError(
        'undefined written to a cell (strict mode; V8 Apps Script would clear the cell, apps-script-facts §1.2)',
      );
    }
    return { kind: 'clear' };
  }
  if (input === null) return { kind: 'clear' };
  if (typeof input === 'boolean') return { kind: 'value', v: input };
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new FakeGasUnsupportedError(`writing ${input} to a cell`);
    if (nf === TEXT_FORMAT) {
      if (o.numberIntoTextCell === 'throw') {
        throw new FakeGasUnsupportedError(
          `a JS number (${input}) written into an '@' (plain text) cell: whether it stays a number is [UNCONFIRMED] (apps-script-facts §1.3); write String(n) or set options.numberIntoTextCell`,
        );
      }
      return o.numberIntoTextCell === 'text'
        ? { kind: 'value', v: String(input) }
        : { kind: 'value', v: input };
    }
    return { kind: 'value', v: input };
  }
  if (input instanceof Date) return dateWrite(input, nf, tz, o);
  if (typeof input === 'string') return stringWrite(input, nf, tz, o);
  throw new FakeGasUnsupportedError(
    `writing ${Array.isArray(input) ? 'an array' : 'an object'} into a cell (what Sheets stores is [UNCONFIRMED], apps-script-facts §1.2)`,
  );
}

function dateWrite(d: Date, nf: string | undefined, tz: string, o: CoercionOptions): WriteResult {
  if (Number.isNaN(d.getTime())) throw new FakeGasUnsupportedError('writing an invalid Date to a cell');
  const serial = toSerial(d.getTime(), tz);
  if (nf === undefined) return { kind: 'value', v: serial, nf: o.dateTimeFormat };
  if (isDateFormat(nf)) return { kind: 'value', v: serial };
  throw new FakeGasUnsupportedError(
    `a Date written into a cell formatted "${nf}": what Sheets stores is [UNCONFIRMED]; clear the format first`,
  );
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT = /^([+-]?(?:\d+(?:\.(\d*))?|\.(\d+)))\s*%$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const ISO_DATETIME = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const YMD_SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

const AMBIGUOUS: readonly RegExp[] = [
  /^\d{4}[-/.]\d{1,2}$/, // '2026-10': year-month
  /^\d{1,2}[-/.]\d{1,2}([-/.]\d{2,4})?$/, // '1/2', '10-5', '1/2/2026': month/day order depends on the locale
  /^\d{4}\.\d{1,2}\.\d{1,2}$/,
  /^\d{4}-\d{1,2}-\d{1,2}T/, // ISO with T
  /^\d{4}年\d{1,2}月(\d{1,2}日)?$/,
  /^\d{1,2}月\d{1,2}日$/,
  /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/, // thousands separators
  /^[+-]?[$¥€£]\s?\d/, // currency
  /^\(\d+(\.\d+)?\)$/, // accounting negative
  /^\d+ \d+\/\d+$/, // mixed fraction
  /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ -]?\d/i,
  /^\d{1,2}[ -](jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i,
];

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= dim;
}

function stringWrite(s: string, nf: string | undefined, tz: string, o: CoercionOptions): WriteResult {
  if (nf === TEXT_FORMAT) return s === '' ? { kind: 'clear' } : { kind: 'value', v: s };
  if (s === '') return { kind: 'clear' };
  if (s.startsWith('=')) return { kind: 'formula', f: s };
  // [UNCONFIRMED] that the apostrophe is absent from getValue() afterwards (§1.3); the facts file believes so.
  if (s.startsWith("'")) return s.length === 1 ? { kind: 'clear' } : { kind: 'value', v: s.slice(1) };
  const t = s.trim();
  if (NUMBER.test(t)) return { kind: 'value', v: Number(t) };
  const pct = PERCENT.exec(t);
  if (pct) {
    const decimals = (pct[2] ?? pct[3] ?? '').length;
    const v = Number(pct[1]) / 100;
    return nf === undefined ? { kind: 'value', v, nf: decimals > 0 ? '0.00%' : '0%' } : { kind: 'value', v };
  }
  if (/^(true|false)$/i.test(t)) return { kind: 'value', v: t.toLowerCase() === 'true' };
  let m = ISO_DATE.exec(t) ?? YMD_SLASH.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (validYmd(y, mo, d))
      return dateLike(wallSerial(y, mo, d), nf, t.includes('/') ? 'yyyy/m/d' : 'yyyy-mm-dd');
    return { kind: 'value', v: s };
  }
  m = ISO_DATETIME.exec(t);
  if (m) {
    const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as number[];
    if (
      validYmd(y as number, mo as number, d as number) &&
      (h as number) < 24 &&
      (mi as number) < 60 &&
      (sec as number) < 60
    ) {
      return dateLike(
        wallSerial(y as number, mo as number, d as number, h, mi, sec),
        nf,
        'yyyy-mm-dd h:mm:ss',
      );
    }
    return { kind: 'value', v: s };
  }
  m = TIME.exec(t);
  if (m) {
    const [h, mi, sec] = [Number(m[1]), Number(m[2]), Number(m[3] ?? '0')];
    if (h < 24 && mi < 60 && sec < 60) {
      // A time-only value is a serial on 1899-12-30 (§1.1).
      return dateLike((h * 3600 + mi * 60 + sec) / 86400, nf, m[3] === undefined ? 'h:mm' : 'h:mm:ss');
    }
  }
  if (AMBIGUOUS.some((re) => re.test(t))) return ambiguous(s, nf, tz, o);
  return { kind: 'value', v: s };
}

function dateLike(serial: number, nf: string | undefined, autoFormat: string): WriteResult {
  return nf === undefined ? { kind: 'value', v: serial, nf: autoFormat } : { kind: 'value', v: serial };
}

function ambiguous(s: string, nf: string | undefined, tz: string, o: CoercionOptions): WriteResult {
  if (o.ambiguousStrings === 'text') return { kind: 'value', v: s };
  if (o.ambiguousStrings === 'throw') {
    throw new FakeGasUnsupportedError(
      `the string "${s}" would be parsed by Sheets in a locale-dependent way (apps-script-facts §1.3, [UNCONFIRMED]); ` +
        `format the cells as plain text first (setNumberFormat('@')), or set options.ambiguousStrings`,
    );
  }
  const parsed = o.ambiguousStrings(s);
  if (typeof parsed === 'string') return { kind: 'value', v: parsed };
  return coerceWrite(parsed, nf, tz, o);
}

/** The typed value getValues returns for a stored value under a format: date formats give Dates (§1.1). */
export function readValue(v: Stored, nf: string | undefined, tz: string): CellValue {
  if (typeof v === 'number' && nf !== undefined && nf !== TEXT_FORMAT && isDateFormat(nf))
    return fromSerial(v, tz);
  return v;
}

/** The text getDisplayValues returns. */
export function displayValue(v: Stored, nf: string | undefined): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (nf === undefined || nf === TEXT_FORMAT || /^general$/i.test(nf)) return formatGeneral(v);
  if (isDateFormat(nf)) return formatSheetsDate(v, nf);
  return formatNumber(v, nf);
}

/** Sheets' "automatic" number display: up to 10 significant digits. */
export function formatGeneral(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return String(Number(n.toPrecision(10)));
}

function splitSections(pattern: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of pattern) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Numeric Sheets formats: '0', '0.00', '#,##0', '#,##0.00', '0%', '0.0#', literal prefixes/suffixes, [$¥] currency. */
export function formatNumber(n: number, pattern: string): string {
  const sections = splitSections(pattern);
  let section = sections[0] ?? '';
  let value = n;
  let sign = n < 0 ? '-' : '';
  if (n < 0 && sections[1] !== undefined) {
    section = sections[1];
    value = -n;
    sign = '';
  } else if (n === 0 && sections[2] !== undefined) section = sections[2];
  value = Math.abs(value);
  let prefix = '';
  let suffix = '';
  let core = '';
  let coreDone = false;
  let percent = false;
  for (let i = 0; i < section.length; i++) {
    const ch = section[i] as string;
    let lit: string | undefined;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      lit = section.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? section.length : end;
    } else if (ch === '\\') {
      lit = section[i + 1] ?? '';
      i++;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      const inner = section.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? section.length : end;
      lit = inner.startsWith('$') ? (inner.slice(1).split('-')[0] ?? '') : '';
    } else if ('0#?,.'.includes(ch) && !coreDone) {
      core += ch;
      continue;
    } else if (/[eE]/.test(ch) && /[+-]/.test(section[i + 1] ?? '')) {
      throw new FakeGasUnsupportedError(`scientific number format "${pattern}"`);
    } else {
      if (ch === '%') percent = true;
      lit = ch === '_' || ch === '*' ? '' : ch;
      if (ch === '_' || ch === '*') i++;
    }
    if (core === '') prefix += lit;
    else {
      coreDone = true;
      suffix += lit;
    }
  }
  if (core === '') return prefix + suffix;
  if (percent) value *= 100;
  const [intPat = '', decPat = ''] = core.split('.');
  const grouping = intPat.includes(',');
  const minInt = (intPat.match(/0/g) ?? []).length;
  const minDec = (decPat.match(/0/g) ?? []).length;
  const maxDec = minDec + (decPat.match(/[#?]/g) ?? []).length;
  let fixed = value.toFixed(maxDec);
  let [intDigits = '', decDigits = ''] = fixed.split('.');
  while (decDigits.length > minDec && decDigits.endsWith('0')) decDigits = decDigits.slice(0, -1);
  if (/^0+$/.test(intDigits) && minInt === 0) intDigits = '';
  intDigits = intDigits.padStart(minInt, '0');
  if (grouping) intDigits = intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  fixed = decDigits ? `${intDigits}.${decDigits}` : intDigits;
  if (/^[0.,]*$/.test(fixed)) sign = '';
  return `${sign}${prefix}${fixed}${suffix}`;
}
