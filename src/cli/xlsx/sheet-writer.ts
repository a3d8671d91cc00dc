// Renders one worksheet part (SpreadsheetML) from values plus layout: widths, styles, frozen header, dropdowns, notes, protection.

import type { Cell } from '../../shared/cells';
import { dateToSerial } from './serial';
import type { StyleIds, StyleName } from './styles';
import { columnLetters, escapeXml } from './xml';

export interface ColumnLayout {
  /** Width in pixels (as the Sheets layout states it). */
  width?: number;
  /** Style of the column's cells, and of cells typed there later (text columns: '@'). */
  style?: StyleName;
}

export interface SheetModel {
  /** values[0] is sheet row 1. */
  values: readonly (readonly Cell[])[];
  columns?: readonly ColumnLayout[];
  /** 0-based rows drawn as headers (bold, shaded). */
  headerRows?: readonly number[];
  /** Per-cell style override (e.g. tier colours); undefined → the column's style. */
  styleOf?: (row: number, col: number, v: Cell) => StyleName | undefined;
  /** Rows frozen at the top (1 = the header row). */
  freezeRows?: number;
  /** Dropdown lists for a column, from row 2 down to the end of the sheet. */
  validations?: readonly { col: number; choices: readonly string[] }[];
  /** Notes (comments) on cells, 0-based. */
  notes?: readonly { row: number; col: number; text: string }[];
  /**
   * Texts written in the cells (t="inlineStr") instead of the shared-string table: for a small tab that
   * changes on every run, so the big table need not be written again (ECMA-376 Part 1, 18.3.1.53 is).
   */
  inlineStrings?: boolean;
  /** Sheet protection on (no password: it guards against slips, the digest detects edits). */
  protect?: boolean;
  /** Merged ranges such as 'A1:I1'. */
  merges?: readonly string[];
  /** A4 portrait, fit to one page wide. */
  printA4?: boolean;
  /** A4 landscape, one page wide, as many pages tall as needed (wide summary tabs). */
  printLandscape?: boolean;
  /**
   * Top rows repeated on every printed page (print titles). Not a worksheet setting: the package writes
   * it into workbook.xml as the sheet's _xlnm.Print_Titles defined name (ECMA-376 Part 1, 18.2.6).
   */
  printTitleRows?: number;
  /**
   * A sheet's values as XlsxPackage.values read them and, for each row of `values`, the 0-based index of the
   * row there that it copies (or undefined): cells that still hold the text they were read with keep the
   * shared-string index they were read from, without a lookup.
   */
  readFrom?: { values: readonly (readonly Cell[])[]; rows: readonly (number | undefined)[] };
}

export interface RenderedSheet {
  /** The worksheet part (UTF-8 XML). */
  xml: Buffer;
  comments?: { commentsXml: string; vml: string };
}

/** Relationship ids of a sheet's notes parts, in the sheet's own .rels (written by the package). */
export const NOTES_REL_IDS = { comments: 'rId1', vml: 'rId2' } as const;

/**
 * Dropdowns cover the data plus room to type. Why not the whole column (to row 1048576)? Some readers
 * (exceljs among them) expand a validation range cell by cell, which takes seconds and gigabytes.
 */
const VALIDATION_SPARE_ROWS = 1000;

/** Height of one line of 11 pt text in points (the default row height). */
const LINE_HEIGHT_PT = 15;

/**
 * Lines a wrapped text takes in a column `chars` wide (Excel width units: one digit of the default font).
 * A CJK character is about two digits wide; a little room is kept for the cell padding.
 */
export function wrappedLines(text: string, chars: number): number {
  const room = Math.max(1, chars - 1);
  let lines = 0;
  for (const part of text.split('\n')) {
    let units = 0;
    for (const ch of part) units += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
    lines += Math.max(1, Math.ceil(units / room));
  }
  return lines;
}

/** Excel column width (characters of the default font) from pixels: ~7 px per character plus padding. */
function widthChars(px: number): number {
  return Math.round(((px - 5) / 7 + 0.71) * 100) / 100;
}

/**
 * The worksheet part's XML before `<sheetData>` (head) and after `</sheetData>` (tail). They depend on
 * the values only through the dimension, and the validations' last row; the package compares them
 * with an existing part to tell whether a rewrite would change anything.
 */
