// An .xlsx package opened for patching: reads any sheet's cells, replaces or adds sheets, keeps every other part byte for byte.

import { type Cell, cellText } from '../../shared/cells';
import type { TabView } from '../../shared/seal';
import { serialToDate } from './serial';
import { NOTES_REL_IDS, renderNotes, renderSheet, type SheetModel, sheetEdges } from './sheet-writer';
import { dateStyleIndexes, EMPTY_STYLES, ensureStyles, numberFormatCodes, type StyleIds } from './styles';
import {
  attrs,
  columnIndex,
  columnLetters,
  escapeXml,
  MAX_CELL_CHARS,
  MAX_COLUMNS,
  MAX_ROWS,
  quote,
  refColumn,
  stringItemText,
  unescapeOoxml,
  unescapeXml,
  XlsxFormatError,
} from './xml';
import { EntryWriter, entryData, makeEntry, readZip, writeZip, type ZipEntry, ZipFormatError } from './zip';

export { XlsxFormatError };

/**
 * Caps on inflated bytes, checked before and while inflating (a zip bomb of 1 MB can declare or
 * inflate to gigabytes). jifen writes about 670 bytes per 积分台账 row (npm run bench: 128,798 rows,
 * 86 MB; the whole 120k-entry book inflates to 118 MB), so 256 MiB per part is about 400k ledger
 * rows, three times the benchmark's year, and a 1M-row ledger (about 640 MiB) is refused. Past that
 * the reader would need more memory than a laptop CLI should take (the XML string and the cells built
 * from it are several times the part), so such a book is refused with a message instead of
 * exhausting memory. The total bounds the work of one open package.
 */
export const MAX_PART_BYTES = 256 * 1024 * 1024;
export const MAX_TOTAL_BYTES = 512 * 1024 * 1024;

export interface ReadLimits {
  /** Largest inflated size of one part. */
  partBytes: number;
  /** Largest sum of the inflated sizes of every part read from one package. */
  totalBytes: number;
}

/**
 * Within the byte caps, tiny items can still multiply into objects: 40 bytes of
 * `<row r="N"><c r="XFDN"><v>1</v></c></row>` make a dense row of 16,384 cells, so a 40 MB sheet
 * would ask for 16 billion. A sheet's dense cells (rows × columns up to each row's last cell) are
 * capped at 32M, 8 bytes each: a 1M-row ledger of 20 columns (20M) still fits. Shared strings are
 * capped at 4M items (a 256 MiB sheet has at most about 1.5M distinct texts), since `<si/>` is 5 bytes
 * and each item costs about 100 bytes of heap.
 */
export const MAX_SHEET_CELLS = 32 * 1024 * 1024;
export const MAX_SHARED_STRINGS = 4 * 1024 * 1024;

const DEFAULT_LIMITS: ReadLimits = { partBytes: MAX_PART_BYTES, totalBytes: MAX_TOTAL_BYTES };

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0)} MiB`;
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_WORKSHEET = `${REL}/worksheet`;
const REL_SST = `${REL}/sharedStrings`;
const REL_STYLES = `${REL}/styles`;
const REL_CALCCHAIN = `${REL}/calcChain`;
const REL_COMMENTS = `${REL}/comments`;
const REL_VML = `${REL}/vmlDrawing`;
const CT_SHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CT_SST = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml';
const CT_COMMENTS = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
const CT_VML = 'application/vnd.openxmlformats-officedocument.vmlDrawing';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

export interface SheetInfo {
  name: string;
  sheetId: number;
  rId: string;
  /** Zip path of the worksheet part, e.g. 'xl/worksheets/sheet1.xml'. */
  path: string;
}

interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

function parseRels(xml: string | undefined): Rel[] {
  if (!xml) return [];
  return [...xml.matchAll(/<Relationship\b([^>]*?)\/?>/g)].map((m) => {
    const a = attrs(m[1]!);
    return {
      id: a.Id ?? '',
      type: a.Type ?? '',
      target: a.Target ?? '',
      external: a.TargetMode === 'External',
    };
  });
}

function renderRels(rels: readonly Rel[]): string {
  const body = rels
    .map(
      (r) =>
        `<Relationship Id="${escapeXml(r.id)}" Type="${escapeXml(r.type)}" Target="${escapeXml(r.target)}"${r.external ? ' TargetMode="External"' : ''}/>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`;
}

/** Resolves a relationship target against the folder of the part that owns it. */
function resolve(baseDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `${baseDir}${target}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

function relsPathOf(path: string): string {
  return `${dirOf(path)}_rels/${path.slice(dirOf(path).length)}.rels`;
}

