// A large synthetic community typed into a fake spreadsheet (for the call budget test and bench).
import { DEFAULT_RULES, SOURCE_ZH, STATUS_ZH } from '../../src/core';
import { doSetup } from '../../src/gas/actions';
import type { Cell } from '../../src/shared/cells';
import type { FakeGas } from '../fake';
import { ledgerRow, typeRows } from './helpers';

/** Sets up the workbook and types `cadres` × 12 months × `perMonth` entries plus attendance. */
export function seedBig(
  fake: FakeGas,
  cadres: number,
  perMonth: number,
): { entries: number; attendance: number } {
  doSetup();
  const perEvent = DEFAULT_RULES.filter((r) => r.kind === 'per-event' && r.points > 0);
  const roster: Cell[][] = [];
  const ledger: Cell[][] = [];
  const attendance: Cell[][] = [];
  let n = 0;
  for (let c = 0; c < cadres; c++) {
    const id = `C${String(c).padStart(4, '0')}`;
    roster.push([id, `干部${c}`, '网格员', '', '在职', '2026-01', '', '是']);
    for (let m = 1; m <= 12; m++) {
      const month = `2026-${String(m).padStart(2, '0')}`;
      for (let k = 0; k < perMonth; k++) {
        const rule = perEvent[(c + k * 3 + m) % perEvent.length]!;
        const f: Record<string, Cell> = {
          编号: `E${++n}`,
          月份: month,
          干部编号: id,
          干部姓名: `干部${c}`,
          规则编码: rule.code,
          事项: rule.item,
          数量: 1,
          分值: rule.points,
          积分: rule.points,
          得分依据: '批量数据',
          来源: SOURCE_ZH.committee,
          状态: STATUS_ZH.approved,
        };
        ledger.push(ledgerRow(f));
      }
      attendance.push([month, id, (c + m) % 5 === 0 ? 1 : 0, 0, 0, 0, 0]);
    }
  }
  typeRows(fake, 'roster', roster);
  typeRows(fake, 'ledger', ledger);
  typeRows(fake, 'attendance', attendance);
  return { entries: ledger.length, attendance: attendance.length };
}

/** How many calls a row-at-a-time implementation would make for the same recompute. */
export function perRowCalls(fake: FakeGas, inputTabs: string[], outputTabs: string[]): number {
  const rows = (t: string) => fake.values(t).length;
  return inputTabs.reduce((s, t) => s + rows(t), 0) + outputTabs.reduce((s, t) => s + rows(t), 0);
}
