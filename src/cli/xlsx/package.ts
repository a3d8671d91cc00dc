// An .xlsx package opened for patching: reads any sheet's cells, replaces or adds sheets, keeps every other part byte for byte.

import { type Cell, cellText } from '../../shared/cells';
import type { TabView } from '../../shared/seal';
import { serialToDate } from './serial';
import { NOTES_REL_IDS, renderSheet, type SheetModel } from './sheet-writer';
import { dateStyleIndexes, EMPTY_STYLES, ensureStyles, numberFormatCodes, type StyleIds } from './styles';
import { attrs, columnIndex, escapeXml, stringItemText, unescapeOoxml, unescapeXml } from './xml';
import { entryData, makeEntry, readZip, writeZip, type ZipEntry, ZipFormatError } from './zip';

/** A workbook that is not a readable .xlsx (not a zip, damaged, or missing required parts). */
export class XlsxFormatError extends Error {}

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

interface SharedString {
  text: string;
  /** The raw `<si>` element, written back unchanged. */
  xml: string;
}

export class XlsxPackage {
  private entries: ZipEntry[];
  private readonly changed = new Map<string, Buffer>();
  private readonly removed = new Set<string>();
  readonly sheets: SheetInfo[];
  private readonly workbookPath: string;
  private workbookXml: string;
  private workbookRels: Rel[];
  private readonly date1904: boolean;
  private sst: SharedString[] | undefined;
  private sstIndex: Map<string, number> | undefined;
  private sstPath: string | undefined;
  private sstDirty = false;
  private readonly stylesPath: string;
  private dateStyles: Set<number> | undefined;
  private styleIds: StyleIds | undefined;