export function sheetEdges(model: SheetModel, ids: StyleIds): { head: string; tail: string } {
  const { values } = model;
  const columns = model.columns ?? [];
  let maxCol = columns.length;
  for (const r of values) if (r.length > maxCol) maxCol = r.length;
  const lastRef = `${columnLetters(Math.max(0, maxCol - 1))}${Math.max(1, values.length)}`;

  const head: string[] = [];
  head.push(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ',
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
  );
  if (model.printA4 || model.printLandscape) head.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  head.push(`<dimension ref="A1:${lastRef}"/>`);
  const freeze = model.freezeRows ?? 0;
  if (freeze > 0) {
    const tl = `A${freeze + 1}`;
    head.push(
      '<sheetViews><sheetView workbookViewId="0">',
      `<pane ySplit="${freeze}" topLeftCell="${tl}" activePane="bottomLeft" state="frozen"/>`,
      `<selection pane="bottomLeft" activeCell="${tl}" sqref="${tl}"/>`,
      '</sheetView></sheetViews>',
    );
  } else head.push('<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
  head.push('<sheetFormatPr defaultRowHeight="15"/>');
  if (columns.length) {
    head.push('<cols>');
    columns.forEach((c, i) => {
      const style = c.style ? ids[c.style] : 0;
      head.push(
        `<col min="${i + 1}" max="${i + 1}" width="${widthChars(c.width ?? 90)}" customWidth="1"${style ? ` style="${style}"` : ''}/>`,
      );
    });
    head.push('</cols>');
  }

  const tail: string[] = [];
  if (model.protect) tail.push('<sheetProtection sheet="1" objects="1" scenarios="1"/>');
  if (model.merges?.length)
    tail.push(
      `<mergeCells count="${model.merges.length}">${model.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`,
    );
  const vals = (model.validations ?? []).filter((v) => v.choices.length > 0);
  if (vals.length) {
    const lastRow = values.length + VALIDATION_SPARE_ROWS;
    tail.push(`<dataValidations count="${vals.length}">`);
    for (const v of vals) {
      const col = columnLetters(v.col);
      // A list formula is the choices in one quoted string (a quote inside is doubled).
      const list = `"${v.choices.map((c) => c.replace(/"/g, '""')).join(',')}"`;
      tail.push(
        `<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorTitle="无效的值" error="${escapeXml(`请从下拉列表中选择：${v.choices.join('、')}`)}" sqref="${col}2:${col}${lastRow}"><formula1>${escapeXml(list)}</formula1></dataValidation>`,
      );
    }
    tail.push('</dataValidations>');
  }
  tail.push('<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>');
  if (model.printA4)
    tail.push('<pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"/>');
  else if (model.printLandscape)
    tail.push('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
  if (model.notes?.length) tail.push(`<legacyDrawing r:id="${NOTES_REL_IDS.vml}"/>`);
  tail.push('</worksheet>');
  return { head: head.join(''), tail: tail.join('') };
}

/**
 * Renders a worksheet part, handing its UTF-8 bytes to `emit` in pieces of about 1 MiB (never one
 * buffer for the whole part: the package deflates each piece as it comes). Returns the notes' parts.
 */
export function renderSheet(
  model: SheetModel,
  ids: StyleIds,
  /** The shared-string index of text `s`, in column `col` of a row copied from row `readRow` as read (or -1). */
  intern: (s: string, readRow: number, col: number) => number,
  date1904: boolean,
  emit: (chunk: Buffer) => void,
  vmlBlock = 1,
): Omit<RenderedSheet, 'xml'> {
  const { values } = model;
  const columns = model.columns ?? [];
  const headerRows = new Set(model.headerRows ?? []);
  let maxCol = columns.length;
  for (const r of values) if (r.length > maxCol) maxCol = r.length;
  const { head, tail } = sheetEdges(model, ids);

  emit(Buffer.from(`${head}<sheetData>`, 'utf8'));
  // Rows are written straight into ~1 MiB byte buffers, handed to `emit` one by one: building them as
  // strings (a template per cell, concatenated, then encoded) made ~100 MiB of short-lived strings for the
  // 120k-row ledger, and their collection and encoding were a fifth of recompute (npm run bench, 2026-12-04).
  const inline = model.inlineStrings === true;
  const out = new ByteBatch(emit);
  const refs = Array.from({ length: maxCol }, (_, i) => ascii(`<c r="${columnLetters(i)}`));
  const styleBytes = new Map<StyleName | undefined, Buffer>();
  const sBytes = (style: StyleName | undefined): Buffer => {
    let b = styleBytes.get(style);
    if (!b) {
      b = ascii(sAttr(ids, style));
      styleBytes.set(style, b);
    }
    return b;
  };
  const wrapChars = columns.map((c) => (c.style === 'wrap' ? widthChars(c.width ?? 90) : 0));
  const wrapCols = wrapChars.flatMap((w, c) => (w ? [c] : []));
  // The last text of each column and its shared-string index: 来源, 状态, 月份, 审核人… repeat row after row,
  // and a string compare is far cheaper than a lookup in a table of a few hundred thousand texts (the
  // lookups were a tenth of recompute's time on a 120k-row ledger). intern gives one text one index.
  const lastText: (string | undefined)[] = new Array(maxCol).fill(undefined);
  const lastIndex: number[] = new Array(maxCol).fill(0);
  const readRows = model.readFrom?.rows;
  const styleAt = (r: number, c: number, v: Cell): StyleName | undefined =>
    (headerRows.has(r) ? 'header' : model.styleOf?.(r, c, v)) ?? columns[c]?.style;
  for (let r = 0; r < values.length; r++) {
    const row = values[r]!;
    const source = readRows?.[r] ?? -1;
    // Row height first (it is an attribute of <row>): the lines of the tallest wrapped text.
    let lines = 1;
    for (const c of wrapCols) {
      const v = row[c];
      if (typeof v === 'string' && v !== '' && styleAt(r, c, v) === 'wrap')
        lines = Math.max(lines, wrappedLines(v, wrapChars[c]!));
    }
    const rowStart = out.mark();
    out.bytes(ROW_OPEN);
    out.int(r + 1);
    out.bytes(QUOTE);
    // Why explicit heights: LibreOffice (and Excel until a cell is edited) keep the default height of an
    // imported row, so wrapped text would spill over the rows below it on screen and on paper.
    if (lines > 1) out.latin1(` ht="${lines * LINE_HEIGHT_PT}" customHeight="1"`);
    out.bytes(GT);
    let cells = 0;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === null || v === undefined || v === '') continue;
      if (typeof v === 'number' && !Number.isFinite(v)) continue;
      const isDate = v instanceof Date;
      if (isDate && Number.isNaN(v.getTime())) continue;
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean' && !isDate) continue;
      cells++;
      out.bytes(refs[c]!);
      out.int(r + 1);
      out.bytes(QUOTE);
      if (typeof v === 'string') {
        out.bytes(sBytes(styleAt(r, c, v)));
        if (inline) {
          out.bytes(INLINE_OPEN);
          out.utf8(escapeXml(v));
          out.bytes(INLINE_CLOSE);
        } else {
          out.bytes(SHARED_OPEN);
          if (v === lastText[c]) out.int(lastIndex[c]!);
          else {
            lastText[c] = v;
            lastIndex[c] = intern(v, source, c);
            out.int(lastIndex[c]!);
          }
          out.bytes(VALUE_CLOSE);
        }
      } else if (typeof v === 'number') {
        out.bytes(sBytes(styleAt(r, c, v)));
        out.bytes(VALUE_OPEN);
        out.num(v);
        out.bytes(VALUE_CLOSE);
      } else if (typeof v === 'boolean') {
        out.bytes(sBytes(styleAt(r, c, v)));
        out.bytes(BOOL_OPEN);
        out.bytes(v ? ONE : ZERO);
        out.bytes(VALUE_CLOSE);
      } else {
        const d = v as Date;
        out.bytes(sBytes(d.getTime() % 86400000 !== 0 ? 'datetime' : 'date'));
        out.bytes(VALUE_OPEN);
        out.num(dateToSerial(d, date1904));
        out.bytes(VALUE_CLOSE);
      }
    }
    if (cells) out.bytes(ROW_CLOSE);
    else out.reset(rowStart);
  }
  out.flush();
  emit(Buffer.from(`</sheetData>${tail}`, 'utf8'));
  const notes = model.notes ?? [];
  return notes.length ? { comments: renderNotes(notes, vmlBlock) } : {};
}

