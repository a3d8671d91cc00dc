// Review sidebar and entry dialog server functions on the fake; and every committee action refused for a non-member.
import { doRecompute, doSetup } from '../../src/gas/actions';
import {
  doSetupForm,
  doSyncResponses,
  getDialogOptions,
  getSidebarState,
  review,
  showDialog,
  showSidebar,
  submitDialog,
} from '../../src/gas/server-api';
import type { Cell } from '../../src/shared/cells';
import { headersOf, TAB } from '../../src/shared/tabs';
import type { FakeGas } from '../fake';
import {
  cleanupGas,
  freshGas,
  ledgerRow,
  MEMBER,
  OUTSIDER,
  OWNER,
  seedDemo,
  setSetting,
  typeRows,
} from './helpers';

afterEach(cleanupGas);

const L = headersOf('ledger');

function claim(id: string, cadreId: string, qty: number, reason = '调解纠纷'): Cell[] {
  const f: Record<string, Cell> = {
    编号: id,
    月份: '2026-10',
    干部编号: cadreId,
    规则编码: 'T-MEDIATION',
    事项: '成功调解居民矛盾纠纷',
    数量: qty,
    分值: 5,
    积分: 5 * qty,
    得分依据: reason,
    来源: '表单',
    申报人: '王建国（001）',
    申报时间: '2026-10-20 09:00:00',
    状态: '待审核',
    表单回复ID: `R-${id}`,
  };
  return ledgerRow(f);
}

function withClaims(): FakeGas {
  const fake = freshGas();
  doSetup();
  setSetting(fake, '两委成员邮箱', MEMBER);
  doSetup(); // the owner syncs protections after changing the committee list
  seedDemo(fake, { cadres: 4 });
  typeRows(fake, 'ledger', [
    claim('F-1', '001', 1, '<script>alert(1)</script>'),
    claim('F-2', '002', 2),
    claim('F-3', '003', 3),
    [
      ...claim('F-4', '004', 1).slice(0, L.indexOf('申报时间')),
      '2026-11-04 09:00:00',
      ...claim('F-4', '004', 1).slice(L.indexOf('申报时间') + 1),
    ],
  ]);
  return fake;
}

const row = (fake: FakeGas, id: string) => fake.values(TAB.ledger).find((r) => r[0] === id)!;

test('sidebar state lists the pending claims of the month as plain JSON, with counts and 逾期', () => {
  withClaims();
  const s = getSidebarState();
  expect(s.month).toBe('2026-10'); // the newest month with pending claims
  expect(s.user).toEqual({ email: OWNER, isCommittee: true, canPublish: true, isDiscipline: false });
  const ours = s.pending.filter((p) => p.id.startsWith('F-'));
  expect(ours.map((p) => p.id)).toEqual(['F-1', 'F-2', 'F-3', 'F-4']);
  expect(s.counts.pending).toBe(s.pending.length);
  expect(ours[0]!.reason).toBe('<script>alert(1)</script>');
  expect(s.pending.find((p) => p.id === 'F-4')!.late).toBe(true); // submitted in November
  expect(s.pending.find((p) => p.id === 'F-2')!).toMatchObject({
    cadreName: '李秀英',
    quantity: 2,
    points: 10,
    late: false,
  });
  // nothing that google.script.run would drop (Dates, functions, undefined)
  expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  expect(s.months.find((m) => m.month === '2026-10')).toEqual({
    month: '2026-10',
    published: false,
    pending: s.pending.length,
  });
});

test('approve one: status, reviewer, time and log recorded; the returned state is refreshed', () => {
  const fake = withClaims();
  fake.setActiveUser(MEMBER);
  const res = review({ ids: ['F-2'], action: 'approve', month: '2026-10' });
  expect(res.message).toBe('已通过 1 条；已发送审核回执 1 封'); // the submitter's receipt (receipts.test.ts)
  expect(res).toMatchObject({ ok: true, changed: 1 });
  const r = row(fake, 'F-2');
  expect([r[L.indexOf('状态')], r[L.indexOf('审核人')], r[L.indexOf('审核时间')]]).toEqual([
    '已通过',
    MEMBER,
    '2026-11-05 10:00:00',
  ]);
  expect(res.state!.pending.map((p) => p.id).filter((id) => id.startsWith('F-'))).toEqual([
    'F-1',
    'F-3',
    'F-4',
  ]);
  const log = fake.values(TAB.log).find((r) => r[2] === '审核：通过')!;
  expect([log[1], log[2], log[3], log[4]]).toEqual([MEMBER, '审核：通过', 'F-2', 1]);
  expect(fake.values(TAB.log).at(-1)![2]).toBe('审核回执'); // then the receipt's send
});