/** Relative target from a folder ('xl/worksheets/') to a part ('xl/comments1.xml' → '../comments1.xml'). */
function relativeTarget(fromDir: string, path: string): string {
  const from = fromDir.split('/').filter(Boolean);
  const to = path.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

/**
 * The shared-string table: each item's text. A plain item (`<si><t>…</t></si>`) is written back from its
 * text; any other (rich text, phonetic runs) keeps its raw `<si>` element in `sstXml`, written unchanged.
 * Texts in a plain array, not an object per item: 370k items in the benchmark book.
 */
type SharedStrings = string[];

export class XlsxPackage {
  private entries: ZipEntry[];
  /** Parts written in this session: bytes, or (big sheets) an entry already deflated piece by piece. */
  private readonly changed = new Map<string, Buffer | ZipEntry>();
  /**
   * Of each sheet read so far and not rewritten since: its XML before <sheetData> and after </sheetData>
   * (a few KiB), to tell whether rewriting it with the same values would change anything.
   */
  private readonly edges = new Map<string, { head: Buffer; tail: Buffer }>();
  private readonly removed = new Set<string>();
  readonly sheets: SheetInfo[];
  private readonly workbookPath: string;
  private workbookXml: string;
  private workbookRels: Rel[];
  private readonly date1904: boolean;
  private sst: SharedStrings | undefined;
  /** Raw `<si>` elements of the items that are not plain, by index. */
  private readonly sstXml = new Map<number, string>();
  private sstIndex: Map<string, number> | undefined;
  /**
   * Of each sheet's values as read: where each cell of a shared string pointed in the table. A row written
   * back from them (SheetModel.readFrom) reuses those indexes instead of looking 1.7M texts up in a
   * 370k-entry Map (npm run bench, 2026-12-04: ~1 s of the rewriting recompute, mostly cache misses).
   */
  private readonly readIndexes = new WeakMap<readonly (readonly Cell[])[], ReadIndexes>();
  private sstPath: string | undefined;
  private sstDirty = false;
  private readonly stylesPath: string;
  private dateStyles: Set<number> | undefined;
  private styleIds: StyleIds | undefined;

  /** Parts inflated so far and kept (sheets are not kept: they are read once). */
  private readonly inflated = new Map<string, Buffer>();
  /** Inflated bytes so far, against limits.totalBytes. */
  private inflatedTotal = 0;

  private constructor(
    entries: ZipEntry[],
    private readonly limits: ReadLimits = DEFAULT_LIMITS,
  ) {
    this.entries = entries;
    // Every OPC package has it; reading it now checks its CRC (a damaged one is not copied to the output).
    this.text('[Content_Types].xml');
    const rootRels = parseRels(this.text('_rels/.rels'));
    const office = rootRels.find((r) => r.type.endsWith('/officeDocument'));
    this.workbookPath = office ? resolve('', office.target) : 'xl/workbook.xml';
    const wb = this.text(this.workbookPath);
    if (!wb || !/<workbook\b/.test(wb)) throw new XlsxFormatError('缺少工作簿主体（xl/workbook.xml）');
    this.workbookXml = wb;
    this.workbookRels = parseRels(this.text(relsPathOf(this.workbookPath)));
    const wbDir = dirOf(this.workbookPath);
    const pr = /<workbookPr\b([^>]*)\/?>/.exec(wb);
    const d1904 = pr ? attrs(pr[1]!).date1904 : undefined;
    this.date1904 = d1904 === '1' || d1904 === 'true';
    this.sheets = [];
    for (const m of wb.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
      const a = attrs(m[1]!);
      // The relationship id attribute is namespaced (r:id, or another prefix some writers choose).
      const rIdKey = Object.keys(a).find((k) => k.endsWith(':id'));
      const rel = this.workbookRels.find((r) => r.id === (rIdKey ? a[rIdKey] : ''));
      if (!rel || rel.type !== REL_WORKSHEET) continue; // chartsheets, dialog sheets
      this.sheets.push({
        name: a.name ?? '',
        sheetId: Number(a.sheetId),
        rId: rel.id,
        path: resolve(wbDir, rel.target),
      });
    }
    const sstRel = this.workbookRels.find((r) => r.type === REL_SST);
    this.sstPath = sstRel ? resolve(wbDir, sstRel.target) : undefined;
    const stylesRel = this.workbookRels.find((r) => r.type === REL_STYLES);
    this.stylesPath = stylesRel ? resolve(wbDir, stylesRel.target) : `${wbDir}styles.xml`;
  }

  /**
   * Opens package bytes; throws XlsxFormatError for anything that is not a workbook. Parts are
   * inflated (and CRC-checked) only when read: parts the CLI never reads (images, a huge unused
   * sheet) cost nothing and are copied to the output byte for byte, as they came.
   */
  static open(buf: Buffer, limits: Partial<ReadLimits> = {}): XlsxPackage {
    let entries: ZipEntry[];
    try {
      entries = readZip(buf);
    } catch (e) {
      if (e instanceof ZipFormatError) throw new XlsxFormatError(`不是有效的 .xlsx 文件（${e.message}）`);
      throw e;
    }
    return new XlsxPackage(entries, { ...DEFAULT_LIMITS, ...limits });
  }

  /** A new, empty workbook package (no sheets yet). */
  static create(): XlsxPackage {
    const files: [string, string][] = [
      [
        '[Content_Types].xml',
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
      ],
      [
        '_rels/.rels',
        renderRels([
          { id: 'rId1', type: `${REL}/officeDocument`, target: 'xl/workbook.xml', external: false },
          {
            id: 'rId2',
            type: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
            target: 'docProps/core.xml',
            external: false,
          },
          { id: 'rId3', type: `${REL}/extended-properties`, target: 'docProps/app.xml', external: false },
        ]),
      ],
      [
        'docProps/core.xml',
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>积分台账</dc:title><dc:creator>jifen</dc:creator></cp:coreProperties>`,
      ],
      [
        'docProps/app.xml',
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>jifen</Application></Properties>`,
      ],
      [
        'xl/workbook.xml',
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${REL}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets></sheets></workbook>`,
      ],
      [
        'xl/_rels/workbook.xml.rels',
        renderRels([{ id: 'rId1', type: REL_STYLES, target: 'styles.xml', external: false }]),
      ],
      ['xl/styles.xml', EMPTY_STYLES],
    ];
    return new XlsxPackage(files.map(([n, t]) => makeEntry(n, t)));
  }

  private entry(path: string): ZipEntry | undefined {
    if (this.removed.has(path)) return undefined;
    return this.entries.find((e) => e.name === path);
  }

  /** Current bytes of a part (changed or original), or undefined. */
  private data(path: string, once = false): Buffer | undefined {
    const c = this.changed.get(path);
    // Our own output: not capped like input (read back only by publish, to seal what was written).
    if (c) return Buffer.isBuffer(c) ? c : entryData(c);
    const e = this.entry(path);
    if (!e) return undefined;
    const cached = this.inflated.get(path);
    if (cached) return cached;
    const data = this.inflate(e);
    // A sheet is read once: its bytes are not kept, so they do not outlive the parse.
    if (!once) this.inflated.set(path, data);
    return data;
  }

  /** Inflates a part within the caps: the declared size is checked first, and inflation stops past it. */
  private inflate(e: ZipEntry): Buffer {
    const { partBytes, totalBytes } = this.limits;
    if (e.size > partBytes)
      throw new XlsxFormatError(
        `部件 ${e.name} 解压后有 ${mib(e.size)}，超过单个部件 ${mib(partBytes)} 的上限（为防止异常或恶意文件耗尽内存）。台账过大时请按年度拆分工作簿`,
      );
    if (this.inflatedTotal + e.size > totalBytes)
      throw new XlsxFormatError(
        `工作簿解压后超过 ${mib(totalBytes)} 的总上限（读到部件 ${e.name} 时；为防止异常或恶意文件耗尽内存）。台账过大时请按年度拆分工作簿`,
      );
    let data: Buffer;
    try {
      data = entryData(e);
    } catch (err) {
      if (err instanceof ZipFormatError) throw new XlsxFormatError(`文件已损坏（${err.message}）`);
      throw err;
    }
    this.inflatedTotal += data.length;
    return data;
  }

  private text(path: string, once = false): string | undefined {
    return this.data(path, once)?.toString('utf8');
  }

  private put(path: string, text: string): void {
    this.putBytes(path, Buffer.from(text, 'utf8'));
  }

  private putBytes(path: string, data: Buffer | ZipEntry): void {
    this.inflated.delete(path);
    this.edges.delete(path);
    this.removed.delete(path);
    this.changed.set(path, data);
  }

  private remove(path: string): void {
    this.changed.delete(path);
    this.edges.delete(path);
    this.removed.add(path);
  }

  sheet(name: string): SheetInfo | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /**
   * The shared-string table, scanned over the part's bytes. A plain item (`<si><t>…</t></si>`, all that
   * jifen and most writers produce) keeps only its text, decoded from its own bytes: slices of one big
   * string would keep the whole 21 MiB table (42 MiB as UTF-16) alive as long as any cell's text.
   * Other items (rich text, phonetic runs) keep their XML too, to be written back unchanged.
   */
  private sharedStrings(): SharedStrings {
    if (this.sst) return this.sst;
    const buf = this.sstPath ? this.data(this.sstPath, true) : undefined;
    const items: SharedStrings = [];
    const plainAt = { end: 0 };
    if (buf?.length) {
      if (!hasRoot(buf.toString('utf8', 0, 4096), 'sst'))
        throw new XlsxFormatError(`共享字符串部件 ${this.sstPath} 的内容不是共享字符串表（部件类型有误）`);
      // indexOf, not a lazy regex: an unclosed <si> must not make every later item rescan to the end.
      let pos = 0;
      for (;;) {
        // Items usually follow each other directly ('…</si><si>'): tested in place, which spares two native
        // calls per item (370k items) over indexOf.
        const adjacent =
          buf[pos] === 60 && buf[pos + 1] === 115 && buf[pos + 2] === 105 && buf[pos + 3] === 62;
        const start = adjacent ? pos : nextTagIn(buf, '<si', pos);
        if (start < 0) break;
        const tagEnd = adjacent ? pos + 3 : buf.indexOf(62, start); // '>'
        if (tagEnd < 0) throw new XlsxFormatError(`共享字符串第 ${items.length + 1} 项不完整`);
        let end: number;
        try {
          const plain = buf[tagEnd - 1] === 47 ? undefined : plainText(buf, tagEnd + 1, plainAt);
          if (plain !== undefined) {
            items.push(plain);
            end = plainAt.end;
          } else {
            if (buf[tagEnd - 1] === 47) end = tagEnd + 1;
            else {
              const close = buf.indexOf('</si>', tagEnd);
              if (close < 0) throw new XlsxFormatError(`共享字符串第 ${items.length + 1} 项没有结束标记`);
              end = close + 5;
            }
            const xml = buf.toString('utf8', start, end);
            items.push(stringItemText(xml));
            this.sstXml.set(items.length - 1, xml);
          }
        } catch (e) {
          if (e instanceof XlsxFormatError && !e.message.startsWith('共享字符串第'))
            throw new XlsxFormatError(`共享字符串第 ${items.length + 1} 项：${e.message}`);
          throw e;
        }
        if (items.length > MAX_SHARED_STRINGS)
          throw new XlsxFormatError(
            `共享字符串超过 ${MAX_SHARED_STRINGS} 项的上限（为防止异常或恶意文件耗尽内存）`,
          );
        pos = end;
      }
    }
    this.sst = items;
    return this.sst;
  }

  /**
   * Shared string index for a text written in the cell of column `col` copied from row `readRow` (0-based)
   * of a sheet as read: the index that cell was read from when it held this very text and the item is plain
   * (as intern would give, without the lookup); else intern's.
   */
  private internAt(s: string, known: ReadIndexes | undefined, readRow: number, col: number): number {
    if (known && readRow >= 0 && readRow < known.rowBase.length) {
      const base = known.rowBase[readRow]!;
      // The text is compared with the item, not the cell: the row may have changed since it was read.
      if (base >= 0 && col < known.rowWidth[readRow]!) {
        const n = known.cells[base + col]!;
        if (n >= 0 && this.sst![n] === s && !this.sstXml.has(n)) return n;
      }
    }
    return this.intern(s);
  }

  /** Shared string index for a text (reusing a plain item with the same text). */
  private intern(s: string): number {
    const sst = this.sharedStrings();
    if (!this.sstIndex) {
      this.sstIndex = new Map();
      const index = this.sstIndex;
      for (let i = 0; i < sst.length; i++) {
        // Rich-text items keep their own formatting runs; only plain ones are reused.
        const xml = this.sstXml.get(i);
        if (xml !== undefined && (xml.includes('<r>') || xml.includes('<r '))) continue;
        if (!index.has(sst[i]!)) index.set(sst[i]!, i);
      }
    }
    const hit = this.sstIndex.get(s);
    if (hit !== undefined) return hit;
    sst.push(s);
    this.sstDirty = true;
    this.sstIndex.set(s, sst.length - 1);
    return sst.length - 1;
  }

  private styles(): StyleIds {
    if (!this.styleIds) {
      const { xml, ids } = ensureStyles(this.text(this.stylesPath) ?? EMPTY_STYLES);
      this.put(this.stylesPath, xml);
      this.styleIds = ids;
    }
    return this.styleIds;
  }

  /**
   * The cells of a sheet as a dense 2-D array (row 1 first): strings, numbers, booleans, Dates (UTC
   * midnight for date-only cells), error texts such as '#N/A'; formulas give their cached result.
   * `padRows`: rows after the first that the sheet holds are padded with '' to the width of row 1 or
   * `padRows`, whichever is wider (recompute pads the ledger's rows so: read so, they are not copied).
   */
  values(name: string, opts: { padRows?: number } = {}): Cell[][] | undefined {
    const info = this.sheet(name);
    if (!info) return undefined;
    const buf = this.data(info.path, true);
    if (buf === undefined) throw new XlsxFormatError(`缺少工作表「${name}」的内容（${info.path}）`);
    if (!hasRoot(buf.toString('utf8', 0, 4096), 'worksheet'))
      throw new XlsxFormatError(`工作表「${name}」指向的部件 ${info.path} 不是工作表（部件类型或关系有误）`);
    this.dateStyles ??= dateStyleIndexes(this.text(this.stylesPath));
    const sst = this.sharedStrings();
    const at = { row: 0, col: -1 };
    try {
      const state = this.parseSheet(buf, info.path, sst, at, opts.padRows);
      const { out, idx } = state;
      // Room left by growing is not kept (10 MiB of indexes for the benchmark's ledger).
      if (idx.length) {
        const rows = out.length;
        this.readIndexes.set(out, {
          rowBase: idx.rowBase.slice(0, rows),
          rowWidth: idx.rowWidth.slice(0, rows),
          cells: idx.cells.slice(0, idx.length),
        });
      }
      return out;
    } catch (e) {
      if (!(e instanceof XlsxFormatError)) throw e;
      const where =
        at.row > 0 && at.row <= MAX_ROWS
          ? at.col >= 0 && at.col < MAX_COLUMNS
            ? `单元格 ${columnLetters(at.col)}${at.row}`
            : `第 ${at.row} 行`
          : '';
      throw new XlsxFormatError(`工作表「${name}」${where}：${e.message}`);
    }
  }

  /**
   * The cell scan of values(), over the part's bytes: <sheetData> is decoded and scanned about 1 MiB at a
   * time, each piece ending right after a </row>, so the 100 MiB ledger never becomes one JS string (twice
   * its UTF-8 size once it holds Chinese). `at` tracks the current row and column for error messages.
   */
  private parseSheet(
    buf: Buffer,
    path: string,
    sst: SharedStrings,
    at: { row: number; col: number },
    padRows: number | undefined,
  ): ScanState {
    const state: ScanState = {
      out: [],
      rowNo: 0,
      dense: 0,
      padRows,
      width: 0,
      padCells: 0,
      idx: {
        rowBase: new Int32Array(1024).fill(-1),
        rowWidth: new Int32Array(1024),
        cells: new Int32Array(4096),
        length: 0,
      },
    };
    const dataStart = buf.indexOf('<sheetData');
    if (dataStart < 0) return state;
    const found = buf.indexOf('</sheetData>', dataStart);
    const dataEnd = found < 0 ? buf.length : found;
    // Only parts with small edges can be kept (jifen's are a few KiB); a hostile part with megabytes
    // around its <sheetData> is simply rewritten, and its edges are not copied.
    if (found >= 0 && dataStart + (buf.length - found) < 1024 * 1024)
      this.edges.set(path, {
        head: Buffer.from(buf.subarray(0, dataStart)),
        tail: Buffer.from(buf.subarray(found + '</sheetData>'.length)),
      });
    let pos = dataStart;
    while (pos < dataEnd) {
      let end = dataEnd;
      // A "</row>" inside a CDATA section would end the row there, piece or not: the row's cells are
      // then refused as incomplete either way (jifen and Excel never write CDATA in a sheet).
      if (dataEnd - pos > SCAN_PIECE) {
        const close = buf.indexOf('</row>', pos + SCAN_PIECE);
        if (close >= 0 && close < dataEnd) end = close + 6;
      }
      // Pieces end after '>' (ASCII), never inside a UTF-8 sequence.
      this.scanRows(buf.toString('utf8', pos, end), sst, at, state);
      pos = end;
    }
    return state;
  }

  /**
   * The common cell, read without making any string: exactly `<c r="A1"[ s="3"][ t="s"|"n"]><v>digits</v></c>`
   * (what jifen and Excel write for text and whole numbers), with the reference inside Excel's grid and a
   * shared-string index that exists. Sets `out.col`/`out.value` and returns the index after `</c>`; for
   * anything else returns -1 and the general code reads the cell (and words any refusal), so both paths
   * give the same result wherever this one applies. Two million cells in the benchmark ledger: the
   * slices of the general path (attributes, content, value) were most of the reading time and garbage.
   */
  private commonCell(data: string, cs: number, te: number, sst: SharedStrings, out: FastCell): number {
    let k = cs + 2;
    // ' r="'
    if (
      data.charCodeAt(k) !== 32 ||
      data.charCodeAt(k + 1) !== 114 ||
      data.charCodeAt(k + 2) !== 61 ||
      data.charCodeAt(k + 3) !== 34
    )
      return -1;
    k += 4;
    let col = 0;
    let letters = 0;
    for (let ch = data.charCodeAt(k); ch >= 65 && ch <= 90 && letters < 3; ch = data.charCodeAt(k)) {
      col = col * 26 + (ch - 64);
      k++;
      letters++;
    }
    let refRow = 0;
    let digits = 0;
    for (let ch = data.charCodeAt(k); ch >= 48 && ch <= 57 && digits < 7; ch = data.charCodeAt(k)) {
      refRow = refRow * 10 + (ch - 48);
      k++;
      digits++;
    }
    if (letters === 0 || refRow === 0 || col > MAX_COLUMNS || refRow > MAX_ROWS || data.charCodeAt(k) !== 34)
      return -1;
    k++;
    let style = 0;
    // ' s="'
    if (
      data.charCodeAt(k) === 32 &&
      data.charCodeAt(k + 1) === 115 &&
      data.charCodeAt(k + 2) === 61 &&
      data.charCodeAt(k + 3) === 34
    ) {
      k += 4;
      const from = k;
      for (let ch = data.charCodeAt(k); ch >= 48 && ch <= 57 && k - from < 6; ch = data.charCodeAt(k)) {
        style = style * 10 + (ch - 48);
        k++;
      }
      if (k === from || data.charCodeAt(k) !== 34) return -1;
      k++;
    }
    let text = false;
    // ' t="s"' or ' t="n"'
    if (
      data.charCodeAt(k) === 32 &&
      data.charCodeAt(k + 1) === 116 &&
      data.charCodeAt(k + 2) === 61 &&
      data.charCodeAt(k + 3) === 34 &&
      data.charCodeAt(k + 5) === 34
    ) {
      const t = data.charCodeAt(k + 4);
      if (t === 115) text = true;
      else if (t !== 110) return -1;
      k += 6;
    }
    // '><v>'
    if (
      k !== te ||
      data.charCodeAt(k + 1) !== 60 ||
      data.charCodeAt(k + 2) !== 118 ||
      data.charCodeAt(k + 3) !== 62
    )
      return -1;
    k += 4;
    const negative = !text && data.charCodeAt(k) === 45;
    if (negative) k++;
    const from = k;
    let n = 0;
    for (let ch = data.charCodeAt(k); ch >= 48 && ch <= 57 && k - from < 15; ch = data.charCodeAt(k)) {
      n = n * 10 + (ch - 48);
      k++;
    }
    // '</v></c>'
    if (k === from || !data.startsWith('</v></c>', k)) return -1;
    let value: Cell;
    out.sst = -1;
    if (text) {
      const item = sst[n];
      if (item === undefined) return -1;
      value = item;
      if (value.length > MAX_CELL_CHARS) return -1;
      out.sst = n;
    } else {
      const num = negative ? -n : n;
      value = this.dateStyles!.has(style) ? serialToDate(num, this.date1904) : num;
    }
    out.col = col - 1;
    out.value = value;
    return k + 8;
  }

  /** Scans the rows of one piece of <sheetData> into `state` (a row never spans two pieces). */
  private scanRows(
    data: string,
    sst: SharedStrings,
    at: { row: number; col: number },
    state: ScanState,
  ): void {
    const { out } = state;
    const fast: FastCell = { col: 0, value: null, sst: -1 };
    const { idx } = state;
    // A hand-rolled scan (indexOf, no regex per cell): a 100k-row ledger has two million cells.
    // Rows and columns are checked against Excel's grid before the dense arrays grow to them.
    let pos = 0;
    for (;;) {
      const rs = nextTag(data, '<row', pos);
      if (rs < 0) break;
      const rowTagEnd = data.indexOf('>', rs);
      if (rowTagEnd < 0) throw new XlsxFormatError('内容不完整（XML 在行标记处中断）');
      const r = attr(data.slice(rs + 4, rowTagEnd), 'r');
      at.row = 0; // a bad row number is reported by itself, not as the previous row's cell
      const rowNo = r === undefined ? state.rowNo + 1 : rowNumber(r);
      state.rowNo = rowNo;
      at.row = rowNo;
      at.col = -1;
      if (rowNo > MAX_ROWS) throw new XlsxFormatError(`行数超出 Excel 的范围（最多 ${MAX_ROWS} 行）`);
      if (data.charCodeAt(rowTagEnd - 1) === 47) {
        pos = rowTagEnd + 1;
        continue;
      }
      const rowEnd = data.indexOf('</row>', rowTagEnd);
      if (rowEnd < 0) throw new XlsxFormatError('内容不完整（行没有结束标记 </row>）');
      const row: Cell[] = [];
      // Where this row's shared-string indexes start in idx.cells (-1 until its first shared string).
      let base = -1;
      let col = -1;
      let cp = rowTagEnd + 1;
      for (;;) {
        const cs = nextTag(data, '<c', cp);
        if (cs < 0 || cs >= rowEnd) break;
        const te = data.indexOf('>', cs);
        if (te < 0 || te > rowEnd) throw new XlsxFormatError('内容不完整（单元格标记中断）');
        const next = this.commonCell(data, cs, te, sst, fast);
        if (next > 0) {
          col = fast.col;
          at.col = col;
          cp = next;
          if (state.dense + col + 1 > MAX_SHEET_CELLS)
            throw new XlsxFormatError(
              `单元格范围过大（超过 ${MAX_SHEET_CELLS} 个单元格的上限；为防止异常或恶意文件耗尽内存）`,
            );
          while (row.length < col) row.push(null);
          row[col] = fast.value;
          if (fast.sst >= 0 && col < INDEX_COLUMNS && base !== NOT_RECORDED) {
            if (base < 0) base = idx.length + INDEX_COLUMNS > MAX_INDEXES ? NOT_RECORDED : idx.length;
            if (base >= 0) recordIndex(idx, base, col, fast.sst);
          }
          continue;
        }
        const selfClosing = data.charCodeAt(te - 1) === 47;
        const a = data.slice(cs + 2, selfClosing ? te - 1 : te);
        const ref = attr(a, 'r');
        col = ref === undefined ? col + 1 : refColumn(ref);
        at.col = col;
        if (col >= MAX_COLUMNS) throw new XlsxFormatError(`列数超出 Excel 的范围（最多 XFD 列）`);
        if (selfClosing) {
          cp = te + 1;
          continue;
        }
        const ce = data.indexOf('</c>', te);
        if (ce < 0 || ce > rowEnd) throw new XlsxFormatError('内容不完整（单元格没有结束标记 </c>）');
        cp = ce + 4;
        const v = this.cellValue(data.slice(te + 1, ce), attr(a, 't'), Number(attr(a, 's') ?? 0), sst);
        if (v === null) continue;
        if (typeof v === 'string' && v.length > MAX_CELL_CHARS)
          throw new XlsxFormatError(
            `文字有 ${v.length} 个字符，超过 Excel 单元格 ${MAX_CELL_CHARS} 个字符的上限`,
          );
        if (state.dense + col + 1 > MAX_SHEET_CELLS)
          throw new XlsxFormatError(
            `单元格范围过大（超过 ${MAX_SHEET_CELLS} 个单元格的上限；为防止异常或恶意文件耗尽内存）`,
          );
        while (row.length < col) row.push(null);
        row[col] = v;
      }
      if (state.padRows !== undefined && rowNo === 1) state.width = Math.max(row.length, state.padRows);
      state.dense += row.length;
      // Padding has its own budget, so it never refuses a sheet that reads without it, and a stray cell far
      // to the right of row 1 cannot make every row that wide: past it, rows stay as read (recompute pads).
      let width = row.length;
      if (rowNo > 1 && state.width > width && state.padCells + state.width - width <= MAX_PAD_CELLS) {
        state.padCells += state.width - width;
        width = state.width;
      }
      while (out.length < rowNo - 1) out.push([]);
      // A copy of exactly its length: grown by push, a 19-cell row holds room for 40 (the 130k-row
      // ledger's rows took 84 MiB instead of 22), and the grown one dies young.
      const kept = width > row.length ? padded(row, width) : row.length ? row.slice() : row;
      out[rowNo - 1] = kept;
      if (base >= 0) endRowIndexes(idx, rowNo - 1, base, Math.min(kept.length, INDEX_COLUMNS));
      pos = rowEnd + 6;
    }
  }

  /**
   * A sheet as a reader of the file sees it: values, their text (an .xlsx stores no display text, so the
   * display is the value with its number format), each cell's number format code, rows and columns
   * marked hidden, merged blocks, and whether the sheet itself is hidden (state hidden or veryHidden).
   */
  view(name: string): TabView | undefined {
    const info = this.sheet(name);
    if (!info) return undefined;
    const values = this.values(name) ?? [];
    const xml = this.text(info.path) ?? '';
    const codes = numberFormatCodes(this.text(this.stylesPath));
    const formats: string[][] = values.map((r) => r.map(() => codes[0] ?? 'General'));
    const hiddenRows: number[] = [];
    for (const m of xml.matchAll(/<row\b([^>]*?)\/?>/g)) {
      const a = attrs(m[1]!);
      if ((a.hidden === '1' || a.hidden === 'true') && a.r) hiddenRows.push(Number(a.r));
    }
    const hiddenColumns: number[] = [];
    for (const m of xml.matchAll(/<col\b([^>]*?)\/?>/g)) {
      const a = attrs(m[1]!);
      if (a.hidden === '1' || a.hidden === 'true')
        for (let c = Number(a.min); c <= Number(a.max); c++) hiddenColumns.push(c);
    }
    for (const m of xml.matchAll(/<c\b([^>]*?)\/?>/g)) {
      const a = attrs(m[1]!);
      const ref = /^([A-Z]+)(\d+)$/.exec(a.r ?? '');
      if (!ref) continue;
      const row = Number(ref[2]) - 1;
      const col = columnIndex(a.r!);
      if (row >= values.length || col >= (values[row]?.length ?? 0)) continue;
      formats[row]![col] = codes[Number(a.s ?? 0)] ?? 'General';
    }
    const merges = [...xml.matchAll(/<mergeCell\b([^>]*?)\/?>/g)].map((m) => attrs(m[1]!).ref ?? '');
    const tag = [...this.workbookXml.matchAll(/<sheet\b([^>]*?)\/?>/g)]
      .map((m) => attrs(m[1]!))
      .find((a) => a.name === name);
    const state = tag?.state ?? 'visible';
    return {
      name,
      hidden: state === 'hidden' || state === 'veryHidden',
      values,
      display: values.map((r) => r.map((v) => cellText(v, 0))),
      formats,
      hiddenRows: hiddenRows.sort((x, y) => x - y),
      hiddenColumns: hiddenColumns.sort((x, y) => x - y),
      merges: merges.filter(Boolean),
    };
  }

  /** Every sheet's name and whether it is hidden, in workbook order. */
  tabList(): { name: string; hidden: boolean }[] {
    return [...this.workbookXml.matchAll(/<sheet\b([^>]*?)\/?>/g)].map((m) => {
      const a = attrs(m[1]!);
      return { name: a.name ?? '', hidden: a.state === 'hidden' || a.state === 'veryHidden' };
    });
  }

  private cellValue(inner: string, t: string | undefined, s: number, sst: SharedStrings): Cell {
    if (t === 'inlineStr') {
      const is = /<is>([\s\S]*?)<\/is>/.exec(inner);
      return is ? stringItemText(is[1]!) : null;
    }
    const vs = nextTag(inner, '<v', 0);
    // A formula without a cached result (never calculated) has no value to read.
    if (vs < 0) return null;
    const vOpen = inner.indexOf('>', vs);
    if (inner.charCodeAt(vOpen - 1) === 47) return null;
    const vClose = inner.indexOf('</v>', vOpen);
    if (vClose < 0) return null;
    const raw = inner.slice(vOpen + 1, vClose);
    switch (t) {
      case 's': {
        const i = raw === '' ? -1 : Number(raw);
        const item = Number.isInteger(i) && i >= 0 ? sst[i] : undefined;
        if (item === undefined)
          throw new XlsxFormatError(
            `共享字符串编号 ${quote(raw)} 不存在（共享字符串表只有 ${sst.length} 项，文件已损坏）`,
          );
        return item;
      }
      case 'str':
        return unescapeOoxml(unescapeXml(raw));
      case 'b':
        return raw === '1' || raw === 'true';
      case 'e':
        return unescapeXml(raw);
      case 'd': {
        const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`);
        return Number.isNaN(d.getTime()) ? unescapeXml(raw) : d;
      }
      default: {
        const n = Number(raw);
        if (!Number.isFinite(n)) return unescapeXml(raw);
        return this.dateStyles!.has(s) ? serialToDate(n, this.date1904) : n;
      }
    }
  }

  /**
   * Whether rewriting sheet `name` with `model` would leave the part as it is, given that the caller has
   * found the model's values equal to the ones read (`sameCells`): the part was read in this session and
   * not changed since, its XML around <sheetData> is exactly what the model renders (columns, styles,
   * dimension, validations, protection, print setup), and its relationships are only the model's notes,
   * with the same text. Then the part keeps its bytes, compressed as they came: recomputing a 120k-row
   * ledger that did not change costs no rendering and no deflating.
   */
  keepsSheet(name: string, model: SheetModel): boolean {
    const info = this.sheet(name);
    const edges = info && this.edges.get(info.path);
    if (!info || !edges) return false;
    const { head, tail } = sheetEdges(model, this.styles());
    if (!edges.head.equals(Buffer.from(head, 'utf8')) || !edges.tail.equals(Buffer.from(tail, 'utf8')))
      return false;
    const rels = parseRels(this.text(relsPathOf(info.path)));
    const notes = model.notes ?? [];
    if (!notes.length) return rels.length === 0;
    const comments = rels.find((r) => r.type === REL_COMMENTS);
    const vml = rels.find((r) => r.type === REL_VML);
    if (rels.length !== 2 || !comments || !vml || comments.external || vml.external) return false;
    const want = renderNotes(notes, this.sheets.indexOf(info) + 1);
    const dir = dirOf(info.path);
    if (
      this.text(resolve(dir, comments.target)) !== want.commentsXml ||
      this.text(resolve(dir, vml.target)) !== want.vml
    )
      return false;
    this.setPrintTitles(name, model.printTitleRows ?? 0);
    return true;
  }

  /** Replaces a sheet's content (same position and name); its notes and drawings' links are dropped. */
  replaceSheet(name: string, model: SheetModel): void {
    const info = this.sheet(name);
    if (!info) throw new Error(`no sheet ${name}`);
    this.dropSheetRels(info.path);
    this.writeSheet(info.path, model);
    this.setPrintTitles(name, model.printTitleRows ?? 0);
  }

  /** Replaces the sheet if present, else adds it at the end. */
  setSheet(name: string, model: SheetModel): void {
    if (this.sheet(name)) this.replaceSheet(name, model);
    else this.addSheet(name, model);
  }

  /** Appends a new sheet. */
  addSheet(name: string, model: SheetModel): void {
    if (this.sheet(name)) throw new Error(`sheet ${name} exists`);
    const wbDir = dirOf(this.workbookPath);
    const used = new Set([...this.entries.map((e) => e.name), ...this.changed.keys()]);
    let n = this.sheets.length + 1;
    while (used.has(`${wbDir}worksheets/sheet${n}.xml`)) n++;
    const path = `${wbDir}worksheets/sheet${n}.xml`;
    const rId = this.newRelId(this.workbookRels);
    this.workbookRels.push({
      id: rId,
      type: REL_WORKSHEET,
      target: relativeTarget(wbDir, path),
      external: false,
    });
    const sheetId = Math.max(0, ...this.sheets.map((s) => s.sheetId)) + 1;
    const tag = `<sheet name="${escapeXml(name)}" sheetId="${sheetId}" r:id="${rId}"/>`;
    this.workbookXml = /<sheets\s*\/>/.test(this.workbookXml)
      ? this.workbookXml.replace(/<sheets\s*\/>/, `<sheets>${tag}</sheets>`)
      : this.workbookXml.replace('</sheets>', `${tag}</sheets>`);
    this.ensureRelNamespace();
    this.addOverride(path, CT_SHEET);
    this.sheets.push({ name, sheetId, rId, path });
    this.writeSheet(path, model);
    this.setPrintTitles(name, model.printTitleRows ?? 0);
  }

  /**
   * Rows 1..rows repeat at the top of every printed page of sheet `name` (0: none). Print titles are the
   * sheet-scoped defined name _xlnm.Print_Titles in workbook.xml, localSheetId being the sheet's 0-based
   * position in <sheets> (ECMA-376 Part 1, 18.2.5 definedName); Excel, WPS and LibreOffice all honour it.
   */
  private setPrintTitles(name: string, rows: number): void {
    const index = [...this.workbookXml.matchAll(/<sheet\b([^>]*?)\/?>/g)].findIndex(
      (m) => attrs(m[1]!).name === name,
    );
    if (index < 0) return;
    const isOurs = (tag: string) => {
      const a = attrs(tag);
      return a.name === '_xlnm.Print_Titles' && a.localSheetId === String(index);
    };
    let xml = this.workbookXml.replace(
      /<definedName\b([^>]*)>[\s\S]*?<\/definedName>/g,
      (whole, tag: string) => (isOurs(tag) ? '' : whole),
    );
    if (rows > 0) {
      const ref = `'${name.replace(/'/g, "''")}'!$1:$${rows}`;
      const el = `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">${escapeXml(ref)}</definedName>`;
      if (/<definedNames\s*\/>/.test(xml))
        xml = xml.replace(/<definedNames\s*\/>/, `<definedNames>${el}</definedNames>`);
      else if (xml.includes('</definedNames>')) xml = xml.replace('</definedNames>', `${el}</definedNames>`);
      else {
        // definedNames follows sheets, functionGroups and externalReferences (CT_Workbook's sequence).
        const after = ['</externalReferences>', '</functionGroups>', '</sheets>'].find((t) =>
          xml.includes(t),
        );
        if (after) xml = xml.replace(after, `${after}<definedNames>${el}</definedNames>`);
      }
    } else xml = xml.replace(/<definedNames>\s*<\/definedNames>/, '');
    this.workbookXml = xml;
  }

  /** Removes a sheet: its <sheet> element, relationship, content type, part and the part's relationships. */
  removeSheet(name: string): void {
    const i = this.sheets.findIndex((s) => s.name === name);
    if (i < 0) return;
    const info = this.sheets[i]!;
    this.dropSheetRels(info.path);
    this.remove(info.path);
    this.removeOverride(info.path);
    this.workbookRels = this.workbookRels.filter((r) => r.id !== info.rId);
    this.workbookXml = this.workbookXml.replace(
      new RegExp(`<sheet\\b[^>]*\\bsheetId="${info.sheetId}"[^>]*/>`),
      '',
    );
    // activeTab / firstSheet are indexes: a removed earlier sheet would leave them pointing elsewhere (or past the end).
    this.workbookXml = this.workbookXml.replace(/\s(activeTab|firstSheet)="\d+"/g, ' $1="0"');
    this.sheets.splice(i, 1);
  }

  /**
   * Marks the workbook "read-only recommended" (<fileSharing readOnlyRecommended="1"/>, ECMA-376 §18.2.12):
   * Excel and WPS offer to open it read-only. It goes right before <workbookPr> (CT_Workbook order).
   */
  markReadOnlyRecommended(): void {
    if (/<fileSharing\b/.test(this.workbookXml)) return;
    if (/<workbookPr\b/.test(this.workbookXml))
      this.workbookXml = this.workbookXml.replace(
        /<workbookPr\b/,
        '<fileSharing readOnlyRecommended="1"/><workbookPr',
      );
  }

  /** The workbook element must declare the `r` prefix our <sheet r:id> uses. */
  private ensureRelNamespace(): void {
    const open = /<workbook\b[^>]*>/.exec(this.workbookXml)!;
    if (!/\sxmlns:r="/.test(open[0])) {
      const fixed = open[0].replace(/^<workbook\b/, `<workbook xmlns:r="${REL}"`);
      this.workbookXml = this.workbookXml.replace(open[0], fixed);
    }
  }

  private newRelId(rels: readonly Rel[]): string {
    let n = rels.length + 1;
    while (rels.some((r) => r.id === `rId${n}`)) n++;
    return `rId${n}`;
  }

  private addOverride(path: string, contentType: string): void {
    let ct = this.text('[Content_Types].xml') ?? '';
    if (!ct.includes(`PartName="/${path}"`)) {
      ct = ct.replace('</Types>', `<Override PartName="/${path}" ContentType="${contentType}"/></Types>`);
      this.put('[Content_Types].xml', ct);
    }
  }

  private removeOverride(path: string): void {
    const ct = this.text('[Content_Types].xml') ?? '';
    const next = ct.replace(new RegExp(`<Override\\b[^>]*PartName="/${escapeRe(path)}"[^>]*/>`), '');
    if (next !== ct) this.put('[Content_Types].xml', next);
  }

  private addDefault(ext: string, contentType: string): void {
    const ct = this.text('[Content_Types].xml') ?? '';
    if (!new RegExp(`<Default\\b[^>]*Extension="${ext}"`, 'i').test(ct))
      this.put(
        '[Content_Types].xml',
        ct.replace(/(<Types\b[^>]*>)/, `$1<Default Extension="${ext}" ContentType="${contentType}"/>`),
      );
  }

  /** Drops a replaced sheet's relationships; its notes parts go too (they point at old cells). */
  private dropSheetRels(path: string): void {
    const relsPath = relsPathOf(path);
    for (const r of parseRels(this.text(relsPath))) {
      if (r.external) continue;
      if (r.type === REL_COMMENTS || r.type === REL_VML || r.type.endsWith('/threadedComment')) {
        const part = resolve(dirOf(path), r.target);
        this.remove(part);
        this.removeOverride(part);
      }
    }
    if (this.entry(relsPath) || this.changed.has(relsPath)) this.remove(relsPath);
  }

  private writeSheet(path: string, model: SheetModel): void {
    const ids = this.styles();
    // Each sheet's VML notes get their own shape-id block (Excel expects them unique in the workbook).
    const block = this.sheets.findIndex((s) => s.path === path) + 1;
    // Shared strings, not inline ones: tried for big sheets (npm run bench, 2026-12-02), the 120k-row
    // ledger's XML grew by 58 % (names, items and statuses repeat on every row) and reading it cost more
    // than the lookups saved.
    const part = new EntryWriter(path);
    const known = model.readFrom && this.readIndexes.get(model.readFrom.values);
    const rendered = renderSheet(
      model,
      ids,
      (s, readRow, col) => this.internAt(s, known, readRow, col),
      this.date1904,
      (c) => part.push(c),
      block,
    );
    const sheetRels: Rel[] = [];
    if (rendered.comments) {
      // Conventional part names (xl/commentsN.xml, xl/drawings/vmlDrawingN.vml): some readers rely on them.
      const wbDir = dirOf(this.workbookPath);
      const taken = new Set([...this.entries.map((e) => e.name), ...this.changed.keys()]);
      let n = 1;
      while (taken.has(`${wbDir}comments${n}.xml`) || taken.has(`${wbDir}drawings/vmlDrawing${n}.vml`)) n++;
      const commentsPath = `${wbDir}comments${n}.xml`;
      const vmlPath = `${wbDir}drawings/vmlDrawing${n}.vml`;
      this.put(commentsPath, rendered.comments.commentsXml);
      this.put(vmlPath, rendered.comments.vml);
      this.addOverride(commentsPath, CT_COMMENTS);
      this.addDefault('vml', CT_VML);
      sheetRels.push(
        {
          id: NOTES_REL_IDS.comments,
          type: REL_COMMENTS,
          target: relativeTarget(dirOf(path), commentsPath),
          external: false,
        },
        {
          id: NOTES_REL_IDS.vml,
          type: REL_VML,
          target: relativeTarget(dirOf(path), vmlPath),
          external: false,
        },
      );
    }
    this.putBytes(path, part.finish());
    if (sheetRels.length) this.put(relsPathOf(path), renderRels(sheetRels));
    this.dropCalcChain();
  }

  /** calcChain lists formula cells by position; after a rewrite it would be stale, and Excel rebuilds it. */
  private dropCalcChain(): void {
    const rel = this.workbookRels.find((r) => r.type === REL_CALCCHAIN);
    if (!rel) return;
    const path = resolve(dirOf(this.workbookPath), rel.target);
    this.workbookRels = this.workbookRels.filter((r) => r !== rel);
    this.remove(path);
    this.removeOverride(path);
  }

  /** Serialises the package: unchanged parts keep their original compressed bytes. */
  toBuffer(): Buffer {
    const wbDir = dirOf(this.workbookPath);
    this.put(this.workbookPath, this.workbookXml);
    this.put(relsPathOf(this.workbookPath), renderRels(this.workbookRels));
    if (this.sst && this.sstDirty) {
      if (!this.sstPath) {
        this.sstPath = `${wbDir}sharedStrings.xml`;
        this.workbookRels.push({
          id: this.newRelId(this.workbookRels),
          type: REL_SST,
          target: 'sharedStrings.xml',
          external: false,
        });
        this.put(relsPathOf(this.workbookPath), renderRels(this.workbookRels));
        this.addOverride(this.sstPath, CT_SST);
      }
      const n = this.sst.length;
      // In pieces, like a big sheet: 370k items are 21 MiB of XML.
      const part = new EntryWriter(this.sstPath);
      let batch = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN_NS}" count="${n}" uniqueCount="${n}">`;
      for (let i = 0; i < n; i++) {
        batch += this.sstXml.get(i) ?? `<si><t xml:space="preserve">${escapeXml(this.sst[i]!)}</t></si>`;
        if (batch.length > 1 << 20) {
          part.push(Buffer.from(batch, 'utf8'));
          batch = '';
        }
      }
      part.push(Buffer.from(`${batch}</sst>`, 'utf8'));
      this.putBytes(this.sstPath, part.finish());
      this.sstDirty = false;
    }
    const out: ZipEntry[] = [];
    const seen = new Set<string>();
    for (const e of this.entries) {
      if (this.removed.has(e.name)) continue;
      seen.add(e.name);
      const c = this.changed.get(e.name);
      out.push(c ? entryOf(e.name, c) : e);
    }
    for (const [name, c] of this.changed) if (!seen.has(name)) out.push(entryOf(name, c));
    this.entries = out;
    this.changed.clear();
    this.removed.clear();
    return writeZip(out);
  }
}

