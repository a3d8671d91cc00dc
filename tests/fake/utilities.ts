// Utilities (signed-byte digests, base64, formatDate, uuid, blobs, CSV, sleep) and Logger; Java-style byte[] are signed.

import { createHash, createHmac } from 'node:crypto';
import type { GasContext } from './context';
import { formatJavaDate } from './dates';
import { badParams, FakeGasUnsupportedError } from './errors';

type GBlob = GoogleAppsScript.Base.Blob;
type Byte = GoogleAppsScript.Byte;

export const Charset = Object.freeze({ US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const);
export const DigestAlgorithm = Object.freeze({
  MD2: 'MD2',
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
} as const);
export const MacAlgorithm = Object.freeze({
  HMAC_MD5: 'HMAC_MD5',
  HMAC_SHA_1: 'HMAC_SHA_1',
  HMAC_SHA_256: 'HMAC_SHA_256',
  HMAC_SHA_384: 'HMAC_SHA_384',
  HMAC_SHA_512: 'HMAC_SHA_512',
} as const);

const NODE_DIGEST: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

/** Java bytes are signed: 0xba comes back as -70. */
export function toSigned(buf: Uint8Array): Byte[] {
  return Array.from(new Int8Array(buf.buffer, buf.byteOffset, buf.byteLength));
}

/** Byte[] (−128…127) to a Buffer; anything else is not a Java byte[]. */
export function fromBytes(bytes: readonly unknown[], cls: string, method: string): Buffer {
  for (const b of bytes) {
    if (typeof b !== 'number' || !Number.isInteger(b) || b < -128 || b > 127)
      badParams('Utilities', cls, method, [bytes]);
  }
  return Buffer.from((bytes as number[]).map((b) => b & 0xff));
}

function encode(s: string, charset: unknown): Buffer {
  const cs = charset === undefined ? 'UTF_8' : String(charset);
  if (cs === 'UTF_8') return Buffer.from(s, 'utf8');
  if (cs === 'US_ASCII')
    return Buffer.from(
      Array.from(s, (ch) => ((ch.codePointAt(0) ?? 0) > 0x7f ? '?' : ch)).join(''),
      'latin1',
    );
  throw new FakeGasUnsupportedError(`charset ${cs}`);
}

function data(value: unknown, charset: unknown, method: string): Buffer {
  if (typeof value === 'string') return encode(value, charset);
  if (Array.isArray(value)) return fromBytes(value, 'Utilities', method);
  return badParams('Utilities', 'Utilities', method, [value]);
}

export class FakeBlob
  implements
    Pick<
      GBlob,
      | 'copyBlob'
      | 'getAs'
      | 'getBlob'
      | 'getBytes'
      | 'getContentType'
      | 'getDataAsString'
      | 'getName'
      | 'isGoogleType'
      | 'setBytes'
      | 'setContentType'
      | 'setDataFromString'
      | 'setName'
    >
{
  constructor(
    public bytes: Buffer,
    private contentType: string | null = null,
    private name: string | null = null,
  ) {}
  copyBlob(): GBlob {
    return new FakeBlob(Buffer.from(this.bytes), this.contentType, this.name) as unknown as GBlob;
  }
  /** Only the same content type: real conversions (e.g. to PDF) are not faked. */
  getAs(contentType: string): GBlob {
    if (contentType !== this.contentType)
      throw new FakeGasUnsupportedError(`Blob.getAs(${contentType}) conversion`);
    return this.copyBlob();
  }
  getBlob(): GBlob {
    return this as unknown as GBlob;
  }
  getBytes(): Byte[] {
    return toSigned(this.bytes);
  }
  getContentType(): string | null {
    return this.contentType;
  }
  getDataAsString(charset?: string): string {
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) return this.bytes.toString('latin1');
    return this.bytes.toString('utf8');
  }
  getName(): string | null {
    return this.name;
  }
  isGoogleType(): boolean {
    return false;
  }
  setBytes(bytes: Byte[]): GBlob {
    this.bytes = fromBytes(bytes, 'Blob', 'setBytes');
    return this as unknown as GBlob;
  }
  setContentType(contentType: string | null): GBlob {
    this.contentType = contentType;
    return this as unknown as GBlob;
  }
  setDataFromString(s: string, charset?: string): GBlob {
    this.bytes = encode(s, charset === undefined || /^utf-?8$/i.test(charset) ? 'UTF_8' : 'US_ASCII');
    return this as unknown as GBlob;
  }
  setName(name: string): GBlob {
    this.name = name;
    return this as unknown as GBlob;
  }
}

