import { describe, expect, it } from 'vitest';
import { base32, fromBase32, totpAccepts, totpCode } from '../../src/estate/portal/totp.ts';

// RFC 6238 Appendix B, SHA-1: the secret is the ASCII "12345678901234567890"; the RFC prints 8
// digits, an authenticator shows the last 6.
const SECRET = base32(Buffer.from('12345678901234567890', 'ascii'));

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
    [20000000000, '353130'],
  ])('at T=%i s the code is %s', (seconds, code) => {
    expect(totpCode(SECRET, seconds * 1000)).toBe(code);
  });

  it('base32 round-trips and matches RFC 4648', () => {
    expect(base32(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(fromBase32('MZXW6YTBOI').toString()).toBe('foobar');
    expect(() => fromBase32('not base32!')).toThrow(/unexpected "1"|unexpected " "|unexpected "!"/);
  });

  it('accepts the code one step either side and refuses anything further or malformed', () => {
    const at = 1111111111_000;
    expect(totpAccepts(SECRET, totpCode(SECRET, at - 30_000), at)).toBe(true);
    expect(totpAccepts(SECRET, totpCode(SECRET, at + 30_000), at)).toBe(true);
    expect(totpAccepts(SECRET, totpCode(SECRET, at - 90_000), at)).toBe(false);
    expect(totpAccepts(SECRET, '12345', at)).toBe(false);
    expect(totpAccepts(SECRET, '', at)).toBe(false);
  });
});