/**
 * Whether two sheets' cells are the same as written to a part: empty strings, null and missing cells
 * alike (none is written), trailing empty cells and rows ignored, dates by their instant, -0 as 0.
 */
export function sameCells(a: readonly (readonly Cell[])[], b: readonly (readonly Cell[])[]): boolean {
  const rows = Math.max(a.length, b.length);
  for (let r = 0; r < rows; r++) {
    const x = a[r] ?? [];
    const y = b[r] ?? [];
    const cols = Math.max(x.length, y.length);
    for (let c = 0; c < cols; c++) {
      const u = x[c] ?? null;
      const v = y[c] ?? null;
      if (u === v) continue;
      if ((u === null || u === '') && (v === null || v === '')) continue;
      if (u instanceof Date && v instanceof Date && u.getTime() === v.getTime()) continue;
      return false;
    }
  }
  return true;
}

/** A cell read by commonCell (one object reused for every cell). */
interface FastCell {
  col: number;
  value: Cell;
  /** The shared-string index of a text cell, else -1. */
  sst: number;
}

/** Rows are scanned in pieces of about this many bytes of XML (see parseSheet). */
const SCAN_PIECE = 1024 * 1024;

interface ScanState {
  out: Cell[][];
  /** Number of the last row seen (a row without r="" follows it). */
  rowNo: number;
  /** Cells held so far, against MAX_SHEET_CELLS. */
  dense: number;
  /** values()'s padRows, and the width rows are padded to once row 1 is read (0 before, or without). */
  padRows: number | undefined;
  width: number;
  /** Blank cells added by padding so far, against MAX_PAD_CELLS. */
  padCells: number;
  /** The shared-string indexes of the cells read, growing (see ReadIndexes). */
  idx: ReadIndexes & { length: number };
}

