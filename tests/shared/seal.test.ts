// src/shared/seal.ts on its own: 校验公示 of a sealed publication of the hand-computed September, one
// change at a time, each named in the words the committee reads (SPEC §7 sealing). Expected texts by hand.

import type { Cell } from '../../src/shared/cells';
import { buildSnapshot, type Snapshot } from '../../src/shared/publish';
import type { WorkbookValues } from '../../src/shared/read-tabs';
import { type RecomputeResult, recompute } from '../../src/shared/recompute';
import {
  chainDigest,
  chainHead,
  checkSeals,
  GENESIS,
  readRecords,
  type SealEnv,
  sealRecord,
  sealRefusal,
  type TabView,
} from '../../src/shared/seal';
import { sha256Hex } from '../../src/shared/sha256';
import { headersOf } from '../../src/shared/tabs';
import { HAND_MONTH, handTabRows } from '../helpers/hand-community';

const M = HAND_MONTH;
const TAB = '公示-2026-09';
const L = headersOf('ledger');
const P = headersOf('publications');

function handValues(): WorkbookValues {
  const t = handTabRows();
  return {
    settings: [headersOf('settings'), ['社区名称', '和平社区', ''], ['考核年度', 2026, '']],
    roster: [headersOf('roster'), ...t.roster],
    ledger: [L, ...t.ledger],
    attendance: [headersOf('attendance'), ...t.attendance],
  };
}

// Built before each test, not once for the file: Stryker's per-test coverage counts code run while a file
// loads as reached by every test (each of its mutants then runs the whole suite), and a beforeAll hook's by none.
let result: RecomputeResult;
let snapshot: Snapshot;
let ledger0: Cell[][];
let sealed: ReturnType<typeof sealRecord>;
beforeEach(() => {
  result = recompute(handValues(), {
    nowMonth: '2026-10',
    nowText: '2026-10-08 09:00:00',
    offsetMinutes: 0,
  });
  snapshot = buildSnapshot(result, {
    month: M,
    publishedAt: '2026-10-08 09:30:00',
    publisher: '社区两委',
  });
  ledger0 = result.ledger.map((r) => r.slice());
  sealed = sealRecord(sealedInput(), sha256Hex);
});

/** The snapshot tab as a reader sees it right after publication. */
function freshView(name = TAB): EditableView {
  const values = snapshot.values.map((r) => r.slice());
  return {
    name,
    hidden: false,
    values,
    display: values.map((r) => r.map((v) => (v === null || v === undefined ? '' : String(v)))),
    formats: values.map((r) => r.map((v) => (typeof v === 'number' ? '0' : '@'))),
    hiddenRows: [],
    hiddenColumns: [],
    merges: ['A1:J1', 'A2:J2'],
  };
}

/** A view as the test world holds it (its arrays writable). */
type EditableView = Omit<TabView, 'values' | 'display' | 'formats'> & {
  values: Cell[][];
  display: string[][];
  formats: string[][];
};

interface World {
  publications: Cell[][];
  ledger: Cell[][];
  objections?: Cell[][];
  views: Map<string, EditableView>;
  /** Extra tabs (name, hidden) besides the views. */
  extraTabs: { name: string; hidden: boolean }[];
  external?: Map<string, string>;
  given?: string[];
}

function world(): World {
  return {
    publications: [P, sealed.row.slice()],
    ledger: ledger0.map((r) => r.slice()),
    views: new Map([[TAB, freshView()]]),
    extraTabs: [],
  };
}

function check(w: World) {
  const env: SealEnv = {
    publications: w.publications,
    ledger: w.ledger,
    objections: w.objections,
    offsetMinutes: 0,
    tabs: [...[...w.views.values()].map((v) => ({ name: v.name, hidden: v.hidden })), ...w.extraTabs],
    view: (n) => w.views.get(n),
    sha256Hex,
    external: w.external,
    given: w.given,
  };
  return checkSeals(env);
}

const ledgerRowOf = (w: World, id: string) => w.ledger.find((r) => r[L.indexOf('编号')] === id)!;
const setField = (row: Cell[], h: string, v: Cell) => {
  row[L.indexOf(h)] = v;
};

