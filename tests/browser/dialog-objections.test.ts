// The entry dialog's leave redemption (积分兑换), objection (登记异议) and finding (处理异议) tabs in
// headless Chromium, against a scripted server.

import type { ActionResult } from '../../src/shared/ui-contract';
import { requireTool } from '../helpers/tools';
import { dialogOptions, HOSTILE_NAME, HOSTILE_REASON, objection, objections } from './fixtures';
import { deferred, dialogOpener, eventually, pageSession, screenshot, see } from './harness';

// Generous: on a loaded 2-core machine a Chromium page load alone can take seconds.
jest.setTimeout(90_000);

requireTool('chromium')('the dialog’s redemption, objection and finding tabs in headless Chromium', () => {
  const open = dialogOpener(pageSession());

  test('redemption: balance shown, over-balance refused inline, then one submit with the typed request', async () => {
    const answer = deferred<ActionResult>();
    const { page, handlers, callsTo } = await open(() => answer.promise);
    await page.locator('#tab-redemption').click();
    await see(page.locator('#panel-redemption')).visible();
    await see(page.locator('#panel-event')).hidden();
    await see(page.locator('#red-balance')).text('选择干部后显示可用积分。');
    await see(page.locator('#red-date')).value('2026-11-03');

    await page.locator('#red-cadre').selectOption('001');
    await see(page.locator('#red-balance')).text(
      '可用积分 260 分，可兑换 2 个半天（1 天），已兑换 1 个半天（0.5 天）',
    );
    await page.locator('#red-halfdays').fill('2');
    await see(page.locator('#red-after')).text('需 200 分，兑换后剩余 60 分');
    await page.locator('#red-halfdays').fill('3');
    await see(page.locator('#red-after')).text('需 300 分，超出可用积分（可用 260 分）');
    await see(page.locator('#red-after')).className(/over/);

    // Over the balance: refused on the page, nothing sent.
    await page.locator('#red-submit').click();
    await see(page.locator('#err-red-halfdays')).text('超出可用积分：兑换 3 个半天需 300 分，可用 260 分');
    await see(page.locator('#red-halfdays')).className(/invalid/);
    await see(page.locator('#status')).text('请先改正标红的内容。');
    await see(page.locator('#red-halfdays')).focused();
    await screenshot(page, 'dialog-redemption-over.png');

    // A cadre with less than one half-day's points cannot redeem even one.
    await page.locator('#red-cadre').selectOption('002');
    await see(page.locator('#red-balance')).text(
      '可用积分 40 分，可兑换 0 个半天（0 天），已兑换 0 个半天（0 天）',
    );
    await page.locator('#red-halfdays').fill('1');
    await page.locator('#red-submit').click();
    await see(page.locator('#err-red-halfdays')).text('超出可用积分：兑换 1 个半天需 100 分，可用 40 分');

    for (const [text, error] of [
      ['', '请填写半天数'],
      ['0', '半天数须为正整数（1 个半天 = 0.5 天）'],
      ['1.5', '半天数须为正整数（1 个半天 = 0.5 天）'],
    ] as [string, string][]) {
      await page.locator('#red-halfdays').fill(text);
      await page.locator('#red-submit').click();
      await see(page.locator('#err-red-halfdays')).text(error);
    }
    await page.locator('#red-cadre').selectOption('');
    await page.locator('#red-date').fill('2026-02-30');
    await page.locator('#red-submit').click();
    await see(page.locator('#err-red-cadre')).text('请选择干部');
    await see(page.locator('#err-red-date')).text('日期不存在：2026-02-30');
    expect(callsTo('dialogSubmit')).toEqual([]);

    // A valid redemption: full-width digits and a loose date are accepted and normalised.
    await page.locator('#red-cadre').selectOption('001');
    await page.locator('#red-halfdays').fill('２');
    await see(page.locator('#red-after')).text('需 200 分，兑换后剩余 60 分');
    await page.locator('#red-date').fill('2026/11/5');
    await page.locator('#red-note').fill('  11月5日全天事假  ');
    // After the save the page reloads the balances; this server answers with the new ones.
    handlers.dialogGetOptions = () =>
      dialogOptions({
        balances: [{ cadreId: '001', availablePoints: 60, halfDays: 0, redeemedHalfDays: 3 }],
      });
    await page.locator('#red-submit').click();
    await see(page.locator('#loading')).visible();
    await see(page.locator('#red-submit')).disabled();
    expect(callsTo('dialogSubmit')).toEqual([
      [{ kind: 'redemption', cadreId: '001', halfDays: 2, date: '2026-11-05', note: '11月5日全天事假' }],
    ]);
    await see(page.locator('#err-red-halfdays')).text('');
    answer.resolve({ ok: true, message: '已兑换：张三 2 个半天（1 天），可用积分 260 → 60 分。' });
    await see(page.locator('#status')).text('已兑换：张三 2 个半天（1 天），可用积分 260 → 60 分。');
    await see(page.locator('#status')).className(/ok/);
    await see(page.locator('#red-submit')).enabled();
    await see(page.locator('#red-balance')).text(
      '可用积分 60 分，可兑换 0 个半天（0 天），已兑换 3 个半天（1.5 天）',
    );
    await eventually(() => expect(callsTo('dialogGetOptions')).toHaveLength(2));
    // Cleared so that a second click cannot redeem the same leave twice; cadre and date stay.
    await see(page.locator('#red-halfdays')).value('');
    await see(page.locator('#red-note')).value('');
    await see(page.locator('#red-cadre')).value('001');
    await see(page.locator('#red-date')).value('2026-11-05');
    await screenshot(page, 'dialog-redemption-saved.png');

    // The server refuses (e.g. the balance on the redemption date is lower): its errors land inline.
    handlers.dialogSubmit = () => ({
      ok: false,
      message: '没有保存：超出可用积分。',
      errors: { halfDays: '兑换 1 个半天需 100 分，超出 2026-11 可用积分 60 分', date: '不在考核年度内' },
    });
    await page.locator('#red-cadre').selectOption('003');
    await page.locator('#red-halfdays').fill('1');
    await page.locator('#red-submit').click();
    await see(page.locator('#status')).text('没有保存：超出可用积分。');
    await see(page.locator('#err-red-halfdays')).text('兑换 1 个半天需 100 分，超出 2026-11 可用积分 60 分');
    await see(page.locator('#err-red-date')).text('不在考核年度内');
    await see(page.locator('#red-date')).className(/invalid/);
    await see(page.locator('#red-halfdays')).value('1');
  });

  test('redemption without balances from the server: no inline balance check, the server decides', async () => {
    const { page, callsTo } = await open(
      undefined,
      dialogOptions({ balances: undefined, pointsPerHalfDay: 50 }),
    );
    await page.locator('#tab-redemption').click();
    await page.locator('#red-cadre').selectOption('002');
    await see(page.locator('#red-balance')).text('没有该干部的积分余额数据，保存时由服务器核对。');
    await page.locator('#red-halfdays').fill('3');
    await see(page.locator('#red-after')).text('需 150 分');
    await page.locator('#red-submit').click();
    await see(page.locator('#status')).text('已保存。');
    expect(callsTo('dialogSubmit')).toEqual([
      [{ kind: 'redemption', cadreId: '002', halfDays: 3, date: '2026-11-03', note: '' }],
    ]);
  });

  test('objection: published months only, content required, then the typed request', async () => {
    const { page, handlers, callsTo } = await open(() => ({
      ok: true,
      message: '已登记异议 O4：李四 2026-08。',
    }));
    await see(page.locator('#finding-count')).text('2');
    await page.locator('#tab-objection').click();
    await see(page.locator('#panel-objection')).visible();
    expect(await page.locator('#obj-month option').allTextContents()).toEqual(['2026-09', '2026-08']);
    await see(page.locator('#obj-none')).count(0);

    await page.locator('#obj-content').fill('   ');
    await page.locator('#obj-submit').click();
    await see(page.locator('#err-obj-cadre')).text('请选择提出异议的干部');
    await see(page.locator('#err-obj-content')).text('请填写异议内容');
    await see(page.locator('#err-obj-month')).text('');
    await see(page.locator('#obj-cadre')).focused();
    await page.locator('#obj-cadre').selectOption('002');
    await page.locator('#obj-submit').click();
    await see(page.locator('#err-obj-cadre')).text('');
    await see(page.locator('#err-obj-content')).text('请填写异议内容');
    expect(callsTo('dialogSubmit')).toEqual([]);

    await page.locator('#obj-month').selectOption('2026-08');
    await page.locator('#obj-entry').fill(' ｅ0123 ');
    await page.locator('#obj-content').fill('  8月20日的“因服务问题被居民投诉”不属实，投诉人已撤回。 ');
    await screenshot(page, 'dialog-objection.png');
    // The refreshed options carry the new objection; it shows up under 处理异议.
    handlers.dialogGetOptions = () =>
      dialogOptions({
        objections: [
          objection({
            id: 'O4',
            month: '2026-08',
            content: '8月20日的“因服务问题被居民投诉”不属实，投诉人已撤回。',
          }),
          ...objections(),
        ],
      });
    await page.locator('#obj-submit').click();
    await see(page.locator('#status')).text('已登记异议 O4：李四 2026-08。');
    expect(callsTo('dialogSubmit')).toEqual([
      [
        {
          kind: 'objection',
          month: '2026-08',
          cadreId: '002',
          entryId: 'E0123',
          content: '8月20日的“因服务问题被居民投诉”不属实，投诉人已撤回。',
        },
      ],
    ]);
    await see(page.locator('#obj-content')).value('');
    await see(page.locator('#obj-entry')).value('');
    await see(page.locator('#finding-count')).text('3');
    await page.locator('#tab-finding').click();
    await see(page.locator('#find-objection .choice')).count(3);
    await see(page.locator('#find-objection .choice').first()).attr('data-id', 'O4');

    // A server field error lands next to its field.
    handlers.dialogSubmit = () => ({
      ok: false,
      message: '没有保存。',
      errors: { month: '2026-08 没有发布公示', content: '异议内容过短' },
    });
    await page.locator('#tab-objection').click();
    await page.locator('#obj-content').fill('不对');
    await page.locator('#obj-submit').click();
    await see(page.locator('#err-obj-month')).text('2026-08 没有发布公示');
    await see(page.locator('#err-obj-content')).text('异议内容过短');
    await see(page.locator('#obj-content')).value('不对');
  });

  test('objection with no published month: explained, and nothing can be sent', async () => {
    const { page, calls } = await open(undefined, dialogOptions({ publishedMonths: [] }));
    await page.locator('#tab-objection').click();
    await see(page.locator('#obj-none')).text(
      '还没有已发布公示的月份。异议只能针对已发布公示的月份提出，请在该月公示后再登记。',
    );
    expect(await page.locator('#obj-month option').allTextContents()).toEqual(['（没有已发布公示的月份）']);
    await see(page.locator('#obj-submit')).disabled();
    await screenshot(page, 'dialog-objection-none.png');
    expect(calls.map((c) => c.name)).toEqual(['dialogGetOptions']);
  });

  test('finding upheld: pending list, correction lines (add/remove, negative), exact request', async () => {
    const answer = deferred<ActionResult>();
    const { page, handlers, callsTo } = await open(() => answer.promise);
    await page.locator('#tab-finding').click();
    await see(page.locator('#panel-finding')).visible();
    // Pending objections, hostile text shown literally.
    expect(await page.locator('#find-objection .choice-head').allTextContents()).toEqual([
      'O3 · 2026-09 · 李四（002） · 条目 E0123',
      `O2 · 2026-09 · ${HOSTILE_NAME}（003） · 未指明条目`,
    ]);
    expect(await page.locator('#find-objection .choice-body').allTextContents()).toEqual([
      '9月15日“被上级点名批评”扣 5 分有误：当天在区里参加培训，有签到表。',
      HOSTILE_REASON,
    ]);
    // Decided ones are listed read-only.
    await see(page.locator('#find-decided summary')).text('已处理的异议（1）');
    expect(await page.locator('#find-decided-table tbody tr td').allTextContents()).toEqual([
      'O1',
      '2026-08',
      '张三（001）',
      'E0042',
      '8月的迟到记录有误。',
      '不成立',
      '经核对签到表，8月6日迟到属实。',
    ]);
    await see(page.locator('#find-decided-table input')).count(0);
    await see(page.locator('#find-corrections-box')).hidden();

    await page.locator('#find-submit').click();
    await see(page.locator('#err-find-objection')).text('请选择要处理的异议');
    await see(page.locator('#err-find-result')).text('请选择处理结果（成立 / 不成立）');
    await see(page.locator('#err-find-opinion')).text('请填写处理意见');
    await see(page.locator('#find-objection')).className(/invalid/);
    await see(page.locator('#status')).text('有 3 处需要改正（标红）。');

    await page.locator('#find-obj-0').check();
    await page.locator('#find-result-upheld').check();
    await see(page.locator('#find-corrections-box')).visible();
    await see(page.locator('#find-corrections tbody tr')).count(1);
    await page.locator('#find-opinion').fill('经核实，9月15日在区里参加培训，批评记录有误，异议成立。');
    const cell = (i: number, field: string) => page.locator(`#find-c-${i}-${field}`);
    // Three lines, the middle one removed again: ids follow the rows.
    await page.locator('#find-add-row').click();
    await page.locator('#find-add-row').click();
    await see(page.locator('#find-corrections tbody tr')).count(3);
    await see(cell(2, 'entryId')).focused();
    await cell(1, 'reason').fill('删掉的一行');
    await page.locator('#find-corrections tbody tr').nth(1).locator('.remove-row').click();
    await see(page.locator('#find-corrections tbody tr')).count(2);
    await see(cell(1, 'reason')).value('');

    await cell(0, 'entryId').fill('e0123');
    await cell(0, 'pointsDelta').fill('5');
    await cell(0, 'reason').fill('撤销错记的点名批评');
    await cell(1, 'pointsDelta').fill('0');
    await page.locator('#find-submit').click();
    expect(await page.locator('#errors-finding li').allTextContents()).toEqual([
      '第 2 行：没有条目编号时须填写规则编码',
      '第 2 行：分值变化不能为 0',
      '第 2 行：请填写理由',
    ]);
    await see(cell(1, 'ruleCode')).className(/invalid/);
    await see(page.locator('#err-find-objection')).text('');
    expect(callsTo('dialogSubmit')).toEqual([]);

    await cell(1, 'ruleCode').fill('t-complaint');
    await cell(1, 'pointsDelta').fill('－1'); // full-width minus from a Chinese IME
    await cell(1, 'reason').fill('同日另有居民投诉漏记');
    await see(page.locator('#find-total')).text('合计 +4 分');
    await screenshot(page, 'dialog-finding-upheld.png');
    handlers.dialogGetOptions = () =>
      dialogOptions({
        objections: [
          objection({ status: '成立', opinion: '经核实，9月15日在区里参加培训，批评记录有误，异议成立。' }),
          ...objections().slice(1),
        ],
      });
    await page.locator('#find-submit').click();
    await see(page.locator('#find-submit')).disabled();
    expect(callsTo('dialogSubmit')).toEqual([
      [
        {
          kind: 'finding',
          objectionId: 'O3',
          result: 'upheld',
          opinion: '经核实，9月15日在区里参加培训，批评记录有误，异议成立。',
          corrections: [
            { entryId: 'E0123', ruleCode: '', pointsDelta: 5, reason: '撤销错记的点名批评' },
            { entryId: '', ruleCode: 'T-COMPLAINT', pointsDelta: -1, reason: '同日另有居民投诉漏记' },
          ],
        },
      ],
    ]);
    answer.resolve({ ok: true, message: '异议 O3 成立：已录入 2 条更正，2026-09 将发布更正公示。' });
    await see(page.locator('#status')).text('异议 O3 成立：已录入 2 条更正，2026-09 将发布更正公示。');
    // The objection moved to the decided list; the form is fresh for the next one.
    await see(page.locator('#find-objection .choice')).count(1);
    await see(page.locator('#find-objection .choice')).attr('data-id', 'O2');
    await see(page.locator('#find-decided summary')).text('已处理的异议（2）');
    await see(page.locator('#find-decided-table tr[data-id="O3"] td.upheld')).text('成立');
    await see(page.locator('#finding-count')).text('1');
    await see(page.locator('#find-opinion')).value('');
    await see(page.locator('#find-result-upheld')).property('checked', false);
    await see(page.locator('#find-corrections-box')).hidden();
    await see(page.locator('#find-corrections tbody tr')).count(0);
  });

  test('finding rejected: corrections typed before switching are not sent', async () => {
    const { page, handlers, callsTo } = await open(() => ({ ok: true, message: '异议 O2 不成立，已记录。' }));
    handlers.dialogGetOptions = () =>
      dialogOptions({
        objections: objections().map((x) =>
          x.id === 'O2' ? { ...x, status: '不成立', opinion: '经核查，该月积分计算无误。' } : x,
        ),
      });
    await page.locator('#tab-finding').click();
    await page.locator('#find-obj-1').check();
    await page.locator('#find-result-upheld').check();
    await page.locator('#find-c-0-entryId').fill('E0099');
    await page.locator('#find-c-0-pointsDelta').fill('abc');
    await page.locator('#find-result-rejected').check();
    await see(page.locator('#find-corrections-box')).hidden();
    await page.locator('#find-opinion').fill('经核查，该月积分计算无误。');
    await page.locator('#find-submit').click();
    await see(page.locator('#status')).text('异议 O2 不成立，已记录。');
    expect(callsTo('dialogSubmit')).toEqual([
      [
        {
          kind: 'finding',
          objectionId: 'O2',
          result: 'rejected',
          opinion: '经核查，该月积分计算无误。',
          corrections: [],
        },
      ],
    ]);
    await see(page.locator('#find-decided-table tr[data-id="O2"] td.rejected')).text('不成立');
    await see(page.locator('#find-objection .choice')).count(1);
    await see(page.locator('#find-decided summary')).text('已处理的异议（2）');
  });

  test("finding: the server's field errors land on the fields and correction cells", async () => {
    const { page } = await open(() => ({
      ok: false,
      message: '没有保存：请改正标红的内容。',
      errors: {
        objectionId: '该异议已处理',
        opinion: '处理意见过短',
        'corrections.1.ruleCode': '规则编码 T-NOPE 不存在',
        'corrections[0].entryId': '条目 E9999 不属于 2026-09',
        corrections: '更正合计为 0',
      },
    }));
    await page.locator('#tab-finding').click();
    await page.locator('#find-obj-0').check();
    await page.locator('#find-result-upheld').check();
    await page.locator('#find-add-row').click();
    await page.locator('#find-c-0-entryId').fill('E9999');
    await page.locator('#find-c-0-pointsDelta').fill('-3');
    await page.locator('#find-c-0-reason').fill('错记');
    await page.locator('#find-c-1-ruleCode').fill('T-NOPE');
    await page.locator('#find-c-1-pointsDelta').fill('3');
    await page.locator('#find-c-1-reason').fill('漏记');
    await page.locator('#find-opinion').fill('成立');
    await page.locator('#find-submit').click();
    await see(page.locator('#status')).text('没有保存：请改正标红的内容。');
    await see(page.locator('#err-find-objection')).text('该异议已处理');
    await see(page.locator('#err-find-opinion')).text('处理意见过短');
    await see(page.locator('#find-opinion')).className(/invalid/);
    expect(await page.locator('#errors-finding li').allTextContents()).toEqual([
      '第 2 行：规则编码 T-NOPE 不存在',
      '第 1 行：条目 E9999 不属于 2026-09',
      '更正合计为 0',
    ]);
    await see(page.locator('#find-c-1-ruleCode')).className(/invalid/);
    await see(page.locator('#find-c-0-entryId')).className(/invalid/);
    // Nothing was cleared.
    await see(page.locator('#find-c-1-ruleCode')).value('T-NOPE');
    await see(page.locator('#find-opinion')).value('成立');
    await screenshot(page, 'dialog-finding-errors.png');
  });

  test('finding with nothing pending: says so; decided objections still listed', async () => {
    const { page, callsTo } = await open(
      undefined,
      dialogOptions({ objections: objections().filter((x) => x.status !== '待处理') }),
    );
    await see(page.locator('#finding-count')).hidden();
    await page.locator('#tab-finding').click();
    await see(page.locator('#find-none')).text('没有待处理的异议。');
    await see(page.locator('#find-decided summary')).text('已处理的异议（1）');
    await page.locator('#find-decided summary').click();
    await see(page.locator('#find-decided-table')).visible();
    await page.locator('#find-result-rejected').check();
    await page.locator('#find-opinion').fill('无');
    await page.locator('#find-submit').click();
    await see(page.locator('#err-find-objection')).text('没有待处理的异议');
    expect(callsTo('dialogSubmit')).toEqual([]);
  });
});