/**
 * Of a sheet as read, by 0-based row: where the row's entries start in `cells` (-1: no shared string in the
 * row) and how many there are (its width); each entry is the shared-string index its cell was read from,
 * or -1 (a number, an inline text, a blank, a cell read by the general path).
 */
interface ReadIndexes {
  rowBase: Int32Array;
  rowWidth: Int32Array;
  cells: Int32Array;
}

/**
 * Bounds of the recorded indexes (they only spare lookups, so anything past them is simply looked up when
 * written): columns A…IV of each row, and 8M entries in all (32 MiB; the benchmark ledger has 2.4M). Without
 * them a small hostile file with cells in A and XFD on each row would reserve 16k entries a row.
 */
const INDEX_COLUMNS = 256;
const MAX_INDEXES = 8 * 1024 * 1024;
/** Blank cells values()'s padRows may add to a sheet (32 MiB; the benchmark ledger needs 0.1M). */
const MAX_PAD_CELLS = 4 * 1024 * 1024;
/** A row's base when its indexes are not recorded (the budget is spent). */
const NOT_RECORDED = -2;

/** Sets the entry of column `col` in the row whose entries start at `base`, blanks (-1) before it. */
function recordIndex(idx: ScanState['idx'], base: number, col: number, n: number): void {
  const at = base + col;
  if (at >= idx.cells.length) idx.cells = grown(idx.cells, at + 1, -1);
  // Entries between the last one set and this one are -1 (cells arrive in column order).
  if (at > idx.length) idx.cells.fill(-1, idx.length, at);
  idx.cells[at] = n;
  if (at >= idx.length) idx.length = at + 1;
}