test('reject needs a reason; with one it is recorded', () => {
  const fake = withClaims();
  const no = review({ ids: ['F-3'], action: 'reject', reason: '  ', month: '2026-10' });
  expect(no.ok).toBe(false);
  expect(no.errors?.reason).toBe('驳回必须填写理由');
  expect(row(fake, 'F-3')[L.indexOf('状态')]).toBe('待审核');
  const yes = review({ ids: ['F-3'], action: 'reject', reason: '无佐证材料', month: '2026-10' });
  expect(yes.ok).toBe(true);
  expect(row(fake, 'F-3')[L.indexOf('状态')]).toBe('已驳回');
  expect(row(fake, 'F-3')[L.indexOf('审核意见')]).toBe('无佐证材料');
});

test('adjust quantity needs a whole number and a reason, then approves with the new points', () => {
  const fake = withClaims();
  expect(
    review({ ids: ['F-3'], action: 'adjust', quantity: 0, reason: 'x', month: '2026-10' }).errors?.quantity,
  ).toBe('数量应为 1 到 100 之间的整数');
  expect(review({ ids: ['F-3'], action: 'adjust', quantity: 2, month: '2026-10' }).errors?.reason).toBe(
    '调整数量必须填写理由',
  );
  // refused requests leave the claim as it was
  expect(row(fake, 'F-3')[L.indexOf('状态')]).toBe('待审核');
  const res = review({
    ids: ['F-3'],
    action: 'adjust',
    quantity: 2,
    reason: '其中一起未调解成功',
    month: '2026-10',
  });
  expect(res.ok).toBe(true);
  const r = row(fake, 'F-3');
  expect([r[L.indexOf('数量')], r[L.indexOf('积分')], r[L.indexOf('状态')]]).toEqual([2, 10, '已通过']);
  expect(r[L.indexOf('审核意见')]).toBe('数量由 3 调整为 2：其中一起未调解成功');
});

test('bulk approve of selected rows; a row already handled is reported, not changed twice', () => {
  const fake = withClaims();
  review({ ids: ['F-1'], action: 'reject', reason: '重复申报', month: '2026-10' });
  const res = review({ ids: ['F-1', 'F-2', 'F-4'], action: 'approve', month: '2026-10' });
  expect(res.changed).toBe(2);
  expect(res.message).toContain('F-1 已是“已驳回”状态');
  expect(['F-1', 'F-2', 'F-4'].map((id) => row(fake, id)[L.indexOf('状态')])).toEqual([
    '已驳回',
    '已通过',
    '已通过',
  ]);
  // approved claims count after recompute
  doRecompute();
  const monthly = fake.values(TAB.monthly);
  expect(monthly.length).toBeGreaterThan(1);
});

test('a new member before the owner synced protections is refused up front, nothing half-done', () => {
  const fake = withClaims();
  setSetting(fake, '两委成员邮箱', `${MEMBER}, late@example.com`);
  fake.setActiveUser('late@example.com');
  const before = fake.values(TAB.ledger);
  const res = review({ ids: ['F-2'], action: 'approve', month: '2026-10' });
  expect(res.ok).toBe(false);
  expect(res.message).toContain('初始化/修复表格');
  expect(fake.values(TAB.ledger)).toEqual(before);
});

test('a published month cannot be reviewed', () => {
  const fake = withClaims();
  typeRows(fake, 'publications', [['2026-10', 1, '公示-2026-10', OWNER, '2026-11-02 10:00:00', 1, 'x']]);
  const res = review({ ids: ['F-2'], action: 'approve', month: '2026-10' });
  expect(res.ok).toBe(false);
  expect(res.message).toContain('已公示');
});

