// installGas/uninstallGas: the services as globals, used through the @types/google-apps-script interfaces.

import { createFakeGas, GLOBAL_NAMES, installGas, uninstallGas } from './index';

/** Add-on style code: only globals and @types interfaces, as src/gas would write it. */
function addOnCode(): string {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName('设置') ?? ss.insertSheet('设置');
  sheet.getRange(1, 1, 1, 2).setValues([['键', '值']]);
  const lock = LockService.getDocumentLock();
  lock.waitLock(10_000);
  try {
    sheet.appendRow(['社区名称', Session.getEffectiveUser().getEmail()]);
    PropertiesService.getDocumentProperties().setProperty('version', '1');
    SpreadsheetApp.flush();
  } finally {
    lock.releaseLock();
  }
  const digest = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'x');
  SpreadsheetApp.getUi().createMenu('积分管理').addItem('帮助', 'menuHelp').addToUi();
  return `${sheet.getLastRow()}:${digest.length}`;
}

describe('installGas', () => {
  test('puts every service on globalThis; code typed with @types/google-apps-script runs against it', () => {
    const fake = createFakeGas({ owner: 'boss@example.com' });
    const uninstall = installGas(fake);
    try {
      expect(addOnCode()).toBe('2:32');
      expect(fake.values('设置')).toEqual([
        ['键', '值'],
        ['社区名称', 'boss@example.com'],
      ]);
      expect(fake.ui.menu('积分管理')).toBeDefined();
      expect(fake.PropertiesService.getDocumentProperties().getProperty('version')).toBe('1');
    } finally {
      uninstall();
    }
    for (const n of GLOBAL_NAMES) expect(n in globalThis).toBe(false);
  });

  test('a custom target object, and uninstall restores what was there', () => {
    const target: Record<string, unknown> = { SpreadsheetApp: 'old' };
    const fake = createFakeGas();
    installGas(fake, target);
    expect(target.SpreadsheetApp).toBe(fake.SpreadsheetApp);
    expect(target.Logger).toBe(fake.Logger);
    uninstallGas(target);
    expect(target).toEqual({ SpreadsheetApp: 'old' });
  });

  test('handlers on the install target are found by runHandler', () => {
    const target: Record<string, unknown> = {};
    const fake = createFakeGas();
    installGas(fake, target);
    target.onOpen = () => 'opened';
    expect(fake.runHandler('onOpen', {}, { ui: true })).toBe('opened');
    uninstallGas(target);
  });

  test('the fake classes are castable to the service interfaces', () => {
    const fake = createFakeGas();
    const app: GoogleAppsScript.Spreadsheet.SpreadsheetApp =
      fake.SpreadsheetApp as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const forms: GoogleAppsScript.Forms.FormApp = fake.FormApp as unknown as GoogleAppsScript.Forms.FormApp;
    expect(app.getActiveSpreadsheet().getSheets()).toHaveLength(1);
    expect(forms.create('f').getId()).toMatch(/^fake-form-/);
  });
});
