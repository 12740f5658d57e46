import { createHmac, createSecretKey } from 'node:crypto';
import type { SyntheticPatient } from './patient.ts';

/**
 * The watermark lets anyone holding a record prove it came from phi-drill, and from which seed and
 * position, without a database: the check is an HMAC over the record's identifiers. The key is a
 * public label, not a secret: this detects accidental edits and look-alike records, not forgery.
 */
const WATERMARK_KEY = 'phi-drill synthetic patient watermark v1';
/** The key imported once: an HMAC given a string key imports it again on every record. */
const watermarkKey = createSecretKey(Buffer.from(WATERMARK_KEY, 'utf8'));
/**
 * `phi-drill:v2:s<seed>:p<index>:<check>`, seed and index in base 36, the check in consonants only:
 * no run of digits long enough (12+) for a DLP scanner to read as a card, account or phone number,
 * which the hex check of v1 sometimes was (all digits, passing Luhn with a real card prefix).
 */
const WATERMARK = /^phi-drill:v2:s(-?[0-9a-z]{1,11}):p([0-9a-z]{1,11}):([bcdfghjkmnpqrstvwxz]{16})$/;
const CHECK_LETTERS = 'bcdfghjkmnpqrstvwxz';

type WatermarkedFields = Pick<
  SyntheticPatient,
  'index' | 'id' | 'mrn' | 'ssn' | 'phone' | 'email' | 'insurance'
>;

function check(seed: number, p: WatermarkedFields): string {
  return createHmac('sha256', watermarkKey)
    .update([seed, p.index, p.id, p.mrn, p.ssn, p.phone, p.email, p.insurance.memberId].join('|'))
    .digest()
    .subarray(0, 16)
    .reduce((text, byte) => text + CHECK_LETTERS[byte % CHECK_LETTERS.length], '');
}

export function watermarkFor(seed: number, p: WatermarkedFields): string {
  return `phi-drill:v2:s${seed.toString(36)}:p${p.index.toString(36)}:${check(seed, p)}`;
}

export function parseWatermark(
  watermark: string,
): { seed: number; index: number; check: string } | undefined {
  const match = WATERMARK.exec(watermark);
  if (!match) return undefined;
  return { seed: Number.parseInt(match[1]!, 36), index: Number.parseInt(match[2]!, 36), check: match[3]! };
}

/** True when the watermark is well formed, names this record's index and matches its identifiers. */
export function verifyWatermark(p: SyntheticPatient): boolean {
  const parsed = parseWatermark(p.watermark);
  if (!parsed || parsed.index !== p.index) return false;
  return parsed.check === check(parsed.seed, p);
}
