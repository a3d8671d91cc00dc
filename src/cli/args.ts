// Command-line arguments: node:util parseArgs in strict mode per command, every refusal in Chinese.

import { parseArgs } from 'node:util';
import { UserError } from './errors';

export type CommandName =
  | 'evaluate'
  | 'demo'
  | 'recompute'
  | 'publish'
  | 'statements'
  | 'verify'
  | 'rollover'
  | 'rollup';

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Shown when the value is missing: `--period 2026-10`. */
  example?: string;
}

export interface CommandSpec {
  /** One usage line, e.g. `jifen verify <台账.xlsx>`. */
  usage: string;
  /** Name of the one file the command takes, for the "missing file" message. */
  fileLabel: string;
  /** The command takes one or more files (`jifen rollup a.xlsx b.xlsx …`). */
  manyFiles?: boolean;
  /** Help lines under the usage line (already indented). */
  description: string;
  options: Record<string, OptionSpec>;
}

/** Accepted by every command (and on their own): help and version. */
const COMMON: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
};

export const COMMANDS: Record<CommandName, CommandSpec> = {
  evaluate: {
    usage: 'jifen evaluate <场景.json> --period <期间> [--explain]',
    fileLabel: '场景文件',
    description:
      '    计算一个期间的积分汇总，以 JSON 输出到标准输出。\n' +
      '    期间：月 2026-10、季度 2026-Q4、半年 2026-H1、年度 2026；须在场景的考核年度（settings.year）内。\n' +
      '    --explain  同时输出每名干部的积分明细（规则、数量、依据）和需两委研究的提示。\n',
    options: { period: { type: 'string', example: '2026-10' }, explain: { type: 'boolean' } },
  },
  demo: {
    usage: 'jifen demo <输出.xlsx> [--force]',
    fileLabel: '输出文件',
    description:
      '    生成示例社区的完整工作簿（12 名干部，2026年1–10月，含 §6 的全部表；1–8 月已按月公示，9 月可发布）。\n' +
      '    --force  目标文件已存在时覆盖。\n',
    options: { force: { type: 'boolean' } },
  },
  recompute: {
    usage: 'jifen recompute <台账.xlsx> [--by <操作人>]',
    fileLabel: '工作簿',
    description:
      '    重新计算：重建未公示月份的系统条目（考勤、月度无扣分、前N名），重写月度汇总、年度汇总，\n' +
      '    把手填行的错误写到「校验问题」。原文件先备份为 <台账.xlsx>.bak。\n',
    options: { by: { type: 'string', example: '李秀英' } },
  },
  publish: {
    usage: 'jifen publish <台账.xlsx> --month <YYYY-MM> [--by <发布人>]',
    fileLabel: '工作簿',
    description:
      '    发布月度公示：先重新计算，再生成受保护的「公示-YYYY-MM」表，在「公示记录」登记封存摘要，\n' +
      '    并在工作簿旁生成可打印的 A4 页面 <台账>-公示-YYYY-MM.html。\n' +
      '    有待审核申报或未处理的申报异常、已公示、无数据、未到的月份，以及更早的月份尚未公示（须按月份顺序）时会被拒绝，与插件相同。\n',
    options: { month: { type: 'string', example: '2026-10' }, by: { type: 'string', example: '李秀英' } },
  },
  statements: {
    usage: 'jifen statements <台账.xlsx> --month <YYYY-MM> --out <文件夹>',
    fileLabel: '工作簿',
    description:
      '    生成已公示月份的个人积分单：每名干部一页 <文件夹>/<编号>-<姓名>.html（有 Chromium 时另有 PDF），\n' +
      '    只含本人的月度积分、年度累计、排名与分档、每条明细及依据、待审核和已驳回的申报、可兑换事假和异议方式。\n' +
      '    月份须已发布公示（个人积分单在公示之后生成）；工作簿不会被改写。\n',
    options: { month: { type: 'string', example: '2026-10' }, out: { type: 'string', example: '积分单' } },
  },
  verify: {
    usage: 'jifen verify <台账.xlsx> [--digest <校验码>[,<校验码>…]]',
    fileLabel: '工作簿',
    description:
      '    校验公示：核对每次发布封存的内容（公示表的显示内容、该月积分台账记录、公示记录的摘要链），\n' +
      '    指出每处改动。--digest 给出公示上印的或邮件里的摘要：公示记录被删除或摘要被重新计算时，\n' +
      '    只有对照它们才能发现。\n',
    options: { digest: { type: 'string', example: '<公示上印的 64 位校验码>' } },
  },
  rollover: {
    usage: 'jifen rollover <台账.xlsx> [--confirm-exceptions "<说明>"] [--by <操作人>]',
    fileLabel: '工作簿',
    description:
      '    年度结转（每年一月）：先列出尚缺的事项（有数据未公示的月份、未发布的半年汇总、待审核的申报、\n' +
      '    未处理的异议），有缺项时拒绝；两委确认按现状结转时加 --confirm-exceptions 写明例外。\n' +
      '    然后发布年度公示「公示-YYYY」（年度积分、排名、分档、评优依据），写只读归档 <台账>-YYYY归档.xlsx\n' +
      '    （整本当年工作簿，校验通过），再把工作簿转入下一年度：考核年度加 1，台账、考勤、成绩、兑换、异议清空\n' +
      '    （保留表头），干部名册（离职者除外）、规则和设置保留。中途失败可重新运行，从中断处继续，不会重复。\n',
    options: {
      'confirm-exceptions': { type: 'string', example: '"上半年汇总已书面报送街道"' },
      by: { type: 'string', example: '李秀英' },
    },
  },
  rollup: {
    usage: 'jifen rollup <社区1.xlsx> [<社区2.xlsx> …] --out <街道汇总.xlsx> [--as-of <YYYY-MM>]',
    fileLabel: '社区工作簿',
    manyFiles: true,
    description:
      '    街道汇总：只读取各社区工作簿中已发布的公示和公示记录（从不改写社区的文件），逐一校验摘要，\n' +
      '    写出「街道总览」（各社区按时公示、逾期、无法校验、被改动的月数，和图示）和每个社区一张表\n' +
      '    （各月状态、每名干部的半年和年度合计、分档与 §5 结果运用、倒数三名、需研究的并列、异议和更正）。\n' +
      '    --as-of 之前的月份应已公示（默认为上个月）。打不开或不是积分台账的文件在汇总中注明，不中断。\n',
    options: {
      out: { type: 'string', example: '街道汇总.xlsx' },
      'as-of': { type: 'string', example: '2026-10' },
    },
  },
};

