// Test helpers for the fake's own tests: a fresh fake with typed handles, and exact-error assertions.

import { createFakeGas, type FakeGas, type FakeGasOptions } from './index';

export interface Setup {
  fake: FakeGas;
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  app: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}

export function setup(options: FakeGasOptions = {}): Setup {
  const fake = createFakeGas(options);
  const app = fake.SpreadsheetApp as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const ss = app.getActiveSpreadsheet();
  return { fake, ss, sheet: ss.getSheets()[0] as GoogleAppsScript.Spreadsheet.Sheet, app };
}

/** Asserts an Apps Script `Exception` with this exact message (and `String(e)` = "Exception: …"). */
export function expectGasError(fn: () => unknown, message: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(Error);
  const err = caught as Error;
  expect(err.message).toBe(message);
  expect(err.name).toBe('Exception');
  expect(String(err)).toBe(`Exception: ${message}`);
}

/** Asserts the fake refused to guess ([UNCONFIRMED] behaviour). */
export function expectUnsupported(fn: () => unknown, fragment?: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(Error);
  expect((caught as Error).name).toBe('FakeGasUnsupported');
  if (fragment) expect((caught as Error).message).toContain(fragment);
}
