// Menu actions' shell: Chinese alerts for results and refusals, never a stack trace.

import { UserFacingError } from './access';

/** Shows an alert if there is a UI (there is none in triggers). */
export function alert(title: string, message: string): void {
  try {
    const ui = SpreadsheetApp.getUi();
    ui.alert(title, message, ui.ButtonSet.OK);
  } catch {
    // No UI in this context (trigger or script editor run): the log row is the record.
  }
}

/** Runs a menu action; success text, refusals and failures all end in a plain Chinese alert. */
export function runAction(title: string, action: () => string): void {
  try {
    const said = action();
    // '' means the action showed its own UI (the sidebar or the dialog): an alert on top would be an
    // empty box, and a modal one hides the page that just opened.
    if (said) alert(title, said);
  } catch (e) {
    if (e instanceof UserFacingError) {
      alert(title, e.message);
      return;
    }
    console.error(e);
    alert(
      title,
      `操作没有完成：${(e as Error)?.message ?? String(e)}。请稍后重试，或联系维护人员查看执行日志。`,
    );
  }
}
