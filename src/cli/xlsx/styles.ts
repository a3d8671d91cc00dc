// styles.xml: which cell styles are dates (for reading), and the few styles jifen writes (added once, reused).

import { attrs } from './xml';

// Built-in number formats that are dates or times, including the zh-CN ones (27–36, 50–58).
const BUILTIN_DATE_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** Does a custom number format show a date or time? (quoted text, escapes and [colours] ignored) */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '');
  if (/^general$/i.test(bare.trim()) || bare.trim() === '@') return false;
  return /[dmyhs]/i.test(bare);
}

function list(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${tag}>)`).exec(xml);
  return m ? (m[1] ?? '') : undefined;
}

/** Indexes into cellXfs whose number format is a date or time. */
export function dateStyleIndexes(stylesXml: string | undefined): Set<number> {
  const out = new Set<number>();
  if (!stylesXml) return out;
  const custom = new Map<number, string>();
  for (const m of (list(stylesXml, 'numFmts') ?? '').matchAll(/<numFmt\b([^>]*)\/?>/g)) {
    const a = attrs(m[1]!);
    custom.set(Number(a.numFmtId), a.formatCode ?? '');
  }
  const xfs = list(stylesXml, 'cellXfs') ?? '';
  let i = 0;
  for (const m of xfs.matchAll(/<xf\b([^>]*?)(?:\/>|>)/g)) {
    const id = Number(attrs(m[1]!).numFmtId ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_IDS.has(id)) out.add(i);
    i++;
  }
  return out;
}

// The built-in number formats a reader is likely to meet (ECMA-376 Part 1, 18.8.30); others are named by id.
const BUILTIN_CODES: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  49: '@',
};

/** The number format code of each cellXfs index (what a cell with style s displays through). */
export function numberFormatCodes(stylesXml: string | undefined): string[] {
  if (!stylesXml) return [];
  const custom = new Map<number, string>();
  for (const m of (list(stylesXml, 'numFmts') ?? '').matchAll(/<numFmt\b([^>]*)\/?>/g)) {
    const a = attrs(m[1]!);
    custom.set(Number(a.numFmtId), a.formatCode ?? '');
  }
  const out: string[] = [];
  for (const m of (list(stylesXml, 'cellXfs') ?? '').matchAll(/<xf\b([^>]*?)(?:\/>|>)/g)) {
    const id = Number(attrs(m[1]!).numFmtId ?? 0);
    out.push(custom.get(id) ?? BUILTIN_CODES[id] ?? `内置格式${id}`);
  }
  return out;
}

/** The styles jifen writes. */
export type StyleName =
  | 'general'
  | 'text'
  | 'wrap'
  | 'header'
  | 'date'
  | 'datetime'
  | 'title'
  | 'tierTop'
  | 'tierBottom'
  | 'tierBottom3';

export type StyleIds = Record<StyleName, number>;

const FILL = {
  header: 'FFE7E6E6',
  tierTop: 'FFC6EFCE',
  tierBottom: 'FFFFEB9C',
  tierBottom3: 'FFFFC7CE',
} as const;

const DATE_CODE = 'yyyy-mm-dd';
const DATETIME_CODE = 'yyyy-mm-dd hh:mm:ss';

/** Items of a list element (`<fonts>` → each `<font>…</font>`), as raw XML strings. */
function items(body: string, item: string): string[] {
  return [...body.matchAll(new RegExp(`<${item}\\b[^>]*?/>|<${item}\\b[^>]*>[\\s\\S]*?</${item}>`, 'g'))].map(
    (m) => m[0],
  );
}

/** Replaces (or creates) a list element with the given items, keeping its other attributes. */
function setList(xml: string, tag: string, all: string[], before: string[]): string {
  const re = new RegExp(`<${tag}\\b([^>]*?)(?:/>|>[\\s\\S]*?</${tag}>)`);
  const m = re.exec(xml);
  if (m) {
    const other = m[1]!.replace(/\s*count\s*=\s*"[^"]*"/, '').replace(/\/$/, '');
    return `${xml.slice(0, m.index)}<${tag} count="${all.length}"${other}>${all.join('')}</${tag}>${xml.slice(m.index + m[0].length)}`;
  }
  const el = `<${tag} count="${all.length}">${all.join('')}</${tag}>`;
  for (const b of before) {
    const at = xml.search(new RegExp(`<${b}\\b`));
    if (at >= 0) return xml.slice(0, at) + el + xml.slice(at);
  }
  const open = /<styleSheet\b[^>]*>/.exec(xml)!;
  return xml.slice(0, open.index + open[0].length) + el + xml.slice(open.index + open[0].length);
}

/**
 * Ensures jifen's styles exist in styles.xml, reusing identical entries from an earlier run so repeated
 * recomputes do not grow the file. Fonts derive from the workbook's default font (font 0), so a Chinese
 * default font set by Excel/WPS/Sheets is kept.
 */
export function ensureStyles(stylesXml: string): { xml: string; ids: StyleIds } {
  let xml = stylesXml;
  const get = (tag: string, item: string) => items(list(xml, tag) ?? '', item);

  // number formats
  const numFmts = get('numFmts', 'numFmt');
  const fmtId = (code: string): number => {
    for (const f of numFmts) {
      const a = attrs(f);
      if (a.formatCode === code) return Number(a.numFmtId);
    }
    const used = numFmts.map((f) => Number(attrs(f).numFmtId));
    const id = Math.max(163, ...used) + 1;
    numFmts.push(`<numFmt numFmtId="${id}" formatCode="${code}"/>`);
    return id;
  };
  const dateFmt = fmtId(DATE_CODE);
  const datetimeFmt = fmtId(DATETIME_CODE);
  xml = setList(xml, 'numFmts', numFmts, ['fonts']);

  // fonts
  const fonts = get('fonts', 'font');
  const base = fonts[0] ?? '<font><sz val="11"/><name val="Calibri"/></font>';
  const inner = base.replace(/^<font\b[^>]*>|<\/font>$/g, '').replace(/<b\s*\/>|<b\s+val="[^"]*"\s*\/>/g, '');
  const withSize = (sz: number) =>
    /<sz\b/.test(inner) ? inner.replace(/<sz\b[^>]*\/>/, `<sz val="${sz}"/>`) : `<sz val="${sz}"/>${inner}`;
  const fontId = (f: string): number => {
    const i = fonts.indexOf(f);
    if (i >= 0) return i;
    fonts.push(f);
    return fonts.length - 1;
  };
  const boldFont = fontId(`<font><b/>${inner}</font>`);
  const titleFont = fontId(`<font><b/>${withSize(14)}</font>`);
  xml = setList(xml, 'fonts', fonts, ['fills']);

  // fills (0 and 1 are reserved by the format: none and gray125)
  const fills = get('fills', 'fill');
  while (fills.length < 2)
    fills.push(
      fills.length === 0
        ? '<fill><patternFill patternType="none"/></fill>'
        : '<fill><patternFill patternType="gray125"/></fill>',
    );
  const fillId = (rgb: string): number => {
    const f = `<fill><patternFill patternType="solid"><fgColor rgb="${rgb}"/><bgColor indexed="64"/></patternFill></fill>`;
    const i = fills.indexOf(f);
    if (i >= 0) return i;
    fills.push(f);
    return fills.length - 1;
  };
  const fillIds = {
    header: fillId(FILL.header),
    tierTop: fillId(FILL.tierTop),
    tierBottom: fillId(FILL.tierBottom),
    tierBottom3: fillId(FILL.tierBottom3),
  };
  xml = setList(xml, 'fills', fills, ['borders']);

  // cell formats
  const xfs = get('cellXfs', 'xf');
  if (xfs.length === 0) xfs.push('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
  const xfId = (numFmt: number, font: number, fill: number, wrap = false): number => {
    const attrs =
      `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="0" xfId="0"` +
      `${numFmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}${fill ? ' applyFill="1"' : ''}`;
    // Wrapped: a long 得分依据 grows its row instead of running off the printed page.
    const f = wrap ? `${attrs} applyAlignment="1"><alignment wrapText="1"/></xf>` : `${attrs}/>`;
    const i = xfs.indexOf(f);
    if (i >= 0) return i;
    xfs.push(f);
    return xfs.length - 1;
  };
  const ids: StyleIds = {
    general: 0,
    text: xfId(49, 0, 0),
    wrap: xfId(49, 0, 0, true),
    header: xfId(49, boldFont, fillIds.header),
    date: xfId(dateFmt, 0, 0),
    datetime: xfId(datetimeFmt, 0, 0),
    title: xfId(49, titleFont, 0),
    tierTop: xfId(49, 0, fillIds.tierTop),
    tierBottom: xfId(49, 0, fillIds.tierBottom),
    tierBottom3: xfId(49, 0, fillIds.tierBottom3),
  };
  xml = setList(xml, 'cellXfs', xfs, ['cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst']);
  return { xml, ids };
}

/** styles.xml of a new workbook (the minimum Excel accepts); jifen's styles are added by ensureStyles. */
export const EMPTY_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;
