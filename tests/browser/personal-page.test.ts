// The personal page (doGet on the fake, with the built dist/Personal.html) in headless Chromium at 360 px: the statement and claim statuses, the loading state of 刷新, and the refusals; docs/images/personal-page.png is its screenshot.

import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REFUSAL } from '../../src/shared/personal-page';
import { cleanupGas } from '../gas/helpers';
import { community, tokenOf, visit } from '../gas/personal-fixture';
import { requireTool } from '../helpers/tools';
import { launchBrowser, readDist, SCREENSHOTS } from './harness';

jest.setTimeout(90_000);

const HOST = 'https://personal.invalid';
const IMAGE = join(__dirname, '..', '..', 'docs', 'images', 'personal-page.png');

/** The pages, made once on the fake: 001's page, 002's page, a tampered token, a rotated one, a stranger. */
function pages(): Record<'own' | 'other' | 'tampered' | 'rotated' | 'stranger', string> {
  const { fake, links } = community(readDist('Personal.html'));
  try {
    const t1 = tokenOf(links.get('001')!);
    const out = {
      own: visit(fake, '', t1),
      other: visit(fake, '', tokenOf(links.get('002')!)),
      tampered: visit(fake, '', t1.replace(/^001/, '003')),
      stranger: visit(fake, 'stranger@example.org'),
      rotated: '',
    };
    const entry = require('../../src/gas/entry') as typeof import('../../src/gas/entry');
    entry.menuResetPersonalLinks();
    out.rotated = visit(fake, '', t1);
    return out;
  } finally {
    cleanupGas();
  }
}

requireTool('chromium', 'cjk-font')('the personal page in headless Chromium at 360 px', () => {
  let browser: Browser;
  let html: ReturnType<typeof pages>;
  beforeAll(async () => {
    html = pages();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Serves one page at a fake https URL; every other request (fonts, CDNs) is refused: the page is self-contained. */
  async function open(body: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === `${HOST}/exec`)
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
      return route.abort();
    });
    await page.goto(`${HOST}/exec`);
    await page.evaluate(() => document.fonts.ready.then(() => true));
    return { page, errors };
  }

  const noSidewaysScroll = async (page: Page) => {
    const w = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(w.scroll).toBeLessThanOrEqual(w.client);
  };

  test('own page: live month, claim statuses with the review note, form link, then the published statement', async () => {
    const { page, errors } = await open(html.own);
    await noSidewaysScroll(page);
    expect(await page.locator('body').getAttribute('data-state')).toBe('page');
    expect(await page.locator('.who').first().innerText()).toContain('王建国（001）');
    const statuses = await page.locator('table.claims td.status').allInnerTexts();
    expect(statuses.map((s) => s.split('\n')[0])).toEqual(['待审核', '已驳回']);
    expect(statuses[1]).toContain('审核意见：无调解记录，请补充');
    const form = page.locator('#form-link');
    await expect(form.isVisible()).resolves.toBe(true);
    expect(await form.getAttribute('href')).toMatch(/viewform\?usp=pp_url&entry\.\d+=/);
    // the form button is a thumb-sized target across the phone
    const box = (await form.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(40);
    expect(box.width).toBeGreaterThan(300);
    expect(await page.locator('.published h1').innerText()).toBe('2026年9月个人积分单');
    expect(await page.locator('.published h2').allInnerTexts()).toEqual([
      '一、本月积分与年度累计',
      '二、排名与分档',
      expect.stringMatching(/^三、本月积分明细（\d+ 条）$/),
      '四、待审核和已驳回的申报',
      '五、积分抵扣事假',
      '六、如有异议',
    ]);
    // cards of the live month side by side
    const tops = await page
      .locator('.cards')
      .first()
      .locator('.card')
      .evaluateAll((cs) => cs.map((c) => c.getBoundingClientRect().top));
    expect(new Set(tops).size).toBe(1);
    expect(await page.locator('body').innerText()).not.toContain('李秀英');
    mkdirSync(SCREENSHOTS, { recursive: true });
    const shot = join(SCREENSHOTS, 'personal-page-360.png');
    await page.screenshot({ path: shot, fullPage: true });
    mkdirSync(join(IMAGE, '..'), { recursive: true });
    copyFileSync(shot, IMAGE);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('刷新 shows the loading state until the new page arrives', async () => {
    const { page, errors } = await open(html.own);
    const loading = page.locator('#loading');
    expect(await loading.isVisible()).toBe(false);
    const refresh = page.locator('#refresh');
    // the link reloads the web app with the same token, in the top window
    expect(await refresh.getAttribute('href')).toMatch(
      /^https:\/\/script\.google\.com\/macros\/s\/FAKE-DEPLOYMENT\/exec\?t=001\./,
    );
    expect(await refresh.getAttribute('target')).toBe('_top');
    // Why stop the navigation here: Playwright's locators wait for a started navigation to finish, and the
    // state under test is the page between the click and the new page's arrival.
    await refresh.evaluate((a) => a.addEventListener('click', (ev) => ev.preventDefault()));
    await refresh.click();
    await loading.waitFor({ state: 'visible', timeout: 5000 });
    expect(await loading.innerText()).toBe('正在加载最新数据…');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("another cadre's link shows only that cadre", async () => {
    const { page } = await open(html.other);
    const text = await page.locator('body').innerText();
    expect(text).toContain('李秀英（002）');
    expect(text).not.toContain('王建国');
    await noSidewaysScroll(page);
    await page.context().close();
  });

  test.each([
    ['tampered', () => html.tampered, REFUSAL.badToken],
    ['rotated', () => html.rotated, REFUSAL.badToken],
    ['not on the roster', () => html.stranger, REFUSAL.notOnRoster('您的账号 stranger@example.org ')],
  ])('%s: a clear Chinese refusal and nothing else', async (_n, body, message) => {
    const { page, errors } = await open(body());
    await noSidewaysScroll(page);
    expect(await page.locator('body').getAttribute('data-state')).toBe('refused');
    expect(await page.locator('#refusal h1').innerText()).toBe('无法打开个人积分页面');
    expect(await page.locator('#refusal p').innerText()).toBe(message);
    expect(await page.locator('#refusal').isVisible()).toBe(true);
    expect(await page.locator('.card, table, #form-link').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
