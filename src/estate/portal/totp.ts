import { createHmac, timingSafeEqual } from 'node:crypto';

/** RFC 6238 defaults, which every authenticator app uses: 30-second steps, 6 digits, HMAC-SHA-1. */
const STEP_MS = 30_000;
const DIGITS = 6;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding: how authenticator apps and `otpauth://` URIs carry the secret. */
export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return bits > 0 ? out + BASE32[(value << (5 - bits)) & 31] : out;
}

export function fromBase32(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`not a base32 TOTP secret (unexpected "${char}")`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The RFC 4226 HOTP value for one counter (RFC 6238 §4: the counter is the time step). */
function hotp(secret: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** DIGITS;
  return String(code).padStart(DIGITS, '0');
}

/** The code an authenticator shows at `at` (epoch ms) for a base32 secret. */
export function totpCode(secretBase32: string, at: number): string {
  return hotp(fromBase32(secretBase32), Math.floor(at / STEP_MS));
}

/**
 * Whether `code` is right at `at`, allowing one step either side for clock drift and typing time
 * (RFC 6238 §5.2 recommends at most one).
 */
export function totpAccepts(secretBase32: string, code: string, at: number): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const secret = fromBase32(secretBase32);
  const step = Math.floor(at / STEP_MS);
  return [step - 1, step, step + 1].some((counter) =>
    timingSafeEqual(Buffer.from(hotp(secret, counter)), Buffer.from(code)),
  );
}
