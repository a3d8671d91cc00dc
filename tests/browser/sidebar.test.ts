// The review sidebar (dist/Sidebar.html) in headless Chromium at 300px, against a scripted server.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PublishResult, ReviewRequest, ReviewResult, SidebarState } from '../../src/shared/ui-contract';
import { requireTool } from '../helpers/tools';
import { HOSTILE_NAME, HOSTILE_REASON, sidebarState, without } from './fixtures';
import { allDisabled, deferred, type OpenedPage, pageSession, SCREENSHOTS, screenshot, see } from './harness';

// Generous: on a loaded 2-core machine a Chromium page load alone can take seconds.
jest.setTimeout(90_000);

requireTool('chromium')('the review sidebar in headless Chromium', () => {
  const SIDEBAR = { width: 300, height: 800 };
  const session = pageSession();

  /** Opens the sidebar showing `state`; review/publish answers come from `review`/`publish`. */
  async function open(
    state: SidebarState,
    review?: (req: ReviewRequest) => ReviewResult | Promise<ReviewResult>,
    publish?: (month: string) => PublishResult,
  ): Promise<OpenedPage> {
    const opened = await session.open(
      'Sidebar.html',
      {
        sidebarGetState: () => state,
        ...(review && { sidebarReview: review }),
        ...(publish && { sidebarPublish: publish }),
      },
      SIDEBAR,
    );
    await opened.page.locator('#claims, #empty').first().waitFor();
    return opened;
  }

  const row = (id: string) => `#claims li[data-id="${id}"]`;
  /** Cards still pending (a decided card stays in place, marked resolved, with its outcome). */
  const PENDING_CARDS = '#claims > li:not(.resolved)';

  test('renders months, counts and the pending list, with hostile text shown literally', async () => {
    const { page, calls } = await open(sidebarState());
    expect(calls).toEqual([{ name: 'sidebarGetState', args: [] }]);

    await see(page.locator('#user')).contains('chair@example.com');
    const options = await page.locator('#month option').allTextContents();
    expect(options).toEqual(['2026-10　待审 3', '2026-09　已公示', '2026-08　已公示']);
    const count = (key: string) => see(page.locator(`[data-count="${key}"] b`));
    await count('pending').text('3');
    await count('intakeErrors').text('2');
    await count('objections').text('1');
    await count('problems').text('0');
    await see(page.locator('[data-count="pending"] span')).text('待审核');

    await see(page.locator(PENDING_CARDS)).count(3);
    const first = page.locator(row('E1'));
    await see(first.locator('.claim-name')).text('张三（001）');
    await see(first.locator('.claim-item')).text('成功调解居民矛盾纠纷');
    await see(first.locator('.claim-points')).text('2 × 5 分 = 10 分');
    await see(first.locator('.claim-meta')).contains('zhangsan@example.com · 2026-10-09 09:12:30');
    await see(first.locator('.claim-evidence a')).attr('href', 'https://drive.google.com/file/d/abc/view');
    await see(first.locator('.badge.late')).count(0);

    // The hostile claim: text appears literally, nothing executes, the javascript: link is not a link.
    const hostile = page.locator(row('E2'));
    await see(hostile.locator('.claim-name')).text(`${HOSTILE_NAME}（002）`);
    await see(hostile.locator('.claim-reason')).text(`得分依据：${HOSTILE_REASON}`);
    await see(hostile.locator('.badge.late')).text('逾期');
    await see(hostile.locator('.claim-evidence a')).count(0);
    await see(hostile.locator('.claim-evidence')).contains('javascript:window.__pwned=3');
    await see(page.locator('#claims img, #claims script')).count(0);
    await expect(
      page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).resolves.toBeUndefined();

    // The third claim has no evidence link line at all.
    await see(page.locator(`${row('E3')} .claim-evidence`)).count(0);

    // Publishing is blocked while claims are pending, with the reason shown.
    await see(page.locator('#publish')).disabled();
    await see(page.locator('#publish-hint')).text('还有 3 条待审核申报，全部审核后才能发布。');

    // Fits the 300px sidebar: nothing scrolls sideways.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'sidebar-pending.png');
  });

  test('approve one: the call carries the id and month, shows a loading state, and the list refreshes', async () => {
    const state = sidebarState();
    const answer = deferred<ReviewResult>();
    const { page, callsTo } = await open(state, () => answer.promise);

    // Two clicks in the same tick: only one call may go out.
    await page.evaluate(() => {
      const b = document.querySelector<HTMLButtonElement>('li[data-id="E1"] button[data-action="approve"]')!;
      b.click();
      b.click();
    });
    await see(page.locator('#loading')).visible();
    await see(page.locator('#loading')).contains('正在通过 张三 的申报');
    await see(page.locator(`${row('E3')} button[data-action="approve"]`)).disabled();
    await see(page.locator('#month')).disabled();
    await page.locator(`${row('E3')} button[data-action="approve"]`).click({ force: true });
    expect(callsTo('sidebarReview')).toEqual([[{ ids: ['E1'], action: 'approve', month: '2026-10' }]]);

    answer.resolve({ ok: true, message: '已通过 1 条申报。', changed: 1, state: without(state, ['E1']) });
    await see(page.locator('#loading')).hidden();
    await see(page.locator(PENDING_CARDS)).count(2);
    // The decided card stays where it was, with its outcome and no buttons left.
    await see(page.locator(`${row('E1')}.resolved .claim-result.ok`)).text('已通过 1 条申报。');
    await see(page.locator(`${row('E1')} button`)).count(0);
    await see(page.locator('#status')).text('已通过 1 条申报。');
    await see(page.locator('#status')).className(/ok/);
    await see(page.locator('[data-count="pending"] b')).text('2');
    await see(page.locator('#month option').first()).text('2026-10　待审 2');
    expect(callsTo('sidebarReview')).toHaveLength(1);
  });

  test('reject: an empty reason shows an inline error and sends nothing; a reason is sent', async () => {
    const state = sidebarState();
    const { page, callsTo } = await open(state, (req) => ({
      ok: true,
      message: `已驳回 ${req.ids.length} 条申报。`,
      changed: 1,
      state: without(state, req.ids),
    }));
    const r = page.locator(row('E3'));
    await r.locator('button[data-action="reject"]').click();
    await see(r.locator('textarea.reason')).focused();
    await r.locator('button[data-action="confirm-reject"]').click();
    await see(r.locator('[data-error="reason"]')).text('请填写驳回理由');
    await see(r.locator('textarea.reason')).className(/invalid/);
    await r.locator('textarea.reason').fill('   ');
    await r.locator('button[data-action="confirm-reject"]').click();
    await see(r.locator('[data-error="reason"]')).count(1);
    expect(callsTo('sidebarReview')).toEqual([]);
    await screenshot(page, 'sidebar-reject-error.png');

    await r.locator('textarea.reason').fill('比赛为社区内部活动，不属于上级组织的比赛');
    await r.locator('button[data-action="confirm-reject"]').click();
    await see(page.locator('#status')).text('已驳回 1 条申报。');
    expect(callsTo('sidebarReview')).toEqual([
      [
        {
          ids: ['E3'],
          action: 'reject',
          reason: '比赛为社区内部活动，不属于上级组织的比赛',
          month: '2026-10',
        },
      ],
    ]);
    await see(page.locator(PENDING_CARDS)).count(2);
  });

  test("the server's refusal and field errors are shown, and nothing in the list changes", async () => {
    const state = sidebarState();
    const { page } = await open(state, () => ({
      ok: false,
      message: '驳回理由太短，请写明原因。',
      errors: { reason: '至少写 4 个字' },
      changed: 0,
      state,
    }));
    const r = page.locator(row('E1'));
    await r.locator('button[data-action="reject"]').click();
    await r.locator('textarea.reason').fill('不行');
    await r.locator('button[data-action="confirm-reject"]').click();
    await see(page.locator('#status')).className(/error/);
    await see(page.locator('#status')).text('驳回理由太短，请写明原因。');
    await see(r.locator('[data-error="reason"]')).text('至少写 4 个字');
    // The draft survives the refresh so the reviewer can fix it.
    await see(r.locator('textarea.reason')).value('不行');
    await see(page.locator(PENDING_CARDS)).count(3);
  });

  test('a failed call (failure handler) shows a Chinese message and re-enables the buttons', async () => {
    const { page } = await open(sidebarState(), () => {
      throw new Error('Exception: 服务暂时不可用');
    });
    await page.locator(`${row('E1')} button[data-action="approve"]`).click();
    await see(page.locator('#status')).text('服务器调用失败：服务暂时不可用');
    await see(page.locator(`${row('E1')} button[data-action="approve"]`)).enabled();
  });

  test('a permission refusal says what it is, not 「服务器调用失败」', async () => {
    const { page } = await open(sidebarState(), () => {
      throw new Error('Exception: You do not have permission to call SpreadsheetApp.getActiveSpreadsheet');
    });
    await page.setViewportSize({ width: 300, height: 800 });
    await page.locator(`${row('E1')} button[data-action="approve"]`).click();
    await see(page.locator('#status')).text(
      '没有权限：You do not have permission to call SpreadsheetApp.getActiveSpreadsheet。请确认您的账号列在「设置」的两委成员中（修改后由表格所有者运行「初始化/修复表格」）。',
    );
    await see(page.locator(`${row('E1')} button[data-action="approve"]`)).enabled();
  });

  test('adjust quantity: whole positive number and a reason are required, inline', async () => {
    const state = sidebarState();
    const { page, callsTo } = await open(state, (req) => ({
      ok: true,
      message: '已调整数量。',
      changed: 1,
      state: without(state, req.ids),
    }));
    const r = page.locator(row('E1'));
    await r.locator('button[data-action="adjust"]').click();
    const qty = r.locator('input.quantity');
    await see(qty).value('2');
    await see(qty).focused();
    const confirm = r.locator('button[data-action="confirm-adjust"]');
    const qtyError = r.locator('[data-error="quantity"]');
    const reasonError = r.locator('[data-error="reason"]');

    await confirm.click();
    await see(qtyError).text('新数量与原数量（2）相同');
    await see(reasonError).text('请填写调整理由');

    for (const [text, error] of [
      ['0', '新数量须为正整数'],
      ['-1', '新数量须为正整数'],
      ['1.5', '新数量须为正整数'],
      ['abc', '新数量须为正整数'],
      ['', '请填写新数量'],
      ['101', '新数量过大（上限 100）'],
    ] as [string, string][]) {
      await qty.fill(text);
      await confirm.click();
      await see(qtyError).text(error);
    }
    await r.locator('textarea.reason').fill('只调解成功一次');
    await qty.fill('1');
    await confirm.click();
    await see(page.locator('#status')).text('已调整数量。');
    expect(callsTo('sidebarReview')).toEqual([
      [{ ids: ['E1'], action: 'adjust', quantity: 1, reason: '只调解成功一次', month: '2026-10' }],
    ]);
  });

  test('bulk approve sends the selected rows in list order; 全选 selects every row', async () => {
    const state = sidebarState();
    const { page, callsTo } = await open(state, (req) => ({
      ok: true,
      message: `已通过 ${req.ids.length} 条申报。`,
      changed: req.ids.length,
      state: without(state, req.ids),
    }));
    const bulk = page.locator('#bulk-approve');
    await see(bulk).disabled();
    await see(bulk).text('批量通过（0）');

    await page.locator('#select-all').check();
    await see(page.locator('#claims input.select:checked')).count(3);
    await see(bulk).text('批量通过（3）');
    await page.locator('#select-all').uncheck();
    await see(page.locator('#claims input.select:checked')).count(0);

    await page.locator(`${row('E3')} input.select`).check();
    await page.locator(`${row('E1')} input.select`).check();
    await see(bulk).text('批量通过（2）');
    await see(page.locator('#select-all')).property('indeterminate', true);
    await screenshot(page, 'sidebar-selected.png');
    await bulk.click();

    expect(callsTo('sidebarReview')).toEqual([[{ ids: ['E1', 'E3'], action: 'approve', month: '2026-10' }]]);
    await see(page.locator(PENDING_CARDS)).count(1);
    await see(page.locator(row('E2'))).count(1);
    await see(page.locator('#status')).text('已通过 2 条申报。');
    // Selections of rows that left the list are dropped.
    await see(bulk).text('批量通过（0）');
  });

  test('a non-committee user gets a read-only view with every action disabled', async () => {
    const { page, calls } = await open(
      sidebarState({ user: { email: 'cadre@example.com', isCommittee: false } }),
    );
    await see(page.locator('#readonly-notice')).contains('不是两委成员，只能查看');
    await see(page.locator('#user')).text('cadre@example.com · 只读');
    for (const sel of [
      '#claims button[data-action="approve"]',
      '#claims button[data-action="reject"]',
      '#claims button[data-action="adjust"]',
      '#claims input.select',
    ]) {
      await see(page.locator(sel)).count(3);
      await allDisabled(page.locator(sel));
    }
    await see(page.locator('#select-all')).disabled();
    await see(page.locator('#bulk-approve')).disabled();
    await see(page.locator('#publish')).disabled();
    // Reading other months still works.
    await see(page.locator('#month')).enabled();
    await screenshot(page, 'sidebar-readonly.png');
    expect(calls.map((c) => c.name)).toEqual(['sidebarGetState']);
  });

  test('the 纪检专干 sees why publishing is off', async () => {
    const nothingPending: SidebarState = {
      ...without(sidebarState(), ['E1', 'E2', 'E3']),
      months: [{ month: '2026-10', published: false, pending: 0 }],
      user: { email: 'jijian@example.com', isCommittee: false, canPublish: false, isDiscipline: true },
    };
    const { page } = await open(nothingPending);
    await see(page.locator('#publish')).disabled();
    await see(page.locator('#publish-hint')).contains('只有两委成员可以发布公示');
  });

  test('the 纪检专干 inspects: no approve/reject/adjust, a 审查意见 is required, sent, and shown (SPEC §1)', async () => {
    const inspector: SidebarState = {
      ...sidebarState(),
      user: { email: 'jijian@example.com', isCommittee: false, canPublish: false, isDiscipline: true },
    };
    const after: SidebarState = {
      ...inspector,
      pending: inspector.pending.map((c) =>
        c.id === 'E1' ? { ...c, inspections: ['jijian@example.com 2026-11-05 10:00:00：请补充调解记录'] } : c,
      ),
    };
    const { page, calls } = await session.open(
      'Sidebar.html',
      {
        sidebarGetState: () => inspector,
        sidebarInspect: () => ({
          ok: true,
          message: '已记录对 E1 的审查意见（不改变审核结果）',
          changed: 1,
          state: after,
        }),
      },
      SIDEBAR,
    );
    await page.locator('#claims').waitFor();
    await see(page.locator('#user')).contains('纪检专干');
    await see(page.locator('#inspector-notice')).contains('通过、驳回、调整和发布由两委成员决定');
    for (const action of ['approve', 'reject', 'adjust']) {
      await see(page.locator(`#claims [data-action="${action}"]`)).count(0);
    }
    const first = page.locator(row('E1'));
    await first.locator('[data-action="inspect"]').click();
    await first.locator('[data-action="confirm-inspect"]').click();
    await see(first.locator('[data-error="reason"]')).text('请填写审查意见');
    expect(calls.map((c) => c.name)).toEqual(['sidebarGetState']);
    await first.locator('textarea.reason').fill('请补充调解记录');
    await first.locator('[data-action="confirm-inspect"]').click();
    await see(page.locator(row('E1')).locator('.claim-inspections')).contains('请补充调解记录');
    expect(calls.at(-1)).toEqual({
      name: 'sidebarInspect',
      args: [{ id: 'E1', opinion: '请补充调解记录', month: '2026-10' }],
    });
    await screenshot(page, 'sidebar-inspector.png');
  });

  test('month picker loads the chosen month; an empty month shows the empty state and allows publishing', async () => {
    const october = sidebarState();
    const september: SidebarState = {
      ...without(sidebarState(), ['E1', 'E2', 'E3']),
      month: '2026-09',
      published: false,
      months: [
        { month: '2026-10', published: false, pending: 3 },
        { month: '2026-09', published: false, pending: 0 },
      ],
    };
    const publishedSeptember: SidebarState = {
      ...september,
      published: true,
      months: september.months.map((m) => (m.month === '2026-09' ? { ...m, published: true } : m)),
    };
    const { page, handlers, callsTo } = await open(october, undefined, (month) => ({
      ok: true,
      message: `已发布 ${month} 月度公示。`,
      sheetName: `公示-${month}`,
      digest: 'a'.repeat(64),
      pdfUrl: 'https://docs.google.com/spreadsheets/d/x/export?format=pdf',
      state: publishedSeptember,
    }));
    handlers.sidebarGetState = (month) => (month === '2026-09' ? september : october);
    await page.locator('#month').selectOption('2026-09');
    await see(page.locator('#empty')).text('2026-09 没有待审核的申报。');
    expect(callsTo('sidebarGetState')).toEqual([[], ['2026-09']]);
    await see(page.locator('#bulk-approve')).count(0);

    const publish = page.locator('#publish');
    await see(publish).enabled();
    // Asks for confirmation first; cancelling sends nothing.
    await publish.click();
    await see(page.locator('#publish-confirm')).contains('确认发布 2026-09 月度公示？');
    await page.locator('#publish-confirm-no').click();
    await see(page.locator('#publish-confirm')).count(0);
    expect(callsTo('sidebarPublish')).toEqual([]);

    await publish.click();
    await screenshot(page, 'sidebar-publish-confirm.png');
    await page.locator('#publish-confirm-yes').click();
    await see(page.locator('#status')).text('已发布 2026-09 月度公示。');
    expect(callsTo('sidebarPublish')).toEqual([['2026-09']]);
    await see(page.locator('#publish-result')).contains('快照：公示-2026-09');
    expect(await page.locator('#publish-result a').getAttribute('href')).toContain('format=pdf');
    // Published now: the button is disabled with the reason.
    await see(publish).disabled();
    await see(page.locator('#publish-hint')).contains('2026-09 已发布公示');
  });

  test('at 300 px a multi-line result keeps its lines, its address is a link, the status stays in view, and the card shows its outcome', async () => {
    const url = 'https://drive.google.com/file/d/abc/view';
    const state = sidebarState();
    const { page } = await open(state, () => ({
      ok: true,
      message: `已通过 1 条申报。\n打印版 PDF：${url}\n校验码（SHA-256）：${'b'.repeat(64)}`,
      changed: 1,
      state: without(state, ['E3']),
    }));
    await page.setViewportSize({ width: 300, height: 420 });
    // Act on the last card, far down the list: the answer must be visible without scrolling back.
    const last = page.locator(row('E3'));
    await last.scrollIntoViewIfNeeded();
    await last.locator('button[data-action="approve"]').click();
    const status = page.locator('#status');
    await see(status).contains('已通过 1 条申报。');
    expect(await status.locator('a').getAttribute('href')).toBe(url);
    expect(await status.locator('a').getAttribute('rel')).toBe('noopener');
    const lines = await status.evaluate(
      (n) => (n as HTMLElement).innerText.split('\n').filter(Boolean).length,
    );
    expect(lines).toBe(3);
    const box = await status.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(420);
    // The card acted on stays in its place, decided, with the outcome in view where the user looked.
    const card = page.locator(`${row('E3')}.resolved`);
    await see(card.locator('.claim-name')).text('王五（003）');
    await see(card.locator('.claim-item')).text('参加社区或上级组织的比赛 · 2 分');
    // Its first line only: the PDF link and the digest are in the status above.
    await see(card.locator('.claim-result.ok')).text('已通过 1 条申报。');
    await card.scrollIntoViewIfNeeded();
    const cardBox = (await card.boundingBox())!;
    expect(cardBox.y + cardBox.height).toBeLessThanOrEqual(420);
    expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(300);
    await see(page.locator(PENDING_CARDS)).count(2);
    // The viewport as the user sees it (a full-page shot would hide what sticky does).
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'sidebar-after-action.png') });
  });

  test('a refused action shows its reason on that card, which keeps its buttons; other cards show nothing', async () => {
    const state = sidebarState();
    const { page } = await open(state, () => ({
      ok: false,
      message: '第 3 行已被他人审核（状态：已通过），请刷新后查看。',
      changed: 0,
      state,
    }));
    await page.setViewportSize({ width: 300, height: 800 });
    await page.locator(`${row('E2')} button[data-action="approve"]`).click();
    const result = page.locator(`${row('E2')} .claim-result.error`);
    await see(result).text('未完成：第 3 行已被他人审核（状态：已通过），请刷新后查看。');
    await see(page.locator(`${row('E2')} button[data-action="approve"]`)).enabled();
    await see(page.locator('#claims .claim-result')).count(1);
    await see(page.locator('#status')).className(/error/);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'sidebar-card-error.png');
  });

  const noPending = (over: Partial<SidebarState> = {}): SidebarState => {
    const base = without(sidebarState(), ['E1', 'E2', 'E3']);
    return {
      ...base,
      months: base.months.map((m) => (m.month === base.month ? { ...m, pending: 0 } : m)),
      counts: { ...base.counts, pending: 0 },
      ...over,
    };
  };

  test.each([
    ['claims pending', sidebarState(), '还有 3 条待审核申报，全部审核后才能发布。'],
    [
      'unhandled 申报异常 of the month',
      noPending({
        counts: { pending: 0, intakeErrors: 2, objections: 1, problems: 0, monthIntakeErrors: 2 },
      }),
      '2026-10 还有 2 条申报异常未处理：请在「申报异常」表逐条处理并把「处理情况」改为“已处理”后再发布。',
    ],
    [
      'earlier months unpublished',
      noPending({ publishBlocked: '请按月份顺序公示：2026-07、2026-08 尚未发布公示。' }),
      '请按月份顺序公示：2026-07、2026-08 尚未发布公示。',
    ],
    [
      'a month with nothing in it',
      noPending({ publishBlocked: '2026-10 没有任何积分台账条目或考勤记录，不能发布空的公示' }),
      '2026-10 没有任何积分台账条目或考勤记录，不能发布空的公示',
    ],
    ['already published', noPending({ published: true }), '2026-10 已发布公示。如需更正，请通过异议处理。'],
  ])(
    'at 300 px publishing is off while it would be refused (%s), with the reason',
    async (name, state, reason) => {
      const { page } = await open(state);
      await page.setViewportSize({ width: 300, height: 800 });
      await see(page.locator('#publish')).disabled();
      await see(page.locator('#publish-hint')).text(reason);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(
        page,
        `sidebar-blocked-${['claims pending', 'unhandled 申报异常 of the month', 'earlier months unpublished', 'a month with nothing in it', 'already published'].indexOf(name)}.png`,
      );
    },
  );

  test('at 300 px publishing is on when nothing would refuse it', async () => {
    const { page } = await open(noPending());
    await page.setViewportSize({ width: 300, height: 800 });
    await see(page.locator('#publish')).enabled();
    await see(page.locator('#publish-hint')).contains('发布前会重新计算系统积分');
  });

  test('publishing is off, with the reason, while the month has unhandled 申报异常', async () => {
    const base = without(sidebarState(), ['E1', 'E2', 'E3']);
    const state: SidebarState = {
      ...base,
      months: base.months.map((m) => (m.month === base.month ? { ...m, pending: 0 } : m)),
      counts: { ...base.counts, pending: 0, monthIntakeErrors: 2 },
    };
    const { page } = await open(state);
    await page.setViewportSize({ width: 300, height: 800 });
    await see(page.locator('#publish')).disabled();
    await see(page.locator('#publish-hint')).contains('还有 2 条申报异常未处理');
  });

  test('a published month links to its 公示 tab and to its printed PDF', async () => {
    const base = without(sidebarState(), ['E1', 'E2', 'E3']);
    const url = 'https://docs.google.com/spreadsheets/d/x/edit#gid=42';
    const pdfUrl = 'https://drive.google.com/file/d/pdf1/view';
    const state: SidebarState = {
      ...base,
      published: true,
      publication: { tabName: `公示-${base.month}`, url, pdfUrl },
    };
    const { page } = await open(state);
    await page.setViewportSize({ width: 300, height: 800 });
    await see(page.locator('#publish')).disabled();
    await see(page.locator('#publication-link')).text(`打开「公示-${base.month}」`);
    expect(await page.locator('#publication-link').getAttribute('href')).toBe(url);
    await see(page.locator('#publication-pdf')).text('打印版 PDF（A4）');
    expect(await page.locator('#publication-pdf').getAttribute('href')).toBe(pdfUrl);
    expect(await page.locator('#publication-pdf').getAttribute('target')).toBe('_blank');
    await screenshot(page, 'sidebar-published.png');
  });

  test.each([
    ['no PDF was exported', undefined],
    ['the stored address is not http(s)', 'javascript:window.__pwned=4'],
  ])('a published month links only its tab when %s', async (_why, pdfUrl) => {
    const base = without(sidebarState(), ['E1', 'E2', 'E3']);
    const url = 'https://docs.google.com/spreadsheets/d/x/edit#gid=42';
    const { page } = await open({
      ...base,
      published: true,
      publication: { tabName: `公示-${base.month}`, url, ...(pdfUrl ? { pdfUrl } : {}) },
    });
    await see(page.locator('#publication-link')).count(1);
    await see(page.locator('#publication-pdf')).count(0);
  });
});
