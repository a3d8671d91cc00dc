// The rows renderSheet writes, byte for byte: every kind of cell, blanks, row heights, styles, escaping, batches.

import { renderSheet } from '../../src/cli/xlsx/sheet-writer';
import type { StyleIds } from '../../src/cli/xlsx/styles';
import type { Cell } from '../../src/shared/cells';

const IDS: StyleIds = {
  general: 0,
  text: 1,
  wrap: 2,
  header: 3,
  date: 4,
  datetime: 5,
  title: 6,
  tierTop: 7,
  tierBottom: 8,
  tierBottom3: 9,
};

/** The <sheetData> of a rendered sheet, the texts interned in order (index = position), and the chunks. */
function render(values: Cell[][], extra: { inline?: boolean; wrapWidth?: number } = {}) {
  const texts: string[] = [];
  const chunks: Buffer[] = [];
  renderSheet(
    {
      values,
      columns: [{ style: 'text' }, { style: extra.wrapWidth ? 'wrap' : 'general', width: extra.wrapWidth }],
      headerRows: [0],
      ...(extra.inline ? { inlineStrings: true } : {}),
    },
    IDS,
    (s) => {
      const i = texts.indexOf(s);
      if (i >= 0) return i;
      texts.push(s);
      return texts.length - 1;
    },
    false,
    (c) => chunks.push(Buffer.from(c)),
  );
  const xml = Buffer.concat(chunks).toString('utf8');
  return { data: /<sheetData>(.*)<\/sheetData>/s.exec(xml)![1]!, texts, chunks };
}

test('every kind of cell, written exactly (numbers as JavaScript prints them, -0 as 0)', () => {
  const { data, texts } = render([
    ['编号', '数'],
    ['E1', -12],
    ['E2', 0.1 + 0.2],
    ['E3', -0],
    ['E4', 2 ** 53],
    ['E5', 1e21],
    ['E6', true],
    ['E7', false],
    ['E8', new Date(Date.UTC(2026, 0, 2))],
    ['E9', new Date(Date.UTC(2026, 0, 2, 12))],
  ]);
  expect(texts).toEqual(['编号', '数', 'E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'E9']);
  const rows = data.split('</row>').filter(Boolean);
  expect(rows[0]).toBe('<row r="1"><c r="A1" s="3" t="s"><v>0</v></c><c r="B1" s="3" t="s"><v>1</v></c>');
  const second = rows.slice(1).map((r) => /<c r="B\d+"(.*)<\/c>$/.exec(r)![1]);
  expect(second).toEqual([
    '><v>-12</v>',
    '><v>0.30000000000000004</v>',
    '><v>0</v>',
    '><v>9007199254740992</v>',
    '><v>1e+21</v>',
    ' t="b"><v>1</v>',
    ' t="b"><v>0</v>',
    // 2026-01-02 is serial 46024; noon is half a day; dates get the date or date-time style.
    ' s="4"><v>46024</v>',
    ' s="5"><v>46024.5</v>',
  ]);
  expect(rows[1]).toBe('<row r="2"><c r="A2" s="1" t="s"><v>2</v></c><c r="B2"><v>-12</v></c>');
});

test('blank cells are left out, rows with nothing to write are left out, numbering follows the values', () => {
  const { data } = render([
    ['编号'],
    ['', null],
    [undefined as unknown as Cell, Number.NaN],
    [Number.POSITIVE_INFINITY, new Date(Number.NaN)],
    [null, 7],
  ]);
  expect(data).toBe(
    '<row r="1"><c r="A1" s="3" t="s"><v>0</v></c></row><row r="5"><c r="B5"><v>7</v></c></row>',
  );
});

test('inline texts are escaped UTF-8; a wrapped text sets its row height from its lines', () => {
  const { data, texts } = render([['表头'], ['a<b>&"c"', '第一行\n第二行\n第三行']], {
    inline: true,
    wrapWidth: 300,
  });
  expect(texts).toEqual([]);
  expect(data).toBe(
    '<row r="1"><c r="A1" s="3" t="inlineStr"><is><t xml:space="preserve">表头</t></is></c></row>' +
      '<row r="2" ht="45" customHeight="1"><c r="A2" s="1" t="inlineStr"><is><t xml:space="preserve">a&lt;b&gt;&amp;&quot;c&quot;</t></is></c>' +
      '<c r="B2" s="2" t="inlineStr"><is><t xml:space="preserve">第一行\n第二行\n第三行</t></is></c></row>',
  );
});

test('a big sheet comes in chunks of about 1 MiB, each ending after a whole row', () => {
  const values: Cell[][] = [['编号', '说明']];
  for (let i = 1; i <= 30_000; i++)
    values.push([`E${i}`, `第${i}项：参加社区志愿服务活动，入户走访困难群众并做好记录`]);
  const { chunks, data } = render(values, { inline: true });
  // The head, the rows in several chunks, the tail.
  const rowChunks = chunks.slice(1, -1);
  expect(rowChunks.length).toBeGreaterThan(3);
  for (const c of rowChunks.slice(0, -1)) {
    expect(c.length).toBeGreaterThan(1 << 20);
    expect(c.length).toBeLessThan((1 << 20) + 4096);
    expect(c.subarray(c.length - 6).toString()).toBe('</row>');
  }
  expect(data.split('</row>').length - 1).toBe(30_001);
  // (A boolean, not toContain: a failure would print the whole 4 MiB sheet.)
  const last = '<row r="30001"><c r="A30001" s="1" t="inlineStr"><is><t xml:space="preserve">E30000</t>';
  expect(data.includes(last)).toBe(true);
});