test('the sealed record: fields, the row in 公示记录 order, a digest over them', () => {
  const f = sealed.fields;
  expect(f.period).toBe(M);
  expect(f.version).toBe('1');
  expect(f.tabName).toBe(TAB);
  expect(f.prev).toBe(GENESIS);
  expect(f.rows).toBe(String(snapshot.values.length));
  expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(f.ledgerSha).toMatch(/^[0-9a-f]{64}$/);
  // nine hand rows plus September's system rows; no other month
  const septemberRows = ledger0.slice(1).filter((r) => r[L.indexOf('月份')] === M).length;
  expect(f.ledgerRows).toBe(String(septemberRows));
  expect(septemberRows).toBeGreaterThan(9);
  const detail = JSON.parse(f.detail);
  expect(detail.h).toBe(false);
  expect(detail.m).toEqual(['A1:J1', 'A2:J2']);
  expect(detail.rv).toHaveLength(snapshot.values.length);
  expect(sealed.row).toEqual([
    M,
    1,
    TAB,
    '社区两委',
    '2026-10-08 09:30:00',
    snapshot.values.length,
    f.sha256,
    septemberRows,
    f.ledgerSha,
    f.detail,
    GENESIS,
    sealed.digest,
  ]);
  expect(sealed.digest).toMatch(/^[0-9a-f]{64}$/);
});

test('a half-year publication seals no ledger rows', () => {
  const h = sealRecord(
    {
      period: '2026-H2',
      version: 1,
      tabName: '公示-2026-H2',
      publisher: 'x',
      publishedAt: '2026-12-31 10:00:00',
      view: freshView('公示-2026-H2'),
      ledger: ledger0,
      prev: sealed.digest,
      offsetMinutes: 0,
    },
    sha256Hex,
  );
  expect([h.fields.ledgerRows, h.fields.ledgerSha, h.row[7], h.row[8], h.row[10]]).toEqual([
    '',
    '',
    '',
    '',
    sealed.digest,
  ]);
  // a month without its ledger seals none either
  const noLedger = sealRecord({ ...sealedInput(), ledger: undefined }, sha256Hex);
  expect([noLedger.fields.ledgerRows, noLedger.fields.ledgerSha]).toEqual(['', '']);
});

function sealedInput() {
  return {
    period: M,
    version: 1,
    tabName: TAB,
    publisher: '社区两委',
    publishedAt: '2026-10-08 09:30:00',
    view: freshView(),
    ledger: ledger0,
    prev: GENESIS,
    offsetMinutes: 0,
  };
}

test('readRecords and chainHead: GENESIS before any sealed row, then the last sealed row’s 摘要', () => {
  expect(chainHead(undefined, 0)).toBe(GENESIS);
  expect(chainHead([P], 0)).toBe(GENESIS);
  const legacy: Cell[] = [M, 1, TAB, 'x', '2026-10-08 09:30:00', 20, 'ABC'];
  expect(chainHead([P, legacy], 0)).toBe(GENESIS);
  const upper = sealed.row.slice();
  upper[11] = sealed.digest.toUpperCase();
  expect(chainHead([P, upper, legacy], 0)).toBe(sealed.digest);
  const [rec] = readRecords([P, legacy], 0);
  expect(rec).toEqual({
    row: 2,
    digest: '',
    fields: {
      period: M,
      version: '1',
      tabName: TAB,
      publisher: 'x',
      publishedAt: '2026-10-08 09:30:00',
      rows: '20',
      sha256: 'abc',
      ledgerRows: '',
      ledgerSha: '',
      detail: '',
      prev: '',
    },
  });
});

test('nothing changed: no findings', () => {
  expect(check(world())).toEqual({ findings: [], records: 1, sealed: 1 });
  expect(sealRefusal(check(world()), '重新计算')).toBeNull();
});

