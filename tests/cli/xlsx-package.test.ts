// The .xlsx package layer: cell types in and out, exceljs-written and hand-written parts, untouched parts kept byte for byte.

import ExcelJS from 'exceljs';
import { XlsxFormatError, XlsxPackage } from '../../src/cli/xlsx/package';
import { dateStyleIndexes, ensureStyles, isDateFormat } from '../../src/cli/xlsx/styles';
import { columnIndex, columnLetters, escapeXml, stringItemText, unescapeOoxml } from '../../src/cli/xlsx/xml';
import { crc32, entryData, jsCrc32, makeEntry, readZip, writeZip } from '../../src/cli/xlsx/zip';

const utc = (y: number, m: number, d: number, hh = 0, mi = 0, ss = 0) =>
  new Date(Date.UTC(y, m - 1, d, hh, mi, ss));

function roundTrip(pkg: XlsxPackage): XlsxPackage {
  return XlsxPackage.open(pkg.toBuffer());
}

test('crc32 (native and JavaScript fallback) matches the reference value', () => {
  expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  expect(jsCrc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  const big = Buffer.from('积分台账'.repeat(5000));
  expect(jsCrc32(big)).toBe(crc32(big));
});

test('zip: entries survive a write/read cycle, stored raw bytes are reused', () => {
  const a = makeEntry('a.xml', '<a>积分</a>');
  const b = makeEntry('dir/b.bin', Buffer.alloc(1000, 7));
  const back = readZip(writeZip([a, b]));
  expect(back.map((e) => e.name)).toEqual(['a.xml', 'dir/b.bin']);
  expect(entryData(back[0]!).toString()).toBe('<a>积分</a>');
  expect(entryData(back[1]!)).toEqual(Buffer.alloc(1000, 7));
  expect(Buffer.compare(back[1]!.raw, b.raw)).toBe(0);
});

test('column letters and indexes are inverse', () => {
  for (const i of [0, 1, 25, 26, 27, 51, 52, 701, 702, 16383]) expect(columnIndex(columnLetters(i))).toBe(i);
  expect(columnLetters(27)).toBe('AB');
});

test('OOXML string escapes: control characters and literal _xHHHH_ survive', () => {
  const text = 'a\u0001b _x0041_ <&> "q"';
  const xml = `<si><t>${escapeXml(text)}</t></si>`;
  expect(stringItemText(xml)).toBe(text);
  expect(unescapeOoxml('line_x000D_')).toBe('line\r');
});

test('date formats are recognised, number formats are not', () => {
  for (const f of ['yyyy-mm-dd', 'yyyy"年"m"月"', 'mmm-yy', 'hh:mm:ss', '[$-804]yyyy/m/d', 'yyyy-mm'])
    expect(isDateFormat(f)).toBe(true);
  for (const f of ['0.00', '#,##0', '@', 'General', '0"分"', '[Red]-0.0', '0.00E+00'])
    expect(isDateFormat(f)).toBe(false);
  const xml =
    '<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm"/></numFmts>' +
    '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="49"/></cellXfs></styleSheet>';
  expect([...dateStyleIndexes(xml)]).toEqual([1, 2]);
});

test('ensureStyles reuses its own entries instead of growing styles.xml on every run', () => {
  const first = ensureStyles(
    '<styleSheet><fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts></styleSheet>',
  );
  const second = ensureStyles(first.xml);
  expect(second.xml).toBe(first.xml);
  expect(second.ids).toEqual(first.ids);
  // The bold font derives from the workbook's default font, so a Chinese default font is kept.
  expect(first.xml).toContain('<font><b/><sz val="11"/><name val="等线"/></font>');
});

test('every cell type written is read back as the same value', () => {
  const pkg = XlsxPackage.create();
  const values = [
    ['文本', '数字', '布尔', '日期', '时间'],
    ['001', 12, true, utc(2026, 10, 1), utc(2026, 10, 1, 10, 5, 3)],
    ['=IMPORTXML("x")', -0.5, false, utc(1999, 12, 31), utc(2026, 2, 28, 23, 59, 59)],
    [' 带空格 ', 1e21, null, '', '2026-10'],
  ];
  pkg.addSheet('测试', { values, headerRows: [0], freezeRows: 1 });
  const back = roundTrip(pkg).values('测试')!;
  expect(back[0]).toEqual(values[0]);
  expect(back[1]).toEqual(values[1]);
  // A string that looks like a formula stays a string (never becomes a formula).
  expect(back[2]).toEqual(values[2]);
  expect(back[3]).toEqual([' 带空格 ', 1e21, null, null, '2026-10']);
});

test('reads what exceljs writes: shared strings, rich text, formulas with results, hyperlinks, errors, dates', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  ws.addRow([
    { richText: [{ text: '已' }, { text: '通过', font: { bold: true } }] },
    { formula: '1+1', result: 2 },
    { text: '见照片', hyperlink: 'https://example.org/p.jpg' },
    { error: '#N/A' },
    utc(2026, 3, 1),
    { formula: 'A2&"!"', result: '已通过!' },
    { sharedFormula: 'B2', result: 2 },
  ]);
  ws.getCell('E2').numFmt = 'yyyy-mm';
  ws.getCell('G2').value = { formula: 'B2*1', result: 2 } as ExcelJS.CellFormulaValue;
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const pkg = XlsxPackage.open(buf);
  expect(pkg.values('数据')![1]).toEqual(['已通过', 2, '见照片', '#N/A', utc(2026, 3, 1), '已通过!', 2]);
});

