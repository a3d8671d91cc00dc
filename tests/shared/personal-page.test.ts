// The personal page's pure parts: the token format, the constant-time compare and the JSON embedded in a script element.
import {
  constantTimeEqual,
  formatToken,
  jsonForScript,
  parseToken,
  refusalBody,
  tokenPayload,
} from '../../src/shared/personal-page';

const SIG = 'CzehnlXobXjO-8GFbFOYGB8Utzwd3_Zs6KXxXtgXrRI';

describe('parseToken', () => {
  test('splits from the right, so a cadre id may hold dots', () => {
    expect(parseToken(`001.20271210.${SIG}`)).toEqual({
      cadreId: '001',
      expires: '20271210',
      signature: SIG,
    });
    expect(parseToken(`A.1.20271210.${SIG}`)).toEqual({
      cadreId: 'A.1',
      expires: '20271210',
      signature: SIG,
    });
    const p = { cadreId: '007', expires: '20270101', signature: SIG };
    expect(parseToken(formatToken(p))).toEqual(p);
  });
  test.each([
    ['no parts', SIG],
    ['two parts', `001.${SIG}`],
    ['empty id', `.20271210.${SIG}`],
    ['expiry not 8 digits', `001.2027121.${SIG}`],
    ['short signature', '001.20271210.abc'],
    ['signature with padding or other characters', `001.20271210.${SIG}=`],
    ['too long', `${'1'.repeat(300)}.20271210.${SIG}`],
  ])('%s → null', (_n, t) => {
    expect(parseToken(t)).toBeNull();
  });
  test('non-strings → null', () => {
    expect(parseToken(undefined)).toBeNull();
    expect(parseToken(['001.20271210.x'])).toBeNull();
  });
});

test('constantTimeEqual: equal only for the same text, whatever the lengths', () => {
  expect(constantTimeEqual(SIG, SIG)).toBe(true);
  expect(constantTimeEqual(SIG, `${SIG.slice(0, -1)}J`)).toBe(false);
  expect(constantTimeEqual(SIG, SIG.slice(0, -1))).toBe(false);
  expect(constantTimeEqual(`${SIG}\u0000`, SIG)).toBe(false);
  expect(constantTimeEqual('', '')).toBe(true);
});

test('the signed payload names the spreadsheet, the cadre and the expiry', () => {
  expect(tokenPayload('book-1', '001', '20271210')).toBe('jifen-personal-v1|book-1|001|20271210');
});

test('jsonForScript cannot end the script element or open a comment', () => {
  const text = jsonForScript({ a: '</script><!-- & \u2028' });
  expect(text).toBe('{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028"}');
  expect(JSON.parse(text)).toEqual({ a: '</script><!-- & \u2028' });
});

test('a refusal escapes its message', () => {
  expect(refusalBody('<b>x</b>')).toBe(
    '<div class="refusal" id="refusal" role="alert"><h1>无法打开个人积分页面</h1><p>&lt;b&gt;x&lt;/b&gt;</p></div>',
  );
});
