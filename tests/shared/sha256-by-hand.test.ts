// SHA-256 at UTF-8's edges: every encoding-length boundary, each kind of lone or mismatched surrogate, and every padding length, against Node's crypto.
import { createHash } from 'node:crypto';
import { sha256Hex, utf8Bytes } from '../../src/shared/sha256';

const node = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

test.each([
  ['U+007F (last 1-byte)', '\u007f', [0x7f]],
  ['U+0080 (first 2-byte)', '\u0080', [0xc2, 0x80]],
  ['é', 'é', [0xc3, 0xa9]],
  ['U+07FF (last 2-byte)', '\u07ff', [0xdf, 0xbf]],
  ['U+0800 (first 3-byte)', '\u0800', [0xe0, 0xa0, 0x80]],
  ['U+D7FF (below the surrogates)', '\ud7ff', [0xed, 0x9f, 0xbf]],
  ['U+E000 (above the surrogates)', '\ue000', [0xee, 0x80, 0x80]],
  ['U+FFFF (last 3-byte)', '\uffff', [0xef, 0xbf, 0xbf]],
  ['U+10000 (first 4-byte, D800 DC00)', '\ud800\udc00', [0xf0, 0x90, 0x80, 0x80]],
  ['U+10FFFF (DBFF DFFF)', '\udbff\udfff', [0xf4, 0x8f, 0xbf, 0xbf]],
  ['U+1F44D 👍', '👍', [0xf0, 0x9f, 0x91, 0x8d]],
  ['a lone high surrogate at the end', 'a\ud800', [0x61, 0xef, 0xbf, 0xbd]],
  ['a lone low surrogate (DFFF)', '\udfff', [0xef, 0xbf, 0xbd]],
  ['two low surrogates', '\udc00\udc00', [0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd]],
  ['a high surrogate before U+E000', '\ud800\ue000', [0xef, 0xbf, 0xbd, 0xee, 0x80, 0x80]],
  [
    'a high surrogate before a high one, then a low',
    '\ud800\udbff\udc00',
    [0xef, 0xbf, 0xbd, 0xf4, 0x8f, 0xb0, 0x80],
  ],
])('%s: UTF-8 bytes and digest as Node gives them', (_name, s, bytes) => {
  expect([...utf8Bytes(s)]).toEqual(bytes);
  expect([...utf8Bytes(s)]).toEqual([...Buffer.from(s, 'utf8')]);
  expect(sha256Hex(s)).toBe(node(s));
});

test('every message length from 0 to 200 bytes (one, two and three blocks; the 55/56 padding edge)', () => {
  for (let n = 0; n <= 200; n++) expect(sha256Hex('x'.repeat(n))).toBe(node('x'.repeat(n)));
});

test('multi-byte characters across block boundaries', () => {
  for (let n = 50; n <= 70; n++) {
    const s = `${'a'.repeat(n)}干部👍é`;
    expect(sha256Hex(s)).toBe(node(s));
  }
});
