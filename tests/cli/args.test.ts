// `jifen` arguments: strict parsing per command (unknown flags, extra arguments, empty values are exit 2
// with one Chinese line), --version, per-command --help, and a closed stdout (`| head`) ending quietly.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { version } from '../../package.json';
import { commandHelp, HELP } from '../../src/cli/main';
import { cli, demoScenarioPath, filesIn, root, tempDir } from './helpers';

const bin = join(root, 'dist', 'cli', 'jifen.cjs');

test.each([
  [
    'a mistyped flag on evaluate',
    ['evaluate', demoScenarioPath, '--period', '2026-10', '--explian'],
    '错误：未知选项：--explian（是否想用 --explain？）。jifen evaluate 可用的选项：--period、--explain、--help（-h）、--version（-v）\n',
  ],
  [
    '--force on recompute (only demo has it)',
    ['recompute', 'book.xlsx', '--force'],
    '错误：未知选项：--force。jifen recompute 可用的选项：--by、--help（-h）、--version（-v）\n',
  ],
  [
    'a short flag no command knows',
    ['verify', 'book.xlsx', '-x'],
    '错误：未知选项：-x。jifen verify 可用的选项：--digest、--help（-h）、--version（-v）\n',
  ],
  [
    'an extra positional on verify',
    ['verify', 'a.xlsx', 'b.xlsx'],
    '错误：多余的参数：b.xlsx。jifen verify 只接受一个工作簿：jifen verify <台账.xlsx> [--digest <校验码>[,<校验码>…]]\n',
  ],
  [
    'extra positionals on evaluate',
    ['evaluate', demoScenarioPath, '2026-10', 'x', '--period', '2026-10'],
    '错误：多余的参数：2026-10 x。jifen evaluate 只接受一个场景文件：jifen evaluate <场景.json> --period <期间> [--explain]\n',
  ],
  [
    'an empty --by',
    ['recompute', 'book.xlsx', '--by', ''],
    '错误：选项 --by 的值不能为空，例如 --by 李秀英（不给 --by 时使用当前系统用户名）\n',
  ],
  [
    'an empty --by= (inline)',
    ['publish', 'book.xlsx', '--month', '2026-10', '--by='],
    '错误：选项 --by 的值不能为空，例如 --by 李秀英（不给 --by 时使用当前系统用户名）\n',
  ],
  [
    'a blank --by',
    ['publish', 'book.xlsx', '--month', '2026-10', '--by', '   '],
    '错误：选项 --by 的值不能为空，例如 --by 李秀英（不给 --by 时使用当前系统用户名）\n',
  ],
  [
    '--period followed by another flag (no value)',
    ['evaluate', demoScenarioPath, '--period', '--explain'],
    '错误：选项 --period 缺少值，例如 --period 2026-10\n',
  ],
  [
    '--month at the end (no value)',
    ['publish', 'book.xlsx', '--month'],
    '错误：选项 --month 缺少值，例如 --month 2026-10\n',
  ],
  [
    'a value given to a switch',
    ['demo', 'x.xlsx', '--force=yes'],
    '错误：选项 --force 不接受值（实际：--force=yes）\n',
  ],
  [
    'a repeated --month (the last would silently win)',
    ['publish', 'book.xlsx', '--month', '2026-09', '--month', '2026-10'],
    '错误：选项 --month 重复给出，只能给一次\n',
  ],
  [
    'a missing file',
    ['recompute', '--by', '李秀英'],
    '错误：缺少工作簿：jifen recompute <台账.xlsx> [--by <操作人>]\n',
  ],
  ['a missing --period', ['evaluate', demoScenarioPath], '错误：缺少 --period 参数，例如 --period 2026-10\n'],
  [
    'an option before the command',
    ['--period', '2026-10', 'evaluate', demoScenarioPath],
    '错误：未知选项：--period。jifen 可用的选项：--help（-h）、--version（-v）\n',
  ],
  ['an unknown command', ['frobnicate'], '错误：未知命令：frobnicate。运行 jifen --help 查看用法。\n'],
  [
    'help on an unknown command',
    ['help', 'frobnicate'],
    '错误：未知命令：frobnicate。运行 jifen --help 查看用法。\n',
  ],
])('%s: exit 2, one Chinese line naming it, nothing on stdout', async (_name, args, message) => {
  const dir = tempDir('jifen-args-');
  const r = await cli(args.map((a) => (a.endsWith('.xlsx') ? join(dir, a) : a)));
  expect({ code: r.code, out: r.out, err: r.err.replaceAll(`${dir}/`, '') }).toEqual({
    code: 2,
    out: '',
    err: message,
  });
  expect(filesIn(dir)).toEqual([]);
});

