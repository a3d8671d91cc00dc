// The personal page web app (doGet) on the fake: a signed link shows its own cadre only; tampered, rotated or foreign tokens and strangers are refused in Chinese; a same-domain signed-in cadre gets their page; no page holds another cadre's data.

import { SOURCE_ZH } from '../../src/core';
import { doSetup } from '../../src/gas/actions';
import * as entry from '../../src/gas/entry';
import { personalLinkMaker, personalLinks, personalPageFor, SECRET_KEY } from '../../src/gas/personal-page';
import { INPUT_READS } from '../../src/gas/recompute-action';
import { readTabs } from '../../src/gas/sheets-io';
import { mailStatements } from '../../src/gas/statement-mail';
import { REFUSAL } from '../../src/shared/personal-page';
import { recompute } from '../../src/shared/recompute';
import { TAB } from '../../src/shared/tabs';
import { cleanupGas, freshGas, ledgerRow, MEMBER, OWNER, typeRows } from './helpers';
import { APP, CADRES, community, DEMO, TEMPLATE, tokenOf, visit } from './personal-fixture';

afterEach(cleanupGas);

const refusalText = (html: string) => /<div class="refusal"[^>]*><h1>([^<]*)<\/h1><p>([^<]*)<\/p>/.exec(html);

describe('a signed personal link (Session is blank for consumer accounts in an execute-as-me web app)', () => {
  test('the token shows its own cadre: statement of the latest publication, November claims, form link', () => {
    const { fake, links } = community();
    const url = links.get('001')!;
    expect(url).toMatch(
      /^https:\/\/script\.google\.com\/macros\/s\/FAKE-DEPLOYMENT\/exec\?t=001\.\d{8}\.[A-Za-z0-9_-]{43}$/,
    );
    const html = visit(fake, '', tokenOf(url));
    expect(refusalText(html)).toBeNull();
    expect(html).toContain('<b>王建国</b>（001）');
    expect(html).toContain('<h1>2026年9月个人积分单</h1>');
    expect(html).toContain('<h2>2026年11月（实时）</h2>');
    expect(html).toContain('数据截至 2026-11-05 10:00:00，本月积分以月度公示为准');
    expect(html).toContain('调解张家邻里漏水纠纷');
    expect(html).toContain('<span class="st pending">待审核</span>');
    expect(html).toContain(
      '<span class="st rejected">已驳回</span><span class="reason">审核意见：无调解记录，请补充</span>',
    );
    // the prefilled claim form, made by FormResponse.toPrefilledUrl (entry ids are not item ids)
    const form = /<a class="form-link" id="form-link" href="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');
    expect(form).toMatch(/\/viewform\?usp=pp_url&entry\.\d+=/);
    expect(decodeURIComponent(form)).toContain('王建国（001）');
    // refresh keeps the token
    expect(html).toContain(`href="${url.replace(/&/g, '&amp;')}"`);
  });

  test("another cadre's token shows that cadre only, whoever holds it", () => {
    const { fake, links } = community();
    const html = visit(fake, 'cadre01@example.org', tokenOf(links.get('002')!));
    expect(html).toContain('<b>李秀英</b>（002）');
    expect(html).not.toContain('王建国');
    expect(html).not.toContain('调解张家邻里漏水纠纷');
    expect(html).toContain('机密：王家离婚调解');
  });

  test.each([
    ['a changed cadre id', (t: string) => t.replace(/^001/, '002')],
    ['a changed expiry', (t: string) => t.replace(/\.(\d{8})\./, (_m, d: string) => `.${Number(d) + 1}.`)],
    ['a changed signature', (t: string) => `${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`],
    ['no signature', (t: string) => t.slice(0, t.lastIndexOf('.'))],
    ['garbage', () => '<script>alert(1)</script>'],
  ])('%s is refused in Chinese, with nothing of any cadre', (_name, tamper) => {
    const { fake, links } = community();
    const html = visit(fake, '', tamper(tokenOf(links.get('001')!)));
    expect(refusalText(html)?.slice(1)).toEqual(['无法打开个人积分页面', REFUSAL.badToken]);
    for (const c of DEMO.roster.slice(0, CADRES)) expect(html).not.toContain(c.name);
    expect(html).not.toContain('<script>alert(1)');
  });

  test('重置个人链接 rotates the secret: every old link is refused, the new ones work', () => {
    const { fake, links } = community();
    const before = fake.PropertiesService.getScriptProperties().getProperty(SECRET_KEY);
    entry.menuResetPersonalLinks();
    expect(fake.ui.lastDialog?.title).toBe('重置个人链接');
    expect(fake.PropertiesService.getScriptProperties().getProperty(SECRET_KEY)).not.toBe(before);
    const old = visit(fake, '', tokenOf(links.get('001')!));
    expect(refusalText(old)?.[2]).toBe(REFUSAL.badToken);
    const fresh = new Map(personalLinks(fake.spreadsheet, false).map((l) => [l.cadreId, l.url]));
    expect(fresh.get('001')).not.toBe(links.get('001'));
    expect(visit(fake, '', tokenOf(fresh.get('001')!))).toContain('<b>王建国</b>（001）');
    expect(fake.values(TAB.log).some((r) => r[2] === '重置个人链接')).toBe(true);
  });

  test('an expired link is refused with its date', () => {
    const { fake, links } = community();
    jest.setSystemTime(new Date('2028-01-01T02:00:00Z'));
    const t = tokenOf(links.get('001')!);
    const day = /\.(\d{8})\./.exec(t)![1]!;
    const html = visit(fake, '', t);
    expect(refusalText(html)?.[2]).toBe(
      REFUSAL.expired(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`),
    );
  });

  test('a valid link of a cadre since removed from the roster is refused', () => {
    const { fake, links } = community();
    const roster = fake.spreadsheet.getSheetByName(TAB.roster)!;
    roster.deleteRow(7); // 006, the last demo row
    const html = visit(fake, '', tokenOf(links.get('006')!));
    expect(refusalText(html)?.[2]).toBe(REFUSAL.notOnRoster('编号 006 的干部'));
  });
});

describe('Google sign-in (only where the web app is told the email)', () => {
  test('a signed-in cadre of the developer’s Workspace domain gets their own page without a link', () => {
    const { fake } = community();
    const html = visit(fake, 'cadre03@example.org');
    expect(html).toContain('<b>张伟</b>（003）');
    expect(html).not.toContain('王建国');
  });

  test('a signed-in account not on the roster is refused', () => {
    const { fake } = community();
    const html = visit(fake, 'stranger@example.org');
    expect(refusalText(html)?.[2]).toBe(REFUSAL.notOnRoster('您的账号 stranger@example.org '));
  });

  test('a consumer (gmail.com) visitor without a link: Session is blank, so asked for the link', () => {
    const { fake } = community();
    const html = visit(fake, 'wang.jianguo@gmail.com');
    expect(refusalText(html)?.[2]).toBe(REFUSAL.noIdentity);
  });
});

test('before any member made the links (no secret, no recorded book) a token is refused', () => {
  const fake = freshGas({ htmlFiles: { Personal: TEMPLATE } });
  doSetup();
  fake.setActiveSpreadsheet(null); // a web app has no active spreadsheet of its own
  const out = (() => {
    fake.setRunContext('webapp');
    return personalPageFor({ parameter: { t: '001.20991231.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
  })();
  expect(out).toEqual({ page: null, refusal: REFUSAL.notReady });
});

test('个人链接 without a web app deployment says how to deploy', () => {
  const fake = freshGas({ htmlFiles: { Personal: TEMPLATE } });
  doSetup();
  entry.menuPersonalLinks();
  expect(fake.ui.alerts.at(-1)?.prompt).toMatch(
    /^尚未部署个人积分网页：请在 Apps Script 编辑器中「部署 › 新建部署 › 网页应用」/,
  );
});

test('privacy: for every demo cadre, the page holds no other cadre’s name, entry id or reason', () => {
  const { fake, links } = community();
  const ledger = fake.values(TAB.ledger);
  const h = ledger[0]!.map(String);
  const col = (name: string) => h.indexOf(name);
  const rows = ledger.slice(1).map((r) => ({
    id: String(r[col('编号')]),
    cadreId: String(r[col('干部编号')]),
    reason: String(r[col('得分依据')]),
  }));
  const people = DEMO.roster.slice(0, CADRES).map((c) => ({ id: String(c.id), name: String(c.name) }));
  for (const c of people) {
    const html = visit(fake, '', tokenOf(links.get(c.id)!));
    expect(html).toContain(`<b>${c.name}</b>（${c.id}）`);
    for (const o of people.filter((x) => x.id !== c.id)) {
      expect(html).not.toContain(o.name);
      expect(html).not.toContain(`（${o.id}）`);
    }
    const mine = new Set(rows.filter((r) => r.cadreId === c.id).map((r) => r.reason));
    for (const r of rows.filter((x) => x.cadreId !== c.id)) {
      expect(html).not.toContain(`>${r.id}<`);
      // a reason text shared with one of their own rows (the demo picks from a short list) proves nothing
      if (!mine.has(r.reason)) expect(html).not.toContain(r.reason);
    }
  }
});

test('hostile roster and ledger text is escaped: no markup of theirs reaches the page', () => {
  const { fake, links } = community();
  const roster = fake.spreadsheet.getSheetByName(TAB.roster)!;
  roster.getRange(2, 2).setValue('<img src=x onerror="window.__pwned=1">');
  typeRows(fake, 'ledger', [
    ledgerRow({
      编号: 'F-1199',
      月份: '2026-11',
      干部编号: '001',
      规则编码: 'T-MEDIATION',
      数量: 1,
      分值: 5,
      积分: 5,
      得分依据: '</script><script>window.__pwned=2</script>',
      来源: SOURCE_ZH.form,
      申报人: 'cadre01@example.org',
      申报时间: '2026-11-04 09:00:00',
      状态: '待审核',
    }),
  ]);
  const html = visit(fake, '', tokenOf(links.get('001')!));
  expect(html).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
  expect(html).toContain('&lt;/script&gt;&lt;script&gt;window.__pwned=2&lt;/script&gt;');
  expect(html).not.toContain('<img');
  expect(html).not.toContain('<script>window');
});

test('the statement e-mail carries the cadre’s own link (once links are enabled), and that link opens only them', () => {
  const { fake } = community();
  const ss = fake.spreadsheet;
  const result = recompute(readTabs(ss, INPUT_READS), {
    nowMonth: '2026-11',
    nowText: '2026-11-05 10:00:00',
    offsetMinutes: 480,
  });
  mailStatements(
    ss,
    result,
    '2026-09',
    { tabName: '公示-2026-09', revision: 0, publishedAt: '2026-10-08 10:00:00' },
    OWNER,
  );
  const sent = fake.MailApp.sent;
  expect(sent).toHaveLength(CADRES);
  for (const m of sent) {
    const cadre = DEMO.roster.find((c) => String(c.email) === String(m.to))!;
    const urls = [...String(m.body).matchAll(/https:\/\/script\.google\.com\/\S+/g)].map((x) => x[0]);
    expect(urls).toHaveLength(1);
    expect(String(m.body)).toContain(
      '个人积分页面（随时查看最新积分和申报状态；链接只属于您本人，请勿转发）：',
    );
    expect(String(m.htmlBody)).toContain(`<a href="${urls[0]!.replace(/&/g, '&amp;')}">`);
    expect(visit(fake, '', tokenOf(urls[0]!))).toContain(`<b>${cadre.name}</b>（${cadre.id}）`);
  }
});

test('before any member made the links, the statement e-mail has no link (no secret is made by mailing)', () => {
  const fake = freshGas({ htmlFiles: { Personal: TEMPLATE } });
  doSetup();
  fake.setWebAppUrl(APP);
  expect(personalLinkMaker(fake.spreadsheet)).toBeNull();
  expect(fake.PropertiesService.getScriptProperties().getProperty(SECRET_KEY)).toBeNull();
});

test('deployed by a member who cannot open the claim form: the page still works, without the form link', () => {
  const { fake, links } = community();
  // The deployer can open the spreadsheet (a member edits it) but not the form, which the owner made.
  fake.spreadsheet.addEditor(MEMBER);
  const html = visit(fake, '', tokenOf(links.get('001')!), MEMBER);
  expect(html).toContain('<b>王建国</b>（001）');
  expect(html).not.toContain('id="form-link"');
  expect(html).toContain('申请表链接暂时无法生成，请使用两委在群里发布的申请表链接。');
});

test('without the Personal.html file (an old push) the page is served from the same body', () => {
  const { fake, links } = community();
  (fake.HtmlService as unknown as { files: Map<string, string> }).files.delete('Personal');
  const logged = jest.spyOn(console, 'error').mockImplementation(() => {});
  const html = visit(fake, '', tokenOf(links.get('001')!));
  expect(logged).toHaveBeenCalledWith('personal page file: No HTML file named Personal was found.');
  logged.mockRestore();
  expect(html).toMatch(/^<base target="_top"><style>/);
  expect(html).toContain('<b>王建国</b>（001）');
});
