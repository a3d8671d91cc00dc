// The `jifen` command line: parses arguments, dispatches to a command, maps errors to exit codes.

import { currentMonthShanghai } from './clock';
import { UserError } from './errors';
import { runEvaluate } from './evaluate-command';

export const HELP = `jifen — 社区干部积分台账（命令行）

用法：
  jifen evaluate <场景.json> --period <期间> [--explain]
      计算一个期间的积分汇总，以 JSON 输出到标准输出。
      期间：月 2026-10、季度 2026-Q4、半年 2026-H1、年度 2026。
      --explain  同时输出每名干部的积分明细（规则、数量、依据）和需两委研究的提示。
  jifen --help   显示本帮助。

退出码：0 成功；2 输入有误（错误信息写到标准错误，指明记录和字段）；1 程序内部错误。
`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** "Now" as a month, read once by the caller. */
  now: () => string;
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

const VALUE_OPTIONS = new Set(['period', 'month', 'out']);

function requireValue(p: Parsed, name: string, example: string): string {
  const v = p.options.get(name);
  if (typeof v !== 'string' || !v) throw new UserError(`缺少 --${name} 参数，例如 --${name} ${example}`);
  return v;
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
