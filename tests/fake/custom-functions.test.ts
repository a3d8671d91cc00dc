// Custom functions in the fake, each behaviour from https://developers.google.com/apps-script/guides/sheets/functions

import { splitArgs } from './custom-functions';
import { setup } from './helpers';

function world() {
  const s = setup();
  const data = s.ss.insertSheet('数据');
  data.getRange('A1').setValue(10);
  const calls: unknown[][] = [];
  s.fake.registerCustomFunctions({
    // Reads 数据!A1 itself (not an argument), like the add-on's JIFEN_* functions did.
    PLUS_DATA: (x: unknown) => {
      calls.push([x]);
      const v = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('数据')!.getRange('A1').getValue();
      return Number(x) + Number(v);
    },
    ECHO: (...args: unknown[]) => JSON.stringify(args),
    TRY_WRITE: () => {
      SpreadsheetApp.getActiveSpreadsheet().getSheetByName('数据')!.getRange('B1').setValue(1);
      return 'wrote';
    },
    TRY_MAIL: () => {
      MailApp.sendEmail('a@example.com', 's', 'b');
      return 'sent';
    },
    TRY_SESSION: () => Session.getActiveUser().getEmail(),
  });
  return { ...s, data, calls };
}

let restore: (() => void) | undefined;
afterEach(() => restore?.());

function installed() {
  const w = world();
  const { installGas } = require('./index') as typeof import('./index');
  restore = installGas(w.fake);
  return w;
}

test('arguments: a cell passes its value, a range a 2D array, literals themselves, a named range its value', () => {
  const { sheet, ss } = installed();
  sheet.getRange('A1:B2').setValues([
    [1, 'x'],
    [2, ''],
  ]);
  ss.setNamedRange('VER', sheet.getRange('B1'));
  sheet.getRange('C1').setFormula('=ECHO(A1, A1:B2, "2026-10", 3, VER)');
  expect(JSON.parse(String(sheet.getRange('C1').getValue()))).toEqual([
    1,
    [
      [1, 'x'],
      [2, ''],
    ],
    '2026-10',
    3,
    'x',
  ]);
});

test('recalculated only when an argument changes: a value read inside the function is not watched', () => {
  const { sheet, data, calls, fake } = installed();
  sheet.getRange('A1').setValue(1);
  sheet.getRange('B1').setFormula('=PLUS_DATA(A1)');
  expect(sheet.getRange('B1').getValue()).toBe(11);
  data.getRange('A1').setValue(20); // not an argument: the cell keeps its old value
  expect(sheet.getRange('B1').getValue()).toBe(11);
  expect(sheet.getRange('B1').getDisplayValue()).toBe('11');
  expect(calls).toHaveLength(1);
  sheet.getRange('A1').setValue(2); // an argument changed: recalculated, and now sees 20
  expect(sheet.getRange('B1').getValue()).toBe(22);
  expect(fake.customFunctionCalls).toBe(2);
});

test('no set*() in a custom function: the cell shows #ERROR! with Google’s message as its note', () => {
  const { sheet, data, fake } = installed();
  sheet.getRange('A1').setFormula('=TRY_WRITE()');
  expect(sheet.getRange('A1').getValue()).toBe('#ERROR!');
  expect(fake.customFunctionError(sheet.getName(), 1, 1)).toBe('You do not have permission to call setValue');
  expect(data.getRange('B1').getValue()).toBe('');
});

test('services that need authorisation fail with "You do not have permission to call X service."', () => {
  const { sheet, fake } = installed();
  sheet.getRange('A1').setFormula('=TRY_MAIL()');
  sheet.getRange('A2').setFormula('=TRY_SESSION()');
  expect(sheet.getRange('A1:A2').getValues()).toEqual([['#ERROR!'], ['#ERROR!']]);
  expect(fake.customFunctionError(sheet.getName(), 1, 1)).toBe(
    'You do not have permission to call MailApp service.',
  );
  expect(fake.customFunctionError(sheet.getName(), 2, 1)).toBe(
    'You do not have permission to call Session service.',
  );
  // Outside a custom function the same calls work.
  expect(() => MailApp.sendEmail('a@example.com', 's', 'b')).not.toThrow();
});

test('splitArgs keeps strings and nested calls whole', () => {
  expect(splitArgs('A1, "a,b", SUM(1,2), ')).toEqual(['A1', '"a,b"', 'SUM(1,2)', '']);
  expect(splitArgs('')).toEqual([]);
});