/** Ends a row that had shared strings: its entries run to its width, and its base is kept. */
function endRowIndexes(idx: ScanState['idx'], row: number, base: number, width: number): void {
  const end = base + width;
  if (end > idx.cells.length) idx.cells = grown(idx.cells, end, -1);
  if (end > idx.length) {
    idx.cells.fill(-1, idx.length, end);
    idx.length = end;
  }
  if (row >= idx.rowBase.length) {
    idx.rowBase = grown(idx.rowBase, row + 1, -1);
    idx.rowWidth = grown(idx.rowWidth, row + 1, 0);
  }
  idx.rowBase[row] = base;
  idx.rowWidth[row] = width;
}

/** A copy of `a` with room for at least `need` entries (×1.5), the new ones set to `blank`. */
function grown(a: Int32Array, need: number, blank: number): Int32Array {
  const out = new Int32Array(Math.max(need, Math.ceil(a.length * 1.5))).fill(blank, a.length);
  out.set(a);
  return out;
}

const PRESERVE = Buffer.from(' xml:space="preserve">');
const T_SI_CLOSE = Buffer.from('</t></si>');

/**
 * A plain string item's text, when the bytes after `<si>` (from `from`) are one `<t>` (or
 * `<t xml:space="preserve">`) without markup inside, then `</t></si>` (its end goes to `at.end`); else
 * undefined. Byte tests in JavaScript, not Buffer methods: this runs once per item (370k in the
 * benchmark book), and each native call costs more than comparing a few bytes.
 */