describe('changes of the snapshot tab, each named', () => {
  // Findings that name the snapshot's row count are given as a function of it (the snapshot is built per test).
  test.each<[string, (v: EditableView) => void, string[] | ((last: number) => string[])]>([
    ['hidden', (v) => (v.hidden = true), [`${TAB} 已被隐藏`]],
    ['a row hidden', (v) => (v.hiddenRows = [5]), [`${TAB} 第 5 行 隐藏`]],
    ['column A hidden', (v) => (v.hiddenColumns = [1]), [`${TAB} 第 A 列 隐藏`]],
    ['column Z hidden', (v) => (v.hiddenColumns = [26]), [`${TAB} 第 Z 列 隐藏`]],
    ['column AB hidden', (v) => (v.hiddenColumns = [28]), [`${TAB} 第 AB 列 隐藏`]],
    ['column BA hidden', (v) => (v.hiddenColumns = [53]), [`${TAB} 第 BA 列 隐藏`]],
    ['cells merged', (v) => (v.merges = ['A1:J1', 'A2:J2', 'B5:C5']), [`${TAB} B5:C5 合并单元格`]],
    ['a merge undone', (v) => (v.merges = ['A1:J1']), [`${TAB} A2:J2 取消合并`]],
    [
      'a figure changed',
      (v) => {
        v.values[4]![6] = 999;
        v.display[4]![6] = '999';
      },
      [`${TAB} 第 5 行 内容被改动（现在：1 001 甲 15 15 95 999 225 前三分之一）`],
    ],
    [
      'a row emptied',
      (v) => {
        v.values[5] = [];
        v.display[5] = [];
        v.formats[5] = [];
      },
      [`${TAB} 第 6 行 内容被改动（现在：空）`],
    ],
    [
      'a number format changed (the value stays)',
      (v) => {
        v.formats[4] = v.formats[4]!.map((f) => (f === '0' ? '0.00' : f));
      },
      [`${TAB} 第 5 行 数字格式或显示被改动（数值未变；现在格式：0.00、@）`],
    ],
    [
      'a display changed to nothing, formats removed',
      (v) => {
        v.display[4] = v.display[4]!.map(() => '');
        v.formats[4] = [];
      },
      [`${TAB} 第 5 行 数字格式或显示被改动（数值未变；现在格式：无）`],
    ],
    [
      'a row added below',
      (v) => {
        v.values.push(['加一行']);
        v.display.push(['加一行']);
        v.formats.push(['@']);
      },
      (last) => [`${TAB} 行数 ${last}→${last + 1}`, `${TAB} 第 ${last + 1} 行 内容被改动（现在：加一行）`],
    ],
  ])('%s', (_what, change, findings) => {
    const w = world();
    change(w.views.get(TAB)! as EditableView);
    expect(check(w).findings).toEqual(
      typeof findings === 'function' ? findings(snapshot.values.length) : findings,
    );
  });

  test('a long row is named by its first 40 characters', () => {
    const w = world();
    const v = w.views.get(TAB)!;
    v.values[0] = ['一二三四五六七八九十'.repeat(5)];
    v.display[0] = [String(v.values[0][0])];
    expect(check(w).findings).toEqual([
      `${TAB} 第 1 行 内容被改动（现在：${'一二三四五六七八九十'.repeat(4)}）`,
    ]);
  });

  test('deleted, renamed, a look-alike beside it, a 公示 tab without a record', () => {
    const gone = world();
    gone.views.clear();
    // (without the snapshot its 积分明细 cannot be compared, so every sealed ledger row is listed after this)
    expect(check(gone).findings[0]).toBe(`${TAB} 不存在（已被删除或改名）`);

    const renamed = world();
    renamed.views = new Map([['九月公示', freshView('九月公示')]]);
    expect(check(renamed).findings[0]).toBe(`${TAB} 已被改名为「九月公示」`);

    // another tab with other values is not taken for the renamed one
    const other = world();
    const v = freshView('九月公示');
    v.values[0] = ['别的表'];
    other.views = new Map([['九月公示', v]]);
    expect(check(other).findings[0]).toBe(`${TAB} 不存在（已被删除或改名）`);

    const lookAlike = world();
    lookAlike.extraTabs = [
      { name: '公示－2026－09', hidden: false },
      { name: '公示-2026-O9', hidden: true },
    ];
    expect(check(lookAlike).findings).toEqual([
      `另有名称相似的表「公示－2026－09」，不是发布的公示「${TAB}」`,
    ]);

    const orphan = world();
    orphan.extraTabs = [
      { name: '公示-2026-08', hidden: false },
      { name: '报告-2026-H1', hidden: true },
      { name: '公示-2026-09 更正1', hidden: false },
      { name: '公示-2026', hidden: false },
      { name: '公示-2026-9', hidden: false },
      { name: '草稿-2026-08', hidden: false },
      { name: '公示-2026-08 备份', hidden: false },
    ];
    expect(check(orphan).findings).toEqual([
      '「公示-2026-08」是公示表，但公示记录中没有它的记录（记录可能被删除）',
      '「报告-2026-H1」是公示表，但公示记录中没有它的记录（记录可能被删除）',
      '「公示-2026-09 更正1」是公示表，但公示记录中没有它的记录（记录可能被删除）',
      '「公示-2026」是公示表，但公示记录中没有它的记录（记录可能被删除）',
    ]);
  });
});

