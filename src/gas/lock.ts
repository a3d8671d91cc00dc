// Runs an action under the document lock, so two people (or a trigger) never write at the same time.

import { UserFacingError } from './access';
import { bumpDataVersion } from './data-version';

/** Waits up to `ms` for the document lock, runs `fn`, flushes, releases. */
export function withDocumentLock<T>(fn: () => T, ms = 30000): T {
  const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
  try {
    lock.waitLock(ms);
  } catch {
    throw new UserFacingError('其他人正在操作本表格，请稍后再试。');
  }
  try {
    const result = fn();
    // Whatever the action changed, JIFEN_* formulas that take JIFEN_VERSION recalculate.
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    if (ss) bumpDataVersion(ss);
    return result;
  } finally {
    // Why flush first: pending writes must land before another execution gets the lock.
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}
