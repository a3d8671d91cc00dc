// One writer at a time: the <book>.lock refuses a second run, stale locks and temp files of killed runs are cleaned up, a book changed meanwhile is not overwritten, and SIGKILL at random points never breaks the book or its .bak.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { readBookValues } from '../../src/cli/xlsx/commands';
import { demoInputValues } from '../../src/cli/xlsx/demo-book';
import { LOCK_STALE_MS, lockPathOf } from '../../src/cli/xlsx/files';
import { tabModel } from '../../src/cli/xlsx/layout';
import { XlsxPackage } from '../../src/cli/xlsx/package';
import { COLUMNS, type ColumnTab, TAB } from '../../src/shared/tabs';
import { cli, filesIn, root, tempDir } from './helpers';

/** The demo's input tabs, the ledger repeated `times` over (a bigger book makes a run last long enough to kill mid-write). */
function inputBook(times = 1): Buffer {
  const { values } = demoInputValues();
  const [head, ...rows] = values.ledger!;
  const ledger = [head!];
  for (let k = 0; k < times; k++)
    ledger.push(...rows.map((r) => (k === 0 ? r : [`${String(r[0])}-${k}`, ...r.slice(1)])));
  values.ledger = ledger;
  const pkg = XlsxPackage.create();
  for (const tab of Object.keys(COLUMNS) as ColumnTab[]) pkg.addSheet(TAB[tab], tabModel(tab, values[tab]!));
  return pkg.toBuffer();
}

const SMALL = inputBook();

function place(data: Buffer, name = '台账.xlsx'): { dir: string; file: string } {
  const dir = tempDir('jifen-lock-');
  const file = join(dir, name);
  writeFileSync(file, data);
  return { dir, file };
}

/** A pid that no longer runs: a child that has exited (and been reaped by spawnSync). */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

function lockText(pid: number, started: Date, command = 'recompute'): string {
  return JSON.stringify({ pid, host: hostname(), started: started.toISOString(), command });
}

/** Opens a book and reads every tab; and `jifen verify` on it exits 0. */
async function expectSound(file: string): Promise<void> {
  const data = readFileSync(file);
  const pkg = XlsxPackage.open(data);
  expect(readBookValues(pkg).ledger!.length).toBeGreaterThan(1);
  // verify wants an .xlsx name (a .bak is checked through a copy).
  const copy = join(tempDir('jifen-sound-'), 'copy.xlsx');
  writeFileSync(copy, data);
  const v = await cli(['verify', copy]);
  expect(v.err).toBe('');
  expect(v.code).toBe(0);
}

