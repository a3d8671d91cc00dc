// Ui and HtmlService (apps-script-facts §5, §1.10): menus, scripted alerts, sidebars/dialogs, HTML files and templates.

import { expectGasError, expectUnsupported, setup } from './helpers';
import { MSG } from './index';

describe('§5 Ui: menus, alerts, prompts', () => {
  test('§5 createMenu/addItem/addSeparator/addSubMenu/addToUi are recorded', () => {
    const { app, fake } = setup();
    const ui = app.getUi();
    ui.createMenu('积分管理')
      .addItem('初始化/修复表格', 'menuSetup')
      .addSeparator()
      .addSubMenu(ui.createMenu('更多').addItem('帮助', 'menuHelp'))
      .addToUi();
    expect(fake.ui.menu('积分管理')?.items).toEqual([
      { caption: '初始化/修复表格', functionName: 'menuSetup' },
      { separator: true },
      { submenu: { caption: '更多', addon: false, items: [{ caption: '帮助', functionName: 'menuHelp' }] } },
    ]);
  });

  test('§5 alert answers come from a scripted queue; OK-only alerts answer OK by themselves', () => {
    const { app, fake } = setup();
    const ui = app.getUi();
    expect(String(ui.alert('完成'))).toBe('OK');
    fake.ui.respondWith('NO');
    expect(ui.alert('确认', '发布 2026-10？', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(fake.ui.alerts[1]).toMatchObject({
      title: '确认',
      prompt: '发布 2026-10？',
      buttons: 'YES_NO',
      response: 'NO',
    });
    expectUnsupported(() => ui.alert('再次确认', ui.ButtonSet.YES_NO), 'respondWith');
    fake.ui.respondWith('OK');
    expectUnsupported(() => ui.alert('x', ui.ButtonSet.YES_NO), 'not a button');
  });

  test('§5 prompt returns the scripted text and button', () => {
    const { app, fake } = setup();
    fake.ui.respondWith('OK', '不同意');
    const r = app.getUi().prompt('驳回理由', app.getUi().ButtonSet.OK_CANCEL);
    expect(r.getResponseText()).toBe('不同意');
    expect(String(r.getSelectedButton())).toBe('OK');
  });

  test('§5 showSidebar takes the title from setTitle; showModalDialog takes the title argument', () => {
    const { app, fake } = setup();
    const H = fake.HtmlService as unknown as GoogleAppsScript.HTML.HtmlService;
    app.getUi().showSidebar(H.createHtmlOutput('<p>侧栏</p>').setTitle('积分管理').setWidth(500));
    app
      .getUi()
      .showModalDialog(
        H.createHtmlOutput('<p>录入</p>').setTitle('ignored').setWidth(600).setHeight(400),
        '录入积分事项',
      );
    expect(fake.ui.sidebars[0]?.title).toBe('积分管理');
    expect(fake.ui.sidebars[0]?.html.getContent()).toBe('<p>侧栏</p>');
    expect(fake.ui.lastDialog).toMatchObject({ kind: 'modal', title: '录入积分事项' });
    expect(fake.ui.lastDialog?.html.getWidth()).toBe(600);
  });

  test('§1.10 no UI in triggers: getUi throws the exact text', () => {
    const { app, fake } = setup();
    fake.setUiAvailable(false);
    expectGasError(() => app.getUi(), MSG.noUi);
  });
});

describe('§5 HtmlService', () => {
  test('§5 createHtmlOutputFromFile reads the file map (name without .html); missing files throw the text', () => {
    const { fake } = setup({ htmlFiles: { Sidebar: '<div>hi</div>' } });
    expect(fake.HtmlService.createHtmlOutputFromFile('Sidebar').getContent()).toBe('<div>hi</div>');
    expectGasError(
      () => fake.HtmlService.createHtmlOutputFromFile('ui/Missing'),
      'No HTML file named ui/Missing was found.',
    );
    fake.setHtmlFile('ui/Dialog', 'x');
    expect(fake.HtmlService.createHtmlOutputFromFile('ui/Dialog').getContent()).toBe('x');
  });

  test('§5 templates: <?= ?> escapes, <?!= ?> prints raw, <? ?> runs code; properties set on the template are in scope', () => {
    const { fake } = setup({
      htmlFiles: {
        Page: '<h1><?= title ?></h1><?!= raw ?><ul><? for (const n of names) { ?><li><?= n ?></li><? } ?></ul>',
      },
    });
    const t = fake.HtmlService.createTemplateFromFile('Page');
    t.title = '<积分>';
    t.raw = '<b>ok</b>';
    t.names = ['张三', 'a&b'];
    expect(t.evaluate().getContent()).toBe(
      '<h1>&lt;积分&gt;</h1><b>ok</b><ul><li>张三</li><li>a&amp;b</li></ul>',
    );
  });

  test('§5 the include pattern works through globals', () => {
    const { fake } = setup({
      htmlFiles: { Css: '<style>p{}</style>', Main: '<?!= include("Css") ?><p></p>' },
    });
    const g = globalThis as unknown as { include?: (f: string) => string };
    g.include = (f) => fake.HtmlService.createHtmlOutputFromFile(f).getContent();
    try {
      expect(fake.HtmlService.createTemplateFromFile('Main').evaluate().getContent()).toBe(
        '<style>p{}</style><p></p>',
      );
    } finally {
      delete g.include;
    }
  });
});