const ascii = (t: string): Buffer => Buffer.from(t, 'latin1');
const ROW_OPEN = ascii('<row r="');
const ROW_CLOSE = ascii('</row>');
const QUOTE = ascii('"');
const GT = ascii('>');
const SHARED_OPEN = ascii(' t="s"><v>');
const VALUE_OPEN = ascii('><v>');
const BOOL_OPEN = ascii(' t="b"><v>');
const VALUE_CLOSE = ascii('</v></c>');
const INLINE_OPEN = ascii(' t="inlineStr"><is><t xml:space="preserve">');
const INLINE_CLOSE = ascii('</t></is></c>');
const ONE = ascii('1');
const ZERO = ascii('0');

const EMPTY = Buffer.alloc(0);

/** Bytes of one batch of rows: filled in place, handed on (and replaced) once past ~1 MiB. */
class ByteBatch {
  private static readonly SIZE = 1 << 20;
  // Starts small (most tabs are a few KiB) and grows by doubling; a batch is handed on before a row starts
  // past SIZE, so a row is never split between two chunks.
  private buf = Buffer.allocUnsafe(64 * 1024);
  /** The size of the buffer handed on last: the next one starts as big. */
  private size = 64 * 1024;
  private pos = 0;
  constructor(private readonly emit: (chunk: Buffer) => void) {}
  mark(): number {
    if (this.pos > ByteBatch.SIZE) this.flush();
    return this.pos;
  }
  reset(at: number): void {
    this.pos = at;
  }
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    // After a flush the buffer is empty until the next row: none is allocated after the last one.
    if (this.buf.length === 0) {
      this.buf = Buffer.allocUnsafe(Math.max(this.size, n));
      if (n <= this.buf.length) return;
    }
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }
  bytes(b: Uint8Array): void {
    const n = b.length;
    this.room(n);
    // A loop, not Buffer#copy: these are a few bytes each, millions of times, and a native call costs more.
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = b[i]!;
    this.pos = p;
  }
  /** A whole number 0 ≤ n < 2^53. */
  int(n: number): void {
    this.room(16);
    const start = this.pos;
    let digits = 1;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
    let p = start + digits;
    this.pos = p;
    for (let m = n; p > start; m = Math.floor(m / 10)) this.buf[--p] = 48 + (m % 10);
  }
  /** A finite number as JavaScript prints it (-0 as 0): the text Excel and LibreOffice read back exactly. */
  num(v: number): void {
    if (Number.isSafeInteger(v)) {
      if (v < 0) {
        this.room(1);
        this.buf[this.pos++] = 45; // '-'
        this.int(-v);
      } else this.int(v);
    } else this.latin1(String(v));
  }
  latin1(t: string): void {
    this.room(t.length);
    this.pos += this.buf.write(t, this.pos, 'latin1');
  }
  utf8(t: string): void {
    this.room(t.length * 3);
    this.pos += this.buf.write(t, this.pos, 'utf8');
  }
  flush(): void {
    if (this.pos === 0) return;
    // The chunk keeps this buffer: the next rows go to a new one (the receiver may hold chunks a while).
    this.emit(this.buf.subarray(0, this.pos));
    this.size = this.buf.length;
    this.buf = EMPTY;
    this.pos = 0;
  }
}

function sAttr(ids: StyleIds, style: StyleName | undefined): string {
  const id = style ? ids[style] : 0;
  return id ? ` s="${id}"` : '';
}

/** comments part + its legacy VML drawing: Excel, WPS and LibreOffice still show notes from VML shapes. */
export function renderNotes(notes: readonly { row: number; col: number; text: string }[], block: number) {
  const list = notes
    .map(
      (n) =>
        `<comment ref="${columnLetters(n.col)}${n.row + 1}" authorId="0"><text><r><t xml:space="preserve">${escapeXml(n.text)}</t></r></text></comment>`,
    )
    .join('');
  const commentsXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>jifen</author></authors><commentList>${list}</commentList></comments>`;
  const shapes = notes
    .map(
      (n, i) =>
        `<v:shape id="_x0000_s${block * 1024 + 1 + i}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:160pt;height:50pt;z-index:${i + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
        '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
        '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
        `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${n.col + 1}, 15, ${n.row}, 2, ${n.col + 3}, 15, ${n.row + 4}, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${n.row}</x:Row><x:Column>${n.col}</x:Column></x:ClientData></v:shape>`,
    )
    .join('');
  const vml =
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${block}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    `${shapes}</xml>`;
  return { commentsXml, vml };
}