function plainText(buf: Buffer, from: number, at: { end: number }): string | undefined {
  if (buf[from] !== 60 || buf[from + 1] !== 116) return undefined; // '<t'
  let start = from + 2;
  if (buf[start] === 32) {
    for (let k = 0; k < PRESERVE.length; k++) if (buf[start + k] !== PRESERVE[k]) return undefined;
    start += PRESERVE.length;
  } else if (buf[start] === 62) start++;
  else return undefined;
  let end = start;
  const n = buf.length;
  while (end < n && buf[end] !== 60) end++;
  for (let k = 0; k < T_SI_CLOSE.length; k++) if (buf[end + k] !== T_SI_CLOSE[k]) return undefined;
  at.end = end + T_SI_CLOSE.length;
  return unescapeOoxml(unescapeXml(buf.toString('utf8', start, end)));
}

/** A copy of `row` of length `width`, '' past its cells (as recompute pads). */
function padded(row: readonly Cell[], width: number): Cell[] {
  const out: Cell[] = new Array(width);
  const n = row.length;
  for (let i = 0; i < width; i++) out[i] = i < n ? row[i]! : '';
  return out;
}

/** Index in `buf` of the next start tag `name` (followed by whitespace, '>' or '/'), or -1. */
function nextTagIn(buf: Buffer, name: string, from: number): number {
  let i = buf.indexOf(name, from);
  while (i >= 0) {
    const c = buf[i + name.length];
    if (c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13) return i;
    i = buf.indexOf(name, i + name.length);
  }
  return -1;
}

