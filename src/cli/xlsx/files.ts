// Workbook file I/O for the CLI: open with clear Chinese errors, one writer at a time (<book>.lock), back up and write atomically (temp file, then rename).

import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { UserError } from '../errors';
import { XlsxFormatError, XlsxPackage } from './package';

function ioMessage(e: unknown, file: string, verb: string): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return `找不到文件：${file}`;
    case 'EACCES':
    case 'EPERM':
      return `没有权限${verb}文件 ${file}（文件只读，或被其他程序锁定）`;
    case 'EBUSY':
      return `文件 ${file} 正被其他程序占用，请关闭后重试`;
    case 'EISDIR':
      return `${file} 是文件夹，不是 .xlsx 文件`;
    case 'ENOSPC':
      return `磁盘空间不足，无法${verb}文件 ${file}`;
    default:
      return `无法${verb}文件 ${file}（${code ?? (e as Error)?.message ?? '未知错误'}）`;
  }
}

/** Lock files Excel/WPS (`~$name`) and LibreOffice (`.~lock.name#`) leave beside a workbook they have open. */
export function lockFileOf(file: string): string | undefined {
  const dir = dirname(file);
  const base = basename(file);
  for (const lock of [join(dir, `~$${base}`), join(dir, `.~lock.${base}#`)])
    if (existsSync(lock)) return lock;
  return undefined;
}

/** What identifies the version of a file that was read: replaced or rewritten, one of these changes. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

function stampOf(st: { size: number; mtimeMs: number; ino: number }): FileStamp {
  return { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino };
}

/**
 * The whole file is read into memory before its parts are inflated lazily; past 1 GiB it would not be
 * a workbook jifen can read anyway (its parts inflate to at most MAX_TOTAL_BYTES), so it is refused
 * before it is read (Node's own limit, 2 GiB, would fail after reading).
 */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

/** Opens a workbook for reading (and, when `forWrite`, checks it can be replaced afterwards). */
export function openBook(
  file: string,
  forWrite: boolean,
): { pkg: XlsxPackage; size: number; stamp: FileStamp } {
  let buf: Buffer;
  let stamp: FileStamp;
  try {
    if (statSync(file).isDirectory()) throw Object.assign(new Error('dir'), { code: 'EISDIR' });
    // Stat the descriptor that is read, so the stamp describes exactly the bytes read.
    const fd = openSync(file, 'r');
    try {
      stamp = stampOf(fstatSync(fd));
      if (stamp.size > MAX_FILE_BYTES)
        throw new UserError(
          `文件 ${file} 有 ${Math.round(stamp.size / 1024 / 1024)} MiB，超过 ${MAX_FILE_BYTES / 1024 / 1024} MiB 的上限，不像是积分台账`,
        );
      buf = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(ioMessage(e, file, '读取'));
  }
  if (forWrite) {
    const lock = lockFileOf(file);
    if (lock)
      throw new UserError(
        `文件 ${file} 正被 Excel/WPS/LibreOffice 打开（发现锁文件 ${basename(lock)}），请先关闭后重试`,
      );
    try {
      accessSync(file, constants.W_OK);
      accessSync(dirname(file), constants.W_OK);
    } catch (e) {
      throw new UserError(ioMessage(e, file, '写入'));
    }
  }
  try {
    return { pkg: XlsxPackage.open(buf), size: buf.length, stamp };
  } catch (e) {
    if (e instanceof XlsxFormatError) throw new UserError(`无法打开 ${file}：${e.message}`);
    throw e;
  }
}

/** Runs a step that reads cells of an open workbook; malformed content is reported with the file's name. */
export function readingBook<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof XlsxFormatError) throw new UserError(`无法读取 ${file}：${e.message}`);
    throw e;
  }
}

// ---- One writer at a time: <book>.lock, created with O_EXCL ------------------------------------

/**
 * A lock older than this is taken over even if its process seems alive (the pid may have been
 * reused, or the lock came from another machine sharing the folder). A run on the 120k-entry year
 * takes seconds; ten minutes is far beyond any real run.
 */
export const LOCK_STALE_MS = 10 * 60 * 1000;
/** A lock file without readable content (its writer died between create and write) is stale after this. */
const EMPTY_LOCK_STALE_MS = 10 * 1000;

interface LockInfo {
  pid: number;
  host: string;
  started: string;
  command: string;
}

export interface BookLock {
  path: string;
  /** Lines for the user: a stale lock taken over, temp files of killed runs removed. */
  notices: string[];
  /** Throws unless the lock file is still ours (it is taken over only when it looked stale). */
  assertHeld(): void;
  release(): void;
}

/**
 * `<book>.lock` beside the book; for a symbolic link, beside the file it points to, so two runs
 * naming one workbook by different paths still share one lock.
 */
export function lockPathOf(file: string): string {
  let real = file;
  try {
    real = realpathSync(file);
  } catch {
    // not created yet (jifen demo): its own name
  }
  return `${real}.lock`;
}

