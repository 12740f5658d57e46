import { createHmac } from 'node:crypto';

/** How the EHR's emergency override ("break the glass") is configured. */
export interface BreakGlassConfig {
  /** Refuse the override without a valid second-factor assertion (164.312(d)). */
  requireMfa: boolean;
  /** Refuse the override without a written reason, which the privacy office reviews afterwards. */
  requireJustification: boolean;
  /** How long the elevated access may last. */
  timeBoxMs: number;
  /**
   * Whether the elevated token expires when its time box ends. When false it lives as long as a
   * shift session (`SHIFT_SESSION_MS`): the override is still on record as time-boxed, but nothing
   * enforces the box.
   */
  enforceTimeBox: boolean;
}

/** The elevated grant an override issues, kept on the token so audit and containment can find it. */
export interface BreakGlassGrant {
  reason: string;
  mfa: boolean;
  /** When the policy's time box ends, whether or not the token honours it. */
  timeBoxEndsAt: number;
}

export const BREAK_GLASS_SCOPES = ['user/*.rs'] as const;
export const SHIFT_SESSION_MS = 12 * 3_600_000;

export function defaultBreakGlassConfig(): BreakGlassConfig {
  return { requireMfa: true, requireJustification: true, timeBoxMs: 3_600_000, enforceTimeBox: true };
}

const MFA_STEP_MS = 30_000;

/**
 * A TOTP-style code (RFC 6238 shape: HMAC over the 30-second step, six digits) keyed with the
 * clinician's client secret, standing in for the authenticator app the clinician carries.
 */
export function mfaCode(secret: string, time: number): string {
  const step = Math.floor(time / MFA_STEP_MS);
  const digest = createHmac('sha256', secret).update(String(step)).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** Accepts the current or the previous step, allowing for a code typed just before it rolled over. */
export function mfaValid(secret: string, assertion: string, now: number): boolean {
  return assertion === mfaCode(secret, now) || assertion === mfaCode(secret, now - MFA_STEP_MS);
}

/** Purpose of use "break the glass" (http://terminology.hl7.org/CodeSystem/v3-ActReason). */
export const BTG = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  code: 'BTG',
  display: 'break the glass',
} as const;