export function newBlob(value: string | Byte[], contentType?: string, name?: string): GBlob {
  const bytes =
    typeof value === 'string' ? Buffer.from(value, 'utf8') : fromBytes(value, 'Utilities', 'newBlob');
  return new FakeBlob(
    bytes,
    contentType ?? (typeof value === 'string' ? 'text/plain' : null),
    name ?? null,
  ) as unknown as GBlob;
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF). */
export function parseCsv(csv: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && csv[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

type UtilPick =
  | 'base64Decode'
  | 'base64DecodeWebSafe'
  | 'base64Encode'
  | 'base64EncodeWebSafe'
  | 'computeDigest'
  | 'computeHmacSha256Signature'
  | 'computeHmacSignature'
  | 'formatDate'
  | 'formatString'
  | 'getUuid'
  | 'newBlob'
  | 'parseCsv'
  | 'sleep';

export class FakeUtilities implements Pick<GoogleAppsScript.Utilities.Utilities, UtilPick> {
  readonly Charset = Charset as unknown as typeof GoogleAppsScript.Utilities.Charset;
  readonly DigestAlgorithm = DigestAlgorithm as unknown as typeof GoogleAppsScript.Utilities.DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm as unknown as typeof GoogleAppsScript.Utilities.MacAlgorithm;

  constructor(private readonly ctx: GasContext) {}

  private hit(m: string): void {
    this.ctx.hit(`Utilities.${m}`);
  }

  /** Signed bytes, like the real one: SHA-256 of "abc" starts [-70, 120, 22, -65]. */
  computeDigest(
    algorithm: GoogleAppsScript.Utilities.DigestAlgorithm,
    value: string | Byte[],
    charset?: unknown,
  ): Byte[] {
    this.hit('computeDigest');
    const alg = NODE_DIGEST[String(algorithm)];
    if (!alg) throw new FakeGasUnsupportedError(`digest algorithm ${String(algorithm)}`);
    return toSigned(
      createHash(alg)
        .update(data(value, charset, 'computeDigest'))
        .digest(),
    );
  }
  computeHmacSha256Signature(value: string | Byte[], key: string | Byte[], charset?: unknown): Byte[] {
    this.hit('computeHmacSha256Signature');
    return toSigned(
      createHmac('sha256', data(key, charset, 'computeHmacSha256Signature'))
        .update(data(value, charset, 'computeHmacSha256Signature'))
        .digest(),
    );
  }
  computeHmacSignature(
    algorithm: GoogleAppsScript.Utilities.MacAlgorithm,
    value: string | Byte[],
    key: string | Byte[],
    charset?: unknown,
  ): Byte[] {
    this.hit('computeHmacSignature');
    const alg = NODE_DIGEST[String(algorithm).replace('HMAC_', '')];
    if (!alg) throw new FakeGasUnsupportedError(`MAC algorithm ${String(algorithm)}`);
    return toSigned(
      createHmac(alg, data(key, charset, 'computeHmacSignature'))
        .update(data(value, charset, 'computeHmacSignature'))
        .digest(),
    );
  }
  base64Encode(value: string | Byte[], charset?: unknown): string {
    this.hit('base64Encode');
    return data(value, charset, 'base64Encode').toString('base64');
  }
  base64EncodeWebSafe(value: string | Byte[], charset?: unknown): string {
    this.hit('base64EncodeWebSafe');
    return data(value, charset, 'base64EncodeWebSafe')
      .toString('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
  }
  base64Decode(encoded: string, _charset?: unknown): Byte[] {
    this.hit('base64Decode');
    return toSigned(Buffer.from(encoded, 'base64'));
  }
  base64DecodeWebSafe(encoded: string, _charset?: unknown): Byte[] {
    this.hit('base64DecodeWebSafe');
    return toSigned(Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }
  /** Java SimpleDateFormat patterns in the given zone ('yyyy-MM-dd HH:mm:ss', "yyyy-MM-dd'T'HH:mm:ssXXX", …). */
  formatDate(date: Date, timeZone: string, format: string): string {
    this.hit('formatDate');
    if (!(date instanceof Date)) badParams('Utilities', 'Utilities', 'formatDate', [date, timeZone, format]);
    return formatJavaDate(date, timeZone, format);
  }
  /** sprintf subset: %s %d %f %.Nf %%. */
  formatString(template: string, ...args: unknown[]): string {
    this.hit('formatString');
    let i = 0;
    return template.replace(/%(\.(\d+))?([sdf%])/g, (_m, _p, prec: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      const v = args[i++];
      if (conv === 'd') return String(Math.trunc(Number(v)));
      if (conv === 'f') return Number(v).toFixed(prec === undefined ? 6 : Number(prec));
      return String(v);
    });
  }
  /** Deterministic per fake unless options.uuid is given. */
  getUuid(): string {
    this.hit('getUuid');
    const custom = this.ctx.options.uuid;
    if (custom) return custom();
    const n = this.ctx.next('uuid').toString(16).padStart(12, '0');
    return `fa4e0000-0000-4000-8000-${n}`;
  }
  newBlob(value: string | Byte[], contentType?: string, name?: string): GBlob {
    this.hit('newBlob');
    return newBlob(value, contentType, name);
  }
  parseCsv(csv: string, delimiter?: string): string[][] {
    this.hit('parseCsv');
    return parseCsv(csv, delimiter);
  }
  /** Advances the fake clock; never blocks. */
  sleep(milliseconds: number): void {
    this.hit('sleep');
    this.ctx.clock.advance(milliseconds);
  }
}

export class FakeLogger implements Pick<GoogleAppsScript.Base.Logger, 'clear' | 'getLog' | 'log'> {
  readonly lines: string[] = [];
  clear(): void {
    this.lines.length = 0;
  }
  getLog(): string {
    return this.lines.map((l) => `${l}\n`).join('');
  }
  log(data: unknown, ...values: unknown[]): GoogleAppsScript.Base.Logger {
    let s = typeof data === 'string' ? data : JSON.stringify(data);
    if (values.length > 0 && typeof data === 'string') {
      let i = 0;
      s = data.replace(/%s/g, () => String(values[i++]));
    }
    this.lines.push(s);
    return this as unknown as GoogleAppsScript.Base.Logger;
  }
}