/** Whether a process with this id exists (EPERM: it exists but belongs to another user). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): { text: string; info: LockInfo | undefined; mtimeMs: number } | undefined {
  try {
    const st = lstatSync(path);
    if (!st.isFile()) throw new UserError(`${path} 不是 jifen 的锁文件（是文件夹或链接），请移走后重试`);
    const text = readFileSync(path, 'utf8');
    const mtimeMs = st.mtimeMs;
    let info: LockInfo | undefined;
    try {
      const j = JSON.parse(text) as Partial<LockInfo>;
      if (typeof j.pid === 'number' && typeof j.started === 'string')
        info = {
          pid: j.pid,
          host: String(j.host ?? ''),
          started: j.started,
          command: String(j.command ?? ''),
        };
    } catch {
      // empty or foreign content: judged by age below
    }
    return { text, info, mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (e instanceof UserError) throw e;
    throw new UserError(ioMessage(e, path, '读取'));
  }
}

function describeHolder(info: LockInfo | undefined): string {
  if (!info) return '另一个 jifen 进程';
  const host = info.host && info.host !== hostname() ? `计算机 ${info.host} 上的` : '';
  return `${host}jifen 进程 ${info.pid}${info.command ? `（${info.command}）` : ''}，开始于 ${info.started}`;
}

/** Why a lock is stale, or undefined while its holder may still be running. */
function staleReason(held: { info: LockInfo | undefined; mtimeMs: number }, now: number): string | undefined {
  const { info } = held;
  if (!info) return now - held.mtimeMs > EMPTY_LOCK_STALE_MS ? '锁文件内容无效' : undefined;
  const started = Date.parse(info.started);
  const age = now - (Number.isNaN(started) ? held.mtimeMs : started);
  if (info.host === hostname() && !pidAlive(info.pid)) return `进程 ${info.pid} 已不在运行`;
  if (age > LOCK_STALE_MS) return `已超过 ${LOCK_STALE_MS / 60000} 分钟`;
  return undefined;
}

/**
 * Takes the exclusive lock `<book>.lock` for a whole read–compute–write, so two runs on one workbook
 * can never interleave (before: a recompute started a second after a publish replaced the book, and the
 * publication survived only in .bak). A lock left by a killed run is taken over with a notice. Then the
 * temp files of killed runs beside the book are removed.
 */
export function acquireBookLock(file: string, command: string): BookLock {
  const path = lockPathOf(file);
  const notices: string[] = [];
  const mine = JSON.stringify({
    pid: process.pid,
    host: hostname(),
    started: new Date().toISOString(),
    command,
  } satisfies LockInfo);
  for (let attempt = 0; ; attempt++) {
    try {
      // 'wx' = O_CREAT | O_EXCL: exactly one process can create the file.
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, mine);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new UserError(ioMessage(e, path, '创建'));
    }
    let held = readLock(path);
    // Created but not yet written (open 'wx', then write): give its writer a moment, to name it.
    for (let wait = 0; held && !held.info && held.text === '' && wait < 10; wait++) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      held = readLock(path);
    }
    if (!held) continue; // released meanwhile: try again
    const busy = () =>
      new UserError(
        `文件 ${file} 正在被${describeHolder(held.info)}修改，请等它结束后再运行。` +
          `如确认没有其他 jifen 在运行，可删除锁文件 ${basename(path)} 后重试`,
      );
    const stale = attempt < 3 ? staleReason(held, Date.now()) : undefined;
    if (!stale) throw busy();
    // Take over by renaming the stale lock aside (atomic): if two runs race to take it over, only one
    // rename moves the stale file; the other moves a fresh lock, notices, and puts it back.
    const aside = tempPath(path);
    try {
      renameSync(path, aside);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new UserError(ioMessage(e, path, '接管'));
    }
    const moved = readFileSync(aside, 'utf8');
    if (moved !== held.text) {
      try {
        linkSync(aside, path);
      } catch {
        // a third run created a lock meanwhile: that one holds it now
      }
      unlinkQuietly(aside);
      throw busy();
    }
    unlinkQuietly(aside);
    notices.push(
      `注意：发现上次中断的运行留下的锁文件 ${basename(path)}（${describeHolder(held.info)}；${stale}），已接管`,
    );
  }
  const removed = removeStaleTemps(file);
  if (removed.length)
    notices.push(`已清理上次中断的运行留下的临时文件 ${removed.length} 个：${removed.join('、')}`);
  return {
    path,
    notices,
    assertHeld() {
      let now: string | undefined;
      try {
        now = readFileSync(path, 'utf8');
      } catch {
        now = undefined;
      }
      if (now !== mine)
        throw new UserError(
          `锁文件 ${basename(path)} 已被另一个 jifen 进程接管或删除（本次运行可能太久，被当作中断的运行）；` +
            '为免两个进程同时写入，本次结果没有写入。请重新运行',
        );
    },
    release() {
      // Only our own lock: if it was taken over (we ran past LOCK_STALE_MS), it is the other run's now.
      try {
        if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
      } catch {
        // already gone
      }
    },
  };
}

