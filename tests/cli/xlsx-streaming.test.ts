// Big parts without whole-part buffers or strings (issue 12 part 2): pieces deflated one by one, sheets and shared strings scanned piece by piece, unchanged sheets kept byte for byte.

import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { readBookValues, runDemo, runRecompute, type WorkbookContext } from '../../src/cli/xlsx/commands';
import { sameCells, XlsxFormatError, XlsxPackage } from '../../src/cli/xlsx/package';
import { crc32, EntryWriter, entryData, jsCrc32, makeEntry, readZip, writeZip } from '../../src/cli/xlsx/zip';
import type { Cell } from '../../src/shared/cells';
import { recompute } from '../../src/shared/recompute';
import { TAB } from '../../src/shared/tabs';

/** A sheet of `rows` rows whose XML is several MiB: text (shared strings), numbers and an empty cell. */
function bigValues(rows: number): Cell[][] {
  return Array.from({ length: rows }, (_, i) => [
    `E${String(i + 1).padStart(6, '0')}`,
    i % 7,
    i % 3 === 0 ? '' : `第${i + 1}项：参加社区志愿服务活动`,
    i * 2 + 0.5,
  ]);
}

test('crc32 continues over pieces, natively and in JavaScript', () => {
  const a = Buffer.from('积分台账'.repeat(1000));
  const b = Buffer.from('<row r="1"/>'.repeat(500));
  const whole = Buffer.concat([a, b]);
  expect(crc32(b, crc32(a))).toBe(crc32(whole));
  expect(jsCrc32(b, jsCrc32(a))).toBe(jsCrc32(whole));
  expect(jsCrc32(whole)).toBe(crc32(whole));
});

test('EntryWriter: pieces deflated one by one make one valid deflate stream of the whole part', () => {
  const pieces = Array.from({ length: 5 }, (_, i) =>
    Buffer.from(`<row r="${i}">${'干部积分'.repeat(90_000 + i)}</row>`),
  );
  const w = new EntryWriter('xl/worksheets/sheet9.xml');
  for (const p of pieces) w.push(p);
  const e = w.finish();
  const whole = Buffer.concat(pieces);
  expect(e.size).toBe(whole.length);
  expect(e.crc).toBe(crc32(whole));
  expect(e.method).toBe(8);
  // Node's inflater, then our reader after a trip through a zip (CRC and size checked there).
  expect(inflateRawSync(e.raw).equals(whole)).toBe(true);
  const back = readZip(writeZip([e]))[0]!;
  expect(entryData(back).equals(whole)).toBe(true);
  // Compressed, not stored: the repeated text shrinks far below its size.
  expect(e.compressedSize).toBeLessThan(whole.length / 20);
});

test('EntryWriter: one small piece is the same entry as makeEntry (level 6), no piece is an empty part', () => {
  const small = Buffer.from('<worksheet>积分</worksheet>');
  const w = new EntryWriter('a.xml');
  w.push(small);
  expect(w.finish()).toEqual(makeEntry('a.xml', small));
  const empty = new EntryWriter('b.xml');
  empty.push(Buffer.alloc(0));
  const e = empty.finish();
  expect(e.size).toBe(0);
  expect(entryData(e).length).toBe(0);
});

test('a sheet of several MiB is written in pieces and read back piece by piece, equal cell for cell', async () => {
  const values = bigValues(60_000);
  const pkg = XlsxPackage.create();
  pkg.addSheet('台账', { values });
  const buf = pkg.toBuffer();
  const part = readZip(buf).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
  // Several scan pieces (1 MiB each) and several deflated pieces.
  expect(part.size).toBeGreaterThan(3 * 1024 * 1024);
  const back = XlsxPackage.open(buf).values('台账')!;
  expect(back.length).toBe(values.length);
  expect(sameCells(back, values)).toBe(true);
  expect(back[59_999]).toEqual(['E060000', 59_999 % 7, '第60000项：参加社区志愿服务活动', 119_998.5]);
  expect(back[3]).toEqual(['E000004', 3, null, 6.5]);
  // An independent reader (exceljs, its own unzip and XML parser) sees the same cells.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('台账')!;
  expect(ws.rowCount).toBe(60_000);
  expect(ws.getRow(45_002).values).toEqual([
    undefined,
    'E045002',
    45_001 % 7,
    '第45002项：参加社区志愿服务活动',
    90_002.5,
  ]);
});

