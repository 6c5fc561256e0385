/**
 * The two ways a number is read: xl reads with glibc's strtoul(s, NULL, 0) and keeps 32 bits;
 * the Linux frontend reads XenStore with the kernel's vsscanf("%u") (xenbus_read_unsigned).
 */

const TWO_32 = 4294967296;

export interface StrtoulResult {
  /** The value as stored in a uint32. */
  readonly value: number;
  readonly base: 8 | 10 | 16;
  /** Characters consumed, including leading blanks, sign and prefix. */
  readonly consumed: number;
  readonly digits: boolean;
  readonly negative: boolean;
  readonly positiveSign: boolean;
  /** The unsigned long overflowed (glibc returns ULONG_MAX) or the value exceeds 32 bits. */
  readonly overflow: boolean;
  /** Something follows the number. */
  readonly junk: boolean;
}

const C_SPACE = ' \t\n\v\f\r';

function digitValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 87;
  if (code >= 65 && code <= 90) return code - 55;
  return 99;
}

/** glibc strtoul(s, NULL, 0), truncated to uint32 the way libxl's uint32 fields keep it. */
export function strtoulBase0(s: string): StrtoulResult {
  return strtoul(s, 0);
}

/** glibc strtoul(s, NULL, base) for base 0 (from the prefix) or 10, truncated to uint32. */
export function strtoul(s: string, fixedBase: 0 | 10): StrtoulResult {
  let i = 0;
  while (i < s.length && C_SPACE.includes(s[i])) i++;
  let negative = false;
  let positiveSign = false;
  if (s[i] === '-' || s[i] === '+') {
    negative = s[i] === '-';
    positiveSign = s[i] === '+';
    i++;
  }
  let base: 8 | 10 | 16 = 10;
  if (fixedBase === 0 && s[i] === '0') {
    if ((s[i + 1] === 'x' || s[i + 1] === 'X') && digitValue(s[i + 2] ?? '') < 16) {
      base = 16;
      i += 2;
    } else {
      base = 8;
    }
  }
  const from = i;
  // Plain numbers while exact; BigInt only for the rare values beyond 2^53.
  let small = 0;
  let big: bigint | undefined;
  while (i < s.length && digitValue(s[i]) < base) {
    const d = digitValue(s[i]);
    if (big === undefined) {
      small = small * base + d;
      if (small > Number.MAX_SAFE_INTEGER / 16) big = BigInt(small);
    } else {
      big = big * BigInt(base) + BigInt(d);
    }
    i++;
  }
  if (i === from) {
    return { value: 0, base, consumed: 0, digits: false, negative, positiveSign, overflow: false, junk: s.trim().length > 0 };
  }
  if (big === undefined) {
    // Exact in a double: no BigInt needed.
    let value = small % TWO_32;
    if (negative && small !== 0) value = (TWO_32 - value) % TWO_32;
    return { value, base, consumed: i, digits: true, negative, positiveSign, overflow: !negative && small > 0xffffffff, junk: i < s.length };
  }
  const ULONG_MAX = (1n << 64n) - 1n;
  let overflow = big > ULONG_MAX;
  let unsignedLong = overflow ? ULONG_MAX : big;
  if (negative && !overflow) unsignedLong = ((1n << 64n) - unsignedLong) & ULONG_MAX;
  const value = Number(unsignedLong & 0xffffffffn);
  if (!negative && big > 0xffffffffn) overflow = true;
  return { value, base, consumed: i, digits: true, negative, positiveSign, overflow, junk: i < s.length };
}

export interface KernelUnsignedResult {
  /** What xenbus_read_unsigned returns: 0 when scanf converts nothing (the default). */
  readonly value: number;
  readonly converted: boolean;
  readonly signed: boolean;
  readonly junk: boolean;
  readonly overflow: boolean;
  /** The text looks like hex or octal to a person, but the kernel reads decimal. */
  readonly prefixed: boolean;
}

/** lib/ctype.c isspace: \t \n \v \f \r, space and 0xA0. */
function isKernelSpace(code: number): boolean {
  return (code >= 9 && code <= 13) || code === 32 || code === 0xa0;
}

/** Kernel vsscanf("%u"): skip blanks, require an ASCII digit, read base 10, wrap modulo 2^32. */
export function kernelReadUnsigned(s: string): KernelUnsignedResult {
  let i = 0;
  while (i < s.length && isKernelSpace(s.charCodeAt(i))) i++;
  const signed = s[i] === '-' || s[i] === '+';
  const from = i;
  let value = 0;
  let overflow = false;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
    value = value * 10 + (s.charCodeAt(i) - 48);
    if (value >= TWO_32) {
      overflow = true;
      value %= TWO_32;
    }
    i++;
  }
  const converted = i > from;
  const prefixed = /^0[xX]/.test(s.slice(from)) || (/^0[0-9]/.test(s.slice(from)));
  return { value: converted ? value : 0, converted, signed, junk: converted ? i < s.length : s.length > 0, overflow, prefixed };
}
