// Small XML helpers for SpreadsheetML parts: escaping, attributes, and the OOXML `_xHHHH_` string escapes.

import { UserError } from '../errors';

/**
 * A workbook that is not a readable .xlsx (not a zip, damaged, hostile, or missing required parts).
 * A UserError (exit 2): whatever part of the reader meets malformed input, the user gets its Chinese
 * message, never 「内部错误」.
 */
export class XlsxFormatError extends UserError {}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Whether a code point is a character XML 1.0 allows (https://www.w3.org/TR/xml/#NT-Char). */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Decodes XML entities and character references; a reference to a non-character is refused. */
export function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      // String.fromCodePoint throws a RangeError past U+10FFFF (an internal error, exit 1, before).
      if (!isXmlChar(cp))
        throw new XlsxFormatError(
          `无效的字符引用 &${e.length > 12 ? `${e.slice(0, 12)}…` : e};（不是合法的 XML 字符）`,
        );
      return String.fromCodePoint(cp);
    }
    return ENTITY[e]!;
  });
}

/**
 * Decodes the `_xHHHH_` escapes of SpreadsheetML strings (Excel writes control characters such as
 * a carriage return as `_x000D_`, and a literal `_x0041_` as `_x005F_x0041_`).
 */
export function unescapeOoxml(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

// Characters XML 1.0 cannot carry at all; they are written as `_xHHHH_` (tab, LF and CR are fine).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for element content or attribute values, including OOXML escapes for control characters. */
export function escapeXml(s: string): string {
  let t = s;
  // A literal "_x0041_" in user text would be decoded as "A" by readers: protect its underscore.
  if (t.indexOf('_x') >= 0) t = t.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  t = t.replace(XML_INVALID, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  return t.replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}

/** Attributes of a start tag's inner text (`r="A1" s="3"`), names without namespace prefixes kept as written. */
export function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null = re.exec(tag);
  while (m) {
    out[m[1]!] = unescapeXml(m[2] ?? m[3] ?? '');
    m = re.exec(tag);
  }
  return out;
}

/** Text of every `<t>` in a string item or inline string, skipping phonetic runs (`<rPh>`). */
export function stringItemText(xml: string): string {
  const body = xml.indexOf('<rPh') >= 0 ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let out = '';
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g;
  let m: RegExpExecArray | null = re.exec(body);
  while (m) {
    out += m[1] ?? '';
    m = re.exec(body);
  }
  return unescapeOoxml(unescapeXml(out));
}

/** Excel's grid: columns A…XFD, rows 1…1,048,576 (https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3). */
export const MAX_COLUMNS = 16_384;
export const MAX_ROWS = 1_048_576;
/** Excel's limit on the characters in one cell (same page). */
export const MAX_CELL_CHARS = 32_767;

/** Shortens hostile text quoted in a message (a reference can be megabytes long). */
export function quote(s: string, max = 20): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/**
 * 0-based column of a cell reference such as 'B7', checked against Excel's grid: a reference past
 * XFD or row 1,048,576 (or not a reference at all) is refused, since the reader builds dense rows and
 * a column of 10^15 would exhaust memory (before: V8 crashed with exit 133).
 */
export function refColumn(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  let row = 0;
  const digitsFrom = i;
  for (; i < ref.length && i - digitsFrom < 8; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) break;
    row = row * 10 + (c - 48);
  }
  if (col === 0 || i === digitsFrom || i !== ref.length || row === 0)
    throw new XlsxFormatError(
      col > MAX_COLUMNS || row > MAX_ROWS || (i < ref.length && /^[A-Z]+\d+$/.test(ref))
        ? `单元格引用 ${quote(ref)} 超出 Excel 的范围（最多 XFD 列、${MAX_ROWS} 行）`
        : `单元格引用 ${quote(ref)} 无效`,
    );
  if (col > MAX_COLUMNS || row > MAX_ROWS)
    throw new XlsxFormatError(`单元格引用 ${quote(ref)} 超出 Excel 的范围（最多 XFD 列、${MAX_ROWS} 行）`);
  return col - 1;
}

/** 0-based column index of a cell reference's letters ('A1' → 0, 'AB7' → 27). */
export function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** Column letters of a 0-based index (0 → 'A', 27 → 'AB'). */
export function columnLetters(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
