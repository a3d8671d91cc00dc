// The `jifen` command line: parses arguments, dispatches to a command, maps errors to exit codes.

import { statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { version } from '../../package.json';
import { formatDateTime } from '../shared/cells';
import { previousMonth } from '../shared/rollup';
import { COMMANDS, type CommandName, isCommand, type ParsedCommand, parseCommand, parseGlobal } from './args';
import { currentMonthShanghai } from './clock';
import { UserError } from './errors';
import { runEvaluate } from './evaluate-command';
import { runDemo, runPublish, runRecompute, runVerify, type WorkbookContext } from './xlsx/commands';
import { runRollover } from './xlsx/rollover';
import { runRollup } from './xlsx/rollup';
import { runStatements } from './xlsx/statements';

const NOTES = `  Google 表格可用“文件 › 下载 › Microsoft Excel (.xlsx)”得到可用的 .xlsx。
  --by 默认为当前系统用户名。大文件会在标准错误上显示进度（或设置 JIFEN_PROGRESS=1）。

退出码：0 成功；2 输入有误（错误信息写到标准错误，指明记录和字段）；
        3 已发布的内容被改动（校验公示发现，或重新计算/发布因此停止）；1 程序内部错误。
`;

export const HELP = `jifen — 社区干部积分台账（命令行）

用法：
${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}\n${c.description}`)
  .join('')}  jifen <命令> --help   显示该命令的帮助（也可写 -h）。
  jifen --help          显示本帮助。
  jifen --version       显示版本号（也可写 -v）。

