// AuthMode of simple triggers (apps-script-facts §2.1, from
// https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle): what NONE and LIMITED allow.
import { setup } from './helpers';

test('NONE (an add-on onOpen before it is enabled in the file): menus yes, the document no', () => {
  const { fake, app } = setup();
  fake.setAuthMode('NONE');
  expect(() => app.getUi().createMenu('积分管理').addItem('帮助', 'menuHelp').addToUi()).not.toThrow();
  expect(() => app.getActiveSpreadsheet()).toThrow(
    'You do not have permission to call SpreadsheetApp.getActiveSpreadsheet.',
  );
  expect(() => fake.PropertiesService.getDocumentProperties()).toThrow(/AuthMode\.NONE/);
  fake.setAuthMode('FULL');
  expect(app.getActiveSpreadsheet()).not.toBeNull();
});

test('LIMITED (bound simple triggers): the bound file yes; UrlFetch, sidebars, mail, other files no', () => {
  const { fake, app, ss } = setup({ htmlFiles: { Sidebar: '<p>x</p>' } });
  fake.setAuthMode('LIMITED');
  ss.getSheets()[0]!.getRange('A1').setValue('可以');
  expect(fake.values(ss.getSheets()[0]!.getName())[0]).toEqual(['可以']);
  expect(() => fake.UrlFetchApp.fetch('https://example.com')).toThrow(/UrlFetchApp\.fetch/);
  expect(() => fake.MailApp.sendEmail('a@example.com', 's', 'b')).toThrow(/MailApp\.sendEmail/);
  expect(() => app.openById(ss.getId())).toThrow(/SpreadsheetApp\.openById/);
  const html = (() => {
    fake.setAuthMode('FULL');
    const h = fake.HtmlService.createHtmlOutputFromFile('Sidebar');
    fake.setAuthMode('LIMITED');
    return h;
  })();
  expect(() => app.getUi().showSidebar(html as never)).toThrow(/Ui\.showSidebar/);
});