test('reads hand-written parts: inline strings, str/d/e cell types, missing r attributes, 1904 dates', () => {
  const base = XlsxPackage.create();
  base.addSheet('S', { values: [['x']] });
  const entries = readZip(base.toBuffer());
  const sheetXml =
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    '<row><c t="inlineStr"><is><r><t>王</t></r><r><t xml:space="preserve">建国 </t></r><rPh><t>おう</t></rPh></is></c>' +
    '<c t="str"><f>X</f><v>公式&amp;文本</v></c><c t="d"><v>2026-10-05T00:00:00</v></c><c t="e"><v>#DIV/0!</v></c></row>' +
    '<row r="3"><c r="C3"><v>45931</v></c><c r="E3" t="b"><v>1</v></c><c r="F3"><f>A1</f></c></row>' +
    '</sheetData></worksheet>';
  const patched = entries.map((e) =>
    e.name === 'xl/worksheets/sheet1.xml'
      ? makeEntry(e.name, sheetXml)
      : e.name === 'xl/workbook.xml'
        ? makeEntry(e.name, entryData(e).toString().replace('<workbookPr/>', '<workbookPr date1904="1"/>'))
        : e,
  );
  const pkg = XlsxPackage.open(writeZip(patched));
  const v = pkg.values('S')!;
  expect(v[0]).toEqual(['王建国 ', '公式&文本', utc(2026, 10, 5), '#DIV/0!']);
  expect(v[1]).toEqual([]);
  // No date style on C3: a plain number; the formula without a cached value reads as empty.
  expect(v[2]).toEqual([null, null, 45931, null, true]);
});

test('replacing one sheet keeps every other part byte for byte and adds a sheet at the end', () => {
  const pkg = XlsxPackage.create();
  pkg.addSheet('甲', { values: [['a', 1]] });
  pkg.addSheet('乙', { values: [['b', 2]], notes: [{ row: 0, col: 0, text: '提示' }] });
  const before = readZip(pkg.toBuffer());
  const again = XlsxPackage.open(writeZip(before));
  again.replaceSheet('乙', { values: [['c', 3]] });
  again.addSheet('丙', { values: [['d']], protect: true });
  const after = readZip(again.toBuffer());
  const raw = (es: typeof before, n: string) => es.find((e) => e.name === n)?.raw;
  expect(
    Buffer.compare(raw(after, 'xl/worksheets/sheet1.xml')!, raw(before, 'xl/worksheets/sheet1.xml')!),
  ).toBe(0);
  // The replaced sheet's notes went with its old content.
  expect(after.some((e) => e.name.startsWith('xl/comments'))).toBe(false);
  const back = XlsxPackage.open(writeZip(after));
  expect(back.sheets.map((s) => s.name)).toEqual(['甲', '乙', '丙']);
  expect(back.values('乙')).toEqual([['c', 3]]);
  expect(entryData(after.find((e) => e.name === 'xl/worksheets/sheet3.xml')!).toString()).toContain(
    '<sheetProtection sheet="1"',
  );
});

test('exceljs reads our output: frozen header, widths, dropdowns, notes, protection', async () => {
  const pkg = XlsxPackage.create();
  pkg.addSheet('名册', {
    values: [
      ['编号', '参与排名'],
      ['001', '是'],
    ],
    columns: [
      { width: 70, style: 'text' },
      { width: 70, style: 'text' },
    ],
    headerRows: [0],
    freezeRows: 1,
    validations: [{ col: 1, choices: ['是', '否'] }],
    notes: [{ row: 0, col: 0, text: '干部编号，如 001' }],
  });
  pkg.addSheet('公示', { values: [['标题']], protect: true });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(pkg.toBuffer() as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('名册')!;
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(ws.getCell('A1').font?.bold).toBe(true);
  expect(ws.getCell('A2').numFmt).toBe('@');
  expect(ws.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
  expect(ws.getColumn(1).width).toBeGreaterThan(8);
  const note = ws.getCell('A1').note as string | { texts: { text: string }[] };
  expect(typeof note === 'string' ? note : note.texts.map((t) => t.text).join('')).toBe('干部编号，如 001');
  expect(
    (wb.getWorksheet('公示') as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet,
  ).toBe(true);
});

test('garbage is refused as not an .xlsx', () => {
  expect(() => XlsxPackage.open(Buffer.from('这不是压缩包'))).toThrow(XlsxFormatError);
  const good = XlsxPackage.create();
  good.addSheet('S', { values: [['x']] });
  const buf = good.toBuffer();
  // Flip bytes inside the first entry's data: the CRC check notices.
  const bad = Buffer.from(buf);
  for (let i = 60; i < 90; i++) bad[i] = bad[i]! ^ 0xff;
  expect(() => XlsxPackage.open(bad).values('S')).toThrow(XlsxFormatError);
});
