// The entry dialog (dist/Dialog.html) in headless Chromium: events, attendance and scores, against a scripted server.

import type { ActionResult } from '../../src/shared/ui-contract';
import { requireTool } from '../helpers/tools';
import { dialogOptions, HOSTILE_NAME } from './fixtures';
import { allDisabled, deferred, dialogOpener, pageSession, screenshot, see } from './harness';

// Generous: on a loaded 2-core machine a Chromium page load alone can take seconds.
jest.setTimeout(90_000);

requireTool('chromium')('the entry dialog in headless Chromium', () => {
  const DIALOG = { width: 640, height: 600 };
  const session = pageSession();
  const open = dialogOpener(session);

  test('event entry: inline validation first, then one submit with the typed request; the form stays', async () => {
    const answer = deferred<ActionResult>();
    const { page, callsTo } = await open(() => answer.promise);
    await see(page.locator('#tab-event')).attr('aria-selected', 'true');
    await see(page.locator('#event-month')).value('2026-10');
    // Cadre names are text, even hostile ones.
    expect(await page.locator('#event-cadre option').allTextContents()).toEqual([
      '请选择干部',
      '张三（001）',
      '李四（002）',
      `${HOSTILE_NAME}（003）`,
    ]);
    expect(
      await page.locator('#event-rule optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label'))),
    ).toEqual(['基础', '任务', '奖励']);

    await page.locator('#event-quantity').fill('');
    await page.locator('#event-submit').click();
    await see(page.locator('#err-event-cadre')).text('请选择干部');
    await see(page.locator('#err-event-rule')).text('请选择事项');
    await see(page.locator('#err-event-quantity')).text('请填写数量');
    await see(page.locator('#err-event-reason')).text('请填写事由');
    await see(page.locator('#err-event-month')).text('');
    await see(page.locator('#status')).text('请先改正标红的内容。');
    await see(page.locator('#event-cadre')).focused();
    await screenshot(page, 'dialog-event-errors.png');

    await page.locator('#event-cadre').selectOption('002');
    await page.locator('#event-rule').selectOption('B-CRITICIZED');
    for (const [text, error] of [
      ['0', '数量须为正整数'],
      ['2.5', '数量须为正整数'],
      ['101', '数量过大（上限 100）'],
    ] as [string, string][]) {
      await page.locator('#event-quantity').fill(text);
      await page.locator('#event-submit').click();
      await see(page.locator('#err-event-quantity')).text(error);
    }
    // Full-width digits from a Chinese IME are accepted.
    await page.locator('#event-quantity').fill('２');
    await see(page.locator('#event-preview')).text('每次 -5 分，共 -10 分');
    await page.locator('#event-reason').fill('  10月12日被街道点名批评（街道通报〔2026〕15号）  ');
    expect(callsTo('dialogSubmit')).toEqual([]);

    await page.locator('#event-submit').click();
    await see(page.locator('#loading')).visible();
    await see(page.locator('#event-submit')).disabled();
    expect(callsTo('dialogSubmit')).toEqual([
      [
        {
          kind: 'event',
          month: '2026-10',
          cadreId: '002',
          ruleCode: 'B-CRITICIZED',
          quantity: 2,
          reason: '10月12日被街道点名批评（街道通报〔2026〕15号）',
        },
      ],
    ]);
    answer.resolve({ ok: true, message: '已录入：李四 被上级点名批评 ×2（-10 分）。' });
    await see(page.locator('#status')).text('已录入：李四 被上级点名批评 ×2（-10 分）。');
    await see(page.locator('#status')).className(/ok/);
    await see(page.locator('#loading')).hidden();
    await see(page.locator('#event-submit')).enabled();
    // Month, cadre and rule stay for the next entry; the reason is cleared so a second click cannot
    // record the same event twice by accident.
    await see(page.locator('#event-cadre')).value('002');
    await see(page.locator('#event-rule')).value('B-CRITICIZED');
    await see(page.locator('#event-reason')).value('');
    await see(page.locator('#event-quantity')).value('1');
    await see(page.locator('#err-event-reason')).text('');
    await screenshot(page, 'dialog-event-saved.png');
    // The message belongs to its tab: gone on another tab, back when returning.
    await page.locator('#tab-attendance').click();
    await see(page.locator('#status')).text('');
    await page.locator('#tab-event').click();
    await see(page.locator('#status')).text('已录入：李四 被上级点名批评 ×2（-10 分）。');
  });

  test("the server's field errors are shown inline next to the fields", async () => {
    const { page } = await open(() => ({
      ok: false,
      message: '没有保存：请改正标红的内容。',
      errors: { month: '2026-10 已发布公示，不能再录入', reason: '事由过短', rows: '没有要录入的内容' },
    }));
    await page.locator('#event-cadre').selectOption('001');
    await page.locator('#event-rule').selectOption('R-HONOR-CITY');
    await page.locator('#event-reason').fill('短');
    await page.locator('#event-submit').click();
    await see(page.locator('#status')).text('没有保存：请改正标红的内容。');
    await see(page.locator('#status')).className(/error/);
    await see(page.locator('#err-event-month')).text('2026-10 已发布公示，不能再录入');
    await see(page.locator('#event-month')).className(/invalid/);
    await see(page.locator('#err-event-reason')).text('事由过短');
    await see(page.locator('#errors-event li')).text('没有要录入的内容');
    // Nothing was cleared: the user fixes and resubmits.
    await see(page.locator('#event-reason')).value('短');
  });

  test('attendance: one row per cadre, whole counts and half-day leave checked before sending', async () => {
    const { page, handlers, callsTo } = await open();
    await page.locator('#tab-attendance').click();
    await see(page.locator('#panel-attendance')).visible();
    await see(page.locator('#panel-event')).hidden();
    await see(page.locator('#att-table tbody tr')).count(3);
    await page.locator('#att-month').selectOption('2026-11');

    const cell = (i: number, field: string) => page.locator(`#att-${i}-${field}`);
    await cell(0, 'late').fill('2');
    await cell(0, 'personalLeaveDays').fill('0.3');
    await cell(1, 'earlyLeave').fill('1.5');
    await cell(1, 'sickLeaveDays').fill('');
    await cell(2, 'absent').fill('1');
    await page.locator('#att-submit').click();
    await see(page.locator('#errors-attendance li')).count(3);
    expect(await page.locator('#errors-attendance li').allTextContents()).toEqual([
      '张三：事假天数以半天为单位（如 0.5、1、1.5）',
      '李四：早退须为 0 或正整数',
      '李四：请填写病假天数（没有请填 0）',
    ]);
    await see(cell(0, 'personalLeaveDays')).className(/invalid/);
    await see(page.locator('#status')).text('有 3 处需要改正（标红）。');
    expect(callsTo('dialogSubmit')).toEqual([]);
    await screenshot(page, 'dialog-attendance-errors.png');

    await cell(0, 'personalLeaveDays').fill('1.5');
    await cell(1, 'earlyLeave').fill('1');
    await cell(1, 'sickLeaveDays').fill('0.5');
    handlers.dialogSubmit = () => ({ ok: true, message: '已保存 2026-11 考勤 3 行。' });
    await page.locator('#att-submit').click();
    await see(page.locator('#status')).text('已保存 2026-11 考勤 3 行。');
    await see(page.locator('#errors-attendance li')).count(0);
    expect(callsTo('dialogSubmit')).toEqual([
      [
        {
          kind: 'attendance',
          month: '2026-11',
          rows: [
            { cadreId: '001', late: 2, earlyLeave: 0, absent: 0, personalLeaveDays: 1.5, sickLeaveDays: 0 },
            { cadreId: '002', late: 0, earlyLeave: 1, absent: 0, personalLeaveDays: 0, sickLeaveDays: 0.5 },
            { cadreId: '003', late: 0, earlyLeave: 0, absent: 1, personalLeaveDays: 0, sickLeaveDays: 0 },
          ],
        },
      ],
    ]);
    // The table keeps its values.
    await see(cell(0, 'personalLeaveDays')).value('1.5');

    // A server error on a row lands on that row's cell.
    handlers.dialogSubmit = () => ({
      ok: false,
      message: '没有保存。',
      errors: { 'rows.2.absent': '旷工次数与请假天数冲突' },
    });
    await page.locator('#att-submit').click();
    await see(page.locator('#errors-attendance li')).text(`${HOSTILE_NAME}：旷工次数与请假天数冲突`);
    await see(cell(2, 'absent')).className(/invalid/);
  });

  test('scores: the period must match the rule (quarter / half-year); blanks are skipped', async () => {
    const { page, handlers, callsTo } = await open();
    await page.locator('#tab-scores').click();
    await see(page.locator('#panel-scores')).visible();
    // Suggested from the current month 2026-10.
    await see(page.locator('#score-rule')).value('B-QUARTER-TOP5');
    await see(page.locator('#score-period')).value('2026-Q4');
    await see(page.locator('#score-period-hint')).text('季度，格式如 2026-Q3');

    const submit = page.locator('#score-submit');
    await page.locator('#score-period').fill('2026-H1');
    await page.locator('#score-0').fill('96');
    await submit.click();
    await see(page.locator('#err-score-period')).text('该项目按季度考核，期间格式如 2026-Q3');
    await page.locator('#score-period').fill('2026-Q5');
    await submit.click();
    await see(page.locator('#err-score-period')).text('该项目按季度考核，期间格式如 2026-Q3');

    // Switching to the half-year rule suggests a half-year period.
    await page.locator('#score-rule').selectOption('R-STUDY-TOP5');
    await see(page.locator('#score-period')).value('2026-H2');
    await page.locator('#score-period').fill('2026-Q3');
    await submit.click();
    await see(page.locator('#err-score-period')).text('该项目按半年考核，期间格式如 2026-H1');

    await page.locator('#score-period').fill('2026-h1');
    await page.locator('#score-0').fill('');
    await submit.click();
    await see(page.locator('#errors-scores li')).text('请至少填写一位干部的成绩。');
    await page.locator('#score-1').fill('abc');
    await submit.click();
    await see(page.locator('#errors-scores li')).text('李四：成绩须为不小于 0 的数字');
    expect(callsTo('dialogSubmit')).toEqual([]);

    await page.locator('#score-0').fill('1520');
    await page.locator('#score-1').fill('987.5');
    handlers.dialogSubmit = () => ({ ok: true, message: '已保存 2026-H1 学习强国成绩 2 人。' });
    await submit.click();
    await see(page.locator('#status')).text('已保存 2026-H1 学习强国成绩 2 人。');
    expect(callsTo('dialogSubmit')).toEqual([
      [
        {
          kind: 'scores',
          period: '2026-H1',
          ruleCode: 'R-STUDY-TOP5',
          rows: [
            { cadreId: '001', score: 1520 },
            { cadreId: '002', score: 987.5 },
          ],
        },
      ],
    ]);
    await see(page.locator('#score-period')).value('2026-H1');
    await screenshot(page, 'dialog-scores.png');

    // Server row errors map back through the rows actually sent (blank cadre 003 was skipped).
    handlers.dialogSubmit = () => ({
      ok: false,
      message: '没有保存。',
      errors: { 'rows.1.score': '成绩超出范围' },
    });
    await submit.click();
    await see(page.locator('#errors-scores li')).text('李四：成绩超出范围');
    await see(page.locator('#score-1')).className(/invalid/);
  });

  test('a non-committee user sees a notice and cannot submit', async () => {
    const { page, calls } = await open(
      undefined,
      dialogOptions({ user: { email: 'x@example.com', isCommittee: false } }),
    );
    await see(page.locator('#readonly-notice')).contains('不是两委成员');
    expect(
      await page.locator('fieldset').evaluateAll((fs) => fs.map((f) => (f as HTMLFieldSetElement).disabled)),
    ).toEqual([true, true, true, true, true, true]);
    // Controls inside a disabled fieldset are disabled too.
    await allDisabled(page.locator('fieldset button, fieldset input, fieldset select, fieldset textarea'));
    await see(page.locator('#event-submit')).disabled();
    await see(page.locator('#tab-attendance')).enabled();
    expect(calls.map((c) => c.name)).toEqual(['dialogGetOptions']);
  });

  test('a failed options load shows the Chinese reason and a retry button that works', async () => {
    let first = true;
    const opened = await session.open(
      'Dialog.html',
      {
        dialogGetOptions: () => {
          if (first) {
            first = false;
            throw new Error('ScriptError: 需要授权');
          }
          return dialogOptions();
        },
      },
      DIALOG,
    );
    const { page } = opened;
    await see(page.locator('#status')).text(
      '需要授权：需要授权。请从「积分管理」菜单重新运行该功能，按 Google 的提示授予权限后再试。',
    );
    await page.locator('#retry').click();
    await see(page.locator('#panel-event')).visible();
    await page.locator('#close').click();
    expect(await page.evaluate(() => (window as unknown as { __hostClosed?: boolean }).__hostClosed)).toBe(
      true,
    );
  });
});
