import { createHmac } from 'node:crypto';
import type { SyntheticPatient } from './patient.ts';

/**
 * The watermark lets anyone holding a record prove it came from phi-drill, and from which seed and
 * position, without a database: the check is an HMAC over the record's identifiers. The key is a
 * public label, not a secret: this detects accidental edits and look-alike records, not forgery.
 */
const WATERMARK_KEY = 'phi-drill synthetic patient watermark v1';
const WATERMARK = /^phi-drill:v1:(\d+):(\d+):([0-9a-f]{16})$/;

type WatermarkedFields = Pick<
  SyntheticPatient,
  'index' | 'id' | 'mrn' | 'ssn' | 'phone' | 'email' | 'insurance'
>;

function check(seed: number, p: WatermarkedFields): string {
  return createHmac('sha256', WATERMARK_KEY)
    .update([seed, p.index, p.id, p.mrn, p.ssn, p.phone, p.email, p.insurance.memberId].join('|'))
    .digest('hex')
    .slice(0, 16);
}

export function watermarkFor(seed: number, p: WatermarkedFields): string {
  return `phi-drill:v1:${seed}:${p.index}:${check(seed, p)}`;
}

export function parseWatermark(
  watermark: string,
): { seed: number; index: number; check: string } | undefined {
  const match = WATERMARK.exec(watermark);
  if (!match) return undefined;
  return { seed: Number(match[1]), index: Number(match[2]), check: match[3]! };
}

/** True when the watermark is well formed, names this record's index and matches its identifiers. */
export function verifyWatermark(p: SyntheticPatient): boolean {
  const parsed = parseWatermark(p.watermark);
  if (!parsed || parsed.index !== p.index) return false;
  return parsed.check === check(parsed.seed, p);
}