describe('changes of 公示记录 and its chain', () => {
  test('a sealed field edited no longer matches the digest', () => {
    const w = world();
    w.publications[1]![3] = '别人';
    expect(check(w).findings).toEqual([`公示记录 第 2 行（${TAB}）内容被改动，与其摘要不符`]);
  });

  test('a publication time of exactly midnight that reads back as a date still matches', () => {
    const input = { ...sealedInput(), publishedAt: '2026-10-08 00:00:00' };
    const s = sealRecord(input, sha256Hex);
    const w = world();
    w.publications = [P, s.row.slice()];
    w.publications[1]![4] = '2026-10-08';
    expect(check(w).findings).toEqual([]);
  });

  test('digests kept outside: recomputed, a record deleted; digests typed from the printed 公示', () => {
    const w = world();
    w.external = new Map([[TAB, 'f'.repeat(64)]]);
    expect(check(w).findings).toEqual([
      `公示记录 第 2 行（${TAB}）摘要被重新计算：与发布时另行保存的校验码 ffffffffffff… 不符`,
    ]);
    w.external = new Map([
      [TAB, sealed.digest],
      ['公示-2026-08', 'abcdef0123456789'],
    ]);
    expect(check(w).findings).toEqual([
      '公示记录中「公示-2026-08」的记录被删除（发布时另行保存的校验码 abcdef012345… 仍在）',
    ]);
    const g = world();
    g.given = [` ${sealed.digest.toUpperCase()} `, '', '0123456789abcdef'];
    expect(check(g).findings).toEqual([
      '公示记录 摘要被重新计算或记录被删除：公示/邮件上的校验码 0123456789ab… 不在公示记录中',
    ]);
  });

  test('two sealed rows: swapped, the first deleted, the first recomputed after an outside digest', () => {
    const v2 = freshView('公示-2026-09 更正1');
    const second = sealRecord(
      { ...sealedInput(), version: 2, tabName: '公示-2026-09 更正1', view: v2, prev: sealed.digest },
      sha256Hex,
    );
    const base = () => {
      const w = world();
      w.publications.push(second.row.slice());
      w.views.set(v2.name, freshView(v2.name));
      return w;
    };
    expect(check(base())).toEqual({ findings: [], records: 2, sealed: 2 });

    const swapped = base();
    swapped.publications = [P, second.row.slice(), sealed.row.slice()];
    expect(check(swapped).findings).toEqual([
      '公示记录 顺序被调换：第 2 行「公示-2026-09 更正1」应接在第 3 行之后：链断开',
      // the first publication names GENESIS, which no row holds
      '公示记录 第 3 行被删除：链断开（现在第 3 行「公示-2026-09」的上一摘要 000000000000… 在公示记录中找不到；也可能是上一行的摘要被重新计算）',
    ]);

    const deleted = base();
    deleted.publications = [P, second.row.slice()];
    expect(check(deleted).findings).toEqual([
      `公示记录 第 2 行被删除：链断开（现在第 2 行「公示-2026-09 更正1」的上一摘要 ${sealed.digest.slice(0, 12)}… 在公示记录中找不到；也可能是上一行的摘要被重新计算）`,
      `「${TAB}」是公示表，但公示记录中没有它的记录（记录可能被删除）`,
    ]);

    // the first row edited and its digest recomputed: the second row's 上一摘要 is the outside digest
    const recomputed = base();
    const first = recomputed.publications[1]!;
    first[3] = '别人';
    const again = sealRecord({ ...sealedInput(), publisher: '别人' }, sha256Hex);
    recomputed.publications[1] = again.row.slice();
    recomputed.external = new Map([[TAB, sealed.digest]]);
    expect(check(recomputed).findings).toEqual([
      `公示记录 第 2 行（${TAB}）摘要被重新计算：与发布时另行保存的校验码 ${sealed.digest.slice(0, 12)}… 不符`,
    ]);
  });

  test('a legacy record (no 摘要) checks the values only', () => {
    const w = world();
    const legacy: Cell[] = [M, 1, TAB, 'x', '2026-10-08 09:30:00', 20, sealed.fields.sha256.toUpperCase()];
    w.publications = [P, legacy];
    expect(check(w)).toEqual({ findings: [], records: 1, sealed: 0 });
    // the look may change (no detail to compare), the values may not
    w.views.get(TAB)!.hidden = true;
    expect(check(w).findings).toEqual([]);
    w.views.get(TAB)!.values[4]![6] = 999;
    expect(check(w).findings).toEqual([`${TAB} 发布后被改动（旧版公示记录，只核对数值）`]);
  });
});