/** Replaces one part's text in a package. */
function patchPart(buf: Buffer, name: string, edit: (xml: string) => string): Buffer {
  return writeZip(
    readZip(buf).map((e) => (e.name === name ? makeEntry(name, edit(entryData(e).toString('utf8'))) : e)),
  );
}

test('rows without r="" keep their numbering across scan pieces; an error deep in the sheet names its cell', () => {
  const pkg = XlsxPackage.create();
  pkg.addSheet('台账', { values: bigValues(50_000) });
  const buf = pkg.toBuffer();
  // Strip every row's r="…": rows are then numbered by position, also in later pieces.
  const noRowNumbers = patchPart(buf, 'xl/worksheets/sheet1.xml', (x) => x.replace(/<row r="\d+"/g, '<row'));
  const v = XlsxPackage.open(noRowNumbers).values('台账')!;
  expect(v.length).toBe(50_000);
  expect(v[49_999]![0]).toBe('E050000');
  // A shared-string index that does not exist, in row 40000 (far past the first 1 MiB piece).
  const broken = patchPart(buf, 'xl/worksheets/sheet1.xml', (x) =>
    x.replace(/(<c r="A40000"[^>]*><v>)\d+(<\/v>)/, '$1999999999$2'),
  );
  expect(() => XlsxPackage.open(broken).values('台账')).toThrow(
    new XlsxFormatError(
      '工作表「台账」单元格 A40000：共享字符串编号 999999999 不存在（共享字符串表只有 83333 项，文件已损坏）',
    ),
  );
});

