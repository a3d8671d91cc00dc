// The `jifen` command line: parses arguments, dispatches to a command, maps errors to exit codes.

import { statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { formatDateTime } from '../shared/cells';
import { currentMonthShanghai } from './clock';
import { UserError } from './errors';
import { runEvaluate } from './evaluate-command';
import { runDemo, runPublish, runRecompute, runVerify, type WorkbookContext } from './xlsx/commands';

export const HELP = `jifen — 社区干部积分台账（命令行）

用法：
  jifen evaluate <场景.json> --period <期间> [--explain]
      计算一个期间的积分汇总，以 JSON 输出到标准输出。
      期间：月 2026-10、季度 2026-Q4、半年 2026-H1、年度 2026。
      --explain  同时输出每名干部的积分明细（规则、数量、依据）和需两委研究的提示。
  jifen demo <输出.xlsx> [--force]
      生成示例社区的完整工作簿（12 名干部，2026年1–10月，含 §6 的全部表和已发布的 2026-09 公示）。
      --force  目标文件已存在时覆盖。
  jifen recompute <台账.xlsx> [--by <操作人>]
      重新计算：重建未公示月份的系统条目（考勤、月度无扣分、前N名），重写月度汇总、年度汇总，
      把手填行的错误写到「校验问题」。原文件先备份为 <台账.xlsx>.bak。
  jifen publish <台账.xlsx> --month <YYYY-MM> [--by <发布人>]
      发布月度公示：先重新计算，再生成受保护的「公示-YYYY-MM」表，在「公示记录」登记 SHA-256，
      并在工作簿旁生成可打印的 A4 页面 <台账>-公示-YYYY-MM.html。
      有待审核申报、已公示、无数据、未到的月份会被拒绝。
  jifen verify <台账.xlsx>
      校验公示：重新计算每张公示表的 SHA-256，与「公示记录」比对。
  jifen --help   显示本帮助。

  Google 表格可用“文件 › 下载 › Microsoft Excel (.xlsx)”得到可用的 .xlsx。
  --by 默认为当前系统用户名。大文件会在标准错误上显示进度（或设置 JIFEN_PROGRESS=1）。

退出码：0 成功；2 输入有误（错误信息写到标准错误，指明记录和字段）；
        3 校验公示发现被改动或缺失的公示；1 程序内部错误。
`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** "Now" as a month, read once by the caller. */
  now: () => string;
  /** "Now" as an instant, for timestamps (default: the system clock). */
  instant?: () => Date;
}

interface Parsed {
  positional: string[];
  options: Map<string, string | true>;
}

function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) options.set(a.slice(2, eq), a.slice(eq + 1));
      else {
        const next = argv[i + 1];
        if (next !== undefined && !next.startsWith('--') && VALUE_OPTIONS.has(a.slice(2))) {
          options.set(a.slice(2), next);
          i++;
        } else options.set(a.slice(2), true);
      }
    } else if (a === '-h') options.set('help', true);
    else positional.push(a);
  }
  return { positional, options };
}

const VALUE_OPTIONS = new Set(['period', 'month', 'out', 'by']);

function requireValue(p: Parsed, name: string, example: string): string {
  const v = p.options.get(name);
  if (typeof v !== 'string' || !v) throw new UserError(`缺少 --${name} 参数，例如 --${name} ${example}`);
  return v;
}

function requireFile(rest: readonly string[], usage: string): string {
  const f = rest[0];
  if (!f) throw new UserError(`缺少文件参数：${usage}`);
  return f;
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

function workbookContext(p: Parsed, io: Io, file: string): WorkbookContext {
  const instant = io.instant?.() ?? new Date();
  const by = p.options.get('by');
  return {
    nowMonth: io.now(),
    // Timestamps are Asia/Shanghai wall time (UTC+8, no daylight saving), like the add-on's.
    nowText: formatDateTime(instant, 480),
    user: typeof by === 'string' && by.trim() ? by.trim() : currentUser(),
    // Printed documents name a person or body, never the OS account (设置 公示发布人 when --by is absent).
    publisher: typeof by === 'string' && by.trim() ? by.trim() : undefined,
    progress: progressFor(io, file),
  };
}

/** Runs the CLI; returns the exit code. Never throws. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const p = parseArgs(argv);
    const [command, ...rest] = p.positional;
    if (p.options.has('help') || command === undefined || command === 'help') {
      io.out(HELP);
      return command === undefined && !p.options.has('help') ? 2 : 0;
    }
    switch (command) {
      case 'evaluate': {
        const file = rest[0];
        if (!file) throw new UserError('缺少场景文件：jifen evaluate <场景.json> --period 2026-10');
        const period = requireValue(p, 'period', '2026-10');
        io.out(runEvaluate({ file, period, explain: p.options.has('explain'), defaultAsOf: io.now() }));
        return 0;
      }
      case 'demo': {
        const out = requireFile(rest, 'jifen demo <输出.xlsx>');
        io.out(runDemo(out, { force: p.options.has('force'), progress: progressFor(io, undefined) }));
        return 0;
      }
      case 'recompute': {
        const file = requireFile(rest, 'jifen recompute <台账.xlsx>');
        io.out(runRecompute(file, workbookContext(p, io, file)));
        return 0;
      }
      case 'publish': {
        const file = requireFile(rest, 'jifen publish <台账.xlsx> --month 2026-10');
        const month = requireValue(p, 'month', '2026-10');
        io.out(await runPublish(file, month, workbookContext(p, io, file)));
        return 0;
      }
      case 'verify': {
        const file = requireFile(rest, 'jifen verify <台账.xlsx>');
        const res = runVerify(file);
        io.out(res.text);
        return res.ok ? 0 : 3;
      }
      default:
        throw new UserError(`未知命令：${command}。运行 jifen --help 查看用法。`);
    }
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