describe('changes of the sealed month’s 积分台账 rows', () => {
  const rowNo = (w: World, id: string) => w.ledger.indexOf(ledgerRowOf(w, id)) + 1;

  test.each<[string, (w: World) => void, (w: World) => string[]]>([
    [
      'a quantity',
      (w) => setField(ledgerRowOf(w, 'H1'), '数量', 3),
      (w) => [`2026-09 已发布：积分台账第 ${rowNo(w, 'H1')} 行 数量 2→3`],
    ],
    [
      'points and reason',
      (w) => {
        setField(ledgerRowOf(w, 'H5'), '积分', 60);
        setField(ledgerRowOf(w, 'H5'), '得分依据', '');
      },
      (w) => [
        `2026-09 已发布：积分台账第 ${rowNo(w, 'H5')} 行 积分 6→60`,
        `2026-09 已发布：积分台账第 ${rowNo(w, 'H5')} 行 得分依据 手算 T-ACTIVITY→空`,
      ],
    ],
    [
      'the cadre',
      (w) => setField(ledgerRowOf(w, 'H4'), '干部编号', '001'),
      (w) => [`2026-09 已发布：积分台账第 ${rowNo(w, 'H4')} 行 干部编号 002→001`],
    ],
    [
      'an approved row rejected, another emptied of its status',
      (w) => {
        setField(ledgerRowOf(w, 'H2'), '状态', '已驳回');
        setField(ledgerRowOf(w, 'H3'), '状态', '');
      },
      (w) => [
        `2026-09 已发布：积分台账第 ${rowNo(w, 'H2')} 行（编号 H2）状态 已通过→已驳回`,
        `2026-09 已发布：积分台账第 ${rowNo(w, 'H3')} 行（编号 H3）状态 已通过→空`,
      ],
    ],
    [
      'a row added',
      (w) => {
        const r = ledgerRowOf(w, 'H1').slice();
        setField(r, '编号', 'N1');
        w.ledger.push(r);
      },
      (w) => [
        `2026-09 已发布：积分台账第 ${w.ledger.length} 行（编号 N1）是发布后新增或改为已通过的，不在「${TAB}」中`,
      ],
    ],
    [
      'a row added without an id',
      (w) => {
        const r = ledgerRowOf(w, 'H1').slice();
        setField(r, '编号', '');
        w.ledger.push(r);
      },
      (w) => [
        `2026-09 已发布：积分台账第 ${w.ledger.length} 行（编号 空）是发布后新增或改为已通过的，不在「${TAB}」中`,
      ],
    ],
    [
      'a pending row added (not counted, not named)',
      (w) => {
        const r = ledgerRowOf(w, 'H1').slice();
        setField(r, '编号', 'N2');
        setField(r, '状态', '待审核');
        w.ledger.push(r);
      },
      () => ['积分台账 2026-09 的记录已改变（发布时 ROWS 行，现在 ROWS+1 行）'],
    ],
    [
      'a row deleted',
      (w) => {
        w.ledger.splice(w.ledger.indexOf(ledgerRowOf(w, 'H9')), 1);
      },
      () => ['2026-09 已发布：条目 H9（丁 未在规定时间内完成上级及各口子安排的工作）已从积分台账删除'],
    ],
    [
      'a row moved to another month',
      (w) => setField(ledgerRowOf(w, 'H6'), '月份', '2026-10'),
      () => ['2026-09 已发布：条目 H6（丙 被上级点名批评）已从积分台账删除'],
    ],
  ])('%s', (_what, change, expected) => {
    const w = world();
    change(w);
    const n = Number(sealed.fields.ledgerRows);
    const want = expected(w).map((s) => s.replace('ROWS+1', String(n + 1)).replace('ROWS', String(n)));
    expect(check(w).findings).toEqual(want);
  });

  test('rows moved within the tab are not a change', () => {
    const w = world();
    const [h, ...rest] = w.ledger;
    w.ledger = [h!, ...rest.reverse()];
    expect(check(w).findings).toEqual([]);
  });

  test('correction rows: listed by an upheld objection, or named', () => {
    const correction = () => {
      const r = L.map(() => '' as Cell);
      setField(r, '编号', 'K1');
      setField(r, '月份', M);
      setField(r, '干部编号', '002');
      setField(r, '规则编码', 'T-COMPLAINT');
      setField(r, '数量', 1);
      setField(r, '分值', 1);
      setField(r, '积分', 1);
      setField(r, '来源', '更正');
      setField(r, '状态', '已通过');
      setField(r, '更正对象', 'H4');
      return r;
    };
    const O = headersOf('objections');
    const objection = (result: string, ids: string): Cell[] =>
      O.map(
        (h) => ({ 编号: 'O1', 月份: M, 干部编号: '002', 处理结果: result, 更正条目: ids })[h as '编号'] ?? '',
      );
    const w = world();
    w.ledger.push(correction());
    const named = `2026-09 已发布：积分台账第 ${w.ledger.length} 行（编号 K1）是更正条目，但「异议处理」中没有成立的异议列出它`;
    expect(check(w).findings).toEqual([named]);
    w.objections = [O, objection('不成立', 'K1')];
    expect(check(w).findings).toEqual([named]);
    w.objections = [O, objection('成立', 'K0、K1')];
    expect(check(w).findings).toEqual([]);
    w.objections = [O, objection('成立', 'K0, K1')];
    expect(check(w).findings).toEqual([]);
    w.objections = [O, objection('成立', 'K0，K1 K2')];
    expect(check(w).findings).toEqual([]);
    const noId = world();
    const r = correction();
    setField(r, '编号', '');
    noId.ledger.push(r);
    expect(check(noId).findings).toEqual([
      `2026-09 已发布：积分台账第 ${noId.ledger.length} 行（编号 空）是更正条目，但「异议处理」中没有成立的异议列出它`,
    ]);
    // an upheld objection whose 更正条目 is blank, or ends in a separator, lists no row: the blank-id row stays named
    for (const ids of ['', 'K0、', ' ']) {
      noId.objections = [O, objection('成立', ids)];
      expect(check(noId).findings).toEqual([
        `2026-09 已发布：积分台账第 ${noId.ledger.length} 行（编号 空）是更正条目，但「异议处理」中没有成立的异议列出它`,
      ]);
    }
  });

  test('a published 更正公示 seals its correction rows: changed or deleted afterwards, they are named', () => {
    const w = world();
    const k = (() => {
      const r = L.map(() => '' as Cell);
      for (const [h, v] of Object.entries({
        编号: 'K1',
        月份: M,
        干部编号: '002',
        规则编码: 'T-COMPLAINT',
        数量: 1,
        分值: 1,
        积分: 1,
        得分依据: '撤销投诉扣分',
        来源: '更正',
        状态: '已通过',
        更正对象: 'H4',
      }))
        setField(r, h, v);
      return r;
    })();
    w.ledger.push(k);
    const after = recompute(
      { ...handValues(), ledger: w.ledger, publications: w.publications },
      { nowMonth: '2026-10', nowText: 't', offsetMinutes: 0 },
    );
    const rev = buildSnapshot(after, {
      month: M,
      revision: 1,
      publishedAt: '2026-10-10 09:00:00',
      publisher: '社区两委',
    });
    const v = freshView(rev.tabName);
    v.values = rev.values.map((r) => r.slice());
    v.display = v.values.map((r) => r.map((x) => String(x ?? '')));
    v.formats = v.values.map((r) => r.map(() => '@'));
    const second = sealRecord(
      {
        ...sealedInput(),
        version: 2,
        tabName: rev.tabName,
        publishedAt: '2026-10-10 09:00:00',
        view: v,
        ledger: w.ledger,
        prev: sealed.digest,
      },
      sha256Hex,
    );
    w.publications.push(second.row);
    w.views.set(rev.tabName, v);
    expect(check(w).findings).toEqual([]);
    setField(k, '积分', 5);
    expect(check(w).findings).toEqual([`2026-09 已发布：积分台账第 ${w.ledger.length} 行 积分 1→5`]);
    w.ledger.pop();
    expect(check(w).findings).toEqual(['2026-09 已发布：更正条目 K1（乙）已从积分台账删除']);
  });
});

