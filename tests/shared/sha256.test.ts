// The platform-neutral SHA-256: FIPS 180-4 vectors, UTF-8 edge cases and random strings against Node's crypto.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Hex, utf8Bytes } from '../../src/shared/sha256';

const node = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

test.each([
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  [
    'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  ],
])('FIPS 180-4 vector %j', (input, hex) => {
  expect(sha256Hex(input)).toBe(hex);
});

test('one million "a" (FIPS 180-4 long vector)', () => {
  expect(sha256Hex('a'.repeat(1_000_000))).toBe(
    'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
  );
});

test('CJK, emoji (surrogate pairs) and block-boundary lengths agree with Node crypto', () => {
  for (const s of [
    '干部积分申请表',
    '调解3号楼漏水纠纷 ',
    '👍🏽申报',
    'a'.repeat(55),
    'a'.repeat(56),
    'a'.repeat(64),
  ]) {
    expect(sha256Hex(s)).toBe(node(s));
  }
});

test('a lone surrogate is encoded as U+FFFD, like Node', () => {
  expect([...utf8Bytes('\ud800x')]).toEqual([0xef, 0xbf, 0xbd, 0x78]);
  expect(sha256Hex('\udc00')).toBe(node('\udc00'));
});

test('random strings agree with Node crypto', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => sha256Hex(s) === node(s)),
    { numRuns: 300, seed: 7 },
  );
});
