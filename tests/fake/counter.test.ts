// The call counter (apps-script-facts §9 "Fake: count service calls"): per Class.method, reads vs writes, order, reset.

import { setup } from './helpers';
import { classify } from './index';

describe('§9 service-call counting', () => {
  test('§9 every Spreadsheet/Sheet/Range call is counted by name', () => {
    const { fake, ss } = setup();
    fake.counts.reset();
    const sheet = ss.getSheetByName('工作表1') as GoogleAppsScript.Spreadsheet.Sheet;
    const r = sheet.getRange(1, 1, 2, 2);
    r.setValues([
      [1, 2],
      [3, 4],
    ]);
    r.getValues();
    r.getValues();
    sheet.appendRow([5, 6]);
    expect(fake.counts.get('Spreadsheet.getSheetByName')).toBe(1);
    expect(fake.counts.get('Sheet.getRange')).toBe(1);
    expect(fake.counts.get('Range.getValues')).toBe(2);
    expect(fake.counts.get('Range.setValues')).toBe(1);
    expect(fake.counts.get('Sheet.appendRow')).toBe(1);
    expect(fake.counts.reads()).toBe(2);
    expect(fake.counts.writes()).toBe(2);
    expect(fake.counts.spreadsheetCalls()).toBe(6);
    expect(fake.counts.total('Range.')).toBe(3);
    fake.counts.reset();
    expect(fake.counts.total()).toBe(0);
  });

  test('§9 internal work is not counted: appendRow is one call however it is implemented', () => {
    const { fake, sheet } = setup();
    fake.counts.reset();
    sheet.appendRow(['a', 'b', 'c']);
    expect(fake.counts.snapshot()).toEqual({ 'Sheet.appendRow': 1 });
  });

  test('§9 a budget assertion: one batched write beats per-cell writes', () => {
    const { fake, sheet } = setup();
    fake.counts.reset();
    const rows = Array.from({ length: 500 }, (_, i) => [i, `n${i}`]);
    sheet.getRange(1, 1, rows.length, 2).setValues(rows);
    expect(fake.counts.spreadsheetCalls()).toBeLessThanOrEqual(2);
  });

  test('§1.9/§3.1 the call log keeps order: flush before releaseLock', () => {
    const { fake } = setup();
    fake.counts.reset();
    const lock = fake.LockService.getScriptLock();
    lock.waitLock(1000);
    fake.SpreadsheetApp.flush();
    lock.releaseLock();
    const log = fake.counts.log;
    expect(log.indexOf('SpreadsheetApp.flush')).toBeLessThan(log.indexOf('Lock.releaseLock'));
  });

  test('classification of reads and writes', () => {
    expect(classify('Range.getDisplayValues')).toBe('read');
    expect(classify('Range.setBackground')).toBe('write');
    expect(classify('Sheet.insertRowsAfter')).toBe('write');
    expect(classify('Sheet.getRange')).toBe('other');
    expect(classify('Properties.setProperty')).toBe('other');
  });
});