describe('the lock, in process', () => {
  test('a live lock refuses the run: exit 2, who holds it, nothing written, the lock left alone', async () => {
    const { dir, file } = place(SMALL);
    const started = new Date();
    const text = lockText(process.pid, started, 'publish');
    writeFileSync(lockPathOf(file), text);
    const files = filesIn(dir);
    for (const args of [
      ['recompute', file],
      ['publish', file, '--month', '2026-01'],
      ['demo', file, '--force'],
    ]) {
      const r = await cli(args);
      expect(r.err).toBe(
        `错误：文件 ${file} 正在被jifen 进程 ${process.pid}（publish），开始于 ${started.toISOString()}修改，请等它结束后再运行。` +
          '如确认没有其他 jifen 在运行，可删除锁文件 台账.xlsx.lock 后重试\n',
      );
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
    }
    expect(readFileSync(file).equals(SMALL)).toBe(true);
    expect(readFileSync(lockPathOf(file), 'utf8')).toBe(text);
    expect(filesIn(dir)).toEqual(files);
  });

  test('a second name for the same book (a symbolic link) meets the same lock', async () => {
    const { dir, file } = place(SMALL);
    const link = join(dir, '链接.xlsx');
    symlinkSync(file, link);
    writeFileSync(lockPathOf(file), lockText(process.pid, new Date()));
    expect(lockPathOf(link)).toBe(lockPathOf(file));
    const r = await cli(['recompute', link]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`错误：文件 ${link} 正在被jifen 进程 ${process.pid}（recompute）`);
    expect(readFileSync(file).equals(SMALL)).toBe(true);
  });

  test('a folder where the lock file should be is reported, not crashed on', async () => {
    const { file } = place(SMALL);
    mkdirSync(lockPathOf(file));
    const r = await cli(['recompute', file]);
    expect(r.err).toBe(`错误：${lockPathOf(file)} 不是 jifen 的锁文件（是文件夹或链接），请移走后重试\n`);
    expect(r.code).toBe(2);
    expect(readFileSync(file).equals(SMALL)).toBe(true);
  });

  test('a lock whose process is gone is taken over with a notice, and released after the run', async () => {
    const { dir, file } = place(SMALL);
    const pid = deadPid();
    const started = new Date(Date.now() - 1000);
    writeFileSync(lockPathOf(file), lockText(pid, started));
    const r = await cli(['recompute', file]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(
      `注意：发现上次中断的运行留下的锁文件 台账.xlsx.lock（jifen 进程 ${pid}（recompute），开始于 ${started.toISOString()}；进程 ${pid} 已不在运行），已接管`,
    );
    expect(filesIn(dir)).toEqual(['台账.xlsx', '台账.xlsx.bak']);
  });

  test('a lock older than 10 minutes is taken over even if its pid is alive (pid reuse)', async () => {
    expect(LOCK_STALE_MS).toBe(10 * 60 * 1000);
    const { file } = place(SMALL);
    writeFileSync(lockPathOf(file), lockText(process.ppid, new Date(Date.now() - LOCK_STALE_MS - 60_000)));
    const r = await cli(['recompute', file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`进程 ${process.ppid}（recompute）`);
    expect(r.out).toContain('；已超过 10 分钟），已接管');
    expect(existsSync(lockPathOf(file))).toBe(false);
  });

  test('an empty lock file refuses while fresh (its writer may be writing it), is taken over once old', async () => {
    const { file } = place(SMALL);
    writeFileSync(lockPathOf(file), '');
    let r = await cli(['recompute', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('正在被另一个 jifen 进程修改');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPathOf(file), old, old);
    r = await cli(['recompute', file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('（另一个 jifen 进程；锁文件内容无效），已接管');
  });

  test('temp files of killed runs beside the book are removed on start; live runs’ and other names are kept', async () => {
    const { dir, file } = place(SMALL);
    const dead = deadPid();
    const stray = [
      `.台账.xlsx.${dead}-0a1b2c3d.jifen-tmp`,
      `.台账.xlsx.bak.${dead}-0a1b2c3e.jifen-tmp`,
      `.台账.xlsx.lock.${dead}-0a1b2c3f.jifen-tmp`,
      `.台账-公示-2026-09.html.${dead}-0a1b2c40.jifen-tmp`,
      `.台账.xlsx.${dead}.1764000000000.tmp`,
    ];
    const kept = [
      `.台账.xlsx.${process.ppid}-0a1b2c41.jifen-tmp`,
      `.别的.xlsx.${dead}-0a1b2c42.jifen-tmp`,
      '台账.xlsx.tmp',
    ];
    for (const n of [...stray, ...kept]) writeFileSync(join(dir, n), 'partial');
    const r = await cli(['recompute', file]);
    expect(r.code).toBe(0);
    const [head, names] = r.out.split('\n')[0]!.split('：');
    expect(head).toBe('已清理上次中断的运行留下的临时文件 5 个');
    expect(names!.split('、').sort()).toEqual([...stray].sort());
    expect(filesIn(dir)).toEqual([...kept, '台账.xlsx', '台账.xlsx.bak'].sort());
  });

  /** Runs recompute in process, calling `meanwhile` when the result is about to be written. */
  async function recomputeWith(file: string, meanwhile: () => void): Promise<{ code: number; err: string }> {
    process.env.JIFEN_PROGRESS = '1';
    let err = '';
    try {
      const code = await main(['recompute', file], {
        out: () => {},
        err: (t) => {
          err += t;
          if (t.includes('写入文件')) meanwhile();
        },
        now: () => '2026-10',
        instant: () => new Date('2026-10-31T02:00:00Z'),
      });
      return { code, err };
    } finally {
      delete process.env.JIFEN_PROGRESS;
    }
  }

  test('a book changed by another program after it was read is not overwritten (and .bak is not touched)', async () => {
    const { dir, file } = place(SMALL);
    writeFileSync(`${file}.bak`, 'previous good backup');
    const changed = inputBook(2);
    // The moment the result is about to be written, Excel saves the book.
    const { code, err } = await recomputeWith(file, () => writeFileSync(file, changed));
    expect(code).toBe(2);
    expect(err).toContain(
      `错误：文件 ${file} 在 jifen 读取之后被修改过（可能是 Excel、WPS、同步盘或另一个程序）；为免覆盖这些修改，本次结果没有写入。请确认文件内容后重新运行`,
    );
    expect(readFileSync(file).equals(changed)).toBe(true);
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('previous good backup');
    expect(filesIn(dir)).toEqual(['台账.xlsx', '台账.xlsx.bak']);
  });

  test('a run whose lock was taken over meanwhile (it looked stale) writes nothing', async () => {
    const { dir, file } = place(SMALL);
    const other = lockText(process.ppid, new Date(), 'publish');
    const { code, err } = await recomputeWith(file, () => writeFileSync(lockPathOf(file), other));
    expect(code).toBe(2);
    expect(err).toContain(
      '错误：锁文件 台账.xlsx.lock 已被另一个 jifen 进程接管或删除（本次运行可能太久，被当作中断的运行）；为免两个进程同时写入，本次结果没有写入。请重新运行',
    );
    expect(readFileSync(file).equals(SMALL)).toBe(true);
    // The other run's lock is left to it.
    expect(readFileSync(lockPathOf(file), 'utf8')).toBe(other);
    expect(filesIn(dir)).toEqual(['台账.xlsx', '台账.xlsx.lock']);
  });
});

// ---- The built CLI, in child processes --------------------------------------------------------

const BIN = join(root, 'dist/cli/jifen.cjs');

/** A preload fixing the children's clock at 2026-10-31 10:00 Shanghai (as the in-process runs use). */
function clockPreload(dir: string): string {
  const f = join(dir, 'clock.cjs');
  writeFileSync(
    f,
    `const Real = Date; const fixed = Real.parse('2026-10-31T02:00:00Z');
class FixedDate extends Real { constructor(...a) { if (a.length) super(...a); else super(fixed); } static now() { return fixed; } }
globalThis.Date = FixedDate;`,
  );
  return f;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
  child: ChildProcess;
  done: Promise<void>;
}

function start(preload: string, args: string[]): Run {
  const child = spawn(process.execPath, ['-r', preload, BIN, ...args], {
    env: { ...process.env, JIFEN_CHROMIUM: '/nonexistent/chromium' },
  });
  const run: Run = { code: null, signal: null, out: '', err: '', child, done: Promise.resolve() };
  child.stdout!.on('data', (b) => {
    run.out += b;
  });
  child.stderr!.on('data', (b) => {
    run.err += b;
  });
  run.done = new Promise((res) =>
    child.on('close', (code, signal) => {
      run.code = code;
      run.signal = signal;
      res();
    }),
  );
  return run;
}

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

describe('the built CLI, concurrently', () => {
  test('publish and recompute on one book at once: one refuses, the book keeps every publication it reported', async () => {
    // Big enough (about 8k ledger rows) that a run holds the lock far longer than start-ups differ.
    // inputBook holds the demo's input tabs with nothing published: 2026-01 is the first month in order.
    const { dir, file } = place(inputBook(12));
    const preload = clockPreload(tempDir('jifen-clock-'));
    let refusals = 0;
    for (let round = 0; round < 4; round++) {
      // Both at once: whichever takes the lock first, the other finds it held (a run holds it for
      // hundreds of milliseconds; the two start-ups differ by a few).
      const first = start(preload, round % 2 ? ['recompute', file] : ['publish', file, '--month', '2026-01']);
      const second = start(
        preload,
        round % 2 ? ['publish', file, '--month', '2026-01'] : ['recompute', file],
      );
      await Promise.all([first.done, second.done]);
      for (const r of [first, second]) {
        expect(r.signal).toBeNull();
        expect([0, 2]).toContain(r.code);
        if (r.code === 2) {
          // Refused for the lock, or (publish once 2026-01 is out) because it is published already.
          expect(r.err).toMatch(
            /正在被jifen 进程 \d+（(publish|recompute)），开始于 .*修改，请等它结束后再运行|2026-01 已(于 .* )?发布公示/,
          );
          if (r.err.includes('正在被')) refusals++;
        }
      }
      const publisher = round % 2 ? second : first;
      const published = readBookValues(XlsxPackage.open(readFileSync(file))).publications ?? [];
      // A publication reported as done is in the book (not only in .bak).
      if (publisher.code === 0) {
        expect(publisher.out).toContain('已发布 2026年1月 公示');
        expect(published.some((row) => row[0] === '2026-01')).toBe(true);
      }
      await expectSound(file);
      await expectSound(`${file}.bak`);
      expect(filesIn(dir).filter((n) => n.startsWith('.') || n.endsWith('.lock'))).toEqual([]);
    }
    expect(refusals).toBeGreaterThanOrEqual(3);
  }, 120_000);

  test('five recomputes at once on a book with a stale lock: no update is lost (one log row per success)', async () => {
    const { file } = place(inputBook(4));
    writeFileSync(lockPathOf(file), lockText(deadPid(), new Date()));
    const preload = clockPreload(tempDir('jifen-clock-'));
    const logRows = () => (readBookValues(XlsxPackage.open(readFileSync(file))).log ?? []).length;
    const before = logRows();
    const runs = Array.from({ length: 5 }, () => start(preload, ['recompute', file]));
    await Promise.all(runs.map((r) => r.done));
    const ok = runs.filter((r) => r.code === 0);
    for (const r of runs) {
      expect([0, 2]).toContain(r.code);
      if (r.code === 2) expect(r.err).toMatch(/正在被jifen 进程 \d+（recompute）/);
    }
    expect(ok.length).toBeGreaterThanOrEqual(1);
    // Exactly one run took the stale lock over and said so.
    expect(runs.filter((r) => r.out.includes('已接管'))).toHaveLength(1);
    // Each successful run appended its 操作日志 row to what the previous one wrote.
    expect(logRows()).toBe(before + ok.length);
    await expectSound(file);
    expect(existsSync(lockPathOf(file))).toBe(false);
  }, 60_000);

  test('SIGKILL at random points, ten times: the book and .bak always open and verify, the next run leaves no stray file', async () => {
    const { dir, file } = place(inputBook(12));
    const preload = clockPreload(tempDir('jifen-clock-'));
    // How long one full run takes here (the kill points are spread over it).
    let duration = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 2; k++) {
      const t0 = Date.now();
      const full = start(preload, ['recompute', file]);
      await full.done;
      expect(full.code).toBe(0);
      duration = Math.min(duration, Date.now() - t0);
    }
    const kills: string[] = [];
    let hitWrites = 0;
    // Ten kills, and more (up to 40) until one lands mid-write: on a fast or idle machine the write phase
    // is a few milliseconds and a single try can miss it.
    for (let i = 0; i < 10 || (hitWrites === 0 && i < 40); i++) {
      const r = start(preload, i % 3 === 2 ? ['publish', file, '--month', '2026-01'] : ['recompute', file]);
      let delay: number;
      if (i % 2 === 0) {
        // Anywhere in the run…
        delay = Math.round(duration * (0.2 + 0.8 * Math.random()));
        await sleep(delay);
      } else {
        // …or in the write phase: once a temp file appears (temp write, fsync, .bak copy, renames).
        while (r.code === null && !filesIn(dir).some((n) => n.endsWith('.jifen-tmp'))) await sleep(1);
        delay = i >= 10 ? 0 : Math.round(10 * Math.random());
        await sleep(delay);
      }
      r.child.kill('SIGKILL');
      await r.done;
      const files = filesIn(dir);
      if (files.some((n) => n.endsWith('.jifen-tmp'))) hitWrites++;
      kills.push(`${i % 2 ? 'temp+' : ''}${delay}ms → ${r.signal ?? r.code}: ${files.join(' ')}`);
      // Killed or finished first: either way the book and its backup are whole.
      await expectSound(file);
      await expectSound(`${file}.bak`);
    }
    const last = await cli(['recompute', file]);
    expect(last.err).toBe('');
    expect(last.code).toBe(0);
    const left = filesIn(dir).filter((n) => !/^台账-公示-2026-01\.(html|pdf)$/.test(n));
    // `kills` in the failure message says where each run was stopped and what it left.
    expect({ left, kills }).toEqual({ left: ['台账.xlsx', '台账.xlsx.bak'], kills });
    // At least one kill landed mid-write (a temp file was left behind for the next run to clean up).
    if (hitWrites === 0) console.error(kills.join('\n'));
    expect(hitWrites).toBeGreaterThanOrEqual(1);
  }, 180_000);
});
