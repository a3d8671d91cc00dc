// Issue 12 part 6: the demo is in a state the add-on could reach (months published in order), npm start's
// main job publishes the next month, and every command npm start suggests afterwards succeeds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TAB } from '../../src/shared/tabs';
import { cli, readBook, root, tempDir } from './helpers';

jest.setTimeout(120_000);

/** The `node dist/cli/jifen.cjs …` lines npm start prints, with its paths replaced by a scratch book. */
function suggestions(book: string, dir: string): string[][] {
  const src = readFileSync(join(root, 'scripts/start.mjs'), 'utf8');
  // The placeholders as start.mjs spells them in its template literals (matched as plain text).
  // biome-ignore lint/suspicious/noTemplateCurlyInString: source text of start.mjs, not a template
  const statementsDir = "${relative(root, join(root, 'demo', '个人积分单'))}";
  // biome-ignore lint/suspicious/noTemplateCurlyInString: source text of start.mjs, not a template
  const outFile = '${relative(root, out)}';
  return [...src.matchAll(/`\s*node dist\/cli\/jifen\.cjs ([^`#]+?)\s*`/g)].map((m) =>
    m[1]!.replace(statementsDir, join(dir, '个人积分单')).replace(outFile, book).split(/\s+/),
  );
}

test('demo → npm start’s publish → every suggested command exits 0', async () => {
  const dir = tempDir('jifen-start-');
  const book = join(dir, '示例.xlsx');
  expect((await cli(['demo', book])).code).toBe(0);
  const main = await cli(['publish', book, '--month', '2026-09']);
  expect(main.err).toBe('');
  expect(main.code).toBe(0);
  const cmds = suggestions(book, dir);
  expect(cmds.map((c) => c[0])).toEqual(['recompute', 'verify', 'statements']);
  for (const c of cmds) {
    const r = await cli(c);
    expect({ cmd: c[0], code: r.code, err: r.err }).toEqual({ cmd: c[0], code: 0, err: '' });
  }
});

test('the demo publishes January–August in order; September is next, an earlier or later month is refused', async () => {
  const dir = tempDir('jifen-start-');
  const book = join(dir, '示例.xlsx');
  await cli(['demo', book]);
  const v = await cli(['verify', book]);
  expect(v.out).toContain('全部 8 张公示');
  const again = await cli(['publish', book, '--month', '2026-08']);
  expect(again.code).toBe(2);
  expect(again.err).toContain('2026-08 已');
  const october = await cli(['publish', book, '--month', '2026-10']);
  expect(october.code).toBe(2);
  expect(october.err).toContain('待审核');
});

test('the commands the demo’s 说明 tab lists all succeed on the demo, in the order listed', async () => {
  const dir = tempDir('jifen-start-');
  const book = join(dir, '示例.xlsx');
  await cli(['demo', book]);
  const lines = readBook(book)
    .values(TAB.readme)!
    .map((r) => String(r[0] ?? ''));
  expect(lines).toContain(
    '示例状态：2026年1–8月已按月公示；2026-09 可以发布；2026-10 还有待审核的申报和一条未处理的申报异常（发布前需先处理），异议处理中有一条对 2026-08 公示的待处理异议。',
  );
  const cmds = lines
    .map((l) => /^\s+jifen (\S+) 本文件\.xlsx((?: --\S+ \S+)*)\s{2,}/.exec(l))
    .filter((m) => m !== null)
    .map((m) => [m[1]!, book, ...m[2]!.trim().split(/\s+/).filter(Boolean)]);
  expect(cmds).toEqual([
    ['recompute', book],
    ['publish', book, '--month', '2026-09'],
    ['verify', book],
  ]);
  for (const c of cmds) {
    const r = await cli(c);
    expect({ cmd: c[0], code: r.code, err: r.err }).toEqual({ cmd: c[0], code: 0, err: '' });
  }
});