test('shared strings: plain items keep only their text, rich and phonetic items are written back as they were', () => {
  const base = XlsxPackage.create();
  base.addSheet('S', { values: [['甲', '乙', '丙', '丁']] });
  const rich = '<si><r><rPr><b/></rPr><t>王</t></r><r><t>建国</t></r></si>';
  const phonetic = '<si><t>東京</t><rPh sb="0" eb="2"><t>とうきょう</t></rPh></si>';
  const sstXml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<si><t>A&amp;B_x0001_C</t></si><si><t xml:space="preserve"> 空格 </t></si>${rich}${phonetic}</sst>`;
  const buf = patchPart(base.toBuffer(), 'xl/sharedStrings.xml', () => sstXml);
  const pkg = XlsxPackage.open(buf);
  expect(pkg.values('S')).toEqual([['A&B\u0001C', ' 空格 ', '王建国', '東京']]);
  // Adding a sheet interns new texts, so the table is written again.
  pkg.addSheet('T', { values: [['新', 'A&B\u0001C', '王建国']] });
  const out = pkg.toBuffer();
  const written = entryData(readZip(out).find((e) => e.name === 'xl/sharedStrings.xml')!).toString('utf8');
  expect(written).toContain(rich);
  expect(written).toContain(phonetic);
  expect(written).toContain('<si><t xml:space="preserve">A&amp;B_x0001_C</t></si>');
  const back = XlsxPackage.open(out);
  expect(back.values('S')).toEqual([['A&B\u0001C', ' 空格 ', '王建国', '東京']]);
  // A plain text is reused; the rich item is not (its runs carry formatting), so 王建国 gets a new item.
  expect(back.values('T')).toEqual([['新', 'A&B\u0001C', '王建国']]);
  expect((written.match(/<si>/g) ?? []).length).toBe(6);
});

test('a row written back as read reuses its shared-string indexes; a changed or rich cell is looked up', () => {
  const base = XlsxPackage.create();
  base.addSheet('S', { values: [['甲', '乙', '丙', '丁']] });
  // A table with the same text twice (other writers do that): the sheet's cells point at items 1, 2 and 3.
  const sstXml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<si><t>张三</t></si><si><t>张三</t></si><si><r><rPr><b/></rPr><t>李四</t></r></si><si><t>王五</t></si></sst>';
  const cells = (xml: string) =>
    xml.replace(
      /<sheetData>.*<\/sheetData>/s,
      '<sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>2</v></c><c r="C1" t="s"><v>3</v></c></row></sheetData>',
    );
  const buf = patchPart(
    patchPart(base.toBuffer(), 'xl/sharedStrings.xml', () => sstXml),
    'xl/worksheets/sheet1.xml',
    cells,
  );
  const indexes = (out: Buffer) =>
    [
      ...entryData(readZip(out).find((e) => e.name === 'xl/worksheets/sheet1.xml')!)
        .toString('utf8')
        .matchAll(/<c r="([A-Z]+1)"[^>]*t="s"><v>(\d+)<\/v>/g),
    ].map((m) => `${m[1]}=${m[2]}`);
  const rewrite = (change: (row: Cell[]) => Cell[], withSource: boolean) => {
    const pkg = XlsxPackage.open(buf);
    const read = pkg.values('S')!;
    expect(read).toEqual([['张三', '李四', '王五']]);
    const row = change(read[0]!);
    pkg.replaceSheet('S', {
      values: [row],
      ...(withSource ? { readFrom: { values: read, rows: [0] } } : {}),
    });
    return pkg.toBuffer();
  };
  // A padded copy of the row as read (what recompute writes): 张三 stays on item 1, the duplicate it was
  // read from; 王五 on item 3. The rich 李四 is not reused (its runs carry formatting): a new plain item 4.
  const padded = rewrite((r) => [...r, ''], true);
  expect(indexes(padded)).toEqual(['A1=1', 'B1=4', 'C1=3']);
  // Without the row as read, texts are looked up: 张三 is the first item with that text.
  expect(indexes(rewrite((r) => [...r, ''], false))).toEqual(['A1=0', 'B1=4', 'C1=3']);
  // A cell whose text changed is looked up, never given the index it was read from.
  const changed = rewrite((r) => ['王五', r[1]!, '张三'], true);
  expect(indexes(changed)).toEqual(['A1=3', 'B1=4', 'C1=0']);
  for (const out of [padded, changed])
    expect(XlsxPackage.open(out).values('S')![0]).toEqual(
      out === padded ? ['张三', '李四', '王五'] : ['王五', '李四', '张三'],
    );
});

test('values with padRows: rows after the first padded with blanks to the wider of row 1 and padRows', () => {
  const pkg = XlsxPackage.create();
  pkg.addSheet('S', { values: [['编号', '月份', '积分'], ['E1', null, 3], ['E2'], [], ['E4', 1, 2, 3, 4]] });
  const buf = pkg.toBuffer();
  // Row 4 holds no cell: the sheet has no <row> for it, and it stays empty (gaps are not filled in).
  expect(XlsxPackage.open(buf).values('S', { padRows: 5 })).toEqual([
    ['编号', '月份', '积分'],
    ['E1', null, 3, '', ''],
    ['E2', '', '', '', ''],
    [],
    ['E4', 1, 2, 3, 4],
  ]);
  // Row 1 wider than padRows: its width; without padRows, rows are as long as their last cell.
  expect(XlsxPackage.open(buf).values('S', { padRows: 2 })![2]).toEqual(['E2', '', '']);
  expect(XlsxPackage.open(buf).values('S')![2]).toEqual(['E2']);
});

test('padRows has a budget of its own: a stray cell at XFD in row 1 pads some rows, refuses nothing', () => {
  const header: Cell[] = ['编号'];
  header[16_383] = '多余';
  const pkg = XlsxPackage.create();
  pkg.addSheet('S', { values: [header, ...Array.from({ length: 300 }, (_, i) => [`E${i + 1}`])] });
  const v = XlsxPackage.open(pkg.toBuffer()).values('S', { padRows: 19 })!;
  expect(v.length).toBe(301);
  // 4M blank cells at most: 256 rows of 16,383 blanks fit, the rest stay as the file holds them.
  const padded = v.slice(1).filter((r) => r.length === 16_384).length;
  expect(padded).toBe(Math.floor((4 * 1024 * 1024) / 16_383));
  expect(v[300]).toEqual(['E300']);
  expect(v[1]![16_383]).toBe('');
});

test('a row with texts in A and XFD is written back right (indexes past column IV are looked up)', () => {
  const row: Cell[] = ['甲'];
  row[16_383] = '乙';
  const pkg = XlsxPackage.create();
  pkg.addSheet('S', { values: [['表头'], row, ['丙']] });
  const back = XlsxPackage.open(pkg.toBuffer());
  const read = back.values('S')!;
  // Written back swapped, from the rows as read: each text must come out as written, not as read.
  const swapped: Cell[] = ['乙'];
  swapped[16_383] = '甲';
  back.replaceSheet('S', {
    values: [read[0]!, swapped, read[2]!],
    readFrom: { values: read, rows: [0, 1, 2] },
  });
  const again = XlsxPackage.open(back.toBuffer()).values('S')!;
  expect(again[1]![0]).toBe('乙');
  expect(again[1]![16_383]).toBe('甲');
  expect(again[2]).toEqual(['丙']);
});

test('recompute writes the ledger rows of a book as read, not copies of them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jifen-rows-'));
  try {
    runDemo(join(dir, 'demo.xlsx'), { force: false, progress: () => {} });
    const pkg = XlsxPackage.open(readFileSync(join(dir, 'demo.xlsx')));
    const values = readBookValues(pkg);
    const read = values.ledger!;
    // The demo's rows leave trailing columns blank: as the file holds them they are shorter than the header
    // (recompute would copy each to pad it); read for recompute they have its full width.
    const width = read[0]!.length;
    expect(
      XlsxPackage.open(readFileSync(join(dir, 'demo.xlsx')))
        .values(TAB.ledger)!
        .slice(1)
        .some((r) => r.length < width),
    ).toBe(true);
    expect(read.slice(1).every((r) => r.length === width)).toBe(true);
    const result = recompute(values, {
      nowMonth: '2026-10',
      nowText: '2026-10-20 10:00:00',
      offsetMinutes: 480,
    });
    const kept = result.ledgerSourceRows.flatMap((src, i) =>
      src === null ? [] : [[result.ledger[i + 1], read[src - 1]]],
    );
    expect(kept.length).toBeGreaterThan(50);
    const same = kept.filter(([out, inp]) => out === inp).length;
    // Rows recompute fills in (a derived 积分) are copies; every other row is the very array read.
    expect(same).toBeGreaterThan(kept.length * 0.9);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sameCells: empty string, null and missing cells alike; dates by instant; any other difference counts', () => {
  const d = (t: number) => new Date(t);
  expect(sameCells([['a', '', null], []], [['a']])).toBe(true);
  expect(sameCells([[d(5), 1]], [[d(5), 1]])).toBe(true);
  expect(sameCells([[d(5)]], [[d(6)]])).toBe(false);
  expect(sameCells([['1']], [[1]])).toBe(false);
  expect(sameCells([[true]], [[1]])).toBe(false);
  expect(sameCells([['a'], ['b']], [['a']])).toBe(false);
  expect(sameCells([[0]], [[-0]])).toBe(true);
  expect(sameCells([[null, 'x']], [['', 'x']])).toBe(true);
  expect(sameCells([['x', 'y']], [['x', 'z']])).toBe(false);
});

describe('recompute keeps a tab that comes out unchanged', () => {
  let dir: string;
  const ctx = (): WorkbookContext => ({
    nowMonth: '2026-10',
    nowText: '2026-10-20 10:00:00',
    user: '测试',
    progress: () => {},
  });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jifen-keep-'));
    runDemo(join(dir, 'demo.xlsx'), { force: false, progress: () => {} });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ledgerPath = (file: string) => {
    const pkg = XlsxPackage.open(readFileSync(file));
    return pkg.sheet(TAB.ledger)!.path;
  };
  const raw = (file: string, part: string) => readZip(readFileSync(file)).find((e) => e.name === part)!.raw;

  test('a second recompute keeps the ledger and the shared strings byte for byte; the log gets its row inline', async () => {
    const file = join(dir, 'twice.xlsx');
    copyFileSync(join(dir, 'demo.xlsx'), file);
    runRecompute(file, ctx());
    const part = ledgerPath(file);
    const first = raw(file, part);
    const sst = raw(file, 'xl/sharedStrings.xml');
    const logRows = XlsxPackage.open(readFileSync(file)).values(TAB.log)!.length;
    runRecompute(file, { ...ctx(), user: '第二次运行的人' });
    expect(raw(file, part).equals(first)).toBe(true);
    // The new log row's texts are inline strings: the 21 MiB table of a big book is not written again.
    expect(raw(file, 'xl/sharedStrings.xml').equals(sst)).toBe(true);
    const log = XlsxPackage.open(readFileSync(file)).values(TAB.log)!;
    expect(log.length).toBe(logRows + 1);
    expect(log[logRows]!.slice(0, 3)).toEqual(['2026-10-20 10:00:00', '第二次运行的人', '重新计算']);
    // Another reader sees the inline texts too.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    expect(
      wb
        .getWorksheet(TAB.log)!
        .getRow(logRows + 1)
        .getCell(2).value,
    ).toBe('第二次运行的人');
  });

  test('a ledger whose column widths differ from the layout is written again, with the layout', () => {
    const file = join(dir, 'edited.xlsx');
    copyFileSync(join(dir, 'demo.xlsx'), file);
    runRecompute(file, ctx());
    const part = ledgerPath(file);
    const xmlOf = () => entryData(readZip(readFileSync(file)).find((e) => e.name === part)!).toString('utf8');
    const original = xmlOf();
    writeFileSync(
      file,
      patchPart(readFileSync(file), part, (x) => x.replace(/(<col min="1" max="1" width=")[\d.]+/, '$199')),
    );
    expect(xmlOf()).not.toBe(original);
    runRecompute(file, ctx());
    expect(xmlOf()).toBe(original);
  });
});

test('keepsSheet: only a part read unchanged, with the layout and notes the model renders', () => {
  const model = {
    values: [
      ['编号', '姓名'],
      ['001', '王芳'],
    ] as Cell[][],
    columns: [{ width: 70 }, { width: 90 }],
    notes: [{ row: 0, col: 0, text: '四位编号' }],
  };
  const make = () => {
    const pkg = XlsxPackage.create();
    pkg.addSheet('名册', model);
    pkg.addSheet('其他', { values: [['x']] });
    return pkg.toBuffer();
  };
  const buf = make();
  const read = (b: Buffer) => {
    const pkg = XlsxPackage.open(b);
    pkg.values('名册');
    return pkg;
  };
  // Not read in this session: nothing to compare with.
  expect(XlsxPackage.open(buf).keepsSheet('名册', model)).toBe(false);
  expect(read(buf).keepsSheet('名册', model)).toBe(true);
  // Another note text, another width, or a sheet rewritten in this session: no.
  expect(read(buf).keepsSheet('名册', { ...model, notes: [{ row: 0, col: 0, text: '编号' }] })).toBe(false);
  expect(read(buf).keepsSheet('名册', { ...model, columns: [{ width: 70 }, { width: 91 }] })).toBe(false);
  const rewritten = read(buf);
  rewritten.replaceSheet('名册', model);
  expect(rewritten.keepsSheet('名册', model)).toBe(false);
  // The notes part removed from the file (its relationship left behind): no.
  const noNotes = writeZip(readZip(buf).filter((e) => !e.name.includes('comments')));
  expect(read(noNotes).keepsSheet('名册', model)).toBe(false);
  // A model without notes for a part that has them: no.
  expect(read(buf).keepsSheet('名册', { ...model, notes: [] })).toBe(false);
});

test('property: the string-free path for common cells reads what the general path reads', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.array(
          fc.oneof(
            fc.string({ unit: fc.constantFrom('积', '分', 'a', '&', '<', ' ', '_', 'x'), maxLength: 6 }),
            fc.integer({ min: -2_000_000, max: 2_000_000 }),
            fc.double({ min: -1e6, max: 1e6, noNaN: true }),
            fc.boolean(),
            fc.constant(null),
            fc.date({
              min: new Date('1999-01-01T00:00:00Z'),
              max: new Date('2099-12-31T00:00:00Z'),
              noInvalidDate: true,
            }),
          ),
          { maxLength: 6 },
        ),
        { minLength: 1, maxLength: 12 },
      ),
      (rows) => {
        const pkg = XlsxPackage.create();
        pkg.addSheet('S', { values: rows, columns: [{ style: 'text' }, {}, { style: 'date' }] });
        const buf = pkg.toBuffer();
        const part = 'xl/worksheets/sheet1.xml';
        // The same cells with one more (ignored) attribute: none of them is "common" any more.
        const general = patchPart(buf, part, (x) =>
          x.replace(/<c (r="[A-Z]+\d+"[^>]*?)(\/?)>/g, '<c $1 cm="1"$2>'),
        );
        expect(entryData(readZip(general).find((e) => e.name === part)!).toString()).not.toMatch(
          /<c r="[A-Z]+\d+"( s="\d+")?( t="[sn]")?><v>/,
        );
        expect(XlsxPackage.open(buf).values('S')).toEqual(XlsxPackage.open(general).values('S'));
      },
    ),
    { numRuns: 60 },
  );
});
