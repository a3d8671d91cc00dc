// `jifen evaluate` end to end through the built CLI: stdout JSON, exit codes, Chinese errors, no stack traces.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate } from '../../src/core';

const root = join(__dirname, '..', '..');
const bin = join(root, 'dist', 'cli', 'jifen.cjs');
const demo = join(root, 'examples', 'demo-scenario.json');
const dir = mkdtempSync(join(tmpdir(), 'jifen-eval-'));

function jifen(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

test('prints the period summary as JSON and exits 0; equals the core computation', () => {
  const r = jifen('evaluate', demo, '--period', '2026-10');
  expect(r.code).toBe(0);
  expect(r.err).toBe('');
  const out = JSON.parse(r.out);
  const core = evaluate(JSON.parse(readFileSync(demo, 'utf8')), '2026-10', { defaultAsOf: '2099-01' });
  expect(core.ok).toBe(true);
  if (core.ok) expect(out).toEqual(core.output);
  expect(out.period).toBe('2026-10');
  expect(out.cadres).toHaveLength(12);
  const ranks = out.cadres.map((c: { rank: number }) => c.rank);
  expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
});

test.each(['2026-Q3', '2026-H1', '2026'])('works for %s', (period) => {
  const r = jifen('evaluate', demo, '--period', period);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.out);
  const starting = period.includes('Q') ? 0 : 100;
  for (const c of out.cadres) {
    expect(c.startingPoints).toBe(starting);
    expect(c.total).toBe(c.startingPoints + c.base + c.task + c.reward);
  }
});

test('--explain adds the entries behind each total', () => {
  const r = jifen('evaluate', demo, '--period=2026-10', '--explain');
  expect(r.code).toBe(0);
  const out = JSON.parse(r.out);
  for (const c of out.cadres) {
    expect(c.entries.reduce((s: number, e: { points: number }) => s + e.points, 0)).toBe(
      c.base + c.task + c.reward,
    );
  }
});

test.each([
  ['a file that is not JSON', () => file('bad.json', '{ roster: [ }'), '不是有效的 JSON'],
  ['a missing file', () => join(dir, 'nope.json'), '找不到文件'],
  ['JSON that is not a scenario', () => file('arr.json', '[1,2]'), '场景应为 JSON 对象'],
  [
    'a bad record',
    () =>
      file(
        'rec.json',
        JSON.stringify({
          roster: [{ id: '001', name: '张三' }],
          entries: [{ id: 'E1', month: '2026-10', cadreId: '001', ruleCode: 'T-MEDIATION', quantity: -3 }],
        }),
      ),
    'entries[0]（编号 E1）.quantity（数量）：数量应为正整数',
  ],
])('%s: exit 2, Chinese message on stderr, nothing on stdout, no stack', (_name, make, text) => {
  const r = jifen('evaluate', make(), '--period', '2026-10');
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).toContain(text);
  expect(r.err).not.toMatch(/\n\s+at /);
});

test('a bad period key and a missing --period are exit 2', () => {
  expect(jifen('evaluate', demo, '--period', '2026-13').err).toContain('期间格式不正确');
  const r = jifen('evaluate', demo);
  expect(r.code).toBe(2);
  expect(r.err).toContain('--period');
});

test('--help prints usage and exits 0; an unknown command exits 2', () => {
  const h = jifen('--help');
  expect(h.code).toBe(0);
  expect(h.out).toContain('jifen evaluate');
  const u = jifen('frobnicate');
  expect(u.code).toBe(2);
  expect(u.err).toContain('未知命令');
});

test('evaluate on a workbook: 不是有效的 JSON, and which commands read workbooks', () => {
  const hint =
    '不是有效的 JSON：它是 Excel 工作簿，evaluate 只读场景 JSON（格式见 examples/demo-scenario.json）。' +
    '工作簿请用 jifen recompute <台账.xlsx> 重新计算、jifen verify <台账.xlsx> 校验公示';
  // A zip under any name, and an .xlsx name whatever its content.
  const zip = file('ledger.bin', 'PK\u0003\u0004 rest of a zip');
  const named = file('台账.xlsx', 'not json at all');
  for (const f of [zip, named]) {
    const r = jifen('evaluate', f, '--period', '2026-10');
    expect({ code: r.code, out: r.out, err: r.err }).toEqual({
      code: 2,
      out: '',
      err: `错误：文件 ${f} ${hint}\n`,
    });
  }
  // A plain broken JSON file keeps the parser's reason and no workbook hint.
  const r = jifen('evaluate', file('plain.json', '{'), '--period', '2026-10');
  expect(r.err).toContain('不是有效的 JSON：');
  expect(r.err).not.toContain('工作簿');
});

test('SPEC §8: a --period outside settings.year is exit 2 naming the period, not an all-zero ranking', () => {
  const r = jifen('evaluate', demo, '--period', '2025-10');
  expect({ code: r.code, out: r.out, err: r.err }).toEqual({
    code: 2,
    out: '',
    err: '错误：输入有 1 处错误：\n  - settings.period（期间）：--period 2025-10 不在考核年度 2026 内（考核年度见 settings.year）\n',
  });
});

test('SPEC §8: an entry dated 2025-12 in a 2026 scenario is exit 2 naming the entry and its month', () => {
  const s = JSON.parse(readFileSync(demo, 'utf8'));
  s.entries[5].month = '2025-12';
  const r = jifen('evaluate', file('dec.json', JSON.stringify(s)), '--period', '2026-10');
  expect({ code: r.code, out: r.out, err: r.err }).toEqual({
    code: 2,
    out: '',
    err: `错误：输入有 1 处错误：\n  - entries[5]（编号 ${s.entries[5].id}）.month（月份）：2025-12 不在考核年度 2026 内（考核年度见 settings.year）\n`,
  });
});