${NOTES}`;

/** Help of one command: its usage, what it does, the common notes. */
export function commandHelp(command: CommandName): string {
  const c = COMMANDS[command];
  return `jifen ${command} — 社区干部积分台账（命令行）\n\n用法：\n  ${c.usage}\n${c.description}  -h, --help  显示本帮助。\n\n${NOTES}`;
}

export const VERSION_TEXT = `jifen ${version}\n`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** "Now" as a month, read once by the caller. */
  now: () => string;
  /** "Now" as an instant, for timestamps (default: the system clock). */
  instant?: () => Date;
}

/** Progress lines on stderr, for big workbooks (over 1 MiB) or when JIFEN_PROGRESS is set. */
function progressFor(io: Io, file: string | undefined): (message: string) => void {
  let size = 0;
  try {
    size = file ? statSync(file).size : 0;
  } catch {
    // a missing file is reported by the command itself
  }
  if (!process.env.JIFEN_PROGRESS && size < 1024 * 1024) return () => {};
  const start = Date.now();
  return (m) => io.err(`[${((Date.now() - start) / 1000).toFixed(1)}s] ${m}…\n`);
}

function currentUser(): string {
  try {
    return userInfo().username || '命令行';
  } catch {
    // no passwd entry (some containers)
    return '命令行';
  }
}

function workbookContext(p: ParsedCommand, io: Io, file: string): WorkbookContext {
  const instant = io.instant?.() ?? new Date();
  // parseCommand refuses an empty or blank --by, so a given value is a name.
  const by = typeof p.values.by === 'string' ? p.values.by.trim() : undefined;
  return {
    nowMonth: io.now(),
    // Timestamps are Asia/Shanghai wall time (UTC+8, no daylight saving), like the add-on's.
    nowText: formatDateTime(instant, 480),
    user: by ?? currentUser(),
    // Printed documents name a person or body, never the OS account (设置 公示发布人 when --by is absent).
    publisher: by,
    progress: progressFor(io, file),
  };
}

function requireValue(p: ParsedCommand, command: CommandName, name: string): string {
  const v = p.values[name];
  if (typeof v !== 'string') {
    const example = COMMANDS[command].options[name]?.example ?? '…';
    throw new UserError(`缺少 --${name} 参数，例如 --${name} ${example}`);
  }
  return v;
}

async function run(command: CommandName, p: ParsedCommand, io: Io): Promise<number> {
  const file = p.file;
  switch (command) {
    case 'evaluate': {
      const period = requireValue(p, command, 'period');
      io.out(runEvaluate({ file, period, explain: p.values.explain === true, defaultAsOf: io.now() }));
      return 0;
    }
    case 'demo':
      io.out(runDemo(file, { force: p.values.force === true, progress: progressFor(io, undefined) }));
      return 0;
    case 'recompute':
      io.out(runRecompute(file, workbookContext(p, io, file)));
      return 0;
    case 'publish': {
      const month = requireValue(p, command, 'month');
      io.out(await runPublish(file, month, workbookContext(p, io, file)));
      return 0;
    }
    case 'statements': {
      const month = requireValue(p, command, 'month');
      const out = requireValue(p, command, 'out');
      io.out(await runStatements(file, month, out, workbookContext(p, io, file)));
      return 0;
    }
    case 'rollover': {
      const c = p.values['confirm-exceptions'];
      const confirm = typeof c === 'string' ? c.trim() : undefined;
      io.out(runRollover(file, workbookContext(p, io, file), { confirm }));
      return 0;
    }
    case 'verify': {
      const d = p.values.digest;
      if (d === true) throw new UserError('缺少 --digest 参数，例如 --digest <公示上印的 64 位校验码>');
      const given = typeof d === 'string' ? d.split(/[,，\s]+/).filter(Boolean) : [];
      for (const g of given)
        if (!/^[0-9a-fA-F]{64}$/.test(g))
          throw new UserError(`--digest 应为 64 位十六进制校验码（实际：${g}）`);
      const res = runVerify(file, given);
      io.out(res.text);
      return res.ok ? 0 : 3;
    }
    case 'rollup': {
      const out = requireValue(p, command, 'out');
      const given = p.values['as-of'];
      // Default: the previous month of now (this month's 公示 is still being prepared).
      const asOf = typeof given === 'string' ? given.trim() : previousMonth(io.now());
      const instant = io.instant?.() ?? new Date();
      const res = runRollup(p.files, out, {
        asOf,
        generatedAt: formatDateTime(instant, 480),
        progress: progressFor(io, undefined),
      });
      io.out(res.text);
      return 0;
    }
  }
}

/** Runs the CLI; returns the exit code. Never throws. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined) {
      io.out(HELP);
      return 2;
    }
    if (command === 'help') {
      // `jifen help` / `jifen help recompute`
      const [topic, ...extra] = rest;
      if (extra.length > 0) throw new UserError(`多余的参数：${extra.join(' ')}。用法：jifen help [命令]`);
      if (topic === undefined) io.out(HELP);
      else if (isCommand(topic)) io.out(commandHelp(topic));
      else throw new UserError(`未知命令：${topic}。运行 jifen --help 查看用法。`);
      return 0;
    }
    if (command.startsWith('-')) {
      const g = parseGlobal(argv);
      if (g.help) {
        const topic = g.positionals[0];
        io.out(isCommand(topic) ? commandHelp(topic) : HELP);
        return 0;
      }
      if (g.version) {
        io.out(VERSION_TEXT);
        return 0;
      }
      throw new UserError(
        `命令应写在最前面，例如 jifen evaluate <场景.json> --period 2026-10。运行 jifen --help 查看用法。`,
      );
    }
    if (!isCommand(command)) throw new UserError(`未知命令：${command}。运行 jifen --help 查看用法。`);
    const p = parseCommand(command, rest);
    if (p.help) {
      io.out(commandHelp(command));
      return 0;
    }
    if (p.version) {
      io.out(VERSION_TEXT);
      return 0;
    }
    return await run(command, p, io);
  } catch (e) {
    if (e instanceof UserError) {
      io.err(`错误：${e.message}\n`);
      return e.exitCode;
    }
    io.err(
      `内部错误：${(e as Error)?.message ?? String(e)}\n（如需排查，请设置环境变量 JIFEN_DEBUG=1 后重试）\n`,
    );
    if (process.env.JIFEN_DEBUG) io.err(`${(e as Error)?.stack ?? ''}\n`);
    return 1;
  }
}

export { currentMonthShanghai };