  private constructor(
    entries: ZipEntry[],
    private readonly inflated = new Map<string, Buffer>(),
  ) {
    this.entries = entries;
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

  /** Opens package bytes; throws XlsxFormatError for anything that is not a workbook. */
  static open(buf: Buffer): XlsxPackage {
    let entries: ZipEntry[];
    try {
      entries = readZip(buf);
    } catch (e) {
      if (e instanceof ZipFormatError) throw new XlsxFormatError(`不是有效的 .xlsx 文件（${e.message}）`);
      throw e;
    }
    try {
      // Check every part's CRC now: a damaged part must be reported, not copied into the output.
      // The inflated bytes are kept for the first read, so no part is inflated twice.
      const inflated = new Map(entries.map((e) => [e.name, entryData(e)]));
      return new XlsxPackage(entries, inflated);
    } catch (e) {
      if (e instanceof ZipFormatError) throw new XlsxFormatError(`文件已损坏（${e.message}）`);
      throw e;
    }
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
    if (c) return c;
    const e = this.entry(path);
    if (!e) return undefined;
    const cached = this.inflated.get(path);
    // A sheet is read once: drop its cached bytes then, so they do not outlive the parse.
    if (cached && once) this.inflated.delete(path);
    return cached ?? entryData(e);
  }

  private text(path: string, once = false): string | undefined {
    return this.data(path, once)?.toString('utf8');
  }

  private put(path: string, text: string): void {
    this.putBytes(path, Buffer.from(text, 'utf8'));
  }

  private putBytes(path: string, data: Buffer): void {
    this.inflated.delete(path);
    this.removed.delete(path);
    this.changed.set(path, data);
  }

  private remove(path: string): void {
    this.changed.delete(path);
    this.removed.add(path);
  }

  sheet(name: string): SheetInfo | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  private sharedStrings(): SharedString[] {
    if (this.sst) return this.sst;
    const xml = this.sstPath ? this.text(this.sstPath) : undefined;
    this.sst = xml
      ? [...xml.matchAll(/<si\b[^>]*?(?:\/>|>[\s\S]*?<\/si>)/g)].map((m) => ({
          text: stringItemText(m[0]),
          xml: m[0],
        }))
      : [];
    return this.sst;
  }

  /** Shared string index for a text (reusing a plain item with the same text). */
  private intern(s: string): number {
    const sst = this.sharedStrings();
    if (!this.sstIndex) {
      this.sstIndex = new Map();
      sst.forEach((it, i) => {
        // Rich-text items keep their own formatting runs; only plain ones are reused.
        if (!it.xml.includes('<r>') && !it.xml.includes('<r ') && !this.sstIndex!.has(it.text))
          this.sstIndex!.set(it.text, i);
      });
    }
    const hit = this.sstIndex.get(s);
    if (hit !== undefined) return hit;
    sst.push({ text: s, xml: `<si><t xml:space="preserve">${escapeXml(s)}</t></si>` });
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
   */
  values(name: string): Cell[][] | undefined {
    const info = this.sheet(name);
    if (!info) return undefined;
    const xml = this.text(info.path, true);
    if (xml === undefined) throw new XlsxFormatError(`缺少工作表「${name}」的内容（${info.path}）`);
    this.dateStyles ??= dateStyleIndexes(this.text(this.stylesPath));
    const sst = this.sharedStrings();
    const out: Cell[][] = [];
    const dataStart = xml.indexOf('<sheetData');
    if (dataStart < 0) return out;
    const dataEnd = xml.indexOf('</sheetData>', dataStart);
    const data = xml.slice(dataStart, dataEnd < 0 ? xml.length : dataEnd);
    // A hand-rolled scan (indexOf, no regex per cell): a 100k-row ledger has two million cells.
    let rowNo = 0;
    let pos = 0;
    for (;;) {
      const rs = nextTag(data, '<row', pos);
      if (rs < 0) break;
      const rowTagEnd = data.indexOf('>', rs);
      if (rowTagEnd < 0) break;
      const r = attr(data.slice(rs + 4, rowTagEnd), 'r');
      rowNo = r ? Number(r) : rowNo + 1;
      if (data.charCodeAt(rowTagEnd - 1) === 47) {
        pos = rowTagEnd + 1;
        continue;
      }
      let rowEnd = data.indexOf('</row>', rowTagEnd);
      if (rowEnd < 0) rowEnd = data.length;
      const row: Cell[] = [];
      let col = -1;
      let cp = rowTagEnd + 1;
      for (;;) {
        const cs = nextTag(data, '<c', cp);
        if (cs < 0 || cs >= rowEnd) break;
        const te = data.indexOf('>', cs);
        const selfClosing = data.charCodeAt(te - 1) === 47;
        const a = data.slice(cs + 2, selfClosing ? te - 1 : te);
        const ref = attr(a, 'r');
        col = ref ? columnIndex(ref) : col + 1;
        if (selfClosing) {
          cp = te + 1;
          continue;
        }
        let ce = data.indexOf('</c>', te);
        if (ce < 0 || ce > rowEnd) ce = rowEnd;
        cp = ce + 4;
        const v = this.cellValue(data.slice(te + 1, ce), attr(a, 't'), Number(attr(a, 's') ?? 0), sst);
        if (v === null) continue;
        while (row.length < col) row.push(null);
        row[col] = v;
      }
      while (out.length < rowNo - 1) out.push([]);
      out[rowNo - 1] = row;
      pos = rowEnd + 6;
    }
    return out;
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

  private cellValue(inner: string, t: string | undefined, s: number, sst: SharedString[]): Cell {
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
        const item = sst[Number(raw)];
        if (!item) throw new XlsxFormatError(`共享字符串 ${raw} 不存在`);
        return item.text;
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

  /** Replaces a sheet's content (same position and name); its notes and drawings' links are dropped. */
  replaceSheet(name: string, model: SheetModel): void {
    const info = this.sheet(name);
    if (!info) throw new Error(`no sheet ${name}`);
    this.dropSheetRels(info.path);
    this.writeSheet(info.path, model);
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
    const rendered = renderSheet(model, ids, (s) => this.intern(s), this.date1904, block);
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
    this.putBytes(path, rendered.xml);
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
      const body = this.sst.map((s) => s.xml).join('');
      this.put(
        this.sstPath,
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN_NS}" count="${n}" uniqueCount="${n}">${body}</sst>`,
      );
      this.sstDirty = false;
    }
    const out: ZipEntry[] = [];
    const seen = new Set<string>();
    for (const e of this.entries) {
      if (this.removed.has(e.name)) continue;
      seen.add(e.name);
      const c = this.changed.get(e.name);
      out.push(c ? makeEntry(e.name, c) : e);
    }
    for (const [name, c] of this.changed) if (!seen.has(name)) out.push(makeEntry(name, c));
    this.entries = out;
    this.changed.clear();
    this.removed.clear();
    return writeZip(out);
  }
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

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