test('an empty --by is refused before the workbook is touched (no .bak, no rewrite)', async () => {
  const dir = tempDir('jifen-args-');
  const book = join(dir, 'book.xlsx');
  expect((await cli(['demo', book])).code).toBe(0);
  const r = await cli(['recompute', book, '--by=']);
  expect(r.code).toBe(2);
  expect(filesIn(dir)).toEqual(['book.xlsx']);
});

test.each([['--version'], ['-v'], ['recompute', '--version']].map((a) => [a.join(' '), a] as const))(
  '`jifen %s` prints the package version, not help; exit 0',
  async (_name, args) => {
    expect(await cli([...args])).toEqual({ code: 0, out: `jifen ${version}\n`, err: '' });
  },
);

test.each(
  [
    ['evaluate', '--help'],
    ['recompute', '-h'],
    ['publish', 'book.xlsx', '--help'],
    ['help', 'verify'],
    ['--help', 'demo'],
  ].map((a) => [a.join(' '), a] as const),
)('`jifen %s` prints that command’s help only; exit 0', async (_name, args) => {
  const command = args.find((a) => !a.startsWith('-') && a !== 'help' && !a.endsWith('.xlsx'))!;
  const r = await cli([...args]);
  expect(r).toEqual({ code: 0, out: commandHelp(command as 'evaluate'), err: '' });
  expect(r.out.startsWith(`jifen ${command} — `)).toBe(true);
  const others = ['evaluate', 'demo', 'recompute', 'publish', 'verify'].filter((c) => c !== command);
  for (const c of others) expect(r.out).not.toContain(`jifen ${c} <`);
});

test('--help and -h print the whole help; no arguments prints it with exit 2', async () => {
  expect(await cli(['--help'])).toEqual({ code: 0, out: HELP, err: '' });
  expect(await cli(['-h'])).toEqual({ code: 0, out: HELP, err: '' });
  expect(await cli([])).toEqual({ code: 2, out: HELP, err: '' });
  expect(HELP).toContain('jifen --version       显示版本号（也可写 -v）。');
});

test('the built CLI: --version prints the version from package.json', () => {
  const r = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
  expect({ code: r.status, out: r.stdout, err: r.stderr }).toEqual({
    code: 0,
    out: `jifen ${version}\n`,
    err: '',
  });
});

test('the built CLI: a reader that closes stdout early (`jifen … | head`) ends quietly with exit 0', async () => {
  // The read end is closed before the child writes, so its one big write always meets EPIPE.
  const child = spawn(
    process.execPath,
    [bin, 'evaluate', demoScenarioPath, '--period', '2026', '--explain'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.destroy();
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (t) => {
    err += t;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  expect({ code, err }).toEqual({ code: 0, err: '' });
});

test('the built CLI through a shell pipe into head: exit 0, no stack', () => {
  const dir = tempDir('jifen-args-');
  const script = join(dir, 'pipe.sh');
  writeFileSync(
    script,
    `"${process.execPath}" "${bin}" evaluate "${demoScenarioPath}" --period 2026 --explain 2>"${dir}/err" | head -c 20 >/dev/null\necho "\${PIPESTATUS[0]}"; cat "${dir}/err"\n`,
  );
  const r = spawnSync('bash', [script], { encoding: 'utf8' });
  expect(r.stdout).toBe('0\n');
});
