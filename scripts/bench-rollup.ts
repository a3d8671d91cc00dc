// Roll-up benchmark, part 1 (run by bench-rollup.mjs): writes N community books of C cadres, then runs 街道：汇总各社区 on the fake over the same books and prints its service calls (JSON, last line).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { communityBook, editCell, scaledScenario } from '../src/cli/xlsx/community-book';
import { XlsxPackage } from '../src/cli/xlsx/package';
import { rollupSpreadsheet, setupRollupBook } from '../src/gas/rollup-action';
import { ensureSize } from '../src/gas/sheets-io';
import type { Cell } from '../src/shared/cells';
import { TAB } from '../src/shared/tabs';
import { createFakeGas, installGas } from '../tests/fake';

const [dir = '.', n = '50', c = '30'] = process.argv.slice(2);
const BOOKS = Number(n);
const CADRES = Number(c);
const months = (k: number) => Array.from({ length: k }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);

// Two books are computed and published (Jan–Sep, and a late one Jan–Jun); the others are copies with
// their own 社区名称 (设置 is not sealed), every tenth from the fifth with a 公示 cell changed.
let t = performance.now();
const onTime = communityBook('社区', months(9), scaledScenario(CADRES)).toBuffer();
const late = communityBook('社区', months(6), scaledScenario(CADRES)).toBuffer();
const books: { name: string; file: string; pkg: XlsxPackage }[] = [];
for (let i = 1; i <= BOOKS; i++) {
  const name = `第${String(i).padStart(2, '0')}社区`;
  const pkg = XlsxPackage.open(i % 10 === 2 ? late : onTime);
  const settings = pkg.values(TAB.settings)!;
  editCell(
    pkg,
    TAB.settings,
    settings.findIndex((r) => r[0] === '社区名称'),
    1,
    name,
  );
  if (i % 10 === 5) editCell(pkg, '公示-2026-04', 4, 6, 999);
  const file = join(dir, `${name}.xlsx`);
  writeFileSync(file, pkg.toBuffer());
  books.push({ name, file, pkg });
}
const generateMs = performance.now() - t;

// The same books as spreadsheets in the fake, shared with the 街道 (owner here), values and formats as stored.
const fake = createFakeGas({ now: new Date('2026-11-05T02:00:00Z'), owner: 'jiedao@example.com' });
installGas(fake);
const urls: string[] = [];
let rowsRead = 0;
for (const b of books) {
  const ss = SpreadsheetApp.create(b.name);
  const blank = ss.getSheets()[0]!.setName('待删除');
  for (const { name } of b.pkg.tabList()) {
    const v = b.pkg.values(name) ?? [[]];
    const width = Math.max(1, ...v.map((r) => r.length));
    const rows = v.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? '')) as Cell[][];
    const sheet = ss.insertSheet(name, ss.getSheets().length);
    ensureSize(sheet, rows.length, width);
    const range = sheet.getRange(1, 1, rows.length, width);
    range.setNumberFormats(
      rows.map((r) =>
        r.map((x) => (typeof x === 'number' ? '0.##' : x instanceof Date ? 'yyyy-mm-dd' : '@')),
      ),
    );
    range.setValues(rows as (string | number | boolean | Date)[][]);
    if (
      name === TAB.settings ||
      name === TAB.publications ||
      name === TAB.objections ||
      name.startsWith('公示-')
    )
      rowsRead += rows.length;
  }
  ss.deleteSheet(blank);
  urls.push(ss.getUrl());
}
const street = SpreadsheetApp.create('街道汇总');
fake.setActiveSpreadsheet(street);
setupRollupBook(street);
street
  .getSheetByName('社区列表')!
  .getRange(2, 1, books.length, 2)
  .setValues(books.map((b, i) => [b.name, urls[i]!]));
fake.counts.reset();
t = performance.now();
const out = rollupSpreadsheet(street, '2026-10');
const fakeMs = performance.now() - t;
const flags = (f: string) => out.communities.filter((x) => x.flags.includes(f as never)).length;
console.log(
  JSON.stringify({
    books: BOOKS,
    cadres: CADRES,
    generateSeconds: Number((generateMs / 1000).toFixed(1)),
    fakeMs: Math.round(fakeMs),
    spreadsheetCalls: fake.counts.spreadsheetCalls(),
    reads: fake.counts.reads(),
    writes: fake.counts.writes(),
    getValues: fake.counts.get('Range.getValues'),
    openByUrl: fake.counts.get('SpreadsheetApp.openByUrl'),
    rowsRead,
    tampered: flags('tampered'),
    late: flags('late'),
  }),
);
