// The only file that exposes Apps Script globals: triggers, menu handlers and custom functions.
// Every export becomes a top-level function in dist/Code.js (scripts/build.mjs), keeping its JSDoc.
// Export nothing else: each export is callable from google.script.run and the Run menu.

import { buildMenu } from './menu';

/**
 * Adds the 「积分管理」 menu when the spreadsheet opens.
 * @param {Object} e the open event
 */
export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  void e;
  buildMenu(SpreadsheetApp.getUi());
}

/**
 * Runs when the add-on is installed: same as opening.
 * @param {Object} e the install event
 */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}
