import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kernelReadUnsigned, strtoulBase0 } from '../../server/src/model/numbers';

test('xl reads numbers with strtoul base 0 into 32 bits', () => {
  const cases: [string, number][] = [
    ['44100', 44100], ['044100', 18496], ['0x10', 16], ['010', 8], ['08', 0], ['0x', 0], ['lots', 0],
    ['2x', 2], ['96k', 96], [' 7', 7], ['-1', 4294967295], ['4294967296', 0], ['4294967297', 1], ['+5', 5],
  ];
  for (const [text, value] of cases) assert.equal(strtoulBase0(text).value, value, text);
  assert.equal(strtoulBase0('lots').digits, false);
  assert.equal(strtoulBase0('96k').junk, true);
  assert.equal(strtoulBase0('99999999999999999999999').overflow, true);
  assert.equal(strtoulBase0('99999999999999999999999').value, 4294967295);
});

test('the kernel reads %u: blanks (with 0xA0) skipped, no sign, base 10, wraps', () => {
  const cases: [string, number, boolean][] = [
    ['2', 2, true], ['  2', 2, true], ['\xa02', 2, true], ['\t\n2', 2, true], ['2abc', 2, true],
    ['-1', 0, false], ['+1', 0, false], ['abc', 0, false], ['', 0, false], ['0x10', 0, true], ['010', 10, true],
    ['4294967297', 1, true], ['4294967296', 0, true], ['18446744073709551617', 1, true],
  ];
  for (const [text, value, converted] of cases) {
    const r = kernelReadUnsigned(text);
    assert.equal(r.value, value, JSON.stringify(text));
    assert.equal(r.converted, converted, JSON.stringify(text));
  }
});
