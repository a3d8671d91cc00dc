// Minimal ZIP reader/writer (store + deflate) for patching .xlsx packages without re-encoding untouched parts.

import * as zlib from 'node:zlib';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** Thrown for anything that is not a readable ZIP; its message is Chinese, shown inside the caller's sentence. */
export class ZipFormatError extends Error {}

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** The compressed bytes, exactly as in the source archive (copied as is when the part is unchanged). */
  raw: Buffer;
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

// zlib.crc32 (native, ~20× faster) exists from Node 20.15; engines allows any Node 20, hence the fallback.
const nativeCrc32 = (zlib as { crc32?: (data: Buffer, value?: number) => number }).crc32;

/** CRC-32 of a buffer; `previous` continues the CRC of the bytes before it (0 to start). */
export function crc32(buf: Buffer, previous = 0): number {
  return nativeCrc32 ? nativeCrc32(buf, previous) >>> 0 : jsCrc32(buf, previous);
}

/** CRC-32 in JavaScript (exported for the test that checks both agree). */
export function jsCrc32(buf: Buffer, previous = 0): number {
  let c = ~previous;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** Parses the central directory. Entries keep archive order. */
export function readZip(buf: Buffer): ZipEntry[] {
  // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('找不到压缩包的目录，文件可能不完整');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  let p = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) throw new ZipFormatError('不支持 ZIP64 格式');
  if (p + cdSize > buf.length) throw new ZipFormatError('压缩包目录超出文件末尾，文件可能不完整');
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50)
      throw new ZipFormatError('压缩包目录已损坏');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) throw new ZipFormatError(`部件 ${name} 已加密（请在 Excel 中取消密码后再试）`);
    if (method !== 0 && method !== 8)
      throw new ZipFormatError(`部件 ${name} 使用了不支持的压缩方式 ${method}`);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50)
      throw new ZipFormatError(`部件 ${name} 的文件头已损坏`);
    if (seen.has(name)) throw new ZipFormatError(`压缩包中有两个同名部件 ${name}`);
    seen.add(name);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressedSize > buf.length)
      throw new ZipFormatError(`部件 ${name} 超出文件末尾，文件可能不完整`);
    entries.push({
      name,
      method,
      crc,
      compressedSize,
      size,
      raw: buf.subarray(start, start + compressedSize),
    });
  }
  return entries;
}

/**
 * The uncompressed bytes of an entry (CRC checked, so a damaged part is reported, not misread).
 * Inflation stops as soon as the output passes the size the archive declares for the entry
 * (zlib's `maxOutputLength`, checked chunk by chunk while inflating:
 * https://nodejs.org/api/zlib.html#class-options), so a part that lies about its size (a zip bomb)
 * costs at most its declared size in memory; the caller caps the declared sizes before calling.
 */
export function entryData(e: ZipEntry): Buffer {
  let data: Buffer;
  if (e.method === 0) data = e.raw;
  else
    try {
      // maxOutputLength must be ≥ 1; an empty part declared as 0 bytes then fails the length check below.
      data = inflateRawSync(e.raw, { maxOutputLength: Math.max(1, e.size) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        throw new ZipFormatError(
          `部件 ${e.name} 解压后超过压缩包记录的 ${e.size} 字节，已停止解压（可能是恶意构造的文件）`,
        );
      throw new ZipFormatError(`部件 ${e.name} 无法解压`);
    }
  if (data.length !== e.size || crc32(data) !== e.crc)
    throw new ZipFormatError(`部件 ${e.name} 的校验和不符`);
  return data;
}

/** Parts up to this size deflate at level 6 in one piece; bigger ones at level 1, chunk by chunk. */
const BIG_PART = 1024 * 1024;

/**
 * Builds a deflated entry from chunks pushed one at a time, so a big part (the 120k-row ledger's
 * 100 MiB of XML) never exists as one buffer: each chunk is compressed as soon as it arrives and only
 * the compressed bytes (about a tenth) are kept.
 *
 * Why this is one valid deflate stream: each chunk is deflated on its own and ended with a full flush
 * (`finishFlush: Z_FULL_FLUSH`) instead of a final block, so its output ends on a byte boundary with no
 * BFINAL block and no back-reference crosses into the next chunk (RFC 1951 §3.2.3; the same
 * construction as pigz's independent blocks); the last call ends the stream with Z_FINISH. Node's
 * synchronous zlib cannot continue one stream across calls, and the CLI's commands are synchronous.
 */
export class EntryWriter {
  /** Bytes pushed and not yet deflated (less than BIG_PART). */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly raw: Buffer[] = [];
  private crc = 0;
  private size = 0;

  constructor(private readonly name: string) {}

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.crc = crc32(chunk, this.crc);
    this.size += chunk.length;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= BIG_PART) this.deflatePending();
  }

  private deflatePending(): void {
    const piece = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    this.raw.push(deflateRawSync(piece, { level: 1, finishFlush: zlib.constants.Z_FULL_FLUSH }));
  }

  finish(): ZipEntry {
    // A part that stayed small is deflated in one piece, at level 6.
    if (this.raw.length === 0) return makeEntry(this.name, Buffer.concat(this.pending));
    if (this.pendingBytes > 0) this.deflatePending();
    // An empty input with Z_FINISH is just the final (empty) block that ends the stream.
    this.raw.push(deflateRawSync(Buffer.alloc(0), { level: 1 }));
    const raw = Buffer.concat(this.raw);
    this.raw.length = 0;
    return { name: this.name, method: 8, crc: this.crc, compressedSize: raw.length, size: this.size, raw };
  }
}

/** A new deflated entry. */
export function makeEntry(name: string, data: Buffer | string): ZipEntry {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  // Big parts (a 100k-row sheet) deflate at level 1: several times faster than the default 6, and the
  // repetitive sheet XML still shrinks about tenfold (npm run bench shows the file size).
  const raw = deflateRawSync(buf, { level: buf.length > BIG_PART ? 1 : 6 });
  return { name, method: 8, crc: crc32(buf), compressedSize: raw.length, size: buf.length, raw };
}

/** Serialises entries into a ZIP archive (no zip64: parts of a workbook stay far below 4 GiB). */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  // A fixed DOS timestamp (1980-01-01) keeps output byte-stable for the same content.
  const dosTime = 0;
  const dosDate = (0 << 9) | (1 << 5) | 1;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.compressedSize, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x800, 8);
    cd.writeUInt16LE(e.method, 10);
    cd.writeUInt16LE(dosTime, 12);
    cd.writeUInt16LE(dosDate, 14);
    cd.writeUInt32LE(e.crc, 16);
    cd.writeUInt32LE(e.compressedSize, 20);
    cd.writeUInt32LE(e.size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    chunks.push(local, name, e.raw);
    central.push(cd, name);
    offset += 30 + name.length + e.raw.length;
  }
  const cdSize = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}