describe('entry dialog', () => {
  test('options: cadres, per-event rules, score rules, open months', () => {
    withClaims();
    const o = getDialogOptions();
    expect(o.cadres.map((c) => c.id)).toEqual(['001', '002', '003', '004']);
    expect(o.rules.map((r) => r.code)).toContain('B-CRITICIZED');
    expect(o.rules.map((r) => r.code)).not.toContain('B-ATT-FULL');
    expect(o.scoreRules).toEqual([
      { code: 'B-QUARTER-TOP5', item: expect.any(String), scorePeriod: 'quarter' },
      { code: 'R-STUDY-TOP5', item: expect.any(String), scorePeriod: 'half-year' },
    ]);
    expect(o.months[0]).toBe('2026-11');
    expect(JSON.parse(JSON.stringify(o))).toEqual(o);
  });

  test('an event is recorded approved with 来源 两委; invalid fields come back inline', () => {
    const fake = withClaims();
    const bad = submitDialog({
      kind: 'event',
      month: '2026-13',
      cadreId: '',
      ruleCode: 'B-ATT-FULL',
      quantity: 0,
      reason: '',
    });
    expect(bad.ok).toBe(false);
    expect(Object.keys(bad.errors ?? {}).sort()).toEqual([
      'cadreId',
      'month',
      'quantity',
      'reason',
      'ruleCode',
    ]);
    const ok = submitDialog({
      kind: 'event',
      month: '2026-10',
      cadreId: '002',
      ruleCode: 'B-CRITICIZED',
      quantity: 1,
      reason: '街道通报',
    });
    expect(ok.ok).toBe(true);
    const r = fake.values(TAB.ledger).at(-1)!;
    expect([
      r[L.indexOf('规则编码')],
      r[L.indexOf('来源')],
      r[L.indexOf('状态')],
      r[L.indexOf('积分')],
    ]).toEqual(['B-CRITICIZED', '两委', '已通过', -5]);
  });

  test('attendance for a month: updates existing rows, appends new ones, half days only', () => {
    const fake = withClaims();
    const bad = submitDialog({
      kind: 'attendance',
      month: '2026-11',
      rows: [{ cadreId: '001', late: 0, earlyLeave: 0, absent: 0, personalLeaveDays: 0.3, sickLeaveDays: 0 }],
    });
    expect(bad.errors?.['rows.0.personalLeaveDays']).toBe('应为整天或半天');
    const ok = submitDialog({
      kind: 'attendance',
      month: '2026-10',
      rows: [
        { cadreId: '001', late: 2, earlyLeave: 0, absent: 0, personalLeaveDays: 0.5, sickLeaveDays: 0 },
        { cadreId: '002', late: 0, earlyLeave: 0, absent: 0, personalLeaveDays: 0, sickLeaveDays: 0 },
      ],
    });
    expect(ok.message).toContain('更新 2');
    const att = fake.values(TAB.attendance).filter((r) => r[0] === '2026-10' && r[1] === '001');
    expect(att).toEqual([['2026-10', '001', 2, 0, 0, 0.5, 0]]);
  });

  test('scores need a period that matches the rule', () => {
    const fake = withClaims();
    const bad = submitDialog({
      kind: 'scores',
      period: '2026-H2',
      ruleCode: 'B-QUARTER-TOP5',
      rows: [{ cadreId: '001', score: 90 }],
    });
    expect(bad.errors?.period).toContain('季度');
    const ok = submitDialog({
      kind: 'scores',
      period: '2026-q4',
      ruleCode: 'B-QUARTER-TOP5',
      rows: [{ cadreId: '001', score: 90 }],
    });
    expect(ok.ok).toBe(true);
    expect(fake.values(TAB.scores).at(-1)).toEqual(['2026-Q4', '四知四清四掌握', '001', 90]);
  });
});