describe('sealRefusal', () => {
  test('lists the findings under the action, at most 20, then how to recover', () => {
    const head = (a: string) => `已发布的内容被改动，${a}已停止（为免悄悄改变已发布月份的结果）：`;
    const tail =
      '请把以上内容恢复原样（可用版本记录或备份），已发布月份如确有错误请登记异议并发布更正公示；恢复后再操作。';
    expect(sealRefusal({ findings: ['甲', '乙'], records: 1, sealed: 1 }, '发布公示')).toBe(
      [head('发布公示'), '- 甲', '- 乙', tail].join('\n'),
    );
    const twenty = Array.from({ length: 20 }, (_, i) => `f${i + 1}`);
    expect(sealRefusal({ findings: twenty, records: 1, sealed: 1 }, '重新计算')).toBe(
      [head('重新计算'), ...twenty.map((f) => `- ${f}`), tail].join('\n'),
    );
    const many = Array.from({ length: 23 }, (_, i) => `f${i + 1}`);
    expect(sealRefusal({ findings: many, records: 1, sealed: 1 }, '重新计算')).toBe(
      [head('重新计算'), ...twenty.map((f) => `- ${f}`), '……共 23 处', tail].join('\n'),
    );
  });
});

describe('when the seal remembers no per-row detail', () => {
  /** A record sealed for `view`, with 封存明细 replaced and the digest recomputed (an editor covering tracks). */
  function sealedWithDetail(view: TabView, detail: string | null) {
    const s = sealRecord({ ...sealedInput(), view }, sha256Hex);
    const row = s.row.slice();
    if (detail !== null) {
      row[9] = detail;
      row[11] = chainDigest({ ...s.fields, detail }, sha256Hex);
    }
    return row;
  }
  const plain = () => ({ ...freshView(), merges: [] });

  test.each<[string, string]>([
    ['not JSON', '{坏'],
    ['no digest in it', '{"rv":[]}'],
    ['a digest that is not text', '{"d":1,"rv":[]}'],
    ['no rows', '{"d":"x"}'],
    ['null', 'null'],
  ])('封存明细 %s: any change of the look is still reported, as a whole', (_what, detail) => {
    const w = world();
    w.publications = [P, sealedWithDetail(plain(), detail)];
    w.views.set(TAB, plain());
    expect(check(w).findings).toEqual([`${TAB} 显示内容被改动`]);
    w.views.get(TAB)!.values[4]![6] = 999;
    expect(check(w).findings).toEqual([`${TAB} 发布后被改动`]);
  });

  test('a very long snapshot keeps no per-row values in 封存明细; a change is reported as a whole', () => {
    const long = plain();
    for (let i = 0; i < 2500; i++) {
      long.values.push([`行${i}`]);
      long.display.push([`行${i}`]);
      long.formats.push(['@']);
    }
    const row = sealedWithDetail(long, null);
    const detail = JSON.parse(String(row[9]));
    expect([detail.rv, detail.rf]).toEqual([[], []]);
    expect(String(row[9]).length).toBeLessThan(45000);
    const w = world();
    w.publications = [P, row];
    const v = {
      ...long,
      values: long.values.map((r) => r.slice()),
      display: long.display.map((r) => r.slice()),
    };
    w.views.set(TAB, v);
    expect(check(w).findings).toEqual([]);
    v.values[100] = ['改'];
    expect(check(w).findings).toEqual([`${TAB} 发布后被改动`]);
    // a shorter snapshot keeps them
    expect(JSON.parse(String(sealed.row[9])).rv).toHaveLength(snapshot.values.length);
  });
});
