// Workbook file I/O for the CLI: open with clear Chinese errors, back up, write atomically (temp file, then rename).

import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
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

/** Opens a workbook for reading (and, when `forWrite`, checks it can be replaced afterwards). */
export function openBook(file: string, forWrite: boolean): { pkg: XlsxPackage; size: number } {
  let buf: Buffer;
  try {
    if (statSync(file).isDirectory()) throw Object.assign(new Error('dir'), { code: 'EISDIR' });
    buf = readFileSync(file);
  } catch (e) {
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
    return { pkg: XlsxPackage.open(buf), size: buf.length };
  } catch (e) {
    if (e instanceof XlsxFormatError) throw new UserError(`无法打开 ${file}：${e.message}`);
    throw e;
  }
}

/** A temp file beside the target, so the final rename stays on one file system (and is atomic). */
function tempPath(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
}

/**
 * Writes files atomically: every content goes to a temp file first; only when all are written are they
 * renamed into place, so an error never leaves a half-written workbook. With `backup`, the existing
 * target is first copied to `<file>.bak`.
 */
export function writeFilesAtomically(
  files: readonly { path: string; data: Buffer | string; backup?: boolean }[],
): {
  backups: string[];
} {
  const temps: string[] = [];
  const backups: string[] = [];
  try {
    for (const f of files) {
      const tmp = tempPath(f.path);
      temps.push(tmp);
      writeFileSync(tmp, f.data);
    }
    for (const f of files) {
      if (f.backup && existsSync(f.path)) {
        copyFileSync(f.path, `${f.path}.bak`);
        backups.push(`${f.path}.bak`);
      }
    }
    files.forEach((f, i) => {
      renameSync(temps[i]!, f.path);
    });
  } catch (e) {
    for (const t of temps) {
      try {
        unlinkSync(t);
      } catch {
        // already renamed or never written
      }
    }
    if (e instanceof UserError) throw e;
    throw new UserError(ioMessage(e, files.map((f) => f.path).join('、'), '写入'));
  }
  return { backups };
}
