// Time-zone arithmetic (via Intl), Sheets serial dates, and the two date-pattern languages (Java's and Sheets').

import { FakeGasUnsupportedError } from './errors';

export interface WallClock {
  y: number;
  mo: number; // 1..12
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
  /** 0 = Sunday … 6 = Saturday */
  dow: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

const DOW: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The wall-clock reading of an instant in a time zone. */
export function wallClock(instant: number, tz: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(tz).formatToParts(new Date(instant))) parts[p.type] = p.value;
  let y = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') y = 1 - y;
  return {
    y,
    mo: Number(parts.month),
    d: Number(parts.day),
    h: Number(parts.hour),
    mi: Number(parts.minute),
    s: Number(parts.second),
    ms: ((instant % 1000) + 1000) % 1000,
    dow: DOW[parts.weekday ?? 'Sun'] ?? 0,
  };
}

function wallAsUtc(w: Omit<WallClock, 'dow'>): number {
  const t = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s, w.ms);
  // Date.UTC maps years 0..99 to 1900..1999.
  if (w.y >= 0 && w.y < 100) return new Date(t).setUTCFullYear(w.y);
  return t;
}

/** Offset (ms) of a time zone from UTC at an instant. */
export function tzOffset(instant: number, tz: string): number {
  const w = wallClock(instant - (((instant % 1000) + 1000) % 1000), tz);
  return wallAsUtc({ ...w, ms: 0 }) - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The instant at which the wall clock in `tz` reads the given fields. */
export function instantOf(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  tz: string,
): number {
  const guess = wallAsUtc({ y, mo, d, h, mi, s, ms });
  let t = guess - tzOffset(guess, tz);
  const o2 = tzOffset(t, tz);
  t = guess - o2;
  return t;
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

/** Sheets' serial number (days since 1899-12-30 00:00 wall clock) of an instant, read in the sheet's zone (§1.1). */
export function toSerial(instant: number, tz: string): number {
  const w = wallClock(instant, tz);
  return (wallAsUtc(w) - SERIAL_EPOCH) / DAY;
}

/** The wall-clock fields a serial number stands for (no zone involved). */
export function serialWall(serial: number): WallClock {
  const t = Math.round(serial * DAY) + SERIAL_EPOCH;
  const d = new Date(t);
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
    dow: d.getUTCDay(),
  };
}

/** The instant a serial number denotes in the sheet's zone: what getValues returns as a Date. */
export function fromSerial(serial: number, tz: string): Date {
  const w = serialWall(serial);
  return new Date(instantOf(w.y, w.mo, w.d, w.h, w.mi, w.s, w.ms, tz));
}

/** The serial of a wall-clock date/time (used when parsing typed strings). */
export function wallSerial(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  return (wallAsUtc({ y, mo, d, h, mi, s, ms: 0 }) - SERIAL_EPOCH) / DAY;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');

function offsetString(offsetMs: number, style: 'Z' | 'X' | 'XX' | 'XXX'): string {
  const total = Math.round(offsetMs / 60000);
  if (total === 0 && style !== 'Z') return 'Z';
  const sign = total < 0 ? '-' : '+';
  const hh = pad(Math.floor(Math.abs(total) / 60), 2);
  const mm = pad(Math.abs(total) % 60, 2);
  if (style === 'X') return `${sign}${hh}`;
  if (style === 'XXX') return `${sign}${hh}:${mm}`;
  return `${sign}${hh}${mm}`;
}

/**
 * `Utilities.formatDate(date, tz, pattern)`: Java SimpleDateFormat letters G y M d H h k K m s S E u a z Z X,
 * quoted literals ('T', '' for a quote). English names. Other letters throw (Java throws too).
 */
export function formatJavaDate(date: Date, tz: string, pattern: string): string {
  const instant = date.getTime();
  if (Number.isNaN(instant)) throw new FakeGasUnsupportedError('formatDate of an invalid Date');
  const w = wallClock(instant, tz);
  const off = tzOffset(instant, tz);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      if (end < 0) throw new FakeGasUnsupportedError(`unterminated quote in date pattern "${pattern}"`);
      out += pattern.slice(i + 1, end).replace(/''/g, "'");
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    switch (ch) {
      case 'G':
        out += w.y > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y':
        out += n === 2 ? pad(w.y % 100, 2) : pad(w.y, n);
        break;
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[w.mo - 1] : n === 3 ? MONTHS[w.mo - 1]?.slice(0, 3) : pad(w.mo, n);
        break;
      case 'd':
        out += pad(w.d, n);
        break;
      case 'H':
        out += pad(w.h, n);
        break;
      case 'k':
        out += pad(w.h === 0 ? 24 : w.h, n);
        break;
      case 'K':
        out += pad(w.h % 12, n);
        break;
      case 'h':
        out += pad(w.h % 12 === 0 ? 12 : w.h % 12, n);
        break;
      case 'm':
        out += pad(w.mi, n);
        break;
      case 's':
        out += pad(w.s, n);
        break;
      case 'S':
        out += pad(w.ms, Math.max(n, 3)).slice(0, Math.max(n, 3));
        break;
      case 'E':
        out += n >= 4 ? DAYS[w.dow] : DAYS[w.dow]?.slice(0, 3);
        break;
      case 'u':
        out += pad(w.dow === 0 ? 7 : w.dow, n);
        break;
      case 'a':
        out += w.h < 12 ? 'AM' : 'PM';
        break;
      case 'Z':
        out += offsetString(off, 'Z');
        break;
      case 'X':
        out += offsetString(off, n === 1 ? 'X' : n === 2 ? 'XX' : 'XXX');
        break;
      case 'z':
        out += n >= 4 ? tz : `GMT${offsetString(off, 'XXX').replace('Z', '+00:00')}`;
        break;
      default:
        throw new FakeGasUnsupportedError(`date pattern letter "${ch}" in "${pattern}" is not supported`);
    }
  }
  return out;
}

/** True when a Sheets number format shows dates or times (has y, d, h or s outside quotes). */
export function isDateFormat(pattern: string): boolean {
  const bare = pattern
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[ydhs]/i.test(bare) && !/^[#0,.%]*$/.test(bare);
}

/**
 * Formats a serial with a Sheets date/time number format: y, m (month, or minutes after h / before s),
 * d, ddd, dddd, mmm, mmmm, h, hh, s, ss, AM/PM, "quoted" and \escaped literals.
 */
export function formatSheetsDate(serial: number, pattern: string): string {
  const w = serialWall(serial);
  type Tok =
    | { t: 'lit'; v: string }
    | { t: 'y' | 'm' | 'd' | 'h' | 's'; n: number }
    | { t: 'ampm'; v: string };
  const toks: Tok[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === '"') {
      const end = pattern.indexOf('"', i + 1);
      toks.push({ t: 'lit', v: pattern.slice(i + 1, end < 0 ? undefined : end) });
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (ch === '\\') {
      toks.push({ t: 'lit', v: pattern[i + 1] ?? '' });
      i += 2;
      continue;
    }
    const rest = pattern.slice(i);
    const ampm = /^(am\/pm|a\/p)/i.exec(rest);
    if (ampm) {
      toks.push({ t: 'ampm', v: ampm[0] });
      i += ampm[0].length;
      continue;
    }
    const lower = ch.toLowerCase();
    if ('ymdhs'.includes(lower)) {
      let n = 1;
      while ((pattern[i + n] ?? '').toLowerCase() === lower) n++;
      toks.push({ t: lower as 'y' | 'm' | 'd' | 'h' | 's', n });
      i += n;
      continue;
    }
    if (ch === '[') {
      throw new FakeGasUnsupportedError(`elapsed-time/colour sections in number format "${pattern}"`);
    }
    toks.push({ t: 'lit', v: ch });
    i++;
  }
  const hasAmPm = toks.some((t) => t.t === 'ampm');
  const kinds = toks.filter((t) => t.t !== 'lit');
  let out = '';
  for (const tok of toks) {
    switch (tok.t) {
      case 'lit':
        out += tok.v;
        break;
      case 'y':
        out += tok.n <= 2 ? pad(w.y % 100, 2) : pad(w.y, 4);
        break;
      case 'd':
        out +=
          tok.n === 1
            ? String(w.d)
            : tok.n === 2
              ? pad(w.d, 2)
              : tok.n === 3
                ? DAYS[w.dow]?.slice(0, 3)
                : DAYS[w.dow];
        break;
      case 'h': {
        const h = hasAmPm ? (w.h % 12 === 0 ? 12 : w.h % 12) : w.h;
        out += tok.n === 1 ? String(h) : pad(h, 2);
        break;
      }
      case 's':
        out += tok.n === 1 ? String(w.s) : pad(w.s, 2);
        break;
      case 'm': {
        const k = kinds.indexOf(tok);
        const prev = kinds[k - 1];
        const next = kinds[k + 1];
        const minutes = tok.n <= 2 && (prev?.t === 'h' || next?.t === 's');
        if (minutes) out += tok.n === 1 ? String(w.mi) : pad(w.mi, 2);
        else if (tok.n === 1) out += String(w.mo);
        else if (tok.n === 2) out += pad(w.mo, 2);
        else if (tok.n === 3) out += MONTHS[w.mo - 1]?.slice(0, 3);
        else if (tok.n === 5) out += MONTHS[w.mo - 1]?.slice(0, 1);
        else out += MONTHS[w.mo - 1];
        break;
      }
      case 'ampm': {
        const am = w.h < 12;
        const upper = tok.v[0] === tok.v[0]?.toUpperCase();
        const s = tok.v.length > 3 ? (am ? 'am' : 'pm') : am ? 'a' : 'p';
        out += upper ? s.toUpperCase() : s;
        break;
      }
    }
  }
  return out;
}
