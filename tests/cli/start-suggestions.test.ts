// Issue 12 part 6: the demo is in a state the add-on could reach (months published in order), npm start's
// main job publishes the next month, and every command npm start suggests afterwards succeeds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, root, tempDir } from './helpers';

jest.setTimeout(120_000);

/** The `node dist/cli/jifen.cjs …` lines npm start prints, with its paths replaced by a scratch book. */
function suggestions(book: string, dir: string): string[][] {
  const src = readFileSync(join(root, 'scripts/start.mjs'), 'utf8');
  return [...src.matchAll(/`\s*node dist\/cli\/jifen\.cjs ([^`#]+?)\s*`/g)].map((m) =>
    m[1]!
      .replace("${relative(root, join(root, 'demo', '个人积分单'))}", join(dir, '个人积分单'))
      .replace('${relative(root, out)}', book)
      .split(/\s+/),
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