function entryOf(name: string, c: Buffer | ZipEntry): ZipEntry {
  return Buffer.isBuffer(c) ? makeEntry(name, c) : c;
}

/** Index of the next start tag `name` (followed by whitespace, '>' or '/'), or -1. */
function nextTag(s: string, name: string, from: number): number {
  let i = s.indexOf(name, from);
  while (i >= 0) {
    const c = s.charCodeAt(i + name.length);
    if (c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13) return i;
    i = s.indexOf(name, i + name.length);
  }
  return -1;
}

/** Value of an unprefixed attribute in a start tag's attribute text (`r="A1" s="3"` → attr(…, 's') = '3'). */
function attr(a: string, name: string): string | undefined {
  let i = a.indexOf(`${name}="`);
  while (i >= 0) {
    const before = a.charCodeAt(i - 1);
    // must start an attribute: preceded by whitespace (not 'xr:r' or 'spans')
    if (i === 0 || before === 32 || before === 9 || before === 10 || before === 13) {
      const start = i + name.length + 2;
      return a.slice(start, a.indexOf('"', start));
    }
    i = a.indexOf(`${name}="`, i + 1);
  }
  return undefined;
}

/** A row's `r` attribute as a number: a positive integer, else the file is refused. */
function rowNumber(r: string): number {
  if (!/^\d{1,8}$/.test(r) || r === '0' || Number(r) > MAX_ROWS)
    throw new XlsxFormatError(
      /^\d+$/.test(r) && r.replace(/^0+/, '') !== ''
        ? `行号 ${quote(r)} 超出 Excel 的范围（最多 ${MAX_ROWS} 行）`
        : `行号 ${quote(r)} 无效`,
    );
  return Number(r);
}

/** Whether the part's root element (after the XML declaration, any prefix) is `name`. */
function hasRoot(xml: string, name: string): boolean {
  return new RegExp(
    `^(?:\\uFEFF)?\\s*(?:<\\?[\\s\\S]*?\\?>\\s*)?(?:<!--[\\s\\S]*?-->\\s*)*<(?:[\\w.-]+:)?${name}[\\s>/]`,
  ).test(xml.slice(0, 4096));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