export function isCommand(name: string | undefined): name is CommandName {
  return name !== undefined && Object.hasOwn(COMMANDS, name);
}

export interface ParsedCommand {
  file: string;
  /** Every file given (one, except for a manyFiles command). */
  files: string[];
  values: Record<string, string | boolean | undefined>;
  help: boolean;
  version: boolean;
}

/** Plain edit distance, for "did you mean --explain?" on a mistyped flag. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

function flagList(options: Record<string, OptionSpec>): string {
  return Object.entries(options)
    .map(([name, o]) => (o.short ? `--${name}（-${o.short}）` : `--${name}`))
    .join('、');
}

/**
 * Why a second, lenient pass: strict parseArgs throws English messages; its tokens say which
 * argument was wrong, so the Chinese message can name it exactly.
 */
function explain(
  args: readonly string[],
  options: Record<string, OptionSpec>,
  where: string,
  error: unknown,
): UserError {
  const { tokens } = parseArgs({
    args: [...args],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const spec = Object.hasOwn(options, t.name) ? options[t.name] : undefined;
    if (!spec) {
      const near = Object.keys(options).find((n) => distance(n, t.name) <= 2);
      return new UserError(
        `未知选项：${t.rawName}${near ? `（是否想用 --${near}？）` : ''}。${where}可用的选项：${flagList(options)}`,
      );
    }
    if (spec.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-'))))
      return new UserError(`选项 ${t.rawName} 缺少值，例如 --${t.name} ${spec.example ?? '…'}`);
    if (spec.type === 'boolean' && t.value !== undefined)
      return new UserError(`选项 ${t.rawName} 不接受值（实际：${t.rawName}=${t.value}）`);
  }
  return new UserError(`参数有误：${(error as Error).message}`);
}

function strictParse(args: readonly string[], options: Record<string, OptionSpec>, where: string) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: true, tokens: true });
  } catch (e) {
    throw explain(args, options, where, e);
  }
}

/** Arguments before any command: only --help / --version (and `help <命令>` handled by the caller). */
export function parseGlobal(args: readonly string[]): {
  help: boolean;
  version: boolean;
  positionals: string[];
} {
  const { values, positionals } = strictParse(args, COMMON, 'jifen ');
  return { help: values.help === true, version: values.version === true, positionals };
}

/** Parses one command's arguments (after the command name). Throws UserError (exit 2) on anything unexpected. */
export function parseCommand(command: CommandName, args: readonly string[]): ParsedCommand {
  const spec = COMMANDS[command];
  const options = { ...spec.options, ...COMMON };
  const { values, positionals, tokens } = strictParse(args, options, `jifen ${command} `);
  const help = values.help === true;
  const version = values.version === true;
  if (help || version) return { file: '', files: [], values, help, version };
  const seen = new Set<string>();
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    // parseArgs keeps the last of repeated options; a silently dropped --month would publish the wrong month.
    if (seen.has(t.name)) throw new UserError(`选项 --${t.name} 重复给出，只能给一次`);
    seen.add(t.name);
    if (options[t.name]?.type === 'string' && !String(t.value ?? '').trim())
      throw new UserError(
        `选项 --${t.name} 的值不能为空，例如 --${t.name} ${options[t.name]!.example ?? '…'}` +
          (t.name === 'by' ? '（不给 --by 时使用当前系统用户名）' : ''),
      );
  }
  const [file, ...extra] = positionals;
  if (!file) throw new UserError(`缺少${spec.fileLabel}：${spec.usage}`);
  if (spec.manyFiles) {
    const seenFile = positionals.find((f, i) => positionals.indexOf(f) !== i);
    if (seenFile) throw new UserError(`${spec.fileLabel}重复给出：${seenFile}`);
    return { file, files: positionals, values, help, version };
  }
  if (extra.length > 0)
    throw new UserError(
      `多余的参数：${extra.join(' ')}。jifen ${command} 只接受一个${spec.fileLabel}：${spec.usage}`,
    );
  return { file, files: [file], values, help, version };
}