/** Runs `work` holding the book's lock (released after a Promise settles, or at once for a value). */
export function withBookLock<T>(file: string, command: string, work: (lock: BookLock) => T): T {
  const lock = acquireBookLock(file, command);
  let result: T;
  try {
    result = work(lock);
  } catch (e) {
    lock.release();
    throw e;
  }
  if (result instanceof Promise) return result.finally(() => lock.release()) as T;
  lock.release();
  return result;
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

// ---- Temp files ----------------------------------------------------------------------------------

/** Suffix of every temp file jifen writes: `.<target>.<pid>-<random>.jifen-tmp`, beside its target. */
const TEMP_RE = /^\..+\.(\d+)-[0-9a-f]+\.jifen-tmp$/;
/** Temp files of earlier versions: `.<target>.<pid>.<Date.now()>.tmp`. */
const LEGACY_TEMP_RE = /^\..+\.(\d+)\.\d{12,}\.tmp$/;

/** A temp file beside the target, so the final rename stays on one file system (and is atomic). */
function tempPath(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.jifen-tmp`);
}

/**
 * Removes temp files a killed run left beside the book (its own temp, its .bak temp, its lock taken
 * aside, the HTML/PDF temps `<stem>-公示-…`): only ours by name, and only of processes no longer alive.
 */
export function removeStaleTemps(file: string): string[] {
  const dir = dirname(file);
  const base = basename(file);
  const stem = basename(file, extname(file));
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const n of names) {
    if (!n.startsWith(`.${base}.`) && !n.startsWith(`.${stem}-`)) continue;
    const m = TEMP_RE.exec(n) ?? LEGACY_TEMP_RE.exec(n);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || pidAlive(pid)) continue;
    try {
      unlinkSync(join(dir, n));
      removed.push(n);
    } catch {
      // removed by someone else, or not ours to remove: leave it
    }
  }
  return removed;
}

/** Writes bytes to a new file and flushes them to disk (a rename must never expose unwritten data). */
function writeDurably(path: string, data: Buffer | string): void {
  const fd = openSync(path, 'wx');
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function assertUnchanged(path: string, since: FileStamp): void {
  let now: FileStamp | undefined;
  try {
    now = stampOf(statSync(path));
  } catch {
    now = undefined;
  }
  if (!now || now.size !== since.size || now.mtimeMs !== since.mtimeMs || now.ino !== since.ino)
    throw new UserError(
      `文件 ${path} 在 jifen 读取之后${now ? '被修改过' : '被删除或移走了'}（可能是 Excel、WPS、同步盘或另一个程序）；` +
        '为免覆盖这些修改，本次结果没有写入。请确认文件内容后重新运行',
    );
}

/**
 * Writes files atomically: every content goes to a temp file first; only when all are written are they
 * renamed into place, so an error or a kill never leaves a half-written workbook. With `backup`, the
 * existing target is first copied to a temp file and renamed to `<file>.bak`, so a kill during the copy
 * leaves the previous good .bak. With `unchangedSince`, the target is checked (size, mtime, inode) just
 * before the backup and again before it is replaced: changes made by another program meanwhile are
 * never overwritten. With `lock`, the lock is checked to be still ours at the same two points.
 */
export function writeFilesAtomically(
  files: readonly { path: string; data: Buffer | string; backup?: boolean; unchangedSince?: FileStamp }[],
  lock?: BookLock,
): {
  backups: string[];
} {
  const temps: string[] = [];
  const backups: string[] = [];
  try {
    for (const f of files) {
      const tmp = tempPath(f.path);
      temps.push(tmp);
      writeDurably(tmp, f.data);
    }
    lock?.assertHeld();
    for (const f of files) {
      if (f.unchangedSince) assertUnchanged(f.path, f.unchangedSince);
      if (f.backup && existsSync(f.path)) {
        const bak = `${f.path}.bak`;
        const bakTmp = tempPath(bak);
        temps.push(bakTmp);
        copyFileSync(f.path, bakTmp, constants.COPYFILE_EXCL);
        renameSync(bakTmp, bak);
        backups.push(bak);
      }
    }
    lock?.assertHeld();
    files.forEach((f, i) => {
      if (f.unchangedSince) assertUnchanged(f.path, f.unchangedSince);
      renameSync(temps[i]!, f.path);
    });
  } catch (e) {
    for (const t of temps) unlinkQuietly(t); // already renamed, or never written
    if (e instanceof UserError) throw e;
    throw new UserError(ioMessage(e, files.map((f) => f.path).join('、'), '写入'));
  }
  return { backups };
}
