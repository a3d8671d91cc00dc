// `jifen evaluate <scenario.json> --period <key>`: prints one period's summary as JSON (SPEC §8).

import { readFileSync } from 'node:fs';
import { evaluate, formatProblem } from '../core';
import { UserError } from './errors';

export interface EvaluateArgs {
  file: string;
  period: string;
  explain: boolean;
  defaultAsOf: string;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Reads and parses a JSON file, turning every failure into a Chinese UserError. */
export function readJsonFile(file: string): unknown {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT' ? `找不到文件：${file}` : `无法读取文件 ${file}（${code ?? '未知错误'}）`,
    );
  }
  try {
    return JSON.parse(data.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    // A workbook (a zip: "PK\x03\x04", or an .xlsx name): say which commands read workbooks.
    if (data.subarray(0, 4).equals(ZIP_MAGIC) || /\.xls[xm]?$/i.test(file)) {
      throw new UserError(
        `文件 ${file} 不是有效的 JSON：它是 Excel 工作簿，evaluate 只读场景 JSON（格式见 examples/demo-scenario.json）。` +
          `工作簿请用 jifen recompute <台账.xlsx> 重新计算、jifen verify <台账.xlsx> 校验公示`,
      );
    }
    throw new UserError(`文件 ${file} 不是有效的 JSON：${(e as Error).message}`);
  }
}

/** Runs the command and returns the text for stdout. */
export function runEvaluate(args: EvaluateArgs): string {
  const raw = readJsonFile(args.file);
  const res = evaluate(raw, args.period, { defaultAsOf: args.defaultAsOf });
  if (!res.ok) {
    const lines = res.problems.map((p) => `  - ${formatProblem(p)}`);
    throw new UserError(`输入有 ${res.problems.length} 处错误：\n${lines.join('\n')}`);
  }
  if (!args.explain) return `${JSON.stringify(res.output, null, 2)}\n`;
  const explained = {
    ...res.output,
    asOf: res.summary.asOf,
    notices: res.summary.notices,
    cadres: res.output.cadres.map((c, i) => {
      const s = res.summary.cadres[i]!;
      return {
        ...c,
        monthsActive: s.monthsActive,
        entries: s.entries.map((e) => ({
          id: e.id,
          month: e.month,
          ruleCode: e.ruleCode,
          item: e.item,
          category: e.category,
          quantity: e.quantity,
          unitPoints: e.unitPoints,
          points: e.points,
          source: e.source,
          reason: e.reason,
        })),
      };
    }),
  };
  return `${JSON.stringify(explained, null, 2)}\n`;
}