describe('every committee action is refused for a non-member, and nothing changes', () => {
  const actions: [string, () => unknown][] = [
    ['初始化/修复表格', () => doSetup()],
    ['重新计算', () => doRecompute()],
    ['同步表单回复', () => doSyncResponses()],
    ['创建/更新申请表', () => doSetupForm()],
    ['打开管理侧栏', () => showSidebar()],
    ['录入积分事项', () => showDialog()],
  ];
  test.each(actions)('%s', (name, act) => {
    const fake = withClaims();
    const before = fake.spreadsheet.getSheets().map((s) => [s.getName(), fake.values(s.getName())]);
    fake.setActiveUser(OUTSIDER);
    expect(act).toThrow(/只有两委成员(或纪检专干)?可以/);
    void name;
    expect(fake.spreadsheet.getSheets().map((s) => [s.getName(), fake.values(s.getName())])).toEqual(before);
    expect(fake.ui.sidebars ?? []).toHaveLength(0);
  });

  test.each([
    ['approve', { ids: ['F-2'], action: 'approve' as const, month: '2026-10' }],
    ['reject', { ids: ['F-2'], action: 'reject' as const, reason: '不符合', month: '2026-10' }],
    ['adjust', { ids: ['F-2'], action: 'adjust' as const, quantity: 1, reason: '核减', month: '2026-10' }],
  ])('review: %s', (_name, req) => {
    const fake = withClaims();
    const before = fake.values(TAB.ledger);
    fake.setActiveUser(OUTSIDER);
    const res = review(req);
    expect(res.ok).toBe(false);
    expect(res.message).toContain('只有两委成员');
    expect(fake.values(TAB.ledger)).toEqual(before);
    expect(res.state?.user.isCommittee).toBe(false);
  });

  test('entry dialog submit', () => {
    const fake = withClaims();
    const before = fake.values(TAB.ledger);
    fake.setActiveUser(OUTSIDER);
    const res = submitDialog({
      kind: 'event',
      month: '2026-10',
      cadreId: '002',
      ruleCode: 'T-MEDIATION',
      quantity: 1,
      reason: 'x',
    });
    expect(res.ok).toBe(false);
    expect(res.message).toContain('只有两委成员');
    expect(fake.values(TAB.ledger)).toEqual(before);
  });

  test('an unidentifiable user (no email) is refused too', () => {
    const fake = withClaims();
    fake.setActiveUser('');
    expect(() => doRecompute()).toThrow(/无法确认您的身份/);
  });
});

test('rows added by the add-on land under their own headers when the committee moved columns', () => {
  const fake = withClaims();
  const s = fake.spreadsheet.getSheetByName(TAB.ledger)!;
  const all = fake.values(TAB.ledger);
  const a = L.indexOf('规则编码');
  const b = L.indexOf('得分依据');
  const swapped = all.map((r) => {
    const x = r.slice();
    [x[a], x[b]] = [x[b], x[a]];
    return x;
  });
  // both columns are plain text after setup, so the swap keeps every value as it was
  s.getRange(1, 1, swapped.length, swapped[0]!.length).setValues(swapped as string[][]);
  const ok = submitDialog({
    kind: 'event',
    month: '2026-10',
    cadreId: '002',
    ruleCode: 'T-COMPLAINT',
    quantity: 1,
    reason: '态度生硬',
  });
  expect(ok.ok).toBe(true);
  const header = fake.values(TAB.ledger)[0]!;
  const last = fake.values(TAB.ledger).at(-1)!;
  expect(last[header.indexOf('规则编码')]).toBe('T-COMPLAINT');
  expect(last[header.indexOf('得分依据')]).toBe('态度生硬');
  // and a recompute still reads every row right
  expect(doRecompute()).toContain('重新计算完成');
});

test('the 纪检专干 may open the sidebar and inspect, but not decide, publish or set up (SPEC §1)', () => {
  const fake = withClaims();
  setSetting(fake, '纪检专干邮箱', 'jijian@example.com');
  doSetup(); // the owner syncs protections
  fake.setActiveUser('jijian@example.com');
  expect(getSidebarState().user).toMatchObject({ isCommittee: false, canPublish: false, isDiscipline: true });
  const res = review({ ids: ['F-2'], action: 'approve', month: '2026-10' });
  expect(res.ok).toBe(false);
  expect(res.message).toMatch(/只有两委成员可以审核/);
  expect(row(fake, 'F-2')[L.indexOf('状态')]).toBe('待审核');
  expect(() => doSetup()).toThrow(/只有两委成员/);
  expect(() => doRecompute()).toThrow(/只有两委成员/);
});

test('setup gives the 纪检专干 the log only: snapshots, summaries and published rows stay the committee’s', () => {
  const fake = withClaims();
  setSetting(fake, '纪检专干邮箱', 'jijian@example.com');
  doSetup();
  const editors = (tab: string) =>
    fake.spreadsheet
      .getSheetByName(tab)!
      .getProtections(SpreadsheetApp.ProtectionType.SHEET)[0]!
      .getEditors()
      .map((u) => u.getEmail());
  expect(editors(TAB.log)).toContain('jijian@example.com');
  for (const tab of [TAB.monthly, TAB.yearly, TAB.publications, TAB.problems, TAB.intakeErrors]) {
    expect(editors(tab)).not.toContain('jijian@example.com');
    expect(editors(tab)).toContain(MEMBER);
  }
});
