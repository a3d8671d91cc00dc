// Typed promise wrapper over google.script.run for the sidebar and dialog pages.

import type { ServerApi } from '../shared/ui-contract';

/** The slice of the google.script.run runner the pages use (each with* call returns a new runner). */
interface ScriptRunner {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRunner;
  withFailureHandler(fn: (error: unknown) => void): ScriptRunner;
  [serverFunction: string]: unknown;
}

declare global {
  interface Window {
    google?: { script?: { run?: ScriptRunner } };
  }
}

/**
 * How long to wait before giving up. Why: when a server result contains something google.script.run
 * cannot serialise (a Date), neither handler fires and the page would spin forever. Apps Script
 * itself stops a call after 6 minutes.
 */
const CALL_TIMEOUT_MS = 6.5 * 60 * 1000;

/** Turns whatever the failure handler received into one Chinese sentence. */
export function failureMessage(error: unknown): string {
  let text = '';
  if (error && typeof error === 'object' && 'message' in error) text = String(error.message);
  else if (typeof error === 'string') text = error;
  // Why: the message's exact shape is unconfirmed; it often starts with "Error: " or "ScriptError: ".
  text = text.replace(/^(?:\s*(?:[A-Za-z]*Error|Exception):\s*)+/, '').trim();
  if (!text) return '服务器调用失败，请稍后重试。';
  // Permission refusals are not server faults: name them and say what to do.
  if (/authori[sz]ation is required|需要授权|授权/i.test(text))
    return `需要授权：${text}。请从「积分管理」菜单重新运行该功能，按 Google 的提示授予权限后再试。`;
  if (
    /permission|PERMISSION_DENIED|do not have access|don't have access|没有.*权限|无权|只有两委成员/i.test(
      text,
    )
  )
    return `没有权限：${text}。请确认您的账号列在「设置」的两委成员中（修改后由表格所有者运行「初始化/修复表格」）。`;
  return `服务器调用失败：${text}`;
}

/** Calls a server function; resolves with its result, rejects with an Error whose message is Chinese. */
export function call<K extends keyof ServerApi>(
  name: K,
  ...args: Parameters<ServerApi[K]>
): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const run = window.google?.script?.run;
    if (!run) {
      reject(new Error('页面没有连接到表格（google.script.run 不可用），请从「积分管理」菜单重新打开。'));
      return;
    }
    let settled = false;
    const timer = window.setTimeout(() => {
      settled = true;
      reject(new Error('服务器长时间没有响应，请刷新后查看结果再重试。'));
    }, CALL_TIMEOUT_MS);
    const runner = run
      .withSuccessHandler((value) => {
        if (settled) return;
        settled = true;
        window.clearTimeout(timer);
        resolve(value as ReturnType<ServerApi[K]>);
      })
      .withFailureHandler((error) => {
        if (settled) return;
        settled = true;
        window.clearTimeout(timer);
        reject(new Error(failureMessage(error)));
      });
    const fn = runner[name];
    if (typeof fn !== 'function') {
      settled = true;
      window.clearTimeout(timer);
      reject(new Error(`服务器没有提供 ${name} 功能，请联系维护人员更新加载项。`));
      return;
    }
    // Why: pass only the given arguments; an explicit undefined would arrive as null on the server.
    (fn as (...a: unknown[]) => void).apply(runner, args);
  });
}
